import { describe, expect, it } from 'vitest';
import type { DecodedMessage, Frame, SessionHost } from '../../types';
import { detectPhoenix } from './detect';
import { encodePhoenix, phoenixLens, resolvePhoenixUrl } from './index';

const inn = (text: string): Frame => ({ direction: 'in', format: 'text', text });
const out = (text: string): Frame => ({ direction: 'out', format: 'text', text });
const one = (f: Frame): DecodedMessage => {
  const ms = phoenixLens.decode(f, null).messages;
  expect(ms).toHaveLength(1);
  return ms[0] as DecodedMessage;
};
const keys = (m: DecodedMessage) => Object.fromEntries(m.keys ?? []);

describe('Phoenix decode: serializer 2.0.0', () => {
  it('phx_join and its phx_reply pair by topic and ref', () => {
    const join = one(out('["1","1","room:lobby","phx_join",{"token":"abc"}]'));
    expect(join).toMatchObject({ type: 'phx_join', summary: 'join room:lobby ref 1 · {"token":"abc"}', correlation: { key: 'phx:out:room:lobby:1', role: 'request' } });
    expect(keys(join)).toEqual({ topic: 'room:lobby', event: 'phx_join', ref: '1', join_ref: '1' });
    expect(join.fields.map((f) => f.name)).toEqual(['join_ref', 'ref', 'topic', 'event', 'payload']);
    expect(join.fields[3]?.note).toMatch(/join the topic/);
    expect(join.explain).toMatch(/serializer 2\.0\.0/);
    const reply = one(inn('["1","1","room:lobby","phx_reply",{"status":"ok","response":{}}]'));
    expect(reply).toMatchObject({ type: 'phx_reply', summary: 'reply ok room:lobby ref 1', correlation: { key: 'phx:out:room:lobby:1', role: 'reply' } });
    expect(keys(reply).status).toBe('ok');
    const refused = one(inn('["1","1","room:locked","phx_reply",{"status":"error","response":{"reason":"unauthorized"}}]'));
    expect(refused.summary).toBe('reply error room:locked ref 1 · {"reason":"unauthorized"}');
    expect(refused.error).toBeUndefined();
  });
  it('heartbeat and its reply are heartbeats', () => {
    const hb = one(out('[null,"2","phoenix","heartbeat",{}]'));
    expect(hb).toMatchObject({ type: 'heartbeat', summary: 'heartbeat ref 2', heartbeat: true, correlation: { key: 'phx:out:phoenix:2', role: 'request' } });
    const r = one(inn('[null,"2","phoenix","phx_reply",{"status":"ok","response":{}}]'));
    expect(r).toMatchObject({ type: 'phx_reply', summary: 'heartbeat reply ok ref 2', heartbeat: true, correlation: { key: 'phx:out:phoenix:2', role: 'reply' } });
  });
  it('leave, close, error and custom events', () => {
    expect(one(out('["1","3","room:lobby","phx_leave",{}]'))).toMatchObject({ type: 'phx_leave', summary: 'leave room:lobby ref 3', correlation: { role: 'request' } });
    const close = one(inn('["1","1","room:lobby","phx_close",{}]'));
    expect(close).toMatchObject({ type: 'phx_close', summary: 'close room:lobby' });
    expect(close.correlation).toBeUndefined();
    expect(one(inn('["1",null,"room:lobby","phx_error",{}]'))).toMatchObject({ type: 'phx_error', summary: 'channel error room:lobby' });
    const push = one(out('["1","4","room:lobby","new_msg",{"body":"hi"}]'));
    expect(push).toMatchObject({ type: 'event', summary: 'event "new_msg" room:lobby ref 4 · {"body":"hi"}', correlation: { key: 'phx:out:room:lobby:4', role: 'request' } });
    const broadcast = one(inn('[null,null,"room:lobby","new_msg",{"body":"hi"}]'));
    expect(broadcast.summary).toBe('event "new_msg" room:lobby · {"body":"hi"}');
    expect(broadcast.correlation).toBeUndefined();
    expect(keys(broadcast)).toEqual({ topic: 'room:lobby', event: 'new_msg' });
  });
});

describe('Phoenix decode: serializer 1.0.0', () => {
  it('objects with topic, event, payload, ref', () => {
    const join = one(out('{"topic":"room:lobby","event":"phx_join","payload":{},"ref":"1"}'));
    expect(join).toMatchObject({ type: 'phx_join', summary: 'join room:lobby ref 1 · {}', correlation: { key: 'phx:out:room:lobby:1', role: 'request' } });
    expect(join.explain).toMatch(/serializer 1\.0\.0/);
    expect(one(inn('{"topic":"room:lobby","event":"phx_reply","payload":{"status":"ok","response":{}},"ref":"1"}'))).toMatchObject({ summary: 'reply ok room:lobby ref 1', correlation: { key: 'phx:out:room:lobby:1', role: 'reply' } });
    expect(one(out('{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"5"}'))).toMatchObject({ heartbeat: true });
    expect(one(inn('{"topic":"room:lobby","event":"new_msg","payload":{"a":1},"ref":null}')).summary).toBe('event "new_msg" room:lobby · {"a":1}');
  });
});

