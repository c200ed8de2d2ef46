import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { decodeProtobuf, encodeProtobuf, loadSchema } from './index';
import { parseProto } from './schema';
import { h, toHex } from '../test-util';
import { toJsonText } from '../values';

const SAMPLE = readFileSync(new URL('../../../../../docs/protocols/sample.proto', import.meta.url), 'utf8');

// the messages of https://protobuf.dev/programming-guides/encoding/
const GUIDE = `syntax = "proto3";
message Test1 { int32 a = 1; }
message Test2 { string b = 2; }
message Test3 { Test1 c = 3; }
message Test4 { string d = 4; repeated int32 e = 5; }
message Test5 { repeated int32 f = 6 [packed = true]; }
message Signed { sint32 s = 1; int32 i = 2; sint64 l = 3; fixed32 f = 4; sfixed64 g = 5; double d = 6; float x = 7; bool b = 8; bytes y = 9; uint64 u = 10; }
message Node { Node child = 1; int32 v = 2; }
`;
const PROTO2 = `syntax = "proto2";
package p2;
message Old { repeated int32 x = 1; repeated int32 y = 2 [packed=true]; optional string s = 3; required int64 r = 4; }
`;

const o = (messageType: string, proto = GUIDE) => ({ proto, messageType });
function json(hexText: string, messageType: string, proto = GUIDE): string {
  const r = decodeProtobuf(h(hexText), o(messageType, proto));
  if (!r.ok) throw new Error(r.error);
  return toJsonText(r.value);
}
function enc(text: string, messageType: string, proto = GUIDE): string {
  const r = encodeProtobuf(text, o(messageType, proto));
  if (!r.ok) throw new Error(r.error);
  return toHex(r.bytes);
}
function error(hexText: string, messageType: string, proto = GUIDE): string {
  const r = decodeProtobuf(h(hexText), o(messageType, proto));
  if (r.ok) throw new Error(`decoded ${toJsonText(r.value)}`);
  return r.error;
}

describe('protobuf: the encoding guide', () => {
  const VECTORS: Array<[string, string, string]> = [
    ['Test1', '{"a":150}', '089601'],
    ['Test2', '{"b":"testing"}', '120774657374696e67'],
    ['Test3', '{"c":{"a":150}}', '1a03089601'],
    ['Test4', '{"d":"hello","e":[1,2,3]}', '220568656c6c6f2a03010203'],
    ['Test5', '{"f":[3,270,86942]}', '3206038e029ea705'],
    ['Signed', '{"s":-2}', '0803'],
    ['Signed', '{"i":-2}', '10feffffffffffffffff01'],
    ['Signed', '{"l":-9223372036854775808}', '18ffffffffffffffffff01'],
    ['Signed', '{"f":4294967295}', '25ffffffff'],
    ['Signed', '{"g":-1}', '29ffffffffffffffff'],
    ['Signed', '{"d":1.5}', '31000000000000f83f'],
    ['Signed', '{"x":1.5}', '3d0000c03f'],
    ['Signed', '{"b":true}', '4001'],
    ['Signed', '{"y":{"$bytes":"0102"}}', '4a020102'],
    ['Signed', '{"u":18446744073709551615}', '50ffffffffffffffffff01'],
  ];
  it.each(VECTORS)('%s %s ⇄ %s', (type, text, hexText) => {
    expect(enc(text, type)).toBe(hexText);
    expect(json(hexText, type)).toBe(text);
  });
  it('int64 from strings, bytes from base64, JSON names', () => {
    expect(enc('{"u":"18446744073709551615","y":"AQI="}', 'Signed')).toBe('4a02010250ffffffffffffffffff01');
  });
  it('repeated fields read packed and unpacked alike; proto2 packs only [packed=true]', () => {
    expect(json('2801 2802 2a020304', 'Test4')).toBe('{"e":[1,2,3,4]}');
    expect(enc('{"x":[1,2],"y":[3,4],"s":"a","r":5}', 'p2.Old', PROTO2)).toBe('08010802120203041a01612005');
    expect(json('08010802120203041a01612005', 'Old', PROTO2)).toBe('{"x":[1,2],"y":[3,4],"s":"a","r":5}');
  });
  it('the field tree: types, enums by name, oneof, maps, unknown fields by number', () => {
    const bytes = encodeProtobuf('{"seq":7,"at":"now","values":[1.5],"tags":{"a":"x"},"kind":"KIND_TRADE","note":"hi","origin":{"x":-1}}', o('sockpit.Tick', SAMPLE));
    expect(bytes.ok).toBe(true);
    if (!bytes.ok) return;
    const withUnknown = new Uint8Array([...bytes.bytes, 0x98, 0x06, 0x2a]); // field 99, varint 42
    const r = decodeProtobuf(withUnknown, o('sockpit.Tick', SAMPLE));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.type).toBe('sockpit.Tick');
    expect(r.summary).toBe('sockpit.Tick {seq, at, values, tags, kind, note, …} {"seq":"7","at":"now","values":[1.5],"tags":{"a":"x"},"kind":"KIND_TRADE","note…');
    expect(r.fields).toEqual([
      { name: 'seq', value: '7', note: 'uint64' },
      { name: 'at', value: 'now', note: 'string' },
      { name: 'values', note: 'double · 1 item', children: [{ name: '0', value: 1.5 }] },
      { name: 'tags', note: 'map<string, string> · 1 entry', children: [{ name: 'a', value: 'x', note: 'string' }] },
      { name: 'kind', value: 'KIND_TRADE', note: 'Kind · = 2' },
      { name: 'note', value: 'hi', note: 'oneof extra · string' },
      { name: 'origin', note: 'Point · 1 field', children: [{ name: 'x', value: -1, note: 'int32' }] },
      { name: '99', value: 42, note: 'unknown field · varint · zigzag 21' },
    ]);
    expect((r.value as Record<string, unknown>)['#99']).toBe(42);
  });
  it('a later oneof member replaces an earlier one', () => {
    expect(json('320268693a0102', 'sockpit.Tick', SAMPLE)).toBe('{"blob":{"$bytes":"02"}}');
    expect(json('3a0102320268 69'.replace(' ', ''), 'sockpit.Tick', SAMPLE)).toBe('{"note":"hi"}');
  });
});

