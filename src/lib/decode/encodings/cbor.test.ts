import { describe, expect, it } from 'vitest';
import { decode as libDecode, encode as libEncode, Tagged as LibTagged } from 'cborg';
import { decodeCbor, encodeCbor, encodeCborTree, floatToHalf, halfToFloat } from './cbor';
import { toJsonText } from './values';
import { h, toHex } from './test-util';

function json(hexText: string): string {
  const r = decodeCbor(h(hexText));
  if (!r.ok) throw new Error(r.error);
  return toJsonText(r.value);
}
function error(bytes: Uint8Array): string {
  const r = decodeCbor(bytes);
  if (r.ok) throw new Error(`decoded: ${toJsonText(r.value)}`);
  return r.error;
}
function enc(text: string): string {
  const r = encodeCbor(text);
  if (!r.ok) throw new Error(r.error);
  return toHex(r.bytes);
}

// RFC 8949 Appendix A: [diagnostic value as our JSON text, encoding]; these encode back to the same bytes
const ROUND_TRIP: Array<[string, string]> = [
  ['0', '00'],
  ['1', '01'],
  ['10', '0a'],
  ['23', '17'],
  ['24', '1818'],
  ['25', '1819'],
  ['100', '1864'],
  ['1000', '1903e8'],
  ['1000000', '1a000f4240'],
  ['1000000000000', '1b000000e8d4a51000'],
  ['18446744073709551615', '1bffffffffffffffff'],
  ['18446744073709551616', 'c249010000000000000000'],
  ['-18446744073709551616', '3bffffffffffffffff'],
  ['-18446744073709551617', 'c349010000000000000000'],
  ['-1', '20'],
  ['-10', '29'],
  ['-100', '3863'],
  ['-1000', '3903e7'],
  ['1.1', 'fb3ff199999999999a'],
  ['1.5', 'f93e00'],
  ['3.4028234663852886e+38', 'fa7f7fffff'],
  ['1e+300', 'fb7e37e43c8800759c'],
  ['5.960464477539063e-8', 'f90001'],
  ['0.00006103515625', 'f90400'],
  ['-4.1', 'fbc010666666666666'],
  ['false', 'f4'],
  ['true', 'f5'],
  ['null', 'f6'],
  ['{"$simple":16}', 'f0'],
  ['{"$simple":255}', 'f8ff'],
  ['{"$tag":0,"$value":"2013-03-21T20:04:00Z"}', 'c074323031332d30332d32315432303a30343a30305a'],
  ['{"$tag":1,"$value":1363896240}', 'c11a514b67b0'],
  ['{"$tag":1,"$value":1363896240.5}', 'c1fb41d452d9ec200000'],
  ['{"$tag":23,"$value":{"$bytes":"01020304"}}', 'd74401020304'],
  ['{"$tag":24,"$value":{"$bytes":"6449455446"}}', 'd818456449455446'],
  ['{"$tag":32,"$value":"http://www.example.com"}', 'd82076687474703a2f2f7777772e6578616d706c652e636f6d'],
  ['{"$bytes":""}', '40'],
  ['{"$bytes":"01020304"}', '4401020304'],
  ['""', '60'],
  ['"a"', '6161'],
  ['"IETF"', '6449455446'],
  ['"\\"\\\\"', '62225c'],
  ['"ü"', '62c3bc'],
  ['"水"', '63e6b0b4'],
  ['"𐅑"', '64f0908591'],
  ['[]', '80'],
  ['[1,2,3]', '83010203'],
  ['[1,[2,3],[4,5]]', '8301820203820405'],
  [`[${Array.from({ length: 25 }, (_, i) => i + 1).join(',')}]`, '98190102030405060708090a0b0c0d0e0f101112131415161718181819'],
  ['{}', 'a0'],
  ['{"a":1,"b":[2,3]}', 'a26161016162820203'],
  ['["a",{"b":"c"}]', '826161a161626163'],
  ['{"a":"A","b":"B","c":"C","d":"D","e":"E"}', 'a56161614161626142616361436164614461656145'],
];

// RFC 8949 Appendix A vectors that decode to a value JSON writes differently (or not preferred)
const DECODE_ONLY: Array<[string, string]> = [
  ['f90000', '0'],
  ['f98000', '0'],
  ['f93c00', '1'],
  ['f97bff', '65504'],
  ['fa47c35000', '100000'],
  ['f9c400', '-4'],
  ['f97c00', 'null'], // Infinity
  ['f97e00', 'null'], // NaN
  ['fa7f800000', 'null'],
  ['fb7ff8000000000000', 'null'],
  ['f7', 'null'], // undefined
  ['a201020304', '{"1":2,"3":4}'], // a Map with integer keys
  ['5f42010243030405ff', '{"$bytes":"0102030405"}'],
  ['7f657374726561646d696e67ff', '"streaming"'],
  ['9fff', '[]'],
  ['9f018202039f0405ffff', '[1,[2,3],[4,5]]'],
  ['9f01820203820405ff', '[1,[2,3],[4,5]]'],
  ['83018202039f0405ff', '[1,[2,3],[4,5]]'],
  ['83019f0203ff820405', '[1,[2,3],[4,5]]'],
  ['9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff', `[${Array.from({ length: 25 }, (_, i) => i + 1).join(',')}]`],
  ['bf61610161629f0203ffff', '{"a":1,"b":[2,3]}'],
  ['826161bf61626163ff', '["a",{"b":"c"}]'],
  ['bf6346756ef563416d7421ff', '{"Fun":true,"Amt":-2}'],
];

