import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlLens } from '../src/lib/decode/lenses/graphql/index';
import { openNodeSession, type NodeSession } from '../src/lib/decode/testing/node-session';
import type { DecodedMessage } from '../src/lib/decode/types';
import { startPlayground } from './playground.mjs';
import { STRICT_INIT_TIMEOUT_MS, STRICT_INIT_TIMEOUTS_MAX, STRICT_PONG_CLOSE } from './routes/graphql.mjs';

type Playground = Awaited<ReturnType<typeof startPlayground>>;
let pg: Playground;
const open: NodeSession[] = [];

beforeAll(async () => {
  pg = await startPlayground({ port: 0 });
});
afterAll(async () => {
  for (const s of open) s.ws.terminate();
  await pg.close();
});

async function session(path: string, opts: Parameters<typeof openNodeSession>[2] = {}) {
  const s = await openNodeSession(graphqlLens, `${pg.url}${path}`, opts);
  open.push(s);
  return s;
}

const is = (type: string, id?: string) => (m: DecodedMessage) => m.type === type && (id === undefined || m.keys?.some(([k, v]) => k === 'id' && v === id) === true);
const payloadOf = (s: NodeSession, type: string, id: string) =>
  s.frames.filter((r) => r.frame.direction === 'in' && r.messages.some(is(type, id))).map((r) => JSON.parse((r.frame as { text: string }).text).payload);

/** Sends a composed message the way the composer would. */
function compose(s: NodeSession, kind: string, values: Record<string, string>) {
  const r = graphqlLens.encode?.(kind, values);
  if (!r?.ok) throw new Error(`encode ${kind}: ${r?.ok === false ? r.error : 'no encoder'}`);
  for (const f of r.frames) s.send(f);
}

describe('/graphql (graphql-ws server)', () => {
  it('negotiates graphql-transport-ws; the session inits, the ack is noted', async () => {
    const s = await session('/graphql');
    expect(s.ws.protocol).toBe('graphql-transport-ws');
    await s.waitFor(is('connection_ack'));
    expect(s.frames[0]?.messages[0]?.type).toBe('connection_init');
    expect(s.notes.map((n) => n.text).join('\n')).toContain('connection acknowledged');
    s.close();
  });

  it('a query, a mutation the server records, a ticking subscription, an erroring field, a validation error', async () => {
    const s = await session('/graphql');
    await s.waitFor(is('connection_ack'));
    compose(s, 'subscribe', { id: 'q', query: 'query Hello { hello }' });
    compose(s, 'subscribe', { id: 'm', query: 'mutation Say($t: String!) { say(text: $t) }', variables: '{"t":"hi from the lens"}' });
    await s.waitFor(is('complete', 'm'));
    compose(s, 'subscribe', { id: 'said', query: '{ said }' });
    compose(s, 'subscribe', { id: 't', query: 'subscription OnTick { tick(every: 20, count: 3) }' });
    compose(s, 'subscribe', { id: 'b', query: '{ boom }' });
    compose(s, 'subscribe', { id: 'v', query: '{ nope }' });
    await s.waitFor(is('complete', 't'));
    await s.waitFor(is('error', 'v'));

    expect(payloadOf(s, 'next', 'q')).toEqual([{ data: { hello: 'Hello from the Sockpit playground' } }]);
    expect(payloadOf(s, 'next', 'said')[0].data.said).toContain('hi from the lens');
    const ticks = s.frames.filter((r) => r.messages.some(is('next', 't')));
    expect(ticks.map((r) => r.messages[0]?.summary)).toEqual(['next t · {"data":{"tick":1}}', 'next t · {"data":{"tick":2}}', 'next t · {"data":{"tick":3}}']);
    expect(ticks[0]?.messages[0]?.keys).toContainEqual(['operation', 'OnTick']);
    expect(payloadOf(s, 'next', 'b')[0].errors[0].message).toContain('boom');
    expect(payloadOf(s, 'error', 'v')[0][0].message).toContain('nope');

    // pairing: each subscribe opens a key that its next/complete/error share
    const sub = s.frames.find((r) => r.messages.some(is('subscribe', 't')))?.messages[0];
    const done = s.frames.find((r) => r.messages.some(is('complete', 't')))?.messages[0];
    expect(sub?.correlation).toEqual({ key: 'graphql:out:t', role: 'request' });
    expect(done?.correlation).toEqual({ key: 'graphql:out:t', role: 'reply' });
    expect(ticks[0]?.messages[0]?.correlation).toEqual({ key: 'graphql:out:t', role: 'partial' });
    // nothing the server sent failed to decode
    expect(s.frames.flatMap((r) => r.messages).filter((m) => m.error)).toEqual([]);
    s.close();
  });

  it('a complete from the client stops a subscription; ping is answered by the server with pong', async () => {
    const s = await session('/graphql');
    await s.waitFor(is('connection_ack'));
    compose(s, 'subscribe', { id: 'long', query: 'subscription { tick(every: 50, count: 100) }' });
    await s.waitFor(is('next', 'long'));
    compose(s, 'complete', { id: 'long' });
    compose(s, 'ping', {});
    await s.waitFor((m, r) => m.type === 'pong' && r.frame.direction === 'in');
    const n = payloadOf(s, 'next', 'long').length;
    await new Promise((r) => setTimeout(r, 200));
    expect(payloadOf(s, 'next', 'long').length).toBeLessThanOrEqual(n + 1);
    s.close();
  });
});