describe('protobuf: without a schema', () => {
  it('field numbers, wire types, guessed strings and messages', () => {
    const r = decodeProtobuf(h('089601 120774657374696e67 1a03089601 2d0000c03f 31000000000000f83f'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.type).toBe('message');
    expect(r.fields).toEqual([
      { name: '1', value: 150, note: 'varint · zigzag 75' },
      { name: '2', value: 'testing', note: 'len · as a string' },
      { name: '3', note: 'len · as a message (a guess)', children: [{ name: '1', value: 150, note: 'varint · zigzag 75' }] },
      { name: '5', value: 1069547520, note: 'i32 · float 1.5' },
      { name: '6', value: '4609434218613702656', note: 'i64 · double 1.5' },
    ]);
  });
  it('bad wire data says where', () => {
    expect(decodeProtobuf(h('0896'))).toEqual({ ok: false, error: 'field 1 (wire type 0): truncated varint at byte 1' });
    expect(decodeProtobuf(h('0a05 0102'))).toEqual({ ok: false, error: 'field 1 (wire type 2) at byte 0: length 5 overruns the 2 bytes left' });
    expect(decodeProtobuf(h('0f'))).toEqual({ ok: false, error: 'field 1 (wire type 7) at byte 0: wire type 7 does not exist' });
    expect(decodeProtobuf(h('0b'))).toEqual({ ok: false, error: 'field 1 (wire type 3) at byte 0: groups are not supported' });
    expect(decodeProtobuf(h('00'))).toEqual({ ok: false, error: 'at byte 0: field number 0 is not valid' });
  });
});

describe('protobuf: bytes that do not match the schema', () => {
  it('the wrong wire type for a field', () => expect(error('0d01000000', 'Test1')).toBe('Test1 field 1 "a" (wire type 5) at byte 0: int32 is wire type 0 (varint), not 5 (i32)'));
  it('a truncated varint', () => expect(error('0896', 'Test1')).toBe('Test1 field 1 "a" (wire type 0): truncated varint at byte 1'));
  it('a varint of 11 bytes', () => expect(error('08ffffffffffffffffffff01', 'Test1')).toBe('Test1 field 1 "a" (wire type 0): varint at byte 1 is longer than 10 bytes'));
  it('a length that overruns', () => expect(error('1a0c 0896', 'Test3')).toBe('Test3 field 3 "c" (wire type 2) at byte 0: length 12 overruns the 2 bytes left'));
  it('inside a nested message', () => expect(error('1a02 0896', 'Test3')).toBe('Test3.c field 1 "a" (wire type 0): truncated varint at byte 3'));
  it('invalid UTF-8 in a string', () => expect(error('1201ff', 'Test2')).toBe('Test2 field 2 "b" (wire type 2) at byte 0: the string is not valid UTF-8'));
  it('fixed64 truncated', () => expect(error('2901', 'Signed')).toBe('Signed field 5 "g" (wire type 1) at byte 1: needs 8 bytes, 1 left'));
  it('a group', () => expect(error('0b0c', 'Test1')).toBe('Test1 field 1 "a" (wire type 3) at byte 0: groups are not supported'));
  it('a nesting bomb is capped', () => {
    // Node { child = 1 } nested 2000 deep: each level is 0a <len>, built inside out
    let b: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const len = b.length;
      const lenBytes: number[] = [];
      let x = len;
      do {
        lenBytes.push((x & 0x7f) | (x > 0x7f ? 0x80 : 0));
        x >>= 7;
      } while (x > 0);
      b = [0x0a, ...lenBytes, ...b];
    }
    const r = decodeProtobuf(Uint8Array.from(b), o('Node'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/messages nested deeper than 100$/);
  });
  it('never throws on random bytes', () => {
    let seed = 3;
    for (let i = 0; i < 2000; i++) {
      const b = new Uint8Array(1 + (i % 30));
      for (let k = 0; k < b.length; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        b[k] = seed & 0xff;
      }
      expect(() => decodeProtobuf(b, o('sockpit.Tick', SAMPLE))).not.toThrow();
      expect(() => decodeProtobuf(b)).not.toThrow();
    }
  });
});

describe('protobuf: encode errors', () => {
  it('unknown field names, wrong types, ranges, oneof, enums', () => {
    expect(encodeProtobuf('{"z":1}', o('Test1'))).toEqual({ ok: false, error: 'Test1.z: Test1 has no field "z" (fields: a)' });
    expect(encodeProtobuf('{"a":"x"}', o('Test1'))).toEqual({ ok: false, error: 'Test1.a: int32 needs an integer (a number, or a string of digits), got "x"' });
    expect(encodeProtobuf('{"a":2147483648}', o('Test1'))).toEqual({ ok: false, error: 'Test1.a: 2147483648 is out of range for int32' });
    expect(encodeProtobuf('{"note":"a","blob":"AA=="}', o('sockpit.Tick', SAMPLE))).toEqual({ ok: false, error: 'Tick.blob: "note" and "blob" are both in oneof extra; set one' });
    expect(encodeProtobuf('{"kind":"NOPE"}', o('sockpit.Tick', SAMPLE))).toEqual({ ok: false, error: 'Tick.kind: sockpit.Kind is one of KIND_UNSPECIFIED, KIND_TICK, KIND_TRADE (or its number), got "NOPE"' });
    expect(encodeProtobuf('{"e":5}', o('Test4'))).toEqual({ ok: false, error: 'Test4.e: repeated int32 needs an array, got 5' });
    expect(encodeProtobuf('[1]', o('Test1'))).toEqual({ ok: false, error: 'Test1 is written as a JSON object' });
    expect(encodeProtobuf('{"a":1}')).toEqual({ ok: false, error: 'to encode protobuf, load a .proto and choose the message type' });
    expect(encodeProtobuf('{"a":1}', o('Nope'))).toMatchObject({ ok: false, error: expect.stringMatching(/^no message type "Nope" in the .proto/) });
  });
});

describe('protobuf: .proto errors give line and column', () => {
  const bad = (text: string) => {
    const r = loadSchema({ proto: text, messageType: 'X' });
    return r && !r.ok ? `${r.field}: ${r.error}` : 'parsed';
  };
  it.each([
    ['syntax = "proto3";\nmessage X {\n  int32 a = ;\n}', 'proto: .proto line 3, column 13: expected a field number (an integer), found ";"'],
    ['syntax = "proto3";\nmessage X {\n  int32 a = 1\n}', 'proto: .proto line 4, column 1: expected ";", found "}"'],
    ['syntax = "proto3";\nmessage X {\n  Foo a = 1;\n}', 'proto: .proto line 3, column 7: unknown type "Foo"'],
    ['syntax = "proto3";\nmessage X { int32 a = 1; int32 b = 1; }', 'proto: .proto line 2, column 32: field number 1 is used twice in X'],
    ['syntax = "proto3";\nmessage X { int32 a = 1;', 'proto: .proto line 2, column 25: message X is never closed with "}"'],
    ['syntax = "proto4";', 'proto: .proto line 1, column 10: syntax is "proto2" or "proto3", found "proto4"'],
    ['syntax = "proto2";\nmessage X { optional group G = 1 { } }', 'proto: .proto line 2, column 22: groups are not supported'],
    ['syntax = "proto2";\nmessage X { int32 a = 1; }', 'proto: .proto line 2, column 13: a proto2 field needs a label (optional, required or repeated) before "int32"'],
    ['message X { map<float, string> m = 1; }', 'proto: .proto line 1, column 17: a map key is an integer, bool or string type, not "float"'],
    ['syntax = "proto3"; message X { google.protobuf.Timestamp t = 1; }', 'proto: .proto line 1, column 58: unknown type "google.protobuf.Timestamp" (imports are not read: paste the imported definitions into this .proto)'],
    ['/* open', 'proto: .proto line 1, column 1: unterminated comment'],
    ['message X { optional int32 a = 0; }', 'proto: .proto line 1, column 28: field number 0 is out of range 1..536870911'],
    ['message X { int32 a = 1; }', 'proto: .proto line 1, column 13: a proto2 field needs a label (optional, required or repeated) before "int32"; with no syntax line, proto2 is assumed'],
    ['syntax = "proto3"; message Y {}', 'messageType: no message type "X" in the .proto (it has Y)'],
  ])('%s', (text, expected) => expect(bad(text)).toBe(expected));

  it('parses the sample and the things it reads past', () => {
    const s = parseProto(`syntax = "proto3"; package a.b; import "google/protobuf/any.proto"; option java_package = "x";
      message Outer { message Inner { enum E { option allow_alias = true; A = 0; B = 1; C = 1; } E e = 1; }
        Inner in = 1; reserved 2, 15 to 20; reserved "old"; repeated Inner.E es = 3 [packed = false, deprecated = true];
        optional string s = 4 [json_name = "ess"]; map<int32, Inner> m = 5; .a.b.Outer self = 6; option (my.opt) = { a: 1 }; }
      service S { rpc Get (Outer) returns (Outer) { option (x) = "y"; } }
      enum Top { T0 = 0; T1 = -1; }`);
    expect([...s.messages.keys()]).toEqual(['a.b.Outer', 'a.b.Outer.Inner']);
    expect([...s.enums.keys()]).toEqual(['a.b.Outer.Inner.E', 'a.b.Top']);
    const outer = s.messages.get('a.b.Outer');
    expect(outer?.fields.map((f) => `${f.number}:${f.name}:${f.resolved?.fullName ?? f.scalar ?? f.typeName}`)).toEqual(['1:in:a.b.Outer.Inner', '3:es:a.b.Outer.Inner.E', '4:s:string', '5:m:map<int32, Inner>', '6:self:a.b.Outer']);
    expect(outer?.byName.get('es')?.packedOption).toBe(false);
    expect(s.enums.get('a.b.Top')?.byNumber.get(-1)).toBe('T1');
  });
});

describe('protobuf: against protobufjs', () => {
  const root = protobuf.parse(SAMPLE).root;
  const Tick = root.lookupType('sockpit.Tick');
  it('decodes what protobufjs encodes', () => {
    const bytes = Tick.encode(Tick.create({ seq: 12345678901234, at: '2024-01-02T03:04:05Z', values: [1.5, -2.25], tags: { a: 'x', __proto__: 'y' } as Record<string, string>, kind: 1, blob: new Uint8Array([1, 2, 3]), origin: { x: 3, y: -4 }, delta: -5 })).finish();
    const r = decodeProtobuf(bytes, o('sockpit.Tick', SAMPLE));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(toJsonText(r.value)).toBe('{"seq":12345678901234,"at":"2024-01-02T03:04:05Z","values":[1.5,-2.25],"tags":{"a":"x"},"kind":"KIND_TICK","blob":{"$bytes":"010203"},"origin":{"x":3,"y":-4},"delta":-5}');
  });
  it('protobufjs decodes what we encode, to the same bytes it would write', () => {
    const text = '{"seq":"18446744073709551615","at":"t","values":[1,2.5],"tags":{"k":"v"},"kind":"KIND_TRADE","note":"n","origin":{"x":-1,"y":2},"delta":-9223372036854775808}';
    const ours = encodeProtobuf(text, o('sockpit.Tick', SAMPLE));
    expect(ours.ok).toBe(true);
    if (!ours.ok) return;
    const back = Tick.toObject(Tick.decode(ours.bytes), { longs: String, enums: String });
    expect(back).toEqual({ seq: '18446744073709551615', at: 't', values: [1, 2.5], tags: { k: 'v' }, kind: 'KIND_TRADE', note: 'n', origin: { x: -1, y: 2 }, delta: '-9223372036854775808' });
    expect(toHex(ours.bytes)).toBe(toHex(Tick.encode(Tick.fromObject(back)).finish()));
  });
  it('a __proto__ map key stays data', () => {
    const r = decodeProtobuf(h('220f0a095f5f70726f746f5f5f12027878'), o('sockpit.Tick', SAMPLE));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const tags = (r.value as Record<string, Record<string, unknown>>).tags as Record<string, unknown>;
    expect(Object.getPrototypeOf(tags)).toBeNull();
    expect(Object.keys(tags)).toEqual(['__proto__']);
    expect(tags.__proto__).toBe('xx');
  });
});
