import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecodedMessage, Lens } from '../src/lib/decode/types';
import { actionCableLens } from '../src/lib/decode/lenses/actioncable/index';
import { phoenixLens } from '../src/lib/decode/lenses/phoenix/index';
import { signalRLens } from '../src/lib/decode/lenses/signalr/index';
import { wampLens } from '../src/lib/decode/lenses/wamp/index';
import { openNodeSession, type NodeSession, type Recorded } from '../src/lib/decode/testing/node-session';
import { startPlayground } from './playground.mjs';

type Playground = Awaited<ReturnType<typeof startPlayground>>;

let pg: Playground;
const sessions = new Set<NodeSession>();

beforeAll(async () => {
  pg = await startPlayground({ port: 0 });
});

afterAll(async () => {
  for (const s of sessions) s.ws.terminate();
  await pg.close();
});

async function open(lens: Lens, path: string, opts: Parameters<typeof openNodeSession>[2] = {}): Promise<NodeSession> {
  const s = await openNodeSession(lens, `${pg.url}${path}`, opts);
  sessions.add(s);
  void s.closed.then(() => sessions.delete(s));
  return s;
}

function encode(lens: Lens, kind: string, values: Record<string, string>): string {
  const r = lens.encode?.(kind, values);
  if (!r?.ok) throw new Error(`encode ${kind}: ${r ? r.error : 'no encode'}`);
  return r.frames[0] as string;
}

/** Sends a composed frame; returns its decoded message (the one that opens a pair). */
function sendComposed(s: NodeSession, lens: Lens, kind: string, values: Record<string, string>): DecodedMessage {
  s.send(encode(lens, kind, values));
  const last = s.frames[s.frames.length - 1] as Recorded;
  expect(last.frame.direction).toBe('out');
  const m = last.messages[0];
  if (!m) throw new Error('the sent frame did not decode');
  expect(m.error).toBeUndefined();
  return m;
}

/** Waits for the incoming reply paired with the request `m`. */
function replyTo(s: NodeSession, m: DecodedMessage, role: 'reply' | 'partial' = 'reply'): Promise<DecodedMessage> {
  const key = m.correlation?.key;
  expect(m.correlation?.role).toBe('request');
  return s
    .waitFor((x, r) => r.frame.direction === 'in' && x.correlation?.key === key && x.correlation?.role === role)
    .then((r) => r.messages.find((x) => x.correlation?.key === key) as DecodedMessage);
}

const inType = (type: string) => (m: DecodedMessage, r: Recorded) => r.frame.direction === 'in' && m.type === type;
const notes = (log: { entries: Array<{ note?: string; connection: number }> }) => log.entries.map((e) => e.note);

/** Resolves with 'open' if the socket is still open after ms, or with its close. */
function stillOpenAfter(s: NodeSession, ms: number): Promise<'open' | { code: number; reason: string; after: number }> {
  const t0 = Date.now();
  return Promise.race([
    new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms)),
    s.closed.then((c) => ({ ...c, after: Date.now() - t0 })),
  ]);
}

