import { describe, expect, it } from 'vitest';
import type { DecodedMessage, Frame, SessionHost } from '../../types';
import { detectActionCable } from './detect';
import { actionCableLens, encodeCable, identifierText } from './index';

const inn = (text: string): Frame => ({ direction: 'in', format: 'text', text });
const out = (text: string): Frame => ({ direction: 'out', format: 'text', text });
const one = (f: Frame): DecodedMessage => {
  const ms = actionCableLens.decode(f, null).messages;
  expect(ms).toHaveLength(1);
  return ms[0] as DecodedMessage;
};
const keys = (m: DecodedMessage) => Object.fromEntries(m.keys ?? []);
const ID = JSON.stringify({ channel: 'ChatChannel', room: '1' });

describe('Action Cable decode: server messages', () => {
  it('welcome, ping, confirm, reject, disconnect', () => {
    expect(one(inn('{"type":"welcome"}'))).toMatchObject({ type: 'welcome', summary: 'welcome' });
    const ping = one(inn('{"type":"ping","message":1700000000}'));
    expect(ping).toMatchObject({ type: 'ping', summary: 'ping 2023-11-14T22:13:20Z', heartbeat: true });
    expect(ping.explain).toMatch(/every 3 s/i);
    const confirm = one(inn(JSON.stringify({ identifier: ID, type: 'confirm_subscription' })));
    expect(confirm).toMatchObject({ type: 'confirm_subscription', summary: 'confirm ChatChannel {"room":"1"}', correlation: { key: `cable:sub:${ID}`, role: 'reply' } });
    expect(keys(confirm)).toMatchObject({ channel: 'ChatChannel', identifier: ID });
    expect(confirm.fields.find((f) => f.name === 'identifier (decoded)')?.children?.map((c) => c.name)).toEqual(['channel', 'room']);
    expect(one(inn(JSON.stringify({ identifier: '{"channel":"Secret"}', type: 'reject_subscription' })))).toMatchObject({ type: 'reject_subscription', summary: 'reject Secret', correlation: { role: 'reply' } });
    const bye = one(inn('{"type":"disconnect","reason":"unauthorized","reconnect":false}'));
    expect(bye).toMatchObject({ type: 'disconnect', summary: 'disconnect unauthorized · reconnect no' });
    expect(keys(bye).reason).toBe('unauthorized');
  });
  it('broadcasts', () => {
    const m = one(inn(JSON.stringify({ identifier: ID, message: { body: 'hi', from: 'ann' } })));
    expect(m).toMatchObject({ type: 'broadcast', summary: 'broadcast ChatChannel · {"body":"hi","from":"ann"}' });
    expect(keys(m).channel).toBe('ChatChannel');
  });
});

describe('Action Cable decode: client commands', () => {
  it('subscribe pairs with confirm by identifier', () => {
    const m = one(out(JSON.stringify({ command: 'subscribe', identifier: ID })));
    expect(m).toMatchObject({ type: 'subscribe', summary: 'subscribe ChatChannel {"room":"1"}', correlation: { key: `cable:sub:${ID}`, role: 'request' } });
    expect(keys(m)).toMatchObject({ command: 'subscribe', channel: 'ChatChannel' });
  });
  it('unsubscribe and message with nested data', () => {
    expect(one(out(JSON.stringify({ command: 'unsubscribe', identifier: ID }))).summary).toBe('unsubscribe ChatChannel {"room":"1"}');
    const m = one(out(JSON.stringify({ command: 'message', identifier: ID, data: JSON.stringify({ body: 'hi', action: 'speak' }) })));
    expect(m).toMatchObject({ type: 'message', summary: 'message ChatChannel · speak · {"body":"hi","action":"speak"}' });
    expect(keys(m).action).toBe('speak');
    expect(m.fields.find((f) => f.name === 'data (decoded)')?.children?.map((c) => c.name)).toEqual(['body', 'action']);
  });
});

