import { describe, expect, it } from 'vitest';
import {
  decodeUtf8,
  describeChar,
  encodeUtf8,
  formatBase64,
  formatBytes,
  formatCount,
  formatHex,
  parseBase64,
  parseHex,
  utf8ByteLength,
} from './codecs';
import type { BytesParse } from './codecs';

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function bytesOf(r: BytesParse): number[] {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return [...r.bytes];
}

function errorOf(r: BytesParse): { error: string; position: number } {
  if (r.ok) throw new Error(`expected an error, got ${r.bytes.length} bytes`);
  return { error: r.error, position: r.position };
}

describe('utf8ByteLength', () => {
  it('counts 1, 2, 3 and 4 byte characters', () => {
    expect(utf8ByteLength('')).toBe(0);
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2); // U+00E9
    expect(utf8ByteLength('߿')).toBe(2); // U+07FF, last 2-byte
    expect(utf8ByteLength('ࠀ')).toBe(3); // U+0800, first 3-byte
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4); // a surrogate pair
    expect(utf8ByteLength('a😀b')).toBe(6);
  });

  it('counts a lone surrogate as 3 bytes (it becomes U+FFFD)', () => {
    expect(utf8ByteLength('\ud800')).toBe(3);
    expect(utf8ByteLength('\udc00')).toBe(3);
    expect(utf8ByteLength('\ud800\ud800')).toBe(6); // two highs do not pair
    expect(utf8ByteLength('\udc00\ud800')).toBe(6); // low then high do not pair
    expect(utf8ByteLength('x\ud83d')).toBe(4); // high surrogate at the very end
    expect(utf8ByteLength('\ud83d\ude00\ude00')).toBe(7);
  });

  it('agrees with TextEncoder on random strings, surrogates included', () => {
    const units = randomBytes(4000, 7);
    const pool = [0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff];
    for (let t = 0; t < 40; t++) {
      let s = '';
      for (let i = 0; i < 100; i++) s += String.fromCharCode(pool[(units[t * 100 + i] ?? 0) % pool.length] ?? 0);
      expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
  it('counts text longer than its 64 KiB scratch buffer, with characters across each stretch boundary', () => {
    for (const fill of [65_535, 65_534, 65_533]) {
      for (const tail of ['😀', '€', 'é', '\ud800', '\udc00x', '😀'.repeat(30_000)]) {
        const s = `${'a'.repeat(fill)}${tail}${'€'.repeat(40_000)}\ud83d`;
        expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
      }
    }
    expect(utf8ByteLength('€'.repeat(1_000_000))).toBe(3_000_000);
  });
});

describe('encodeUtf8 / decodeUtf8', () => {
  it('round-trips text with every UTF-8 length', () => {
    const s = 'a é € 😀 \u0000 end';
    expect(decodeUtf8(encodeUtf8(s))).toBe(s);
    expect([...encodeUtf8('é😀')]).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('encodes a lone surrogate as U+FFFD (EF BF BD)', () => {
    expect([...encodeUtf8('a\ud800b')]).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62]);
  });

  it('decodes invalid sequences to U+FFFD instead of throwing', () => {
    expect(decodeUtf8(new Uint8Array([0x61, 0xff, 0x62]))).toBe('a\ufffdb');
    expect(decodeUtf8(new Uint8Array([0xc3]))).toBe('\ufffd'); // truncated 2-byte sequence
    expect(decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe('\ufffd\ufffd\ufffd'); // encoded surrogate
    expect(decodeUtf8(new Uint8Array([0xc0, 0xaf]))).toBe('\ufffd\ufffd'); // overlong "/"
  });

  it('keeps a leading byte order mark, which a console must show', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toBe('\ufeffhi');
  });

  it('decodes a view without reading outside it', () => {
    const buf = new Uint8Array([0x78, 0x68, 0x69, 0x78]);
    expect(decodeUtf8(buf.subarray(1, 3))).toBe('hi');
  });
});

describe('describeChar', () => {
  it('quotes printable ASCII and names the invisible', () => {
    expect(describeChar('g')).toBe('"g"');
    expect(describeChar(' ')).toBe('space');
    expect(describeChar('\t')).toBe('a tab');
    expect(describeChar('\n')).toBe('a line break');
    expect(describeChar('"')).toBe('a double quote (")');
    expect(describeChar('\u0000')).toBe('control character U+0000');
    expect(describeChar('\u007f')).toBe('control character U+007F');
    expect(describeChar('é')).toBe('"é" (U+00E9)');
    expect(describeChar('😀')).toBe('"😀" (U+1F600)');
    expect(describeChar('\u200b')).toBe('U+200B');
    expect(describeChar('\u00a0')).toBe('U+00A0');
    expect(describeChar('\ud800')).toBe('U+D800 (half of a surrogate pair)');
  });
});

describe('parseHex', () => {
  it('reads the example from the spec of this module', () => {
    expect(bytesOf(parseHex('00 ff 10'))).toEqual([0x00, 0xff, 0x10]);
  });

  it('accepts contiguous digits in either case', () => {
    expect(bytesOf(parseHex('00ff10'))).toEqual([0, 255, 16]);
    expect(bytesOf(parseHex('DeadBEEF'))).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it('is empty for empty or separator-only input', () => {
    expect(bytesOf(parseHex(''))).toEqual([]);
    expect(bytesOf(parseHex(' \n\t, :'))).toEqual([]);
  });

  it('allows spaces, tabs, line breaks, "," and ":" between bytes', () => {
    expect(bytesOf(parseHex('  01\t02\n03\r\n04  '))).toEqual([1, 2, 3, 4]);
    expect(bytesOf(parseHex('de:ad:be:ef'))).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect(bytesOf(parseHex('01,02, 03 ,\n04'))).toEqual([1, 2, 3, 4]);
    expect(bytesOf(parseHex('0102 0304'))).toEqual([1, 2, 3, 4]);
  });

  it('accepts a 0x prefix per group, in either case', () => {
    expect(bytesOf(parseHex('0x00 0xff 0X10'))).toEqual([0, 255, 16]);
    expect(bytesOf(parseHex('0x01, 0x02, 0x03'))).toEqual([1, 2, 3]);
    expect(bytesOf(parseHex('0xdeadbeef'))).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect(bytesOf(parseHex('0x00'))).toEqual([0]);
  });

  it('names the first bad character and its 0-based position', () => {
    expect(parseHex('00 fg')).toEqual({ ok: false, error: '"g" at position 4 is not a hex digit', position: 4 });
    expect(errorOf(parseHex('0y12'))).toEqual({ error: '"y" at position 1 is not a hex digit', position: 1 });
    expect(errorOf(parseHex('00-11'))).toEqual({ error: '"-" at position 2 is not a hex digit', position: 2 });
  });

  it('reports invisible and non-ASCII characters by code point', () => {
    expect(errorOf(parseHex('00\u200b11')).error).toBe('U+200B at position 2 is not a hex digit');
    expect(errorOf(parseHex('00\u00a011')).error).toBe('U+00A0 at position 2 is not a hex digit');
    expect(errorOf(parseHex('0😀')).error).toBe('"😀" (U+1F600) at position 1 is not a hex digit');
  });

  it('rejects an x that is not a group-leading 0x', () => {
    expect(errorOf(parseHex('000x10')).error).toBe('"x" at position 3 is not a hex digit');
    expect(errorOf(parseHex('x10')).error).toBe('"x" at position 0 is not a hex digit');
  });

  it('rejects a 0x with nothing after it', () => {
    expect(errorOf(parseHex('01 0x'))).toEqual({ error: '"0x" at position 3 has no hex digits after it', position: 3 });
    expect(errorOf(parseHex('0X 01')).error).toBe('"0X" at position 0 has no hex digits after it');
  });

  it('counts the digits when there is an odd number', () => {
    expect(parseHex('00 ff 1')).toEqual({ ok: false, error: 'Odd number of hex digits (5): every byte needs two', position: 6 });
    expect(errorOf(parseHex('abc')).error).toBe('Odd number of hex digits (3): every byte needs two');
    expect(errorOf(parseHex('0x1')).error).toBe('Odd number of hex digits (1): every byte needs two');
  });

  it('rejects a byte split by a separator instead of guessing', () => {
    expect(errorOf(parseHex('0 0'))).toEqual({
      error: '"0" at position 0 is half a byte: write each byte as two digits, such as 00',
      position: 0,
    });
    expect(errorOf(parseHex('a b')).error).toBe('"a" at position 0 is half a byte: write each byte as two digits, such as 0a');
    expect(errorOf(parseHex('abc d')).error).toBe('"c" at position 2 is half a byte: write each byte as two digits, such as 0c');
    expect(errorOf(parseHex('0x1 0x2')).error).toBe('"1" at position 2 is half a byte: write each byte as two digits, such as 01');
  });

  it('round-trips random bytes through formatHex', () => {
    for (const [len, seed] of [
      [0, 1],
      [1, 2],
      [255, 3],
      [4096, 4],
    ] as const) {
      const bytes = randomBytes(len, seed);
      expect(bytesOf(parseHex(formatHex(bytes)))).toEqual([...bytes]);
      expect(bytesOf(parseHex(formatHex(bytes).toUpperCase().replaceAll(' ', '')))).toEqual([...bytes]);
    }
  });
});

describe('formatHex', () => {
  it('writes lower-case pairs separated by single spaces', () => {
    expect(formatHex(new Uint8Array([0x00, 0xff, 0x10]))).toBe('00 ff 10');
    expect(formatHex(new Uint8Array([0xab]))).toBe('ab');
    expect(formatHex(new Uint8Array([]))).toBe('');
  });

  it('writes every byte value correctly', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const parts = formatHex(all).split(' ');
    expect(parts).toHaveLength(256);
    parts.forEach((p, i) => expect(p).toBe(i.toString(16).padStart(2, '0')));
  });

  it('stops after max bytes and marks the cut with …', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    expect(formatHex(bytes, 2)).toBe('01 02 …');
    expect(formatHex(bytes, 5)).toBe('01 02 03 04 05');
    expect(formatHex(bytes, 9)).toBe('01 02 03 04 05');
    expect(formatHex(bytes, 0)).toBe('…');
    expect(formatHex(new Uint8Array([]), 0)).toBe('');
  });

  it('formats only the view it is given', () => {
    const buf = new Uint8Array([9, 8, 7, 6]);
    expect(formatHex(buf.subarray(1, 3))).toBe('08 07');
  });
});

describe('parseBase64', () => {
  it('decodes standard base64 with and without padding', () => {
    expect(bytesOf(parseBase64('TWFu'))).toEqual([77, 97, 110]);
    expect(bytesOf(parseBase64('TWE='))).toEqual([77, 97]);
    expect(bytesOf(parseBase64('TWE'))).toEqual([77, 97]);
    expect(bytesOf(parseBase64('TQ=='))).toEqual([77]);
    expect(bytesOf(parseBase64('TQ'))).toEqual([77]);
    expect(bytesOf(parseBase64(''))).toEqual([]);
  });

  it('decodes both alphabets, even mixed', () => {
    expect(bytesOf(parseBase64('+/+/'))).toEqual([0xfb, 0xff, 0xbf]);
    expect(bytesOf(parseBase64('-_-_'))).toEqual([0xfb, 0xff, 0xbf]);
    expect(bytesOf(parseBase64('-/+_'))).toEqual([0xfb, 0xff, 0xbf]);
  });

  it('ignores whitespace anywhere, including inside the padding', () => {
    expect(bytesOf(parseBase64(' TW\nFu\r\n\tTQ = =\n'))).toEqual([77, 97, 110, 77]);
  });

  it('ignores unused low bits of the last character, as atob does', () => {
    expect(bytesOf(parseBase64('TR=='))).toEqual([77]);
    expect(bytesOf(parseBase64('TR=='))).toEqual([...Buffer.from(atob('TR=='), 'latin1')]);
  });

  it('names a bad character and its position', () => {
    expect(parseBase64('TWF!')).toEqual({ ok: false, error: '"!" at position 3 is not a base64 character', position: 3 });
    expect(errorOf(parseBase64('TW.u')).error).toBe('"." at position 2 is not a base64 character');
    expect(errorOf(parseBase64('TWé=')).error).toBe('"é" (U+00E9) at position 2 is not a base64 character');
  });

  it('rejects a length that leaves a 1-character final group', () => {
    expect(parseBase64('QUJDR')).toEqual({
      ok: false,
      error: 'Base64 length 5 is not valid (a final group cannot be 1 character)',
      position: 4,
    });
    expect(errorOf(parseBase64('Q')).error).toBe('Base64 length 1 is not valid (a final group cannot be 1 character)');
    expect(errorOf(parseBase64('QUJD R===')).error).toBe('Base64 length 5 is not valid (a final group cannot be 1 character)');
  });

  it('rejects padding that does not match the final group', () => {
    expect(parseBase64('TQ=')).toEqual({
      ok: false,
      error: 'Wrong padding at position 2: a final group of 2 characters needs "==", not "="',
      position: 2,
    });
    expect(errorOf(parseBase64('TWE==')).error).toBe(
      'Wrong padding at position 3: a final group of 3 characters needs "=", not "=="',
    );
    expect(errorOf(parseBase64('TWFu=')).error).toBe(
      '"=" at position 4 is not needed: the data already ends on a whole group of 4 characters',
    );
    expect(errorOf(parseBase64('====')).position).toBe(0);
  });

  it('rejects data after padding (two base64 strings glued together)', () => {
    expect(parseBase64('TQ==TQ==')).toEqual({
      ok: false,
      error: '"T" at position 4 comes after "=" padding, which may only end the data',
      position: 4,
    });
    expect(errorOf(parseBase64('T=Q')).position).toBe(2);
  });

  it('agrees with Node for random input of every tail length', () => {
    for (let len = 0; len < 40; len++) {
      const bytes = randomBytes(len, len + 100);
      const b64 = Buffer.from(bytes).toString('base64');
      expect(bytesOf(parseBase64(b64))).toEqual([...bytes]);
      const url = Buffer.from(bytes).toString('base64url');
      expect(bytesOf(parseBase64(url))).toEqual([...bytes]);
    }
  });
});

describe('formatBase64', () => {
  it('encodes the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, b64] of vectors) expect(formatBase64(encodeUtf8(plain))).toBe(b64);
  });

  it('uses the standard alphabet for 62 and 63', () => {
    expect(formatBase64(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('+/+/');
  });

  it('agrees with Node for random bytes of every tail length', () => {
    for (let len = 0; len < 40; len++) {
      const bytes = randomBytes(len, len + 1);
      expect(formatBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('encodes only the view it is given', () => {
    const buf = new Uint8Array([0xff, 0x66, 0x6f, 0x6f, 0xff]);
    expect(formatBase64(buf.subarray(1, 4))).toBe('Zm9v');
  });

  it('round-trips an 8 MB buffer', () => {
    const bytes = randomBytes(8 * 1024 * 1024 + 1, 42);
    const b64 = formatBase64(bytes);
    expect(b64.length).toBe(Math.ceil(bytes.length / 3) * 4);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    const back = parseBase64(b64);
    if (!back.ok) throw new Error(back.error);
    expect(back.bytes.length).toBe(bytes.length);
    expect(Buffer.compare(back.bytes, bytes)).toBe(0);
    // The result owns exactly its bytes: sending .buffer must not send extra.
    expect(back.bytes.buffer.byteLength).toBe(bytes.length);
  });

  it('encodes 50 MB without running out of stack', () => {
    const bytes = new Uint8Array(50 * 1024 * 1024).fill(0xab);
    const b64 = formatBase64(bytes);
    expect(b64.length).toBe(Math.ceil(bytes.length / 3) * 4);
    expect(b64.slice(0, 8)).toBe('q6urq6ur');
    expect(b64.endsWith('q6urq6s=')).toBe(true); // 52428800 % 3 === 2: a padded 2-byte tail
  });
});

describe('formatBytes', () => {
  it('uses whole bytes below 1 KiB', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1)).toBe('1 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('uses binary units with one decimal from 1 KiB', () => {
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TiB');
  });

  it('moves up a unit instead of showing 1024.0', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MiB');
    expect(formatBytes(1024 ** 3 - 1)).toBe('1.0 GiB');
    expect(formatBytes(1023.6)).toBe('1.0 KiB');
  });

  it('handles signs and non-numbers without throwing', () => {
    expect(formatBytes(-2048)).toBe('-2.0 KiB');
    expect(formatBytes(Number.NaN)).toBe('? B');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('? B');
  });
});

describe('formatCount', () => {
  it('groups thousands with commas', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(312000)).toBe('312,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
  });

  it('keeps the sign and the fraction', () => {
    expect(formatCount(-1234)).toBe('-1,234');
    expect(formatCount(1234.5)).toBe('1,234.5');
    expect(formatCount(-0.25)).toBe('-0.25');
  });

  it('leaves numbers it cannot group as they are', () => {
    expect(formatCount(Number.NaN)).toBe('NaN');
    expect(formatCount(1e21)).toBe('1e+21');
  });
});
