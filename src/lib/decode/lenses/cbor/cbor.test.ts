import { describe, expect, it } from 'vitest';
import { encode as libEncode, Tagged } from 'cborg';
import type { DetectHint, Frame } from '../../types';
import { detectLens } from '../../registry';
import { BINARY_FRAMES } from '../../../../../server/routes/binary.mjs';
import { detectCbor, looksLikeCbor } from './detect';
import { detectMsgpack } from '../msgpack/detect';
import { cborLens } from './index';

const bin = (bytes: Uint8Array): Frame => ({ direction: 'in', format: 'binary', bytes });
const hint = (frames: Frame[], protocol = ''): DetectHint => ({ url: 'ws://x/', offered: protocol ? [protocol] : [], protocol, frames });
const tick = libEncode({ type: 'tick', seq: 1, at: new Tagged(1, 1363896240), values: [1.5, 2] });
const h = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (x) => parseInt(x, 16));

describe('cbor lens: detect', () => {
  it('by subprotocol', () => {
    for (const p of ['cbor', 'v1.cbor', 'cbor+ws']) expect(detectCbor(hint([], p))).toBe(3);
    for (const p of ['wamp.2.cbor', 'json', 'cborx', 'msgpack']) expect(detectCbor(hint([], p))).toBe(0);
  });
  it('from whole maps and arrays only', () => {
    expect(detectCbor(hint([bin(tick)]))).toBe(1);
    expect(detectMsgpack(hint([bin(tick)]))).toBe(0);
    expect(detectCbor(hint([bin(libEncode([1, [2, 3]]))]))).toBe(1);
    expect(looksLikeCbor(h('9f01820203ff'))).toBe(true); // indefinite
    expect(looksLikeCbor(h('9fff'))).toBe(false); // empty
    expect(looksLikeCbor(h('a10102'))).toBe(false); // an int key first
    expect(looksLikeCbor(h('8301'))).toBe(false); // truncated
    expect(looksLikeCbor(h('820102ff'))).toBe(false); // a stray break
    expect(looksLikeCbor(h('81 1c'))).toBe(false); // reserved
    expect(looksLikeCbor(new Uint8Array([...tick, 0]))).toBe(false);
  });
  it('never from text frames or the playground /binary frames', () => {
    expect(detectCbor(hint([{ direction: 'in', format: 'text', text: '[1,2]' }]))).toBe(0);
    for (const f of BINARY_FRAMES) expect(looksLikeCbor(new Uint8Array(f))).toBe(false);
  });
  it('the registry picks it for CBOR frames', () => {
    expect(detectLens(hint([bin(tick)]))).toEqual({ id: 'cbor', score: 1 });
    expect(detectLens(hint([], 'cbor'))).toEqual({ id: 'cbor', score: 3 });
  });
});

describe('cbor lens: decode and encode', () => {
  it('one message per binary frame, tags shown', () => {
    const { messages } = cborLens.decode(bin(tick), null);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ protocol: 'CBOR', type: 'map', keys: [['seq', '1'], ['type', 'tick']] }); // cborg writes keys sorted
    expect(messages[0]?.fields.find((f) => f.name === 'at')).toEqual({ name: 'at', value: 1363896240, note: 'tag 1 epoch time · 2013-03-21T20:04:00Z' });
  });
  it('bad bytes: a message with the error', () => {
    const { messages } = cborLens.decode(bin(h('81 5f 41 00')), null);
    expect(messages[0]).toMatchObject({ type: 'invalid', error: 'truncated at byte 4: the indefinite byte string from byte 1 has no break' });
  });
  it('composes from JSON to the exact bytes', () => {
    expect(cborLens.encode?.('json', { json: '{"a":1,"b":[2,3]}' })).toEqual({ ok: true, frames: [h('a26161016162820203')] });
    expect(cborLens.encode?.('json', { json: '{"$tag":1,"$value":1363896240}' })).toEqual({ ok: true, frames: [h('c11a514b67b0')] });
  });
});
