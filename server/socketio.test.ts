/**
 * The Socket.IO lens against the playground's real Socket.IO 4 servers: the
 * session (connect on open, heartbeats) and our encoding, checked by what the
 * server's library decoded (acks, `inspect`, GET /socket.io-log).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { socketIoLens } from '../src/lib/decode/lenses/socketio/index';
import { openNodeSession, type NodeSession } from '../src/lib/decode/testing/node-session';
import type { DecodedMessage, Field, SessionOptions } from '../src/lib/decode/types';
import { startPlayground } from './playground.mjs';
import { ADMIN_TOKEN, BINARY_SAMPLE, FAST_HEARTBEAT, SOCKETIO_FAST_PATH, floodTick } from './routes/socketio.mjs';

type Playground = Awaited<ReturnType<typeof startPlayground>>;

let playground: Playground;
const sessions = new Set<NodeSession>();

beforeAll(async () => {
  playground = await startPlayground({ port: 0 });
});

afterAll(async () => {
  for (const s of sessions) s.ws.terminate();
  await playground.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function open(options: SessionOptions = {}, extra: { session?: boolean; url?: string } = {}) {
  const s = await openNodeSession(socketIoLens, extra.url ?? playground.httpUrl, { options, ...(extra.session === false ? { session: false } : {}) });
  sessions.add(s);
  void s.closed.then(() => sessions.delete(s));
  return s;
}

function emit(s: NodeSession, kind: string, values: Record<string, string>) {
  const r = socketIoLens.encode?.(kind, values);
  if (!r?.ok) throw new Error(r ? r.error : 'no encode');
  for (const f of r.frames) s.send(f);
  return r.frames;
}

function find(fields: Field[], name: string): Field | undefined {
  return fields.find((f) => f.name === name);
}

/** A decoded message's args as plain values (bytes stay Uint8Array). */
function argValues(m: DecodedMessage): unknown[] {
  const args = find(m.fields, 'args');
  const toValue = (f: Field): unknown => {
    if (!f.children) return f.value;
    if (f.note?.endsWith('item') || f.note?.endsWith('items')) return f.children.map(toValue);
    return Object.fromEntries(f.children.map((c) => [c.name, toValue(c)]));
  };
  return (args?.children ?? []).map(toValue);
}

const connectedTo = (nsp: string) => (m: DecodedMessage, r: { frame: { direction: string } }) =>
  r.frame.direction === 'in' && m.type === 'CONNECT' && m.keys?.some(([k, v]) => k === 'namespace' && v === nsp) === true;

