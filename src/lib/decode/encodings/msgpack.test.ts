import { describe, expect, it } from 'vitest';
import { decode as libDecode, encode as libEncode, ExtData } from '@msgpack/msgpack';
import { decodeMsgpack, decodeMsgpackTree, encodeMsgpack, msgpackCodec } from './msgpack';
import { toJsonText } from './values';
import { h, toHex } from './test-util';

function value(hexText: string): unknown {
  const r = decodeMsgpack(h(hexText));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
function error(bytes: Uint8Array): string {
  const r = decodeMsgpack(bytes);
  if (r.ok) throw new Error(`decoded: ${toJsonText(r.value)}`);
  return r.error;
}
function enc(json: string): string {
  const r = encodeMsgpack(json);
  if (!r.ok) throw new Error(r.error);
  return toHex(r.bytes);
}

// the formats of https://github.com/msgpack/msgpack/blob/master/spec.md, one vector each
const VECTORS: Array<[string, string]> = [
  ['null', 'c0'],
  ['false', 'c2'],
  ['true', 'c3'],
  ['0', '00'],
  ['127', '7f'],
  ['-1', 'ff'],
  ['-32', 'e0'],
  ['-33', 'd0df'],
  ['128', 'cc80'],
  ['256', 'cd0100'],
  ['65536', 'ce00010000'],
  ['4294967296', 'cf0000000100000000'],
  ['-129', 'd1ff7f'],
  ['-32769', 'd2ffff7fff'],
  ['-2147483649', 'd3ffffffff7fffffff'],
  ['18446744073709551615', 'cfffffffffffffffff'],
  ['-9223372036854775808', 'd38000000000000000'],
  ['1.5', 'cb3ff8000000000000'],
  ['""', 'a0'],
  ['"a"', 'a161'],
  [`"${'x'.repeat(31)}"`, `bf${'78'.repeat(31)}`],
  [`"${'x'.repeat(32)}"`, `d920${'78'.repeat(32)}`],
  [`"${'x'.repeat(256)}"`, `da0100${'78'.repeat(256)}`],
  ['{"$bytes":"010203"}', 'c403010203'],
  ['[]', '90'],
  ['[1,2,3]', '93010203'],
  [`[${Array(16).fill(0).join(',')}]`, `dc0010${'00'.repeat(16)}`],
  ['{}', '80'],
  ['{"a":1}', '81a16101'],
  // msgpack.org's example: {"compact":true,"schema":0} in 18 bytes
  ['{"compact":true,"schema":0}', '82a7636f6d70616374c3a6736368656d6100'],
  ['{"$ext":5,"$bytes":"aa"}', 'd405aa'],
  ['{"$ext":5,"$bytes":"aabb"}', 'd505aabb'],
  ['{"$ext":5,"$bytes":"010203"}', 'c70305010203'],
  ['{"$timestamp":"1970-01-01T00:00:01Z"}', 'd6ff00000001'],
  ['{"$timestamp":"2024-01-02T03:04:05.5Z"}', 'd7ff7735940065937d25'],
  ['{"$timestamp":"1969-12-31T23:59:59Z"}', 'c70cff00000000ffffffffffffffff'],
];

describe('MessagePack: spec vectors', () => {
  it.each(VECTORS)('%s ⇄ %s', (json, hexText) => {
    expect(enc(json)).toBe(hexText);
    const r = decodeMsgpack(h(hexText));
    expect(r.ok).toBe(true);
    if (r.ok) expect(toJsonText(r.value)).toBe(toJsonText(decodeMsgpack(h(enc(json))).ok ? (decodeMsgpack(h(enc(json))) as { value: unknown }).value : null));
  });

  it('decodes the formats to the values they stand for', () => {
    expect(value('7f')).toBe(127);
    expect(value('e0')).toBe(-32);
    expect(value('cf0000000100000000')).toBe(4294967296);
    expect(value('cfffffffffffffffff')).toBe(18446744073709551615n);
    expect(value('d38000000000000000')).toBe(-9223372036854775808n);
    expect(value('ca3fc00000')).toBe(1.5); // float 32
    expect(value('cb3ff8000000000000')).toBe(1.5);
    expect(value('c403010203')).toEqual(new Uint8Array([1, 2, 3]));
    expect(value('c5000101')).toEqual(new Uint8Array([1]));
    expect(value('db00000001 61')).toBe('a');
    expect(toJsonText(value('d405aa'))).toBe('{"$ext":5,"$bytes":"aa"}');
    expect(toJsonText(value('d6ff00000000'))).toBe('{"$timestamp":"1970-01-01T00:00:00Z"}');
    // timestamp 64: nanoseconds 500000000, seconds 1704164645
    expect(toJsonText(value('d7ff7735940065937d25'))).toBe('{"$timestamp":"2024-01-02T03:04:05.5Z"}');
    expect(toJsonText(value('c70cff00000001ffffffffffffffff'))).toBe('{"$timestamp":"1969-12-31T23:59:59.000000001Z"}');
  });

  it('shows ext types as "ext <type> <hex>", timestamps as ISO times, big ints as text', () => {
    const r = decodeMsgpack(h('83a165d405aaa174d6ff00000001a162cfffffffffffffffff'));
    expect(r.ok && r.fields).toEqual([
      { name: 'e', value: 'ext 5 aa', note: 'extension type 5 · 1 B' },
      { name: 't', value: '1970-01-01T00:00:01Z', note: 'timestamp (ext -1)' },
      { name: 'b', value: '18446744073709551615', note: 'integer' },
    ]);
    expect(r.ok && r.summary).toBe('{e, t, b} {"e":{"$ext":5,"$bytes":"<1 B>"},"t":{"$timestamp":"1970-01-01T00:00:01Z"},"b":…');
  });

  it('maps with keys that are not strings become Maps', () => {
    const v = value('82 01 02 c3 a161');
    expect(v).toBeInstanceOf(Map);
    expect([...(v as Map<unknown, unknown>)]).toEqual([
      [1, 2],
      [true, 'a'],
    ]);
    const r = decodeMsgpack(h('81 01 02'));
    expect(r.ok && r.fields).toEqual([{ name: '1', value: 2 }]);
  });

  it('keeps a __proto__ key as data (the library refuses it)', () => {
    const bytes = h('82 a9 5f5f70726f746f5f5f 81 a1 78 01 a1 61 02');
    expect(() => libDecode(bytes)).toThrow(/__proto__/);
    const v = value(toHex(bytes)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect(Object.keys(v.__proto__ as object)).toEqual(['x']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const r = decodeMsgpack(bytes);
    expect(r.ok && r.fields[0]).toEqual({ name: '__proto__', note: '1 key', children: [{ name: 'x', value: 1 }] });
    expect(enc('{"__proto__":{"x":1},"a":2}')).toBe(toHex(bytes));
  });
});

describe('MessagePack: bad input', () => {
  it('0xc1 is never used', () => expect(error(h('91c1'))).toBe('at byte 1: 0xc1 is never used in MessagePack'));
  it('truncated array', () => expect(error(h('9201'))).toBe('at byte 0: array of 2 items overruns the 1 bytes left'));
  it('truncated value', () => expect(error(h('91cd01'))).toBe('truncated at byte 1: uint 16 needs 2 bytes, 1 left'));
  it('empty', () => expect(error(new Uint8Array())).toBe('truncated at byte 0: a value was expected'));
  it('trailing bytes', () => expect(error(h('0102'))).toBe('trailing bytes: the value ends at byte 1, the frame has 2 (1 more)'));
  it('invalid UTF-8', () => expect(error(h('81a1ff01'))).toBe('at byte 1: str of 1 bytes is not valid UTF-8'));
  it('a huge str length is not allocated', () => expect(error(h('dbffffffff61'))).toBe('at byte 0: str length 4294967295 overruns the 1 bytes left'));
  it('a huge bin length', () => expect(error(h('c6ffffffff'))).toBe('at byte 0: bin length 4294967295 overruns the 0 bytes left'));
  it('a huge array count', () => expect(error(h('ddffffffff00'))).toBe('at byte 0: array of 4294967295 items overruns the 1 bytes left'));
  it('a huge map count', () => expect(error(h('dfffffffff0000'))).toBe('at byte 0: map of 4294967295 entries overruns the 2 bytes left'));
  it('a huge ext length', () => expect(error(h('c9ffffffff05'))).toBe('at byte 0: ext 5 length 4294967295 overruns the 0 bytes left'));
  it('a bad timestamp length', () => expect(error(h('d5ff0000'))).toBe('at byte 0: timestamp (ext -1) of 2 bytes; it is 4, 8 or 12'));
  it('timestamp nanoseconds out of range', () => expect(error(h('c70cff3b9aca00 0000000000000000'))).toBe('at byte 0: timestamp nanoseconds 1000000000 exceed 999999999'));
  it('a nesting bomb is capped, not a stack overflow', () => {
    const bomb = new Uint8Array(1_000_001).fill(0x91);
    bomb[1_000_000] = 0;
    expect(error(bomb)).toBe('at byte 256: nested deeper than 256');
    const ok = new Uint8Array(257).fill(0x91);
    ok[256] = 0;
    expect(decodeMsgpack(ok).ok).toBe(true);
  });
  it('never throws on random bytes', () => {
    let seed = 42;
    for (let i = 0; i < 2000; i++) {
      const b = new Uint8Array(1 + (i % 40));
      for (let k = 0; k < b.length; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        b[k] = seed & 0xff;
      }
      expect(() => msgpackCodec.decode(b)).not.toThrow();
    }
  });
});

describe('MessagePack: encode errors', () => {
  it('bad JSON says where', () => expect(encodeMsgpack('{"a":\n  tru}')).toEqual({ ok: false, error: 'JSON: unexpected character at line 2, column 3' }));
  it('bad $bytes', () => expect(encodeMsgpack('{"$bytes":"xyz"}')).toEqual({ ok: false, error: '$: "$bytes" must be hex digits, e.g. "0a0b"' }));
  it('too big an integer', () => expect(encodeMsgpack('18446744073709551616')).toEqual({ ok: false, error: 'integer 18446744073709551616 does not fit in 64 bits' }));
  it('CBOR tags have no MessagePack form', () => expect(encodeMsgpack('{"$tag":1,"$value":0}').ok).toBe(false));
});

describe('MessagePack: against @msgpack/msgpack', () => {
  const sample = {
    type: 'tick',
    seq: 7,
    neg: -300,
    price: 123.45,
    big: 2n ** 60n,
    tags: { a: 'x', nested: [1, [2, [3]]] },
    blob: new Uint8Array([0, 1, 254, 255]),
    at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
    ext: new ExtData(9, new Uint8Array([1, 2])),
    unicode: 'ü水𐅑',
  };
  it('decodes what the library encodes', () => {
    const bytes = libEncode(sample, { useBigInt64: true });
    const r = decodeMsgpack(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(toJsonText(r.value)).toBe(
      '{"type":"tick","seq":7,"neg":-300,"price":123.45,"big":1152921504606846976,"tags":{"a":"x","nested":[1,[2,[3]]]},"blob":{"$bytes":"0001feff"},"at":{"$timestamp":"2024-01-02T03:04:05.678Z"},"ext":{"$ext":9,"$bytes":"0102"},"unicode":"ü水𐅑"}',
    );
  });
  it('the library decodes what we encode, and our bytes equal its bytes', () => {
    const json = '{"type":"tick","seq":7,"neg":-300,"price":123.45,"big":1152921504606846976,"tags":{"a":"x","nested":[1,[2,[3]]]},"blob":{"$bytes":"0001feff"},"ext":{"$ext":9,"$bytes":"0102"},"unicode":"ü水𐅑"}';
    const ours = encodeMsgpack(json);
    expect(ours.ok).toBe(true);
    if (!ours.ok) return;
    const back = libDecode(ours.bytes, { useBigInt64: true }) as Record<string, unknown>;
    expect(back.big).toBe(2n ** 60n);
    expect(back.blob).toEqual(new Uint8Array([0, 1, 254, 255]));
    expect(back.ext).toEqual(new ExtData(9, new Uint8Array([1, 2])));
    const { at: _at, ...rest } = sample;
    expect(toHex(ours.bytes)).toBe(toHex(libEncode(rest, { useBigInt64: true })));
  });
  it('round-trips decode → JSON text → encode to the same bytes', () => {
    const bytes = libEncode(sample, { useBigInt64: true });
    const r = decodeMsgpackTree(bytes);
    expect(r.ok).toBe(true);
    const d = decodeMsgpack(bytes);
    if (!d.ok) return;
    expect(toHex((encodeMsgpack(toJsonText(d.value)) as { bytes: Uint8Array }).bytes)).toBe(toHex(bytes));
  });
});
