import { describe, expect, it } from 'vitest';
import type { DecodedMessage, Frame, SessionHost } from '../../types';
import { detectSignalR, RS } from './detect';
import { decodeSignalRText, encodeSignalR, signalRLens } from './index';

const inn = (text: string): Frame => ({ direction: 'in', format: 'text', text });
const out = (text: string): Frame => ({ direction: 'out', format: 'text', text });
const decode = (f: Frame): DecodedMessage[] => signalRLens.decode(f, null).messages;
const one = (f: Frame): DecodedMessage => {
  const ms = decode(f);
  expect(ms).toHaveLength(1);
  return ms[0] as DecodedMessage;
};
const keys = (m: DecodedMessage) => Object.fromEntries(m.keys ?? []);

// Examples from HubProtocol.md (JSON encoding section).
describe('SignalR decode: spec vectors', () => {
  it('handshake request and responses', () => {
    const req = one(out(`{"protocol":"json","version":1}${RS}`));
    expect(req).toMatchObject({ type: 'Handshake', summary: 'handshake json v1', correlation: { key: 'signalr:handshake:out', role: 'request' } });
    expect(req.error).toBeUndefined();
    const ok = one(inn(`{}${RS}`));
    expect(ok).toMatchObject({ type: 'HandshakeResponse', summary: 'handshake accepted', correlation: { key: 'signalr:handshake:out', role: 'reply' } });
    const bad = one(inn(`{"error":"Requested protocol 'messagepack' is not available."}${RS}`));
    expect(bad.summary).toBe(`handshake refused · "Requested protocol 'messagepack' is not available."`);
    expect(bad.error).toBeUndefined();
  });

  it('Invocation with and without an id', () => {
    const m = one(out(`{"type":1,"invocationId":"123","target":"Send","arguments":[42,"Test Message"]}${RS}`));
    expect(m).toMatchObject({ type: 'Invocation', summary: 'invocation Send id 123 · 2 args', correlation: { key: 'signalr:out:123', role: 'request' } });
    expect(keys(m)).toEqual({ target: 'Send', id: '123' });
    expect(m.fields[0]).toMatchObject({ name: 'type', value: 1 });
    expect(m.fields[0]?.note).toMatch(/^Invocation/);
    expect(m.explain).toMatch(/Type 1 is an Invocation/);
    const n = one(inn(`{"type":1,"target":"Send","arguments":[42,"Test Message"]}${RS}`));
    expect(n.summary).toBe('invocation Send (no reply) · 2 args');
    expect(n.correlation).toBeUndefined();
    const s = one(out(`{"type":1,"invocationId":"2","target":"UploadStream","arguments":[],"streamIds":["1"]}${RS}`));
    expect(s.summary).toBe('invocation UploadStream id 2 · 0 args · 1 upload stream');
  });

  it('StreamInvocation, StreamItem, Completion, CancelInvocation', () => {
    expect(one(out(`{"type":4,"invocationId":"123","target":"Send","arguments":[42,"Test Message"]}${RS}`))).toMatchObject({
      type: 'StreamInvocation',
      summary: 'stream invocation Send id 123 · 2 args',
      correlation: { key: 'signalr:out:123', role: 'request' },
    });
    expect(one(inn(`{"type":2,"invocationId":"123","item":42}${RS}`))).toMatchObject({ type: 'StreamItem', summary: 'stream item 123 · 42', correlation: { key: 'signalr:out:123', role: 'partial' } });
    expect(one(inn(`{"type":3,"invocationId":"123","result":42}${RS}`))).toMatchObject({ type: 'Completion', summary: 'completion 123 · result 42', correlation: { key: 'signalr:out:123', role: 'reply' } });
    expect(one(inn(`{"type":3,"invocationId":"123","error":"It didn't work!"}${RS}`)).summary).toBe(`completion 123 · error "It didn't work!"`);
    expect(one(inn(`{"type":3,"invocationId":"123"}${RS}`)).summary).toBe('completion 123 · void');
    expect(one(out(`{"type":5,"invocationId":"123"}${RS}`))).toMatchObject({ type: 'CancelInvocation', summary: 'cancel invocation 123' });
  });

  it('Ping, Close, Ack, Sequence', () => {
    expect(one(inn(`{"type":6}${RS}`))).toMatchObject({ type: 'Ping', summary: 'ping', heartbeat: true });
    expect(one(inn(`{"type":7}${RS}`)).summary).toBe('close');
    expect(one(inn(`{"type":7,"error":"Connection closed because of an error!"}${RS}`)).summary).toBe('close · error "Connection closed because of an error!"');
    expect(one(inn(`{"type":7,"error":"Server restarting","allowReconnect":true}${RS}`)).summary).toBe('close · error "Server restarting" · may reconnect');
    expect(one(inn(`{"type":8,"sequenceId":1394}${RS}`))).toMatchObject({ type: 'Ack', summary: 'ack 1394' });
    expect(one(inn(`{"type":9,"sequenceId":1394}${RS}`))).toMatchObject({ type: 'Sequence', summary: 'sequence 1394' });
  });

  it('several records in one frame: the handshake response followed by a ping', () => {
    const ms = decode(inn(`{}${RS}{"type":6}${RS}`));
    expect(ms.map((m) => m.type)).toEqual(['HandshakeResponse', 'Ping']);
    expect(ms.map((m) => m.summary)).toEqual(['1/2 · handshake accepted', '2/2 · ping']);
  });

  it('binary frames (the MessagePack hub protocol) are not decoded: raw, with a note', () => {
    expect(signalRLens.decode({ direction: 'in', format: 'binary', bytes: new Uint8Array([1]) }, null).messages[0]).toMatchObject({ type: 'raw', error: 'a binary frame (1 B): SignalR is read from text frames' });
  });
});