describe('Action Cable decode: bad input', () => {
  it('invalid JSON, wrong shapes, unknown types and commands', () => {
    expect(one(inn('{"type":')).summary).toMatch(/^invalid JSON/);
    expect(one(inn('[1]')).error).toBe('an Action Cable message is a JSON object');
    expect(one(inn('{"type":"hello"}')).error).toMatch(/unknown message type "hello"/);
    expect(one(inn('{"type":7}')).error).toMatch(/"type" must be a string/);
    expect(one(out('{"command":"shout","identifier":"{\\"channel\\":\\"A\\"}"}')).error).toMatch(/unknown command "shout"/);
    expect(one(out('{"command":5}')).error).toMatch(/"command" must be a string/);
    expect(one(inn('{"foo":1}')).error).toMatch(/has "type", "command"/);
    expect(one(inn('{"type":"ping","message":"soon"}')).error).toMatch(/Unix seconds/);
    expect(one(inn('{"type":"confirm_subscription"}')).error).toMatch(/carries the identifier/);
    expect(one(inn('{"type":"disconnect","reason":1,"reconnect":"no"}')).error).toMatch(/"reason" must be a string.*"reconnect" must be a boolean/);
  });
  it('nested identifier and data errors', () => {
    expect(one(out('{"command":"subscribe","identifier":{"channel":"A"}}')).error).toMatch(/"identifier" must be a string holding JSON/);
    expect(one(out('{"command":"subscribe","identifier":"{channel"}')).error).toMatch(/"identifier" is not JSON/);
    expect(one(out('{"command":"subscribe","identifier":"[1]"}')).error).toMatch(/must hold a JSON object/);
    expect(one(out('{"command":"subscribe","identifier":"{}"}')).error).toMatch(/no "channel"/);
    expect(one(out('{"command":"subscribe"}')).error).toMatch(/needs an "identifier"/);
    expect(one(out(`{"command":"message","identifier":${JSON.stringify(ID)},"data":{"action":"x"}}`)).error).toMatch(/"data" must be a string/);
    expect(one(out(`{"command":"message","identifier":${JSON.stringify(ID)},"data":"{x"}`)).error).toMatch(/"data" is not JSON/);
  });
  it('__proto__ stays data', () => {
    const m = one(inn(JSON.stringify({ identifier: '{"channel":"__proto__","__proto__":{"x":1}}', message: { __proto__: 1 } }).replace('"message":{}', '"message":{"__proto__":1}')));
    expect(keys(m).channel).toBe('__proto__');
    const decoded = m.fields.find((f) => f.name === 'identifier (decoded)');
    expect(decoded?.children?.map((c) => c.name)).toEqual(['channel', '__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('Action Cable encode', () => {
  const frame = (kind: string, values: Record<string, string>): string => {
    const r = encodeCable(kind, values);
    if (!r.ok) throw new Error(r.error);
    return r.frames[0] as string;
  };
  it('renders subscribe, unsubscribe, message as the Rails client does', () => {
    expect(frame('subscribe', { identifier: '{"channel":"ChatChannel","room":"1"}' })).toBe('{"command":"subscribe","identifier":"{\\"channel\\":\\"ChatChannel\\",\\"room\\":\\"1\\"}"}');
    expect(frame('subscribe', { identifier: 'ChatChannel' })).toBe('{"command":"subscribe","identifier":"{\\"channel\\":\\"ChatChannel\\"}"}');
    expect(frame('unsubscribe', { identifier: '{"channel":"ChatChannel"}' })).toBe('{"command":"unsubscribe","identifier":"{\\"channel\\":\\"ChatChannel\\"}"}');
    expect(frame('message', { identifier: 'ChatChannel', action: 'speak', data: '{"body":"hi"}' })).toBe(
      '{"command":"message","identifier":"{\\"channel\\":\\"ChatChannel\\"}","data":"{\\"body\\":\\"hi\\",\\"action\\":\\"speak\\"}"}',
    );
  });
  it('keeps __proto__ in data as data', () => {
    const f = frame('message', { identifier: 'A', action: 'x', data: '{"__proto__":{"y":1}}' });
    const data = JSON.parse((JSON.parse(f) as { data: string }).data) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['__proto__', 'action']);
  });
  it('bad values name their field', () => {
    expect(encodeCable('subscribe', { identifier: '' })).toMatchObject({ ok: false, field: 'identifier' });
    expect(encodeCable('subscribe', { identifier: '{"room":1}' })).toMatchObject({ ok: false, field: 'identifier' });
    expect(encodeCable('subscribe', { identifier: '{bad' })).toMatchObject({ ok: false, field: 'identifier' });
    expect(encodeCable('subscribe', { identifier: '[1]' })).toMatchObject({ ok: false, field: 'identifier' });
    expect(encodeCable('message', { identifier: 'A', action: '' })).toMatchObject({ ok: false, field: 'action' });
    expect(encodeCable('message', { identifier: 'A', action: 'x', data: '[]' })).toMatchObject({ ok: false, field: 'data' });
    expect(encodeCable('message', { identifier: 'A', action: 'x', data: '{' })).toMatchObject({ ok: false, field: 'data' });
    expect(encodeCable('welcome', { identifier: 'A' })).toMatchObject({ ok: false });
    expect(identifierText('Admin::Chat')).toEqual({ ok: true, text: '{"channel":"Admin::Chat"}' });
  });
  it('round trips', () => {
    for (const kind of ['subscribe', 'unsubscribe', 'message']) {
      const m = one(out(frame(kind, { identifier: ID, action: 'speak', data: '{"a":1}' })));
      expect(m.type).toBe(kind);
      expect(m.error).toBeUndefined();
      expect(keys(m).channel).toBe('ChatChannel');
    }
  });
});

describe('Action Cable detect', () => {
  const hint = (url: string, protocol = '', frames: Frame[] = []) => ({ url, offered: [], protocol, frames });
  it('scores', () => {
    expect(detectActionCable(hint('ws://x/y', 'actioncable-v1-json'))).toBe(3);
    expect(detectActionCable({ url: 'ws://x/y', offered: ['actioncable-v1-json'], protocol: '', frames: [] })).toBe(3);
    expect(detectActionCable(hint('wss://x/cable'))).toBe(2);
    expect(detectActionCable(hint('ws://x/y', '', [inn('{"type":"welcome"}')]))).toBe(1);
    expect(detectActionCable(hint('ws://x/cables', '', [inn('{"type":"tick"}')]))).toBe(0);
  });
});

describe('Action Cable session', () => {
  function host() {
    const sent: string[] = [];
    const notes: string[] = [];
    const h: SessionHost = { send: (d) => sent.push(String(d)), setTimer: () => () => {}, now: () => 0, note: (_l, t) => notes.push(t) };
    return { h, sent, notes };
  }
  it('subscribes once on welcome, notes reject and disconnect', () => {
    const { h, sent, notes } = host();
    const s = actionCableLens.session!(h, { identifier: '{"channel":"ChatChannel","room":"1"}' });
    s.open('actioncable-v1-json');
    expect(sent).toEqual([]);
    s.receive(inn('{"type":"welcome"}'));
    s.receive(inn('{"type":"welcome"}'));
    expect(sent).toEqual([JSON.stringify({ command: 'subscribe', identifier: ID })]);
    s.receive(inn(JSON.stringify({ identifier: ID, type: 'reject_subscription' })));
    s.receive(inn('{"type":"disconnect","reason":"server_restart","reconnect":true}'));
    expect(notes).toEqual(['Action Cable: reject ChatChannel {"room":"1"}', 'Action Cable: server sent disconnect server_restart · reconnect yes']);
    s.close();
  });
  it('without an identifier it sends nothing; a bad one is a note; unsupported is a note', () => {
    const { h, sent, notes } = host();
    const s = actionCableLens.session!(h, {});
    s.open('actioncable-unsupported');
    s.receive(inn('{"type":"welcome"}'));
    expect(sent).toEqual([]);
    const s2 = actionCableLens.session!(h, { identifier: '{"room":1}' });
    s2.receive(inn('{"type":"welcome"}'));
    expect(sent).toEqual([]);
    expect(notes.join('\n')).toMatch(/actioncable-unsupported[\s\S]*not subscribing/);
  });
});
