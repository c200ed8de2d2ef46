import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DetectHint, Frame } from '../../types';
import { detectLens, loadLens } from '../../registry';
import { loadCodec, loadedCodec } from '../../encodings/index';
import { detectProtobuf } from './detect';
import { PROTOBUF_OPTIONS, protobufLens } from './index';

const SAMPLE = readFileSync(new URL('../../../../../docs/protocols/sample.proto', import.meta.url), 'utf8');
const bin = (bytes: Uint8Array): Frame => ({ direction: 'in', format: 'binary', bytes });
const hint = (frames: Frame[], protocol = ''): DetectHint => ({ url: 'ws://x/', offered: protocol ? [protocol] : [], protocol, frames });

describe('protobuf lens', () => {
  it('is detected by subprotocol only, never from bytes', () => {
    expect(detectProtobuf(hint([], 'v1.protobuf'))).toBe(3);
    expect(detectProtobuf(hint([], 'protobuf'))).toBe(3);
    expect(detectProtobuf(hint([bin(new Uint8Array([0x08, 0x96, 0x01]))]))).toBe(0);
    expect(detectLens(hint([bin(new Uint8Array([0x08, 0x96, 0x01]))]))).toBeNull();
    expect(detectLens(hint([], 'x.protobuf'))).toEqual({ id: 'protobuf', score: 3 });
  });
  it('unconfigured: the raw wire format', () => {
    const { messages } = protobufLens.decode(bin(new Uint8Array([0x08, 0x96, 0x01])), null);
    expect(messages).toEqual([{ protocol: 'Protocol Buffers', type: 'message', summary: 'message (no schema) {1} {"1":150}', fields: [{ name: '1', value: 150, note: 'varint · zigzag 75' }], keys: [['1', '150']] }]);
    expect(protobufLens.encode?.('json', { json: '{}' })).toEqual({ ok: false, error: 'to encode protobuf, load a .proto and choose the message type', field: 'json' });
  });
  it('options: the .proto and the message type', () => {
    expect(protobufLens.optionsFields).toBe(PROTOBUF_OPTIONS);
    expect(PROTOBUF_OPTIONS.map((f) => f.name)).toEqual(['proto', 'messageType']);
    expect(protobufLens.configure?.({ proto: 'syntax = "proto3";\nmessage A {\n  int32 a = 1\n}' })).toEqual({ ok: false, error: '.proto line 4, column 1: expected ";", found "}"', field: 'proto' });
    expect(protobufLens.configure?.({ proto: SAMPLE, messageType: 'Nope' })).toEqual({ ok: false, error: 'no message type "Nope" in the .proto (it has sockpit.Tick, sockpit.Point)', field: 'messageType' });
    expect(protobufLens.configure?.({ proto: SAMPLE })).toMatchObject({ ok: false, field: 'messageType', error: 'choose the message type: sockpit.Tick, sockpit.Point' });
    expect(protobufLens.configure?.({})).toMatchObject({ ok: true });
  });
  it('configured: decodes and encodes with the schema', () => {
    const c = protobufLens.configure?.({ proto: SAMPLE, messageType: 'Tick' });
    expect(c?.ok).toBe(true);
    if (!c?.ok) return;
    const lens = c.lens;
    const enc = lens.encode?.('json', { json: '{"seq":1,"at":"now","kind":"KIND_TICK"}' });
    expect(enc).toEqual({ ok: true, frames: [new Uint8Array([0x08, 0x01, 0x12, 0x03, 0x6e, 0x6f, 0x77, 0x28, 0x01])] });
    if (!enc?.ok) return;
    const { messages } = lens.decode(bin(enc.frames[0] as Uint8Array), null);
    expect(messages[0]).toMatchObject({ protocol: 'Protocol Buffers', type: 'sockpit.Tick', keys: [['seq', '1'], ['at', 'now'], ['kind', 'KIND_TICK']] });
    const bad = lens.decode(bin(new Uint8Array([0x1a, 0x28, 0x00])), null).messages[0];
    expect(bad).toEqual({ protocol: 'Protocol Buffers', type: 'invalid', summary: 'invalid Protocol Buffers: Tick field 3 "values" (wire type 2) at byte 0: length 40 overruns the 1 bytes left', fields: [], error: 'Tick field 3 "values" (wire type 2) at byte 0: length 40 overruns the 1 bytes left' });
    expect(lens.decode({ direction: 'in', format: 'text', text: 'x' }, null).messages).toEqual([]);
  });
  it('the registry loads the lenses, the codec registry the codecs', async () => {
    expect((await loadLens('protobuf')).id).toBe('protobuf');
    expect((await loadLens('msgpack')).name).toBe('MessagePack');
    expect((await loadLens('cbor')).name).toBe('CBOR');
    expect(loadedCodec('cbor')).toBeUndefined();
    const c = await loadCodec('cbor');
    expect(c.decode(new Uint8Array([0x83, 1, 2, 3]))).toMatchObject({ ok: true, type: 'array', value: [1, 2, 3] });
    expect(loadedCodec('cbor')).toBe(c);
    expect((await loadCodec('msgpack')).id).toBe('msgpack');
    expect((await loadCodec('protobuf')).decode(new Uint8Array([0x08, 0x96, 0x01]), { proto: 'syntax = "proto3"; message T { int32 a = 1; }' })).toMatchObject({ ok: true, type: 'T', value: { a: 150 } });
  });
});
