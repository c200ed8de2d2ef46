import { describe, expect, it } from 'vitest';
import type { DecodedMessage, Field, Frame } from '../../types';
import { decodeJsonText, jsonLens } from '../json/index';
import { detectJson } from '../json/detect';
import { detectJsonRpc } from './detect';
import { decodeRpcText, encodeRpc, jsonRpcLens } from './index';

/**
 * The JSON-RPC 2.0 and JSON lenses against the examples of the JSON-RPC 2.0
 * specification, §7 (https://www.jsonrpc.org/specification#examples):
 * `-->` is what the client sends (out), `<--` what the server answers (in).
 */

const text = (t: string, direction: 'in' | 'out' = 'in'): Frame => ({ direction, format: 'text', text: t });
const decode = (t: string, direction: 'in' | 'out' = 'in'): DecodedMessage[] => jsonRpcLens.decode(text(t, direction), null).messages;

function one(t: string, direction: 'in' | 'out' = 'in'): DecodedMessage {
  const ms = decode(t, direction);
  expect(ms).toHaveLength(1);
  return ms[0] as DecodedMessage;
}

const keysOf = (m: DecodedMessage): Record<string, string> => Object.fromEntries(m.keys ?? []);
const names = (fields: readonly Field[]): string[] => fields.map((f) => f.name);

describe('JSON-RPC 2.0: the specification\'s examples decode', () => {
  it('a request with positional parameters and its result pair (--> out, <-- in)', () => {
    const req = one('{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}', 'out');
    expect(req).toMatchObject({ protocol: 'JSON-RPC', type: 'request', summary: 'request subtract id 1 · params [42,23]' });
    expect(req.error).toBeUndefined();
    expect(keysOf(req)).toEqual({ method: 'subtract', id: '1' });
    const res = one('{"jsonrpc": "2.0", "result": 19, "id": 1}', 'in');
    expect(res).toMatchObject({ type: 'result', summary: 'result id 1 · 19' });
    expect(res.error).toBeUndefined();
    // The request's key is the reply's key: they pair.
    expect(req.correlation).toEqual({ key: 'out:n1', role: 'request' });
    expect(res.correlation).toEqual({ key: 'out:n1', role: 'reply' });
  });

  it('named parameters are a field tree; a string id pairs apart from the number', () => {
    const req = one('{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": "3"}', 'out');
    expect(req.summary).toBe('request subtract id "3" · params {"subtrahend":23,"minuend":42}');
    expect(names(req.fields)).toEqual(['jsonrpc', 'method', 'params', 'id']);
    const params = req.fields.find((f) => f.name === 'params');
    expect(params?.children?.map((f) => [f.name, f.value])).toEqual([
      ['subtrahend', 23],
      ['minuend', 42],
    ]);
    expect(req.correlation?.key).toBe('out:s3');
    expect(one('{"jsonrpc":"2.0","result":19,"id":3}').correlation?.key).toBe('out:n3');
  });

  it('a notification has no id and opens no pair', () => {
    const n = one('{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}', 'out');
    expect(n).toMatchObject({ type: 'notification', summary: 'notification update · params [1,2,3,4,5]' });
    expect(n.correlation).toBeUndefined();
    expect(keysOf(n)).toEqual({ method: 'update' });
    expect(one('{"jsonrpc": "2.0", "method": "foobar"}', 'out').summary).toBe('notification foobar');
  });

  it('an error reply: code and message in the summary, reachable as fields, closes the pair', () => {
    const e = one('{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"}');
    expect(e).toMatchObject({ type: 'error', summary: 'error id "1" · -32601 Method not found', correlation: { key: 'out:s1', role: 'reply' } });
    expect(keysOf(e)).toEqual({ id: '1', code: '-32601' });
    // The error of a request the server could not read has id null: nothing to pair with.
    const parse = one('{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}');
    expect(parse).toMatchObject({ type: 'error', summary: 'error id null · -32700 Parse error' });
    expect(parse.correlation).toBeUndefined();
  });

  it('a batch is one message per member, each with its place, the first holding the whole tree', () => {
    const ms = decode(
      '[{"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"}, {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}, {"jsonrpc": "2.0", "method": "get_data", "id": "9"}]',
      'out',
    );
    expect(ms.map((m) => m.summary)).toEqual([
      'batch 1/3 · request sum id "1" · params [1,2,4]',
      'batch 2/3 · notification notify_hello · params [7]',
      'batch 3/3 · request get_data id "9"',
    ]);
    expect(ms.map((m) => m.correlation?.key)).toEqual(['out:s1', undefined, 'out:s9']);
    // The first member's tree is the whole batch (three members); the others hold their own.
    expect(ms[0]?.fields).toHaveLength(3);
    expect(names(ms[1]?.fields ?? [])).toEqual(['jsonrpc', 'method', 'params']);
    const replies = decode('[{"jsonrpc": "2.0", "result": 7, "id": "1"}, {"jsonrpc": "2.0", "result": ["hello", 5], "id": "9"}]');
    expect(replies.map((m) => [m.type, m.correlation?.key])).toEqual([
      ['result', 'out:s1'],
      ['result', 'out:s9'],
    ]);
  });
});

