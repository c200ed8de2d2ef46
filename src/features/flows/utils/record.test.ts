import { describe, expect, it } from 'vitest';
import type { SockEvent } from '../../../services/sockets/events';
import type { ConnectionId } from '../../../lib/ids';
import { validateFlow } from '../../../lib/flows/validate';
import { keyPath, matchersOf, propose, recordFlow, secretInBytes } from './record';

const id = 'c1' as ConnectionId;
const text = (direction: 'in' | 'out', t: string, seq = 1): SockEvent => ({ type: 'message', direction, format: 'text', text: t, size: t.length, seq, connectionId: id, time: 0 });

describe('Record', () => {
  it('proposes the scalar keys of a received JSON object, not time-like ones, and objects as "exists"', () => {
    const e = text('in', '{"type":"tick","seq":3,"time":"x","data":{"a":1},"ok":null}');
    const p = propose(e);
    expect(p).toEqual({
      kind: 'json',
      keys: [
        { path: '$.type', value: 'tick', picked: true },
        { path: '$.seq', value: 3, picked: true },
        { path: '$.time', value: 'x', picked: false },
        { path: '$.data', value: { a: 1 }, picked: false },
        { path: '$.ok', value: null, picked: true },
      ],
    });
    if (p.kind !== 'json') throw new Error('json expected');
    const all = { kind: 'json' as const, keys: p.keys.map((k) => ({ ...k, picked: true })) };
    expect(matchersOf(e, all)).toEqual([
      { path: '$.type', equals: 'tick' },
      { path: '$.seq', equals: 3 },
      { path: '$.time', equals: 'x' },
      { path: '$.data', exists: true },
      { path: '$.ok', equals: null },
    ]);
  });

  it('text that is not a JSON object is matched as equal, or contained when the user says so', () => {
    const e = text('in', 'hello there');
    expect(propose(e)).toEqual({ kind: 'text', mode: 'equals' });
    expect(matchersOf(e, { kind: 'text', mode: 'contains' })).toEqual([{ contains: 'hello there' }]);
    expect(propose(text('in', '[1,2]'))).toEqual({ kind: 'text', mode: 'equals' });
  });

  it('writes odd keys as bracketed paths', () => {
    expect(keyPath('a b')).toBe('$["a b"]');
    expect(keyPath('_ok')).toBe('$._ok');
  });

  it('turns rows into a valid flow: connect, send, expect, expectClose, on the connection URL', () => {
    const sent = text('out', '{"op":"hi"}', 1);
    const got = text('in', '{"op":"hi"}', 2);
    const close: SockEvent = { type: 'close', code: 4001, reason: 'bye', wasClean: true, seq: 3, connectionId: id, time: 0 };
    const doc = recordFlow('rec', 'ws://127.0.0.1:1/echo', [
      { event: sent, proposal: propose(sent) },
      { event: got, proposal: propose(got) },
      { event: close, proposal: propose(close) },
    ]);
    expect(doc.connections).toEqual([{ name: 'main', url: 'ws://127.0.0.1:1/echo' }]);
    expect(doc.steps).toEqual([
      { type: 'connect' },
      { type: 'send', payload: { text: '{"op":"hi"}' } },
      { type: 'expect', match: [{ path: '$.op', equals: 'hi' }], timeoutMs: 5000 },
      { type: 'expectClose', code: 4001, timeoutMs: 5000 },
    ]);
    expect(validateFlow(doc)).toEqual([]);
  });

  it('sent bytes become a hex send, and a flow without a close row ends with close 1000', () => {
    const bytes: SockEvent = { type: 'message', direction: 'out', format: 'binary', data: new Uint8Array([1, 255]).buffer, size: 2, seq: 1, connectionId: id, time: 0 };
    const doc = recordFlow('rec', 'ws://127.0.0.1:1/echo', [{ event: bytes, proposal: propose(bytes) }]);
    expect(doc.steps[1]).toEqual({ type: 'send', payload: { hex: '01 ff' } });
    expect(doc.steps[doc.steps.length - 1]).toEqual({ type: 'close', code: 1000 });
    expect(validateFlow(doc)).toEqual([]);
  });
});

describe('Record with secrets', () => {
  const secrets = [{ name: 'token', value: 's3cr3t-abc' }];
  const bin = (direction: 'in' | 'out', bytes: number[]): SockEvent => ({ type: 'message', direction, format: 'binary', data: new Uint8Array(bytes).buffer, size: bytes.length, seq: 2, connectionId: id, time: 0 });

  it('a secret value in a sent text or a matcher becomes {{name}}, and a literal {{ is escaped', () => {
    const doc = recordFlow('s', 'ws://127.0.0.1/echo', [
      { event: text('out', 'auth s3cr3t-abc {{not a var}}'), proposal: { kind: 'other' } },
      { event: text('in', 'ok s3cr3t-abc'), proposal: { kind: 'text', mode: 'contains' } },
      { event: text('in', '{"token":"s3cr3t-abc","n":1}'), proposal: propose(text('in', '{"token":"s3cr3t-abc","n":1}')) },
    ], secrets);
    const json = JSON.stringify(doc);
    expect(json).not.toContain('s3cr3t-abc');
    expect(doc.steps[1]).toEqual({ type: 'send', payload: { text: 'auth {{token}} \\{{not a var}}' } });
    expect(doc.steps[2]).toMatchObject({ type: 'expect', match: [{ contains: 'ok {{token}}' }] });
    expect(doc.steps[3]).toMatchObject({ type: 'expect', match: [{ path: '$.token', equals: '{{token}}' }, { path: '$.n', equals: 1 }] });
    expect(validateFlow(doc, { knownVariables: ['token'] })).toEqual([]);
  });

  it('sent bytes that hold a secret are not recorded; other bytes are', () => {
    const withSecret = bin('out', [0x01, ...new TextEncoder().encode('s3cr3t-abc'), 0x02]);
    const plain = bin('out', [0x01, 0x02, 0x03]);
    expect(secretInBytes(withSecret, secrets)).toEqual(secrets[0]);
    expect(secretInBytes(plain, secrets)).toBeUndefined();
    const doc = recordFlow('b', 'ws://127.0.0.1/echo', [{ event: withSecret, proposal: { kind: 'other' } }, { event: plain, proposal: { kind: 'other' } }], secrets);
    expect(doc.steps.filter((s) => s.type === 'send')).toEqual([{ type: 'send', payload: { hex: '01 02 03' } }]);
  });
});