describe('SignalR decode: bad input', () => {
  it('a missing record separator is an error, the record still decoded', () => {
    const m = one(inn('{"type":6}'));
    expect(m.type).toBe('Ping');
    expect(m.error).toMatch(/missing record separator/);
    const ms = decode(inn(`{"type":6}${RS}{"type":1`));
    expect(ms).toHaveLength(2);
    expect(ms[1]?.error).toMatch(/missing record separator.*JSON/s);
  });
  it('invalid JSON, not an object, empty frames and records', () => {
    expect(one(inn(`{"type":${RS}`))).toMatchObject({ type: 'invalid' });
    expect(one(inn(`{"type":${RS}`)).summary).toMatch(/^invalid JSON/);
    expect(one(inn(`[1,2]${RS}`)).error).toBe('a SignalR message is a JSON object');
    expect(one(inn('')).error).toMatch(/at least one record/);
    expect(decode(inn(`${RS}${RS}`)).every((m) => m.error === 'an empty record between separators')).toBe(true);
  });
  it('unknown and non-integer type codes', () => {
    expect(one(inn(`{"type":42}${RS}`))).toMatchObject({ type: 'invalid', summary: 'unknown message type 42' });
    expect(one(inn(`{"type":"1"}${RS}`)).error).toMatch(/integer/);
    expect(one(inn(`{"type":1.5}${RS}`)).error).toMatch(/integer/);
  });
  it('wrong shapes name the field', () => {
    expect(one(inn(`{"type":1,"target":5,"arguments":[]}${RS}`)).error).toMatch(/"target" must be a string/);
    expect(one(inn(`{"type":1,"target":"x","arguments":{}}${RS}`)).error).toMatch(/"arguments" must be an array/);
    expect(one(inn(`{"type":1,"invocationId":3,"target":"x","arguments":[]}${RS}`)).error).toMatch(/"invocationId" must be a string/);
    expect(one(inn(`{"type":4,"target":"x","arguments":[]}${RS}`)).error).toMatch(/needs an "invocationId"/);
    expect(one(inn(`{"type":2,"invocationId":"1"}${RS}`)).error).toMatch(/needs an "item"/);
    expect(one(inn(`{"type":3,"invocationId":"1","result":1,"error":"x"}${RS}`)).error).toMatch(/not both/);
    expect(one(inn(`{"type":3}${RS}`)).error).toMatch(/needs an "invocationId"/);
    expect(one(inn(`{"type":8,"sequenceId":-1}${RS}`)).error).toMatch(/sequenceId/);
    expect(one(inn(`{"type":7,"allowReconnect":"yes"}${RS}`)).error).toMatch(/boolean/);
    expect(one(inn(`{"hello":1}${RS}`)).error).toMatch(/neither a handshake/);
    expect(one(out(`{"protocol":1,"version":"1"}${RS}`)).error).toMatch(/"protocol" must be a string.*"version" must be an integer/);
  });
  it('__proto__ stays data', () => {
    const m = one(inn(`{"type":1,"target":"__proto__","arguments":[{"__proto__":{"polluted":true}}]}${RS}`));
    expect(keys(m).target).toBe('__proto__');
    expect(m.fields.find((f) => f.name === 'arguments')?.children?.[0]?.children?.[0]?.name).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('SignalR encode', () => {
  const enc = (kind: string, values: Record<string, string>) => encodeSignalR(kind, values);
  const frame = (kind: string, values: Record<string, string>): string => {
    const r = enc(kind, values);
    if (!r.ok) throw new Error(r.error);
    return r.frames[0] as string;
  };
  it('renders every message type exactly', () => {
    expect(frame('handshake', {})).toBe(`{"protocol":"json","version":1}${RS}`);
    expect(frame('invocation', { target: 'Send', arguments: '[42,"Test Message"]', invocationId: '123' })).toBe(`{"type":1,"invocationId":"123","target":"Send","arguments":[42,"Test Message"]}${RS}`);
    expect(frame('invocation', { target: 'Send', arguments: '[]', noReply: 'true' })).toBe(`{"type":1,"target":"Send","arguments":[]}${RS}`);
    expect(frame('streamInvocation', { target: 'Send', arguments: '[42]', invocationId: '7' })).toBe(`{"type":4,"invocationId":"7","target":"Send","arguments":[42]}${RS}`);
    expect(frame('streamItem', { invocationId: '123', item: '42' })).toBe(`{"type":2,"invocationId":"123","item":42}${RS}`);
    expect(frame('completion', { invocationId: '123', result: '42' })).toBe(`{"type":3,"invocationId":"123","result":42}${RS}`);
    expect(frame('completion', { invocationId: '123', error: "It didn't work!" })).toBe(`{"type":3,"invocationId":"123","error":"It didn't work!"}${RS}`);
    expect(frame('completion', { invocationId: '123' })).toBe(`{"type":3,"invocationId":"123"}${RS}`);
    expect(frame('cancelInvocation', { invocationId: '123' })).toBe(`{"type":5,"invocationId":"123"}${RS}`);
    expect(frame('ping', {})).toBe(`{"type":6}${RS}`);
    expect(frame('close', { error: 'bye', allowReconnect: 'true' })).toBe(`{"type":7,"error":"bye","allowReconnect":true}${RS}`);
    expect(frame('ack', { sequenceId: '1394' })).toBe(`{"type":8,"sequenceId":1394}${RS}`);
    expect(frame('sequence', { sequenceId: '1394' })).toBe(`{"type":9,"sequenceId":1394}${RS}`);
  });
  it('numbers invocation ids when left empty', () => {
    const a = JSON.parse(frame('invocation', { target: 'x' }).slice(0, -1)) as { invocationId: string };
    const b = JSON.parse(frame('invocation', { target: 'x' }).slice(0, -1)) as { invocationId: string };
    expect(Number(b.invocationId)).toBe(Number(a.invocationId) + 1);
  });
  it('bad values name their field', () => {
    expect(enc('invocation', { target: '' })).toMatchObject({ ok: false, field: 'target' });
    expect(enc('invocation', { target: 'x', arguments: '{}' })).toMatchObject({ ok: false, field: 'arguments' });
    expect(enc('invocation', { target: 'x', arguments: '[1,' })).toMatchObject({ ok: false, field: 'arguments' });
    expect(enc('streamItem', { item: '1' })).toMatchObject({ ok: false, field: 'invocationId' });
    expect(enc('streamItem', { invocationId: '1', item: 'nope' })).toMatchObject({ ok: false, field: 'item' });
    expect(enc('completion', { invocationId: '1', result: '1', error: 'x' })).toMatchObject({ ok: false, field: 'result' });
    expect(enc('ack', { sequenceId: '-3' })).toMatchObject({ ok: false, field: 'sequenceId' });
    expect(enc('handshake', { version: 'one' })).toMatchObject({ ok: false, field: 'version' });
    expect(enc('bogus', {})).toMatchObject({ ok: false });
  });
  it('round trips: every compose kind decodes without error', () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['handshake', {}, 'Handshake'],
      ['invocation', { target: 'echo', arguments: '[1]' }, 'Invocation'],
      ['streamInvocation', { target: 'Counter', arguments: '[3]' }, 'StreamInvocation'],
      ['streamItem', { invocationId: '1', item: '{"a":1}' }, 'StreamItem'],
      ['completion', { invocationId: '1', result: '[1]' }, 'Completion'],
      ['cancelInvocation', { invocationId: '1' }, 'CancelInvocation'],
      ['ping', {}, 'Ping'],
      ['close', {}, 'Close'],
      ['ack', { sequenceId: '3' }, 'Ack'],
      ['sequence', { sequenceId: '3' }, 'Sequence'],
    ];
    for (const [kind, values, type] of cases) {
      const m = decodeSignalRText(frame(kind, values), 'out');
      expect(m).toHaveLength(1);
      expect(m[0]?.type).toBe(type);
      expect(m[0]?.error).toBeUndefined();
    }
    expect(signalRLens.compose?.map((k) => k.id).sort()).toEqual(cases.map((c) => c[0]).sort());
  });
});

describe('SignalR detect', () => {
  const hint = (url: string, frames: Frame[] = []) => ({ url, offered: [], protocol: '', frames });
  it('scores URL and frames', () => {
    expect(detectSignalR(hint('wss://example.com/chathub?id=abc'))).toBe(2);
    expect(detectSignalR(hint('wss://example.com/hub?id=abc'))).toBe(2);
    expect(detectSignalR(hint('wss://example.com/chathub'))).toBe(2);
    expect(detectSignalR(hint('ws://127.0.0.1:8787/signalr'))).toBe(2);
    expect(detectSignalR(hint('wss://example.com/hubs/other'))).toBe(0);
    expect(detectSignalR(hint('ws://x/echo', [out(`{"protocol":"json","version":1}${RS}`)]))).toBe(1);
    expect(detectSignalR(hint('ws://x/echo', [inn(`{"type":6}${RS}`)]))).toBe(1);
    expect(detectSignalR(hint('ws://x/echo', [inn('{"type":6}')]))).toBe(0);
    expect(detectSignalR(hint('not a url'))).toBe(0);
  });
});

describe('SignalR session', () => {
  function fakeHost() {
    let now = 0;
    const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
    const sent: string[] = [];
    const notes: string[] = [];
    const host: SessionHost = {
      send: (d) => {
        sent.push(String(d));
        session.sent?.(out(String(d)));
      },
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
    const live = () => timers.filter((t) => t.live).length;
    let session = signalRLens.session!(host, { pingInterval: '1' });
    return { host, sent, notes, advance, live, set: (s: typeof session) => (session = s), get session() { return session; } };
  }
  it('sends the handshake on open and pings after each quiet interval', () => {
    const h = fakeHost();
    h.session.open('');
    expect(h.sent).toEqual([`{"protocol":"json","version":1}${RS}`]);
    h.advance(999);
    expect(h.sent).toHaveLength(1);
    h.advance(1);
    expect(h.sent[1]).toBe(`{"type":6}${RS}`);
    h.advance(500);
    h.host.send(`{"type":1,"target":"x","arguments":[]}${RS}`);
    h.advance(900);
    expect(h.sent).toHaveLength(3);
    h.advance(100);
    expect(h.sent[3]).toBe(`{"type":6}${RS}`);
    h.session.receive(inn(`{"error":"nope"}${RS}`));
    expect(h.notes.join()).toMatch(/refused/);
    h.session.close();
    expect(h.live()).toBe(0);
    h.advance(5000);
    expect(h.sent).toHaveLength(4);
  });
  it('interval 0 sends no pings; a bad interval falls back with a note', () => {
    const h = fakeHost();
    const s = signalRLens.session!(h.host, { pingInterval: '0' });
    h.set(s);
    s.open('');
    h.advance(60_000);
    expect(h.sent).toHaveLength(1);
    const s2 = signalRLens.session!(h.host, { pingInterval: 'soon' });
    expect(h.notes.join()).toMatch(/using 15/);
    s2.close();
  });
});