describe('Phoenix decode: bad input', () => {
  it('invalid JSON and wrong shapes', () => {
    expect(one(inn('["1",')).summary).toMatch(/^invalid JSON/);
    expect(one(inn('["1","1","t","e"]')).error).toMatch(/5 items, got 4/);
    expect(one(inn('"hello"')).error).toMatch(/a Phoenix message is a 5-item array/);
    expect(one(inn('{"topic":"t","event":"e"}')).error).toMatch(/missing "payload", "ref"/);
    expect(one(inn('{"a":1}')).type).toBe('invalid');
    expect(one(inn('["1","1",5,"e",{}]')).error).toMatch(/topic \(item 3\) must be a string/);
    expect(one(inn('[{},"1","t","e",{}]')).error).toMatch(/"join_ref" must be a string or null/);
    expect(one(inn('["1","1","t","phx_reply",{}]')).error).toMatch(/status/);
    expect(one(inn('["1",null,"t","phx_reply",{"status":"ok"}]')).error).toMatch(/carries the ref/);
  });
  it('__proto__ stays data', () => {
    const m = one(inn('[null,null,"__proto__","__proto__",{"__proto__":{"x":1}}]'));
    expect(keys(m)).toEqual({ topic: '__proto__', event: '__proto__' });
    expect(m.fields[4]?.children?.[0]?.name).toBe('__proto__');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
  it('binary frames are left raw, with a note', () => {
    expect(phoenixLens.decode({ direction: 'in', format: 'binary', bytes: new Uint8Array([0]) }, null).messages).toEqual([
      { protocol: 'Phoenix', type: 'raw', summary: 'a binary frame (1 B): Phoenix is read from text frames · shown raw', fields: [], error: 'a binary frame (1 B): Phoenix is read from text frames' },
    ]);
  });
});

describe('Phoenix encode', () => {
  const frame = (kind: string, values: Record<string, string>): string => {
    const r = encodePhoenix(kind, values);
    if (!r.ok) throw new Error(r.error);
    return r.frames[0] as string;
  };
  it('renders each kind in both serializers', () => {
    expect(frame('join', { topic: 'room:lobby', payload: '{"a":1}', ref: '1' })).toBe('["1","1","room:lobby","phx_join",{"a":1}]');
    expect(frame('join', { topic: 'room:lobby', ref: '1', vsn: '1.0.0' })).toBe('{"topic":"room:lobby","event":"phx_join","payload":{},"ref":"1"}');
    expect(frame('leave', { topic: 'room:lobby', joinRef: '1', ref: '3' })).toBe('["1","3","room:lobby","phx_leave",{}]');
    expect(frame('push', { topic: 'room:lobby', event: 'new_msg', payload: '{"body":"hi"}', joinRef: '1', ref: '4' })).toBe('["1","4","room:lobby","new_msg",{"body":"hi"}]');
    expect(frame('push', { topic: 'room:lobby', event: 'new_msg', ref: '4', joinRef: '1', vsn: '1.0.0' })).toBe('{"topic":"room:lobby","event":"new_msg","payload":{},"ref":"4","join_ref":"1"}');
    expect(frame('heartbeat', { ref: '9' })).toBe('[null,"9","phoenix","heartbeat",{}]');
    expect(frame('heartbeat', { ref: '9', vsn: '1.0.0' })).toBe('{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"9"}');
  });
  it('numbers refs when left empty', () => {
    const a = JSON.parse(frame('heartbeat', {})) as unknown[];
    const b = JSON.parse(frame('heartbeat', {})) as unknown[];
    expect(Number(b[1])).toBe(Number(a[1]) + 1);
  });
  it('bad values name their field', () => {
    expect(encodePhoenix('join', { topic: '' })).toMatchObject({ ok: false, field: 'topic' });
    expect(encodePhoenix('join', { topic: 't', payload: '[1]' })).toMatchObject({ ok: false, field: 'payload' });
    expect(encodePhoenix('push', { topic: 't', event: '' })).toMatchObject({ ok: false, field: 'event' });
    expect(encodePhoenix('push', { topic: 't', event: 'e', payload: '{' })).toMatchObject({ ok: false, field: 'payload' });
    expect(encodePhoenix('join', { topic: 't', vsn: '3' })).toMatchObject({ ok: false, field: 'vsn' });
    expect(encodePhoenix('nope', { topic: 't' })).toMatchObject({ ok: false });
  });
  it('round trips', () => {
    for (const vsn of ['2.0.0', '1.0.0']) {
      const types = ['join', 'leave', 'push', 'heartbeat'].map((k) => {
        const m = one(out(frame(k, { topic: 'room:x', event: 'ping_me', vsn })));
        expect(m.error).toBeUndefined();
        return m.type;
      });
      expect(types).toEqual(['phx_join', 'phx_leave', 'event', 'heartbeat']);
    }
  });
});

describe('Phoenix detect and URL', () => {
  const hint = (url: string, frames: Frame[] = []) => ({ url, offered: [], protocol: '', frames });
  it('detects', () => {
    expect(detectPhoenix(hint('ws://x/socket/websocket?vsn=2.0.0'))).toBe(2);
    expect(detectPhoenix(hint('ws://x/socket/websocket'))).toBe(0);
    expect(detectPhoenix(hint('ws://x/y', [out('["1","1","room:lobby","phx_join",{}]')]))).toBe(1);
    expect(detectPhoenix(hint('ws://x/y', [out('[null,"2","phoenix","heartbeat",{}]')]))).toBe(1);
    expect(detectPhoenix(hint('ws://x/y', [out('{"topic":"a","event":"b","payload":{},"ref":null}')]))).toBe(1);
    expect(detectPhoenix(hint('ws://x/y', [out('[1,2,3]')]))).toBe(0);
    expect(detectPhoenix(hint('ws://x/y', [out('{"type":"tick"}')]))).toBe(0);
  });
  it('resolveUrl adds vsn and refuses a conflicting one', () => {
    expect(resolvePhoenixUrl('ws://h/socket/websocket', {})).toEqual({ ok: true, url: 'ws://h/socket/websocket?vsn=2.0.0' });
    expect(resolvePhoenixUrl('ws://h/socket/websocket?token=a', { vsn: '1.0.0' })).toEqual({ ok: true, url: 'ws://h/socket/websocket?token=a&vsn=1.0.0' });
    expect(resolvePhoenixUrl('ws://h/socket/websocket?vsn=2.0.0', {})).toEqual({ ok: true, url: 'ws://h/socket/websocket?vsn=2.0.0' });
    expect(resolvePhoenixUrl('ws://h/other', {})).toEqual({ ok: true, url: 'ws://h/other' });
    expect(resolvePhoenixUrl('ws://h/socket/websocket?vsn=1.0.0', {})).toMatchObject({ ok: false });
    expect(resolvePhoenixUrl('ws://h/socket/websocket', { vsn: 'x' })).toMatchObject({ ok: false });
  });
});

describe('Phoenix session', () => {
  function fakeHost() {
    let now = 0;
    const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
    const sent: string[] = [];
    const notes: string[] = [];
    const host: SessionHost = {
      send: (d) => sent.push(String(d)),
      setTimer: (ms, fn) => {
        const t = { at: now + ms, fn, live: true };
        timers.push(t);
        return () => {
          t.live = false;
        };
      },
      now: () => now,
      note: (_l, t) => notes.push(t),
    };
    const advance = (ms: number) => {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        now = next.at;
        next.live = false;
        next.fn();
      }
      now = end;
    };
    return { host, sent, notes, advance, live: () => timers.filter((t) => t.live).length };
  }
  it('joins on open, heartbeats every interval, notes a missing heartbeat reply', () => {
    const h = fakeHost();
    const s = phoenixLens.session!(h.host, { heartbeat: '1', topic: 'room:lobby', payload: '{"a":1}' });
    s.open('');
    expect(h.sent).toHaveLength(1);
    const join = JSON.parse(h.sent[0]!) as unknown[];
    expect(join.slice(2)).toEqual(['room:lobby', 'phx_join', { a: 1 }]);
    expect(join[0]).toBe(join[1]);
    s.receive(inn(JSON.stringify([join[0], join[1], 'room:lobby', 'phx_reply', { status: 'ok', response: {} }])));
    expect(h.notes).toContain('Phoenix: joined room:lobby');
    h.advance(1000);
    const hb = JSON.parse(h.sent[1]!) as unknown[];
    expect([hb[0], hb[2], hb[3]]).toEqual([null, 'phoenix', 'heartbeat']);
    s.receive(inn(JSON.stringify([null, hb[1], 'phoenix', 'phx_reply', { status: 'ok', response: {} }])));
    h.advance(1000);
    expect(h.sent).toHaveLength(3);
    expect(h.notes.some((n) => n.includes('no reply'))).toBe(false);
    h.advance(1000);
    expect(h.notes.some((n) => n.includes('no reply'))).toBe(true);
    s.close();
    expect(h.live()).toBe(0);
  });
  it('v1 serializer, no topic, heartbeat off; bad join params are a note', () => {
    const h = fakeHost();
    const s = phoenixLens.session!(h.host, { heartbeat: '0', vsn: '1.0.0' });
    s.open('');
    h.advance(100_000);
    expect(h.sent).toEqual([]);
    const s2 = phoenixLens.session!(h.host, { heartbeat: '0', topic: 't', payload: '[' });
    s2.open('');
    expect(h.notes.join()).toMatch(/not joining t/);
    const s3 = phoenixLens.session!(h.host, { heartbeat: '1', topic: 't', vsn: '1.0.0' });
    s3.open('');
    expect(JSON.parse(h.sent[0]!)).toMatchObject({ topic: 't', event: 'phx_join', payload: {} });
    s3.receive(inn('{"topic":"t","event":"phx_reply","payload":{"status":"error","response":{"reason":"unmatched topic"}},"ref":"' + (JSON.parse(h.sent[0]!) as { ref: string }).ref + '"}'));
    expect(h.notes.join()).toMatch(/join t refused/);
    s3.close();
  });
});