describe('CBOR: RFC 8949 Appendix A', () => {
  it.each(ROUND_TRIP)('%s ⇄ %s', (text, hexText) => {
    expect(json(hexText)).toBe(text.replace('3.4028234663852886e+38', '3.4028234663852886e+38'.replace('e+', 'e+')));
    expect(enc(text)).toBe(hexText);
  });
  it.each(DECODE_ONLY)('%s → %s', (hexText, text) => expect(json(hexText)).toBe(text));

  it('half floats', () => {
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(5.960464477539063e-8);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(1.1)).toBeNull();
    expect(floatToHalf(65520)).toBeNull();
    expect(toHex((encodeCborTree(-0) as { bytes: Uint8Array }).bytes)).toBe('f98000');
    expect(toHex((encodeCborTree(Infinity) as { bytes: Uint8Array }).bytes)).toBe('f97c00');
    expect(toHex((encodeCborTree(NaN) as { bytes: Uint8Array }).bytes)).toBe('f97e00');
  });

  it('shows tags with their meaning: epoch time as ISO, bignums as integers, date strings', () => {
    const r = decodeCbor(h('a3 61 74 c11a514b67b0 61 62 c249010000000000000000 61 64 c074323031332d30332d32315432303a30343a30305a'));
    expect(r.ok && r.fields).toEqual([
      { name: 't', value: 1363896240, note: 'tag 1 epoch time · 2013-03-21T20:04:00Z' },
      { name: 'b', value: '18446744073709551616', note: 'tag 2 positive bignum · integer' },
      { name: 'd', value: '2013-03-21T20:04:00Z', note: 'tag 0 date/time string' },
    ]);
    expect(r.ok && (r.value as Record<string, unknown>).b).toBe(18446744073709551616n);
    const half = decodeCbor(h('c1fb41d452d9ec200000'));
    expect(half.ok && half.fields[0]?.note).toBe('tag 1 epoch time · 2013-03-21T20:04:00.5Z');
    const u = decodeCbor(h('82f7f0'));
    expect(u.ok && u.fields).toEqual([
      { name: '0', value: null, note: 'undefined' },
      { name: '1', value: 16, note: 'simple value 16' },
    ]);
    const top = decodeCbor(h('d9d9f7a16161 01'));
    expect(top.ok && top.fields).toEqual([{ name: 'value', note: 'tag 55799 self-described CBOR · 1 key', children: [{ name: 'a', value: 1 }] }]);
    expect(top.ok && top.summary).toBe('tag 55799 self-described CBOR {"$tag":55799,"$value":{"a":1}}');
  });

  it('maps with keys that are not strings become Maps', () => {
    const r = decodeCbor(h('a2 01 02 4101 03'));
    expect(r.ok && r.value).toBeInstanceOf(Map);
    expect(r.ok && r.fields).toEqual([
      { name: '1', value: 2 },
      { name: "h'01'", value: 3 },
    ]);
    expect(r.ok && r.summary).toBe(`{1, h'01'} {"1":2,"h'01'":3}`);
  });

  it('keeps __proto__ as data', () => {
    const bytes = h('a1 69 5f5f70726f746f5f5f a1 61 78 01');
    const r = decodeCbor(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(enc('{"__proto__":{"x":1}}')).toBe(toHex(bytes));
  });
});