describe('SignalR against /signalr', () => {
  it('the session handshakes; echo completes with its arguments, paired with the invocation', async () => {
    const s = await open(signalRLens, '/signalr');
    const hs = await s.waitFor(inType('HandshakeResponse'));
    expect(hs.messages[0]?.summary).toBe('handshake accepted');
    const req = sendComposed(s, signalRLens, 'invocation', { target: 'echo', arguments: '[1,"two",{"__proto__":3}]' });
    const done = await replyTo(s, req);
    expect(done.type).toBe('Completion');
    expect(done.summary).toBe('completion ' + (req.keys?.find((k) => k[0] === 'id')?.[1] ?? '?') + ' · result [1,"two",{"__proto__":3}]');
    expect(notes(pg.received.signalr)).toEqual(expect.arrayContaining(['handshake json v1', 'invocation echo']));
    s.close();
  });

  it('SendMessage broadcasts ReceiveMessage; Counter streams items then completes; unknown methods complete with an error', async () => {
    const s = await open(signalRLens, '/signalr');
    await s.waitFor(inType('HandshakeResponse'));
    const send = sendComposed(s, signalRLens, 'invocation', { target: 'SendMessage', arguments: '["ann","hi"]' });
    const broadcast = await s.waitFor((m) => m.type === 'Invocation' && m.summary.startsWith('invocation ReceiveMessage'));
    expect(broadcast.frame.direction).toBe('in');
    expect((await replyTo(s, send)).summary).toMatch(/ · void$/);
    const stream = sendComposed(s, signalRLens, 'streamInvocation', { target: 'Counter', arguments: '[3,10]' });
    const first = await replyTo(s, stream, 'partial');
    expect(first.summary).toMatch(/ · 0$/);
    await replyTo(s, stream);
    expect(s.frames.filter((r) => r.messages.some((m) => m.type === 'StreamItem'))).toHaveLength(3);
    const bad = sendComposed(s, signalRLens, 'invocation', { target: 'Nope', arguments: '[]' });
    expect((await replyTo(s, bad)).summary).toMatch(/error "Failed to invoke 'Nope'/);
    s.close();
  });

  it('server pings decode as heartbeats', async () => {
    const s = await open(signalRLens, '/signalr?ping=200', { options: { pingInterval: '0' } });
    const ping = await s.waitFor(inType('Ping'));
    expect(ping.messages[0]?.heartbeat).toBe(true);
    s.close();
  });

  it('keep-alive: with pings the session outlives 3 × the 1 s client timeout; without, the server drops it', async () => {
    const on = await open(signalRLens, '/signalr?timeout=1000', { options: { pingInterval: '0.3' } });
    const quiet = await open(signalRLens, '/signalr?timeout=1000', { options: { pingInterval: '0' } });
    const manual = await open(signalRLens, '/signalr?timeout=1000', { session: false });
    const [a, b, c] = await Promise.all([stillOpenAfter(on, 3200), stillOpenAfter(quiet, 3200), stillOpenAfter(manual, 3200)]);
    expect(a).toBe('open');
    expect(b).toMatchObject({ code: 1000, reason: 'client timeout' });
    expect(c).toMatchObject({ code: 1000, reason: 'client timeout' });
    expect(on.frames.filter((r) => r.frame.direction === 'out' && r.messages[0]?.type === 'Ping').length).toBeGreaterThanOrEqual(8);
    expect(quiet.frames.some((r) => r.messages.some((m) => m.type === 'Close' && m.summary.includes('timeout')))).toBe(true);
    on.close();
  }, 10_000);
});

describe('Phoenix against /phoenix/websocket', () => {
  it('the session joins (vsn added to the URL); a composed push is echoed in its reply and broadcast to the room', async () => {
    const a = await open(phoenixLens, '/phoenix/websocket', { options: { topic: 'room:lobby', heartbeat: '30' } });
    expect(a.ws.url).toMatch(/vsn=2\.0\.0/);
    const joinOut = a.frames.find((r) => r.frame.direction === 'out')?.messages[0] as DecodedMessage;
    expect(joinOut.type).toBe('phx_join');
    const joined = await replyTo(a, joinOut);
    expect(joined.summary).toMatch(/^reply ok room:lobby/);
    const b = await open(phoenixLens, '/phoenix/websocket', { options: { topic: 'room:lobby' } });
    await b.waitFor(inType('phx_reply'));
    const joinRef = joinOut.keys?.find((k) => k[0] === 'ref')?.[1] ?? '';
    const push = sendComposed(a, phoenixLens, 'push', { topic: 'room:lobby', event: 'new_msg', payload: '{"body":"hi"}', joinRef });
    const echoed = await replyTo(a, push);
    expect(echoed.summary).toMatch(/^reply ok room:lobby ref \d+ · \{"body":"hi"\}$/);
    const heard = await b.waitFor((m, r) => r.frame.direction === 'in' && m.type === 'event');
    expect(heard.messages[0]?.summary).toBe('event "new_msg" room:lobby · {"body":"hi"}');
    const leave = sendComposed(a, phoenixLens, 'leave', { topic: 'room:lobby', joinRef });
    expect((await replyTo(a, leave)).summary).toMatch(/^reply ok/);
    await a.waitFor(inType('phx_close'));
    const hb = sendComposed(a, phoenixLens, 'heartbeat', {});
    expect((await replyTo(a, hb)).heartbeat).toBe(true);
    expect(notes(pg.received.phoenix)).toEqual(expect.arrayContaining(['phx_join room:lobby', 'new_msg room:lobby', 'phx_leave room:lobby', 'heartbeat phoenix']));
    a.close();
    b.close();
  });

  it('join errors: room:locked (unauthorized), unmatched topics; serializer 1.0.0', async () => {
    const s = await open(phoenixLens, '/phoenix/websocket?vsn=1.0.0', { options: { vsn: '1.0.0' } });
    const locked = sendComposed(s, phoenixLens, 'join', { topic: 'room:locked', vsn: '1.0.0' });
    expect((await replyTo(s, locked)).summary).toMatch(/^reply error room:locked ref \d+ · \{"reason":"unauthorized"\}$/);
    const other = sendComposed(s, phoenixLens, 'join', { topic: 'lobby', vsn: '1.0.0' });
    expect((await replyTo(s, other)).summary).toMatch(/"unmatched topic"/);
    expect(s.frames.filter((r) => r.frame.direction === 'in').every((r) => r.frame.format === 'text' && r.frame.text.startsWith('{'))).toBe(true);
    s.close();
  });

  it('keep-alive: with heartbeats the session outlives 3 × the 1 s timeout; without, the server drops it', async () => {
    const on = await open(phoenixLens, '/phoenix/websocket?timeout=1000', { options: { heartbeat: '0.3', topic: 'room:kept' } });
    const off = await open(phoenixLens, '/phoenix/websocket?timeout=1000', { options: { heartbeat: '0', topic: 'room:kept' } });
    const manual = await open(phoenixLens, '/phoenix/websocket?timeout=1000', { session: false });
    const [a, b, c] = await Promise.all([stillOpenAfter(on, 3200), stillOpenAfter(off, 3200), stillOpenAfter(manual, 3200)]);
    expect(a).toBe('open');
    expect(b).toMatchObject({ code: 1000, reason: 'heartbeat timeout' });
    expect(c).toMatchObject({ code: 1000, reason: 'heartbeat timeout' });
    const replies = on.frames.filter((r) => r.frame.direction === 'in' && r.messages[0]?.summary.startsWith('heartbeat reply ok'));
    expect(replies.length).toBeGreaterThanOrEqual(8);
    expect(on.notes.filter((n) => n.text.includes('no reply'))).toEqual([]);
    on.close();
  }, 10_000);
});

describe('Action Cable against /cable', () => {
  const ID = '{"channel":"ChatChannel","room":"1"}';
  it('selects actioncable-v1-json; the session subscribes on welcome; a composed message is broadcast', async () => {
    const s = await open(actionCableLens, '/cable', { options: { identifier: ID } });
    expect(s.ws.protocol).toBe('actioncable-v1-json');
    await s.waitFor(inType('welcome'));
    const sub = (await s.waitFor((m, r) => r.frame.direction === 'out' && m.type === 'subscribe')).messages[0] as DecodedMessage;
    const confirm = await replyTo(s, sub);
    expect(confirm.summary).toBe('confirm ChatChannel {"room":"1"}');
    sendComposed(s, actionCableLens, 'message', { identifier: ID, action: 'speak', data: '{"body":"hi"}' });
    const b = await s.waitFor(inType('broadcast'));
    expect(b.messages[0]?.summary).toBe('broadcast ChatChannel · {"body":"hi","action":"speak"}');
    const rej = sendComposed(s, actionCableLens, 'subscribe', { identifier: 'SecretChannel' });
    expect((await replyTo(s, rej)).type).toBe('reject_subscription');
    sendComposed(s, actionCableLens, 'unsubscribe', { identifier: ID });
    await new Promise((r) => setTimeout(r, 50));
    expect(notes(pg.received.cable)).toEqual(expect.arrayContaining(['subscribe ChatChannel', 'message ChatChannel speak', 'subscribe SecretChannel', 'unsubscribe ChatChannel']));
    s.close();
  });

  it('pings are heartbeats; unauthorized gets disconnect', async () => {
    const s = await open(actionCableLens, '/cable?ping=200');
    const ping = await s.waitFor(inType('ping'));
    expect(ping.messages[0]?.heartbeat).toBe(true);
    s.close();
    const u = await open(actionCableLens, '/cable?unauthorized=1');
    const d = await u.waitFor(inType('disconnect'));
    expect(d.messages[0]?.summary).toBe('disconnect unauthorized · reconnect no');
    await u.closed;
  });
});

describe('WAMP against /wamp', () => {
  it('selects wamp.2.json; HELLO gets WELCOME; CALL com.sockpit.add gets RESULT; unknown procedures ERROR', async () => {
    const s = await open(wampLens, '/wamp');
    expect(s.ws.protocol).toBe('wamp.2.json');
    const welcome = await s.waitFor(inType('WELCOME'));
    expect(welcome.messages[0]?.correlation).toEqual({ key: 'wamp:session', role: 'reply' });
    const call = sendComposed(s, wampLens, 'CALL', { procedure: 'com.sockpit.add', args: '[2,3,4.5]' });
    const result = await replyTo(s, call);
    expect(result.summary).toMatch(/^RESULT \d+ · \[9\.5\]$/);
    const bad = sendComposed(s, wampLens, 'CALL', { procedure: 'com.sockpit.nope' });
    const err = await replyTo(s, bad);
    expect(err.type).toBe('ERROR');
    expect(err.summary).toMatch(/ERROR CALL \d+ · wamp.error.no_such_procedure/);
    expect(notes(pg.received.wamp)).toEqual(expect.arrayContaining(['HELLO', 'CALL com.sockpit.add', 'CALL com.sockpit.nope (no such procedure)']));
    s.close();
  });

  it('SUBSCRIBE/PUBLISH/EVENT, REGISTER/INVOCATION/YIELD between two sessions, GOODBYE', async () => {
    const a = await open(wampLens, '/wamp');
    const b = await open(wampLens, '/wamp');
    await a.waitFor(inType('WELCOME'));
    await b.waitFor(inType('WELCOME'));
    const sub = sendComposed(a, wampLens, 'SUBSCRIBE', { topic: 'com.sockpit.chat' });
    expect((await replyTo(a, sub)).type).toBe('SUBSCRIBED');
    const pub = sendComposed(b, wampLens, 'PUBLISH', { topic: 'com.sockpit.chat', args: '["hi"]', kwargs: '{"from":"b"}', acknowledge: 'true' });
    expect((await replyTo(b, pub)).type).toBe('PUBLISHED');
    const ev = await a.waitFor(inType('EVENT'));
    expect(ev.messages[0]?.summary).toMatch(/ · \["hi"\] \{"from":"b"\}$/);
    const reg = sendComposed(a, wampLens, 'REGISTER', { procedure: 'com.example.upper' });
    expect((await replyTo(a, reg)).type).toBe('REGISTERED');
    const call = sendComposed(b, wampLens, 'CALL', { procedure: 'com.example.upper', args: '["abc"]' });
    const inv = (await a.waitFor(inType('INVOCATION'))).messages[0] as DecodedMessage;
    const invId = inv.keys?.find((k) => k[0] === 'id')?.[1] ?? '';
    const y = sendComposed(a, wampLens, 'YIELD', { request: invId, args: '["ABC"]' });
    expect(y.correlation).toEqual({ key: inv.correlation?.key, role: 'reply' });
    expect((await replyTo(b, call)).summary).toMatch(/^RESULT \d+ · \["ABC"\]$/);
    const bye = sendComposed(b, wampLens, 'GOODBYE', {});
    const out = await replyTo(b, bye);
    expect(out.summary).toBe('GOODBYE wamp.close.goodbye_and_out');
    await b.closed;
    expect(b.frames.filter((r) => r.frame.direction === 'out' && r.messages[0]?.type === 'GOODBYE')).toHaveLength(1);
    expect(notes(pg.received.wamp)).toEqual(expect.arrayContaining(['SUBSCRIBE com.sockpit.chat', 'PUBLISH com.sockpit.chat', 'REGISTER com.example.upper', 'CALL com.example.upper (to callee)', 'YIELD', 'GOODBYE']));
    a.close();
  });

  it('an unknown realm gets ABORT', async () => {
    const s = await open(wampLens, '/wamp', { options: { realm: 'nope' } });
    const abort = await s.waitFor(inType('ABORT'));
    expect(abort.messages[0]?.summary).toMatch(/^ABORT wamp.error.no_such_realm/);
    expect(s.notes.some((n) => n.level === 'error' && n.text.includes('no_such_realm'))).toBe(true);
    await s.closed;
  });
});

describe('protocol routes: bad parameters and bad input', () => {
  /** A raw ws client: its first message, or its close. */
  async function raw(path: string, protocols: string[], send?: string) {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`${pg.url}${path}`, protocols);
    const messages: string[] = [];
    ws.on('message', (d) => messages.push(String(d)));
    const result = await new Promise<{ status?: number; code?: number; reason?: string; protocol?: string }>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
      ws.on('open', () => {
        if (send !== undefined) ws.send(send);
      });
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason), protocol: ws.protocol }));
      ws.on('error', () => {});
    });
    return { ...result, messages };
  }

  it('refuses bad query parameters with HTTP 400', async () => {
    expect((await raw('/signalr?timeout=5', [])).status).toBe(400);
    expect((await raw('/phoenix/websocket?vsn=3.0.0', [])).status).toBe(400);
    expect((await raw('/cable?ping=x', [])).status).toBe(400);
  });

  it('SignalR refuses a handshake for another protocol', async () => {
    const r = await raw('/signalr', [], '{"protocol":"messagepack","version":1}\x1e');
    expect(r.messages).toEqual(['{"error":"Requested protocol \'messagepack\' is not available."}\x1e']);
    expect(signalRLens.decode({ direction: 'in', format: 'text', text: r.messages[0] as string }, null).messages[0]?.summary).toMatch(/^handshake refused/);
  });

  it('WAMP needs wamp.2.json and HELLO first', async () => {
    expect(await raw('/wamp', [])).toMatchObject({ code: 1002, reason: 'offer the subprotocol wamp.2.json' });
    const r = await raw('/wamp', ['wamp.2.json'], '[48,1,{},"com.sockpit.add"]');
    expect(JSON.parse(r.messages[0] as string)).toEqual([3, { message: 'the first message must be HELLO [1, Realm|uri, Details|dict]' }, 'wamp.error.protocol_violation']);
    const j = await raw('/wamp', ['wamp.2.json'], '[1,');
    expect(JSON.parse(j.messages[0] as string)[2]).toBe('wamp.error.protocol_violation');
  });

  it('Action Cable and Phoenix record what they could not read', async () => {
    const c = await open(actionCableLens, '/cable');
    await c.waitFor(inType('welcome'));
    c.send('{"command":"subscribe","identifier":"{nope"}');
    const p = await open(phoenixLens, '/phoenix/websocket');
    p.send('["1","1","room:x"]');
    await new Promise((r) => setTimeout(r, 100));
    expect(notes(pg.received.cable)).toContain('identifier is not JSON with "channel"');
    expect(notes(pg.received.phoenix)).toContain('not a 2.0.0 message [join_ref, ref, topic, event, payload]');
    c.close();
    p.close();
  });
});

describe('GET /', () => {
  it('lists the protocol routes', async () => {
    const body = await (await fetch(`${pg.httpUrl}/`)).text();
    for (const route of ['/signalr', '/phoenix/websocket', '/cable', '/wamp']) expect(body).toContain(`<code>${route}`);
  });
});
