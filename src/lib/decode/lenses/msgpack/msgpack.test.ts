import { describe, expect, it } from 'vitest';
import { encode as libEncode } from '@msgpack/msgpack';
import type { DetectHint, Frame } from '../../types';
import { detectLens } from '../../registry';
import { BINARY_FRAMES } from '../../../../../server/routes/binary.mjs';
import { detectMsgpack, looksLikeMsgpack } from './detect';
import { msgpackLens } from './index';

const bin = (bytes: Uint8Array): Frame => ({ direction: 'in', format: 'binary', bytes });
const hint = (frames: Frame[], protocol = ''): DetectHint => ({ url: 'ws://x/', offered: protocol ? [protocol] : [], protocol, frames });
const tick = libEncode({ type: 'tick', seq: 1, at: '2024-01-02T03:04:05Z', values: [1.5, 2] });

describe('msgpack lens: detect', () => {
  it('by subprotocol', () => {
    for (const p of ['msgpack', 'v1.msgpack', 'messagepack', 'x.msgpack.v2']) expect(detectMsgpack(hint([], p))).toBe(3);
    for (const p of ['wamp.2.msgpack', 'json', 'msgpackish', 'v1.cbor']) expect(detectMsgpack(hint([], p))).toBe(0);
  });
  it('from whole maps and arrays only', () => {
    expect(detectMsgpack(hint([bin(tick)]))).toBe(1);
    expect(detectMsgpack(hint([bin(libEncode([1, 2, 3]))]))).toBe(1);
    expect(detectMsgpack(hint([bin(tick), bin(new Uint8Array([0x01, 0x02]))]))).toBe(0);
    expect(looksLikeMsgpack(libEncode({}))).toBe(false); // empty: not confident
    expect(looksLikeMsgpack(libEncode('a string'))).toBe(false);
    expect(looksLikeMsgpack(new Uint8Array([...tick, 0]))).toBe(false); // trailing byte
    expect(looksLikeMsgpack(tick.subarray(0, tick.length - 1))).toBe(false); // truncated
    expect(looksLikeMsgpack(new Uint8Array([0x81, 0x01, 0x02]))).toBe(false); // an int key
    expect(looksLikeMsgpack(new Uint8Array([0x91, 0xc7, 0xff, 0x05]))).toBe(false); // truncated ext 8
  });
  it('never from text frames or the playground /binary frames', () => {
    expect(detectMsgpack(hint([{ direction: 'in', format: 'text', text: '{"type":"tick"}' }]))).toBe(0);
    for (const f of BINARY_FRAMES) expect(looksLikeMsgpack(new Uint8Array(f))).toBe(false);
  });
  it('the registry picks it for MessagePack frames', () => {
    expect(detectLens(hint([bin(tick)]))).toEqual({ id: 'msgpack', score: 1 });
    expect(detectLens(hint([], 'v1.msgpack'))).toEqual({ id: 'msgpack', score: 3 });
  });
});

describe('msgpack lens: decode and encode', () => {
  it('one message per binary frame, with keys for top-level scalars', () => {
    const { messages } = msgpackLens.decode(bin(tick), null);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      protocol: 'MessagePack',
      type: 'map',
      summary: '{type, seq, at, values} {"type":"tick","seq":1,"at":"2024-01-02T03:04:05Z","values":[1.5,2]}',
      keys: [
        ['type', 'tick'],
        ['seq', '1'],
        ['at', '2024-01-02T03:04:05Z'],
      ],
    });
    expect(messages[0]?.fields[3]).toEqual({ name: 'values', note: '2 items', children: [{ name: '0', value: 1.5 }, { name: '1', value: 2 }] });
  });
  it('text frames are not MessagePack', () => expect(msgpackLens.decode({ direction: 'in', format: 'text', text: '{}' }, null).messages).toEqual([]));
  it('bad bytes: a message with the error, which says where', () => {
    const { messages } = msgpackLens.decode(bin(new Uint8Array([0x92, 0x01])), null);
    expect(messages).toEqual([{ protocol: 'MessagePack', type: 'invalid', summary: 'invalid MessagePack: at byte 0: array of 2 items overruns the 1 bytes left', fields: [], error: 'at byte 0: array of 2 items overruns the 1 bytes left' }]);
  });
  it('composes from JSON to the exact bytes', () => {
    expect(msgpackLens.encode?.('json', { json: '{"compact":true,"schema":0}' })).toEqual({ ok: true, frames: [new Uint8Array([0x82, 0xa7, 0x63, 0x6f, 0x6d, 0x70, 0x61, 0x63, 0x74, 0xc3, 0xa6, 0x73, 0x63, 0x68, 0x65, 0x6d, 0x61, 0x00])] });
    expect(msgpackLens.encode?.('json', { json: '{' })).toEqual({ ok: false, error: 'JSON: expected a "key" at line 1, column 2', field: 'json' });
    expect(msgpackLens.encode?.('other', { json: '1' })).toMatchObject({ ok: false });
  });
});