describe('CBOR: bad input', () => {
  it('reserved additional information 28-30', () => {
    expect(error(h('1c'))).toBe('at byte 0: additional information 28 is reserved (unsigned integer)');
    expect(error(h('815d'))).toBe('at byte 1: additional information 29 is reserved (byte string)');
    expect(error(h('fe'))).toBe('at byte 0: additional information 30 is reserved (simple/float)');
  });
  it('indefinite integers and tags', () => {
    expect(error(h('1f'))).toBe('at byte 0: an unsigned integer cannot have indefinite length');
    expect(error(h('df00'))).toBe('at byte 0: a tag cannot have indefinite length');
  });
  it('truncated', () => {
    expect(error(h('8301'))).toBe('at byte 0: array length 3 overruns the 1 bytes left');
    expect(error(h('82 81 01'))).toBe('truncated at byte 3: a data item was expected');
    expect(error(h('19 01'))).toBe('truncated at byte 0: the unsigned integer head needs 2 more bytes, 1 left');
    expect(error(h('9f01'))).toBe('truncated at byte 2: a data item was expected');
    expect(error(h('5f4101'))).toBe('truncated at byte 3: the indefinite byte string from byte 0 has no break');
    expect(error(new Uint8Array())).toBe('truncated at byte 0: a data item was expected');
  });
  it('trailing bytes', () => expect(error(h('0102'))).toBe('trailing bytes: the data item ends at byte 1, the frame has 2 (1 more)'));
  it('a break outside an indefinite item', () => {
    expect(error(h('ff'))).toBe('at byte 0: a break (0xff) outside an indefinite-length item');
    expect(error(h('82 01 ff'))).toBe('at byte 2: a break (0xff) outside an indefinite-length item (in the item from byte 0)');
  });
  it('invalid UTF-8', () => {
    expect(error(h('62c328'))).toBe('at byte 0: text string of 2 bytes is not valid UTF-8');
    expect(error(h('7f61c3ff'))).toBe('at byte 1: text string of 1 bytes is not valid UTF-8');
  });
  it('a chunk of another type inside an indefinite string', () => expect(error(h('5f6161ff'))).toBe('at byte 1: a chunk of the indefinite byte string from byte 0 is a text string'));
  it('a nested indefinite chunk', () => expect(error(h('5f5fffff'))).toBe('at byte 1: an indefinite byte string cannot nest in another'));
  it('a one-byte simple value below 32 is not well-formed', () => expect(error(h('f818'))).toBe('at byte 0: simple value 24 must be encoded in one byte (not well-formed)'));
  it('huge declared lengths are not allocated', () => {
    expect(error(h('5bffffffffffffffff00'))).toBe('at byte 0: byte string length 18446744073709551615 overruns the 1 bytes left');
    expect(error(h('7affffffff'))).toBe('at byte 0: text string length 4294967295 overruns the 0 bytes left');
    expect(error(h('9affffffff00'))).toBe('at byte 0: array length 4294967295 overruns the 1 bytes left');
    expect(error(h('baffffffff0000'))).toBe('at byte 0: map length 4294967295 overruns the 2 bytes left');
  });
  it('a nesting bomb is capped, not a stack overflow (cborg overflows)', () => {
    for (const b of [0x81, 0x9f, 0xc1]) {
      const bomb = new Uint8Array(1_000_001).fill(b);
      bomb[1_000_000] = 0;
      if (b === 0x81) expect(() => libDecode(bomb)).toThrow(/call stack/);
      expect(error(bomb)).toBe('at byte 256: nested deeper than 256');
    }
  });
  it('never throws on random bytes', () => {
    let seed = 7;
    for (let i = 0; i < 3000; i++) {
      const b = new Uint8Array(1 + (i % 40));
      for (let k = 0; k < b.length; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        b[k] = seed & 0xff;
      }
      expect(() => decodeCbor(b)).not.toThrow();
    }
  });
});

describe('CBOR: encode errors', () => {
  it('bad JSON says where', () => expect(encodeCbor('[1,,2]')).toEqual({ ok: false, error: 'JSON: unexpected character at line 1, column 4' }));
  it('a bad $simple', () => expect(encodeCbor('{"$simple":24}')).toEqual({ ok: false, error: '$: "$simple" must be 0..23 or 32..255' }));
  it('MessagePack extensions have no CBOR form', () => expect(encodeCbor('{"$ext":1,"$bytes":""}').ok).toBe(false));
  it('a lone surrogate is not UTF-8', () => expect(encodeCbor('"\\ud800"')).toEqual({ ok: false, error: 'a string has a lone surrogate: not UTF-8' }));
});

describe('CBOR: against cborg', () => {
  it('decodes what cborg encodes', () => {
    const bytes = libEncode({ type: 'tick', seq: 7, big: 2n ** 60n, neg: -(2n ** 64n), blob: new Uint8Array([1, 2]), at: new LibTagged(1, 1363896240), f: 1.5, nested: new Map<unknown, unknown>([[1, 'one']]) });
    expect(json(toHex(bytes))).toBe('{"f":1.5,"at":{"$tag":1,"$value":1363896240},"big":1152921504606846976,"neg":-18446744073709551616,"seq":7,"blob":{"$bytes":"0102"},"type":"tick","nested":{"1":"one"}}' /* cborg sorts keys */);
  });
  it('cborg decodes what we encode, to the same bytes it would write', () => {
    const ours = encodeCbor('{"a":[1,2,{"b":null}],"s":"ü","f":1.1,"n":-500,"x":{"$bytes":"ff00"}}');
    expect(ours.ok).toBe(true);
    if (!ours.ok) return;
    const v = libDecode(ours.bytes) as Record<string, unknown>;
    expect(v).toEqual({ a: [1, 2, { b: null }], s: 'ü', f: 1.1, n: -500, x: new Uint8Array([0xff, 0]) });
    // cborg sorts map keys; an array keeps its order, so those bytes must be equal
    const arr = encodeCbor('[1,"ü",1.1,-500,{"$bytes":"ff00"},[],{"a":{}}]');
    expect(arr.ok && toHex(arr.bytes)).toBe(toHex(libEncode([1, 'ü', 1.1, -500, new Uint8Array([0xff, 0]), [], { a: {} }])));
  });
});
