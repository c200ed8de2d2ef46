import { describe, expect, it } from 'vitest';
import { decodeUtf8Marked, isValidUtf8 } from './utf8';

const enc = (s: string) => new TextEncoder().encode(s);
const b = (...xs: number[]) => Uint8Array.from(xs);

describe('UTF-8 validation', () => {
  it('accepts well-formed text of every length class', () => {
    expect(isValidUtf8(enc('aé✓🧦'))).toBe(true);
    expect(decodeUtf8Marked(enc('aé✓🧦'))).toEqual({ segments: [{ kind: 'text', text: 'aé✓🧦' }], invalid: 0 });
    expect(decodeUtf8Marked(new Uint8Array(0))).toEqual({ segments: [], invalid: 0 });
  });

  it('keeps a byte order mark as text', () => {
    expect(decodeUtf8Marked(b(0xef, 0xbb, 0xbf, 0x41)).segments).toEqual([{ kind: 'text', text: '\ufeffA' }]);
  });

  it('marks a stray byte and keeps its offset', () => {
    expect(decodeUtf8Marked(b(0x53, 0x6f, 0x00, 0xff, 0x41))).toEqual({
      segments: [
        { kind: 'text', text: 'So\u0000' },
        { kind: 'invalid', bytes: b(0xff), offset: 3 },
        { kind: 'text', text: 'A' },
      ],
      invalid: 1,
    });
  });

  it('rejects overlong forms, surrogates and code points past U+10FFFF', () => {
    for (const bad of [b(0xc0, 0x80), b(0xc1, 0xbf), b(0xe0, 0x80, 0x80), b(0xed, 0xa0, 0x80), b(0xf0, 0x80, 0x80, 0x80), b(0xf4, 0x90, 0x80, 0x80), b(0xf5, 0x80, 0x80, 0x80)]) {
      expect(isValidUtf8(bad)).toBe(false);
      expect(decodeUtf8Marked(bad).invalid).toBeGreaterThan(0);
    }
  });

  it('marks a truncated sequence as one unit (a maximal subpart)', () => {
    // E2 9C is the start of ✓ (E2 9C 93) without its last byte.
    expect(decodeUtf8Marked(b(0x41, 0xe2, 0x9c, 0x42))).toEqual({
      segments: [
        { kind: 'text', text: 'A' },
        { kind: 'invalid', bytes: b(0xe2, 0x9c), offset: 1 },
        { kind: 'text', text: 'B' },
      ],
      invalid: 1,
    });
  });

  it('finds as many invalid sequences as TextDecoder writes U+FFFD, on random bytes', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const lenient = new TextDecoder();
    for (let t = 0; t < 300; t++) {
      const bytes = Uint8Array.from({ length: 1 + (rand() % 40) }, () => {
        const r = rand() % 10;
        // Mostly lead and continuation bytes, so there is something to get wrong.
        return r < 3 ? rand() % 0x80 : r < 6 ? 0x80 + (rand() % 0x40) : 0xc0 + (rand() % 0x40);
      });
      const d = decodeUtf8Marked(bytes);
      const expected = lenient.decode(bytes);
      const rebuilt = d.segments.map((s) => (s.kind === 'text' ? s.text : '\ufffd')).join('');
      expect(rebuilt).toBe(expected);
      let offset = 0;
      for (const s of d.segments) {
        if (s.kind === 'invalid') {
          expect(s.offset).toBeGreaterThanOrEqual(offset);
          expect(bytes.subarray(s.offset, s.offset + s.bytes.length)).toEqual(s.bytes);
          offset = s.offset + s.bytes.length;
        }
      }
    }
  });
});