describe('JSON-RPC 2.0: bad input is a clear error, never a throw, never silence', () => {
  it('invalid JSON (the spec\'s "rpc call with invalid JSON")', () => {
    const m = one('{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]');
    expect(m.type).toBe('invalid');
    expect(m.summary).toMatch(/^invalid JSON: /);
    expect(m.error).toBeTruthy();
  });

  it('truncated JSON: an error row, not a silent raw frame', () => {
    const m = one('{"jsonrpc":"2.0","method":"sum","params":[1,');
    expect(m).toMatchObject({ protocol: 'JSON-RPC', type: 'invalid' });
    expect(m.summary).toMatch(/^invalid JSON: /);
    expect(m.error).toBeTruthy();
    expect(one('[{"jsonrpc":"2.0","result":1,"id":1}').type).toBe('invalid');
  });

  it('an empty batch, and a batch of things that are not requests', () => {
    expect(one('[]')).toMatchObject({ type: 'invalid', summary: 'empty batch', error: 'a batch holds at least one message' });
    const ms = decode('[1,2,3]');
    expect(ms).toHaveLength(3);
    for (const m of ms) expect(m).toMatchObject({ type: 'invalid', error: 'a JSON-RPC message is an object' });
  });

  it('a wrong "jsonrpc" member, and an object that is neither request nor response', () => {
    const wrong = one('{"jsonrpc": "1.0", "method": "x", "id": 1}', 'out');
    expect(wrong.type).toBe('request');
    expect(wrong.error).toBe('"jsonrpc" must be "2.0", got "1.0"');
    const neither = one('{"jsonrpc": "2.0", "id": 1}');
    expect(neither).toMatchObject({ type: 'invalid', error: 'a JSON-RPC message has "method", "result" or "error"' });
  });

  it('a text that is not JSON, an empty one, one over 1 Mi characters and a binary frame stay raw with a note on the row, never silence', () => {
    const lens = (f: Frame) => jsonRpcLens.decode(f, null).messages;
    expect(lens({ direction: 'in', format: 'text', text: 'hello' })).toEqual([{ protocol: 'JSON-RPC', type: 'raw', summary: 'not JSON · shown raw', fields: [], error: 'not JSON' }]);
    expect(lens({ direction: 'in', format: 'text', text: '' })[0]).toMatchObject({ type: 'raw', error: 'an empty text frame' });
    expect(lens({ direction: 'in', format: 'binary', bytes: new Uint8Array([0x7b, 0x7d]) })).toEqual([
      { protocol: 'JSON-RPC', type: 'raw', summary: 'a binary frame (2 B): JSON-RPC is read from text frames · shown raw', fields: [], error: 'a binary frame (2 B): JSON-RPC is read from text frames' },
    ]);
    const long = `{"jsonrpc":"2.0","method":"m","params":["${'x'.repeat(1 << 20)}"]}`;
    expect(lens({ direction: 'in', format: 'text', text: long })[0]).toMatchObject({ type: 'raw', error: `${long.length.toLocaleString('en-US')} characters: longer than the 1,048,576 decoded on the timeline (the inspector reads it whole)` });
    // Pairing reads requests only: a text that is not JSON gives it nothing.
    expect(decodeRpcText('hello', 'in')).toEqual([]);
  });

  it('__proto__ and constructor keys stay data', () => {
    const m = one('{"jsonrpc":"2.0","method":"m","params":{"__proto__":{"polluted":true},"constructor":1},"id":1}', 'out');
    const params = m.fields.find((f) => f.name === 'params');
    expect(params?.children?.map((f) => f.name)).toEqual(['__proto__', 'constructor']);
    expect(params?.children?.[0]?.children?.[0]).toMatchObject({ name: 'polluted', value: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(decodeRpcText('{"jsonrpc":"2.0","__proto__":1,"result":2,"id":1}', 'in')[0]?.type).toBe('result');
  });
});

describe('JSON-RPC 2.0: encode', () => {
  it('a request numbers its ids from 1; a given id is kept (a number stays a number); a preview leaves the counter alone', () => {
    const preview = encodeRpc('request', { method: 'subtract', params: '[42, 23]' }, { preview: true });
    expect(preview).toEqual({ ok: true, frames: ['{"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}'] });
    expect(encodeRpc('request', { method: 'subtract', params: '[42, 23]' })).toEqual(preview);
    expect(encodeRpc('request', { method: 'subtract', params: '{"minuend": 42}' })).toEqual({
      ok: true,
      frames: ['{"jsonrpc":"2.0","method":"subtract","params":{"minuend":42},"id":2}'],
    });
    expect(encodeRpc('request', { method: 'm', params: '', id: '7' })).toEqual({ ok: true, frames: ['{"jsonrpc":"2.0","method":"m","id":7}'] });
    expect(encodeRpc('request', { method: 'm', params: '', id: 'abc' })).toEqual({ ok: true, frames: ['{"jsonrpc":"2.0","method":"m","id":"abc"}'] });
  });

  it('a notification has no id', () => {
    expect(encodeRpc('notification', { method: 'update', params: '[1,2,3,4,5]' })).toEqual({ ok: true, frames: ['{"jsonrpc":"2.0","method":"update","params":[1,2,3,4,5]}'] });
  });

  it('what it encodes decodes back to the same message', () => {
    const r = encodeRpc('request', { method: 'sum', params: '[1,2,4]', id: 'x' });
    if (!r.ok) throw new Error(r.error);
    expect(one(r.frames[0] as string, 'out')).toMatchObject({ type: 'request', summary: 'request sum id "x" · params [1,2,4]' });
  });

  it('bad values name their field', () => {
    expect(encodeRpc('request', { method: ' ', params: '[]' })).toEqual({ ok: false, error: 'a method name is required', field: 'method' });
    expect(encodeRpc('request', { method: 'm', params: '[1,' })).toMatchObject({ ok: false, field: 'params', error: expect.stringMatching(/^params: /) });
    expect(encodeRpc('request', { method: 'm', params: '42' })).toEqual({ ok: false, error: 'params must be an array or an object', field: 'params' });
    expect(encodeRpc('result', { method: 'm' })).toEqual({ ok: false, error: 'unknown message kind "result"' });
  });
});

describe('detection', () => {
  it('JSON-RPC: 3 from a subprotocol, 2 from a /jsonrpc path, 1 from a first frame with "jsonrpc":"2.0", else 0', () => {
    expect(detectJsonRpc({ url: 'ws://127.0.0.1/', offered: [], protocol: 'jsonrpc', frames: [] })).toBe(3);
    expect(detectJsonRpc({ url: 'ws://127.0.0.1/', offered: ['json-rpc'], protocol: '', frames: [] })).toBe(3);
    expect(detectJsonRpc({ url: 'ws://127.0.0.1/', offered: ['jsonrpc'], protocol: 'other', frames: [] })).toBe(0);
    expect(detectJsonRpc({ url: 'ws://127.0.0.1:8787/jsonrpc', offered: [], protocol: '', frames: [] })).toBe(2);
    expect(detectJsonRpc({ url: 'wss://example.com/api/json-rpc/?token=1', offered: [], protocol: '', frames: [] })).toBe(2);
    expect(detectJsonRpc({ url: 'ws://127.0.0.1/echo?path=/jsonrpc', offered: [], protocol: '', frames: [] })).toBe(0);
    expect(detectJsonRpc({ url: 'ws://127.0.0.1/jsonrpcx', offered: [], protocol: '', frames: [] })).toBe(0);
    expect(detectJsonRpc({ url: 'ws://127.0.0.1/', offered: [], protocol: '', frames: [text('{"jsonrpc": "2.0", "method": "x"}', 'out')] })).toBe(1);
    expect(detectJsonRpc({ url: 'ws://127.0.0.1/', offered: [], protocol: '', frames: [text('{"jsonrpc":"1.0"}')] })).toBe(0);
  });

  it('JSON: 1 when every first text frame looks like JSON, else 0', () => {
    expect(detectJson({ url: 'ws://127.0.0.1/', offered: [], protocol: '', frames: [text('{"a":1}'), text('[1]')] })).toBe(1);
    expect(detectJson({ url: 'ws://127.0.0.1/', offered: [], protocol: '', frames: [text('{"a":1}'), text('hello')] })).toBe(0);
    expect(detectJson({ url: 'ws://127.0.0.1/', offered: [], protocol: '', frames: [] })).toBe(0);
  });
});

describe('the JSON lens', () => {
  it('objects, arrays and scalars: summary, field tree, top-level scalars as filter keys', () => {
    const [o] = decodeJsonText('{"type":"tick","seq":3,"ok":true,"data":{"t":21.5}}');
    expect(o).toMatchObject({ protocol: 'JSON', type: 'object' });
    expect(o?.summary).toMatch(/^\{type, seq, ok, data\} /);
    expect(Object.fromEntries(o?.keys ?? [])).toEqual({ type: 'tick', seq: '3', ok: 'true' });
    const [a] = decodeJsonText('[1,2,3]');
    expect(a).toMatchObject({ type: 'array', summary: 'array · 3 items [1,2,3]' });
  });

  it('invalid JSON that looks like JSON is an error row; text that is not JSON, and binary, is a raw row with a note', () => {
    const [bad] = jsonLens.decode(text('{"a":}'), null).messages;
    expect(bad).toMatchObject({ type: 'invalid' });
    expect(bad?.error).toBeTruthy();
    expect(jsonLens.decode(text('plain words'), null).messages).toEqual([{ protocol: 'JSON', type: 'raw', summary: 'not JSON · shown raw', fields: [], error: 'not JSON' }]);
    expect(jsonLens.decode({ direction: 'in', format: 'binary', bytes: new Uint8Array([1, 2, 3]) }, null).messages[0]).toMatchObject({ type: 'raw', error: 'a binary frame (3 B): JSON is read from text frames' });
  });

  it('__proto__ keys stay data', () => {
    const [m] = decodeJsonText('{"__proto__":{"x":1}}');
    expect(m?.fields.map((f) => f.name)).toEqual(['__proto__']);
    expect(Object.fromEntries(m?.keys ?? [])).toEqual({});
  });
});