function httpGet(path: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${playground.httpUrl}${path}`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each([
  { version: '4', eio: 'EIO=4' },
  { version: '2', eio: 'EIO=3' },
])('Socket.IO v$version against the playground', ({ version, eio }) => {
  it('the session connects "/" on open and the server welcomes it', async () => {
    const s = await open({ version });
    expect(s.ws.url).toContain(`/socket.io/?${eio}&transport=websocket`);
    const open0 = await s.waitFor((m) => m.type === 'open');
    expect(open0.messages[0]?.summary).toMatch(/^Engine\.IO open · sid \S+ · ping 25000\/20000 ms$/);
    await s.waitFor(connectedTo('/'));
    const welcome = await s.waitFor((m) => m.type === 'EVENT' && m.keys?.some(([k, v]) => k === 'event' && v === 'welcome') === true);
    expect(welcome.messages[0]?.summary).toBe('event "welcome" · 1 arg');
    if (version === '2') {
      // v2: the server joins "/" by itself; the session sent nothing.
      expect(s.frames.filter((f) => f.frame.direction === 'out')).toHaveLength(0);
      expect(s.notes.map((n) => n.text).join('\n')).toMatch(/joins "\/" by itself/);
    } else {
      expect(s.frames.find((f) => f.frame.direction === 'out')?.frame).toMatchObject({ format: 'text', text: '40' });
    }
    s.close();
  });

  it('emit with ack: the server\'s library decodes our EVENT and its ACK pairs with it', async () => {
    const s = await open({ version });
    await s.waitFor(connectedTo('/'));
    const [frame] = emit(s, 'emit', { event: 'echo', args: '["hi",{"n":1,"__proto__":{"x":2}}]', ack: 'true', version });
    expect(frame).toMatch(/^42\d+\["echo","hi",\{"n":1,"__proto__":\{"x":2\}\}\]$/);
    const sent = s.frames.find((f) => f.frame.direction === 'out' && f.frame.format === 'text' && f.frame.text === frame)?.messages[0];
    expect(sent?.correlation?.role).toBe('request');
    const reply = await s.waitFor((m) => m.type === 'ACK' && m.correlation?.key === sent?.correlation?.key);
    const ack = reply.messages[0];
    expect(ack?.correlation?.role).toBe('reply');
    expect(ack?.summary).toMatch(/^ack \d+ · 2 args$/);
    expect(argValues(ack as DecodedMessage)).toEqual(['hi', JSON.parse('{"n":1,"__proto__":{"x":2}}')]);

    // What the server recorded for this socket.
    emit(s, 'emit', { event: 'inspect', args: '[]', ack: 'true' });
    const seen = await s.waitFor((m) => m.type === 'ACK' && argValues(m).length === 1 && JSON.stringify(argValues(m)).includes('"received"'));
    const received = JSON.stringify(argValues(seen.messages[0] as DecodedMessage));
    expect(received).toContain('"event":"echo"');
    expect(received).toContain('"ack":true');
    s.close();
  });

  it('a binary emit reaches the server as a Buffer, and its binary ack comes back assembled', async () => {
    const s = await open({ version });
    await s.waitFor(connectedTo('/'));
    const frames = emit(s, 'binaryEmit', { event: 'echo', args: '[{"name":"up","data":{"$hex":"de ad be ef 00 ff"}}]', ack: 'true', version });
    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatch(/^451-\d+\["echo",\{"name":"up","data":\{"_placeholder":true,"num":0\}\}\]$/);
    const bin = frames[1] as Uint8Array;
    expect([...bin]).toEqual(version === '2' ? [4, 0xde, 0xad, 0xbe, 0xef, 0, 0xff] : [0xde, 0xad, 0xbe, 0xef, 0, 0xff]);
    // The server acks with the same args: a BINARY_ACK, then its attachment frame.
    const done = await s.waitFor((m, r) => r.frame.direction === 'in' && m.type === 'BINARY_ACK' && !m.summary.includes('waiting'));
    const m = done.messages[0] as DecodedMessage;
    expect(done.frame.format).toBe('binary');
    if (done.frame.format === 'binary' && version === '2') expect(done.frame.bytes[0]).toBe(4);
    expect(m.summary).toMatch(/^binary ack \d+ · 1 arg · 1 attachment, 6 B$/);
    expect(m.error).toBeUndefined();
    const [arg] = argValues(m) as Array<{ name: string; data: Uint8Array }>;
    expect(arg?.name).toBe('up');
    expect([...(arg?.data ?? [])]).toEqual([0xde, 0xad, 0xbe, 0xef, 0, 0xff]);

    // The `binary` event answers with a Buffer of its own and the sizes it got.
    emit(s, 'binaryEmit', { event: 'binary', args: '[{"$hex":"01 02 03"}]', ack: 'true', version });
    const sample = await s.waitFor((x, r) => r.frame.direction === 'in' && x.type === 'BINARY_ACK' && !x.summary.includes('waiting') && JSON.stringify(argValues(x), (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v)).includes('"received":[3]'));
    const [reply] = argValues(sample.messages[0] as DecodedMessage) as Array<{ bytes: Uint8Array }>;
    expect([...(reply?.bytes ?? [])]).toEqual([...BINARY_SAMPLE]);
    s.close();
  });

  it('/admin: the right token connects, a wrong one gets CONNECT_ERROR with the server\'s message', async () => {
    const good = await open({ version, namespace: '/admin', auth: JSON.stringify({ token: ADMIN_TOKEN }) });
    const ok = await good.waitFor(connectedTo('/admin'));
    if (version === '2') {
      expect(good.frames.find((f) => f.frame.direction === 'out')?.frame).toMatchObject({ text: '40/admin?token=letmein,' });
      expect(ok.messages[0]?.summary).toBe('connect /admin');
    } else {
      expect(ok.messages[0]?.summary).toMatch(/^connect \/admin · sid \S+$/);
    }
    emit(good, 'emit', { namespace: '/admin', event: 'echo', args: '[1]', ack: 'true' });
    const ack = await good.waitFor((m) => m.type === 'ACK' && m.keys?.some(([k, v]) => k === 'namespace' && v === '/admin') === true);
    expect(ack.messages[0]?.summary).toMatch(/^ack \d+ · 1 arg · \/admin$/);
    good.close();

    const bad = await open({ version, namespace: '/admin', auth: '{"token":"nope"}' });
    const refused = await bad.waitFor((m) => m.type === (version === '2' ? 'ERROR' : 'CONNECT_ERROR'));
    expect(refused.messages[0]?.summary).toBe(`${version === '2' ? 'error' : 'connect error'} /admin · not authorized: /admin takes the auth {"token":"letmein"}`);
    expect(bad.notes.some((n) => n.level === 'warn' && n.text.startsWith('The server refused /admin'))).toBe(true);
    bad.close();
  });

  it('join and chat: a chat to a room reaches its members', async () => {
    const a = await open({ version });
    const b = await open({ version });
    await a.waitFor(connectedTo('/'));
    await b.waitFor(connectedTo('/'));
    const room = `r${version}-${Date.now()}`;
    emit(a, 'emit', { event: 'join', args: JSON.stringify([room]), ack: 'true' });
    emit(b, 'emit', { event: 'join', args: JSON.stringify([room]), ack: 'true' });
    await a.waitFor((m) => m.type === 'ACK');
    await b.waitFor((m) => m.type === 'ACK');
    emit(a, 'emit', { event: 'chat', args: JSON.stringify([room, 'hello']) });
    const heard = await b.waitFor((m) => m.type === 'EVENT' && m.keys?.some(([k, v]) => k === 'event' && v === 'chat') === true);
    expect(JSON.stringify(argValues(heard.messages[0] as DecodedMessage))).toContain('"message":"hello"');
    a.close();
    b.close();
  });
});

describe('the fast endpoint (pingInterval 500 ms, pingTimeout 500 ms)', () => {
  const span = 3 * (FAST_HEARTBEAT.pingInterval + FAST_HEARTBEAT.pingTimeout);

  it.each(['4', '2'])('v%s: with the session on, the connection outlives 3 × (pingInterval + pingTimeout)', async (version) => {
    const s = await open({ version, path: SOCKETIO_FAST_PATH });
    expect(s.ws.url).toContain(SOCKETIO_FAST_PATH);
    let closed = false;
    void s.closed.then(() => (closed = true));
    await s.waitFor(connectedTo('/'));
    await sleep(span + 200);
    expect(closed).toBe(false);
    const pings = s.frames.filter((f) => f.frame.format === 'text' && f.frame.text === '2');
    const pongs = s.frames.filter((f) => f.frame.format === 'text' && f.frame.text === '3');
    // v4: the server pings and the session answers; v2: the session pings.
    expect(pings.every((f) => f.frame.direction === (version === '2' ? 'out' : 'in'))).toBe(true);
    expect(pongs.every((f) => f.frame.direction === (version === '2' ? 'in' : 'out'))).toBe(true);
    expect(pongs.length).toBeGreaterThanOrEqual(3);
    expect(pings.every((f) => f.messages[0]?.heartbeat === true)).toBe(true);
    // One note for the heartbeat, not one per ping.
    expect(s.notes.filter((n) => /ping/i.test(n.text))).toHaveLength(1);
    s.close();
  }, 10_000);

  it.each(['4', '2'])('v%s: with the session off, the server drops the connection', async (version) => {
    const s = await open({ version, path: SOCKETIO_FAST_PATH }, { session: false });
    const started = Date.now();
    await s.closed;
    const took = Date.now() - started;
    expect(took).toBeLessThan(span);
    expect(s.frames.filter((f) => f.frame.direction === 'out')).toHaveLength(0);
  }, 10_000);
});

describe('flooding and the server log', () => {
  it('tick emits count ticks, interval ms apart, after acking the request', async () => {
    const s = await open();
    await s.waitFor(connectedTo('/'));
    emit(s, 'emit', { event: 'tick', args: '[{"count":3,"interval":20}]', ack: 'true' });
    const ack = await s.waitFor((m) => m.type === 'ACK');
    expect(argValues(ack.messages[0] as DecodedMessage)).toEqual([{ count: 3, interval: 20 }]);
    const isTick = (m: DecodedMessage) => m.keys?.some(([k, v]) => k === 'event' && v === 'tick') === true;
    await s.waitFor((m) => isTick(m) && JSON.stringify(argValues(m)).includes('"seq":3'));
    await sleep(100);
    expect(s.frames.filter((f) => f.frame.direction === 'in' && f.messages.some(isTick))).toHaveLength(3);
    emit(s, 'emit', { event: 'tick', args: '[{"count":5000}]', ack: 'true' });
    const refused = await s.waitFor((m) => m.type === 'ACK' && JSON.stringify(argValues(m)).includes('error'));
    expect(JSON.stringify(argValues(refused.messages[0] as DecodedMessage))).toContain('count must be an integer from 1 to 1000');
    s.close();
  });

  it('the flood event emits count ticks of the requested size, then acks', async () => {
    const s = await open();
    await s.waitFor(connectedTo('/'));
    emit(s, 'emit', { event: 'flood', args: '[{"count":3000,"size":64}]', ack: 'true' });
    const done = await s.waitFor((m) => m.type === 'ACK', 20_000);
    expect(argValues(done.messages[0] as DecodedMessage)).toEqual([{ sent: 3000 }]);
    const ticks = s.frames.filter((f) => f.messages[0]?.keys?.some(([k, v]) => k === 'event' && v === 'tick'));
    expect(ticks).toHaveLength(3000);
    const first = ticks[0]?.frame;
    expect(first?.format === 'text' ? first.text : '').toBe(`42["tick",${JSON.stringify(floodTick(1, 64))}]`);
    expect(ticks.every((t) => t.frame.format === 'text' && t.frame.text.length === 64)).toBe(true);
    s.close();
  }, 30_000);

  it('?flood=N on the handshake URL floods right after CONNECT', async () => {
    const s = await open({}, { url: `${playground.httpUrl}/socket.io/?flood=500&size=80` });
    const done = await s.waitFor((m) => m.keys?.some(([k, v]) => k === 'event' && v === 'flood-done') === true, 20_000);
    expect(argValues(done.messages[0] as DecodedMessage)).toEqual([{ sent: 500 }]);
    expect(s.frames.filter((f) => f.messages[0]?.keys?.some(([k, v]) => k === 'event' && v === 'tick'))).toHaveLength(500);
    s.close();
  }, 30_000);

  it('a bad ?flood= refuses the handshake with 400', async () => {
    const ws = new WebSocket(`${playground.url}/socket.io/?EIO=4&transport=websocket&flood=0`);
    ws.on('error', () => {});
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    ws.terminate();
    expect(status).toBe(400);
  });

  it('ask: the server emits `question` with an ack id; our ACK is recorded as "(ack)"; a namespace DISCONNECT as "(disconnect)"', async () => {
    const s = await open();
    await s.waitFor(connectedTo('/'));
    const marker = `ask-${Date.now()}`;
    emit(s, 'emit', { event: 'ask', args: JSON.stringify([marker]) });
    const question = await s.waitFor((m, r) => r.frame.direction === 'in' && m.type === 'EVENT' && m.keys?.some(([k, v]) => k === 'event' && v === 'question') === true);
    const id = find(question.messages[0]?.fields ?? [], 'ack id')?.value;
    expect(typeof id).toBe('number');
    emit(s, 'ack', { id: String(id), args: JSON.stringify([`${marker}-answer`]) });
    await s.waitFor((m) => m.type === 'EVENT' && m.keys?.some(([k, v]) => k === 'event' && v === 'answered') === true);
    emit(s, 'disconnect', { namespace: '/' });
    await sleep(100);
    const { events } = JSON.parse((await httpGet('/socket.io-log')).body) as { events: Array<{ socket: string; event: string; args: unknown[] }> };
    const answer = events.find((e) => e.event === '(ack)' && JSON.stringify(e.args) === JSON.stringify([`${marker}-answer`]));
    expect(answer).toBeDefined();
    expect(events).toContainEqual(expect.objectContaining({ socket: answer?.socket, event: '(disconnect)', args: ['client namespace disconnect'] }));
    s.close();
  });

  it('HTTP long-polling is refused harmlessly; GET /socket.io-log lists what the servers received', async () => {
    const polling = await httpGet('/socket.io/?EIO=4&transport=polling');
    expect(polling.status).toBe(400);
    expect(JSON.parse(polling.body)).toEqual({ code: 0, message: 'Transport unknown' });

    const s = await open();
    await s.waitFor(connectedTo('/'));
    const marker = `log-${Date.now()}`;
    emit(s, 'emit', { event: 'echo', args: JSON.stringify([marker]), ack: 'true' });
    await s.waitFor((m) => m.type === 'ACK');
    const log = await httpGet('/socket.io-log');
    expect(log.status).toBe(200);
    expect(log.type).toMatch(/^application\/json/);
    const { events } = JSON.parse(log.body) as { events: Array<{ server: string; namespace: string; event: string; args: unknown[]; ack: boolean }> };
    expect(events).toContainEqual(expect.objectContaining({ server: 'main', namespace: '/', event: 'echo', args: [marker], ack: true }));
    s.close();
  });
});

describe('shutdown', () => {
  it('close() disconnects Socket.IO clients: DISCONNECT, then the socket closes', async () => {
    const own = await startPlayground({ port: 0 });
    const s = await openNodeSession(socketIoLens, own.httpUrl);
    await s.waitFor(connectedTo('/'));
    await own.close();
    await s.closed;
    expect(s.frames.some((f) => f.frame.direction === 'in' && f.messages[0]?.type === 'DISCONNECT')).toBe(true);
  });
});
