import { describe, expect, it } from 'vitest';
import { asciiOf, formatHexDump, hexLine, hexLineCount } from './hex-dump';

const all = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('hex dump', () => {
  it('draws 16 bytes per line with offsets, a gap after 8 bytes and an ASCII column', () => {
    expect(hexLineCount(256)).toBe(16);
    expect(hexLine(all, 0)).toEqual({
      offset: '00000000',
      hex: '00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f',
      ascii: '................',
    });
    expect(hexLine(all, 4)).toEqual({
      offset: '00000040',
      hex: '40 41 42 43 44 45 46 47  48 49 4a 4b 4c 4d 4e 4f',
      ascii: '@ABCDEFGHIJKLMNO',
    });
    expect(hexLine(all, 15).hex).toBe('f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff');
  });

  it('every byte of the dump reads back as the input', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) % 256);
    const back: number[] = [];
    for (let l = 0; l < hexLineCount(bytes.length); l++) {
      for (const h of hexLine(bytes, l).hex.split(/\s+/)) back.push(parseInt(h, 16));
    }
    expect(Uint8Array.from(back)).toEqual(bytes);
  });

  it('handles a short last line and an empty payload', () => {
    const bytes = new TextEncoder().encode('Sockpit\u0000');
    expect(hexLineCount(0)).toBe(0);
    expect(hexLine(Uint8Array.from([0x53, 0x6f, 0x63, 0x6b, 0x70, 0x69, 0x74, 0x00, 0xff]), 0)).toEqual({
      offset: '00000000',
      hex: '53 6f 63 6b 70 69 74 00  ff',
      ascii: 'Sockpit..',
    });
    expect(formatHexDump(bytes)).toBe('00000000  53 6f 63 6b 70 69 74 00                           |Sockpit.|');
  });

  it('only printable ASCII is shown as itself', () => {
    expect(asciiOf(0x1f)).toBe('.');
    expect(asciiOf(0x20)).toBe(' ');
    expect(asciiOf(0x7e)).toBe('~');
    expect(asciiOf(0x7f)).toBe('.');
    expect(asciiOf(0xe9)).toBe('.');
  });

  it('formats large offsets with 8 digits', () => {
    const big = new Uint8Array(0x100010);
    expect(hexLine(big, 0x10000).offset).toBe('00100000');
    expect(formatHexDump(big, 2).split('\n')).toHaveLength(2);
  });
});

describe('hex dump with a secret mask', () => {
  it('shows masked bytes as •• in hex and • in ASCII', () => {
    const bytes = new Uint8Array([0x41, 0x42, 0x43, 0x44]);
    const mask = new Uint8Array([0, 1, 1, 0]);
    expect(hexLine(bytes, 0, mask)).toEqual({ offset: '00000000', hex: '41 •• •• 44', ascii: 'A••D' });
    expect(formatHexDump(bytes, Infinity, mask)).toContain('|A••D|');
  });
});