describe('/graphql-strict: connection_init within 1 s and a pong for every ping', () => {
  it('with the session it stays open ≥ 3 × the init timeout and answers every ping; without, 4408', async () => {
    const [on, off] = await Promise.all([session('/graphql-strict'), session('/graphql-strict', { session: false })]);
    const offClosed = off.closed;
    const wait = new Promise((r) => setTimeout(r, 3 * STRICT_INIT_TIMEOUT_MS + 200));
    const closedOff = await offClosed;
    expect(closedOff.code).toBe(4408);
    await wait;
    expect(on.ws.readyState).toBe(on.ws.OPEN);
    const pings = on.frames.filter((r) => r.frame.direction === 'in' && r.messages.some((m) => m.type === 'ping'));
    const pongs = on.frames.filter((r) => r.frame.direction === 'out' && r.messages.some((m) => m.type === 'pong'));
    expect(pings.length).toBeGreaterThanOrEqual(5);
    expect(pongs.length).toBe(pings.length);
    expect(pings.every((r) => r.messages[0]?.heartbeat === true)).toBe(true);
    on.close();
  });

  it('without the session, an init sent by hand is not enough: no pong, closed with 4499', async () => {
    const s = await session('/graphql-strict', { session: false });
    s.send('{"type":"connection_init"}');
    await s.waitFor(is('ping'));
    const c = await s.closed;
    expect(c.code).toBe(STRICT_PONG_CLOSE);
  });

  it('?initTimeout=MS moves the init deadline only: an init sent by hand after the default 1 s is acked, then 4499 as before; a short one closes 4408', async () => {
    const [late, short] = await Promise.all([
      session(`/graphql-strict?initTimeout=${10 * STRICT_INIT_TIMEOUT_MS}`, { session: false }),
      session('/graphql-strict?initTimeout=100', { session: false }),
    ]);
    expect(late.ws.protocol).toBe('graphql-transport-ws');
    expect((await short.closed).code).toBe(4408);
    // Past the default deadline, and past the short one (which closed): still open.
    await new Promise((r) => setTimeout(r, STRICT_INIT_TIMEOUT_MS + 300));
    expect(late.ws.readyState).toBe(late.ws.OPEN);
    late.send('{"type":"connection_init"}');
    await late.waitFor(is('connection_ack'));
    await late.waitFor(is('ping'));
    expect((await late.closed).code).toBe(STRICT_PONG_CLOSE);
  });

  it('refuses a bad initTimeout, and more than a few different ones, with HTTP 400', async () => {
    const { WebSocket } = await import('ws');
    const status = (path: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${pg.url}${path}`, ['graphql-transport-ws']);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          resolve(101);
          ws.terminate();
        });
        ws.on('error', () => {});
      });
    for (const bad of ['x', '99', '60001', '-1']) expect(await status(`/graphql-strict?initTimeout=${bad}`)).toBe(400);
    // New values get a server each until STRICT_INIT_TIMEOUTS_MAX are in use (the default is one); then a new one is refused, one in use is not.
    const answers: number[] = [];
    for (let t = 200; t < 200 + STRICT_INIT_TIMEOUTS_MAX; t++) answers.push(await status(`/graphql-strict?initTimeout=${t}`));
    const refused = answers.indexOf(400);
    expect(refused).toBeGreaterThan(0);
    expect(answers.slice(0, refused).every((a) => a === 101)).toBe(true);
    expect(answers.slice(refused).every((a) => a === 400)).toBe(true);
    expect(await status('/graphql-strict?initTimeout=200')).toBe(101);
    expect(await status('/graphql-strict')).toBe(101);
  });
});

describe('/graphql-legacy (subscriptions-transport-ws framing)', () => {
  it('negotiates graphql-ws; init, ack, ka; start → data → complete; stop', async () => {
    const s = await session('/graphql-legacy', { protocols: ['graphql-ws'] });
    expect(s.ws.protocol).toBe('graphql-ws');
    await s.waitFor(is('ka'));
    compose(s, 'start', { id: '1', query: 'subscription OnTick { tick(every: 20, count: 2) }' });
    compose(s, 'start', { id: '2', query: 'mutation { say(text: "legacy hello") }' });
    compose(s, 'start', { id: '3', query: '{ nope }' });
    await s.waitFor(is('complete', '1'));
    await s.waitFor(is('error', '3'));
    expect(payloadOf(s, 'data', '1')).toEqual([{ data: { tick: 1 } }, { data: { tick: 2 } }]);
    expect(payloadOf(s, 'data', '2')).toEqual([{ data: { say: 'said: legacy hello' } }]);
    const data = s.frames.find((r) => r.messages.some(is('data', '1')))?.messages[0];
    expect(data?.summary).toBe('data 1 · {"data":{"tick":1}}');
    expect(data?.correlation).toEqual({ key: 'graphql:out:1', role: 'partial' });
    const ka = s.frames.find((r) => r.messages.some(is('ka')))?.messages[0];
    expect(ka?.heartbeat).toBe(true);
    compose(s, 'start', { id: '4', query: 'subscription { tick(every: 30, count: 50) }' });
    await s.waitFor(is('data', '4'));
    compose(s, 'stop', { id: '4' });
    compose(s, 'connection_terminate', {});
    const c = await s.closed;
    expect(c.code).toBe(1000);
    expect(payloadOf(s, 'data', '4').length).toBeLessThan(50);
    expect(s.frames.flatMap((r) => r.messages).filter((m) => m.error)).toEqual([]);
  });

  it('?initTimeout=1000: with the session it stays open ≥ 3 s; without, 4408', async () => {
    const [on, off] = await Promise.all([
      session('/graphql-legacy?initTimeout=1000', { protocols: ['graphql-ws'] }),
      session('/graphql-legacy?initTimeout=1000', { protocols: ['graphql-ws'], session: false }),
    ]);
    const wait = new Promise((r) => setTimeout(r, 3200));
    expect((await off.closed).code).toBe(4408);
    await wait;
    expect(on.ws.readyState).toBe(on.ws.OPEN);
    expect(on.frames.filter((r) => r.messages.some(is('ka'))).length).toBeGreaterThanOrEqual(3);
    on.close();
  });
});
