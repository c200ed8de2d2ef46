import { Client, type IMessage } from '@stomp/stompjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { stompLens } from '../src/lib/decode/lenses/stomp/index';
import { openNodeSession, type NodeSession } from '../src/lib/decode/testing/node-session';
import type { DecodedMessage } from '../src/lib/decode/types';
import { startPlayground } from './playground.mjs';
import { escapeHeader, parseFrames, unescapeHeader } from './stomp-broker.mjs';

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
  const s = await openNodeSession(stompLens, `${pg.url}${path}`, opts);
  open.push(s);
  return s;
}
const is = (command: string, key?: [string, string]) => (m: DecodedMessage, r: { frame: { direction: string } }) =>
  r.frame.direction === 'in' && m.type === command && (!key || m.keys?.some(([k, v]) => k === key[0] && v === key[1]) === true);

function compose(s: NodeSession, kind: string, values: Record<string, string>) {
  const r = stompLens.encode?.(kind, values);
  if (!r?.ok) throw new Error(`encode ${kind}: ${r?.ok === false ? r.error : 'no encoder'}`);
  for (const f of r.frames) s.send(f);
}

async function stompLog(): Promise<Array<{ command: string; destination?: string; id?: string; body: string; headers: Record<string, string> }>> {
  const res = await fetch(`${pg.httpUrl}/stomp-log`);
  return (await res.json()) as never;
}

describe('stomp-broker framing', () => {
  it('parses frames, heart-beats, content-length; reports what is wrong', () => {
    const p = parseFrames(Buffer.from('\nSEND\ndestination:/queue/a\ncontent-length:3\n\na\0b\0\nRECEIPT\nreceipt-id:1\n\n\0'));
    expect(p.heartbeats).toBe(1);
    expect(p.frames.map((f) => [f.command, f.body.toString()])).toEqual([
      ['SEND', 'a\0b'],
      ['RECEIPT', ''],
    ]);
    expect(parseFrames(Buffer.from('SEND\ndestination:/a\n\nx')).error).toContain('NUL');
    expect(parseFrames(Buffer.from('SEND\nnocolon\n\n\0')).error).toContain('colon');
    expect(parseFrames(Buffer.from('SEND\ncontent-length:9\n\nx\0')).error).toContain('longer than the body');
    expect(unescapeHeader('a\\cb\\n\\\\', '1.2')).toBe('a:b\n\\');
    expect(unescapeHeader('a\\tb', '1.2')).toEqual({ error: expect.stringContaining('invalid escape') });
    expect(escapeHeader('a:b\n\\\r', '1.2')).toBe('a\\cb\\n\\\\\\r');
  });
});

describe('/stomp with the lens session', () => {
  it('negotiates v12.stomp; CONNECT → CONNECTED 1.2 with heart-beats; noted once', async () => {
    const s = await session('/stomp', { options: { login: 'guest', passcode: 'secret' } });
    expect(s.ws.protocol).toBe('v12.stomp');
    const r = await s.waitFor(is('CONNECTED'));
    expect(r.messages[0]?.summary).toBe('CONNECTED 1.2 heart-beat 10000,10000');
    expect(s.frames[0]?.messages[0]?.summary).toMatch(/^CONNECT accept-version 1\.2,1\.1,1\.0 host 127\.0\.0\.1 login guest heart-beat 10000,10000$/);
    expect(s.notes.filter((n) => n.text.includes('connected'))).toHaveLength(1);
    s.close();
  });

  it('SUBSCRIBE, SEND → MESSAGE, RECEIPT, UNSUBSCRIBE, /topic/tick; the broker logs what it got', async () => {
    const s = await session('/stomp');
    await s.waitFor(is('CONNECTED'));
    compose(s, 'SUBSCRIBE', { destination: '/topic/chat', id: 'a', receipt: 'sub-a' });
    await s.waitFor(is('RECEIPT', ['receipt', 'sub-a']));
    compose(s, 'SEND', { destination: '/topic/chat', 'content-type': 'application/json', body: '{"hi":1}', receipt: 'r-send', headers: 'x-trace:abc' });
    const msg = await s.waitFor(is('MESSAGE', ['subscription', 'a']));
    const m = msg.messages[0] as DecodedMessage;
    expect(m.summary).toBe('MESSAGE /topic/chat sub a · {"hi":1}');
    const h = Object.fromEntries((m.fields.find((f) => f.name === 'headers')?.children ?? []).map((f) => [f.name, f.value]));
    expect(h).toMatchObject({ destination: '/topic/chat', subscription: 'a', 'content-type': 'application/json', 'content-length': '8', 'x-trace': 'abc' });
    expect(String(h['message-id'])).toMatch(/^m-\d+$/);
    expect(m.correlation).toEqual({ key: 'stomp:sub:out:a', role: 'partial' });
    const receipt = await s.waitFor(is('RECEIPT', ['receipt', 'r-send']));
    expect(receipt.messages[0]?.correlation).toEqual({ key: 'stomp:receipt:out:r-send', role: 'reply' });
    expect((await stompLog()).some((e) => e.command === 'SEND' && e.destination === '/topic/chat' && e.body === '{"hi":1}')).toBe(true);

    compose(s, 'SUBSCRIBE', { destination: '/topic/tick', id: 't', headers: 'tick-every:50\ntick-count:3' });
    await s.waitFor((x, r) => is('MESSAGE', ['subscription', 't'])(x, r) && x.summary.includes('"tick":3'));
    compose(s, 'UNSUBSCRIBE', { id: 'a', receipt: 'unsub' });
    await s.waitFor(is('RECEIPT', ['receipt', 'unsub']));
    compose(s, 'SEND', { destination: '/topic/chat', body: 'nobody hears this' });
    compose(s, 'DISCONNECT', { receipt: 'bye' });
    await s.waitFor(is('RECEIPT', ['receipt', 'bye']));
    expect((await s.closed).code).toBe(1000);
    expect((await stompLog()).some((e) => e.body === 'nobody hears this')).toBe(true);
    expect(s.frames.filter((r) => r.frame.direction === 'in' && (r.frame as { text: string }).text.includes('nobody hears'))).toEqual([]);
    expect(s.frames.flatMap((r) => r.messages).filter((x) => x.error)).toEqual([]);
  });

  it('queues: client-individual ACK and NACK; a transaction holds SENDs until COMMIT, drops them on ABORT', async () => {
    const s = await session('/stomp');
    await s.waitFor(is('CONNECTED'));
    compose(s, 'SUBSCRIBE', { destination: '/queue/jobs', id: 'q', ack: 'client-individual' });
    compose(s, 'BEGIN', { transaction: 'tx1' });
    compose(s, 'SEND', { destination: '/queue/jobs', body: 'job-1', transaction: 'tx1' });
    compose(s, 'SEND', { destination: '/queue/jobs', body: 'job-2', transaction: 'tx1' });
    compose(s, 'BEGIN', { transaction: 'tx2' });
    compose(s, 'SEND', { destination: '/queue/jobs', body: 'aborted', transaction: 'tx2' });
    compose(s, 'ABORT', { transaction: 'tx2', receipt: 'ab' });
    await s.waitFor(is('RECEIPT', ['receipt', 'ab']));
    expect(s.frames.some((r) => r.messages.some((x) => x.type === 'MESSAGE'))).toBe(false);
    compose(s, 'COMMIT', { transaction: 'tx1' });
    const first = await s.waitFor((x, r) => is('MESSAGE')(x, r) && x.summary.endsWith('"job-1"'));
    const second = await s.waitFor((x, r) => is('MESSAGE')(x, r) && x.summary.endsWith('"job-2"'));
    const ackId = (r: typeof first) => String(r.messages[0]?.fields.find((f) => f.name === 'headers')?.children?.find((f) => f.name === 'ack')?.value);
    compose(s, 'ACK', { id: ackId(first), receipt: 'k1' });
    compose(s, 'NACK', { id: ackId(second), receipt: 'k2' });
    await s.waitFor(is('RECEIPT', ['receipt', 'k2']));
    const log = await stompLog();
    expect(log.filter((e) => e.command === 'SEND' && e.destination === '/queue/jobs').map((e) => e.body)).toEqual(expect.arrayContaining(['job-1', 'job-2']));
    expect(log.some((e) => e.body === 'aborted')).toBe(false);
    expect(log.filter((e) => e.command === 'ACK' || e.command === 'NACK').map((e) => [e.command, e.id])).toEqual(
      expect.arrayContaining([
        ['ACK', ackId(first)],
        ['NACK', ackId(second)],
      ]),
    );
    // a second ACK of the same message is an ERROR, and the broker closes
    compose(s, 'ACK', { id: ackId(first), receipt: 'again' });
    const err = await s.waitFor(is('ERROR'));
    expect(err.messages[0]?.summary).toContain('no such message waits');
    expect(err.messages[0]?.correlation).toEqual({ key: 'stomp:receipt:out:again', role: 'reply' });
    expect((await s.closed).code).toBe(1002);
  });

  it('ERROR frames for bad frames: no NUL, a header without colon, an unknown command, a bad escape, frames before CONNECT', async () => {
    const cases: Array<[string, string]> = [
      ['SEND\ndestination:/queue/a\n\nno nul', 'NUL'],
      ['SEND\ndestination /queue/a\n\n\0', 'colon'],
      ['PUBLISH\ndestination:/queue/a\n\n\0', 'unknown command'],
      ['SEND\ndestination:/queue/a\\tb\n\n\0', 'invalid escape'],
      ['SEND\ndestination:/elsewhere\n\n\0', 'not /topic/'],
      ['SEND\ndestination:/queue/a\ncontent-length:99\n\nx\0', 'longer than the body'],
    ];
    for (const [frame, expected] of cases) {
      const s = await session('/stomp');
      await s.waitFor(is('CONNECTED'));
      s.send(frame);
      const err = await s.waitFor(is('ERROR'));
      expect(err.messages[0]?.summary).toContain(expected);
      expect((await s.closed).code).toBe(1002);
    }
    const early = await session('/stomp', { session: false });
    early.send('SEND\ndestination:/queue/a\n\n\0');
    expect((await early.waitFor(is('ERROR'))).messages[0]?.summary).toContain('before CONNECT');
  });

  it('version negotiation: v10.stomp and v11.stomp, and no common version', async () => {
    const s10 = await session('/stomp', { protocols: ['v10.stomp'] });
    expect(s10.ws.protocol).toBe('v10.stomp');
    expect((await s10.waitFor(is('CONNECTED'))).messages[0]?.summary).toMatch(/^CONNECTED 1\.0 /);
    const s11 = await session('/stomp', { protocols: ['v11.stomp'] });
    expect((await s11.waitFor(is('CONNECTED'))).messages[0]?.summary).toMatch(/^CONNECTED 1\.1 /);
    s10.close();
    s11.close();
    const bad = await session('/stomp', { session: false });
    bad.send('CONNECT\naccept-version:2.0\nhost:x\n\n\0');
    const err = await bad.waitFor(is('ERROR'));
    expect(err.messages[0]?.summary).toContain('Supported protocol versions');
  });
});

describe('/stomp?heartbeat=500: the broker drops a client silent for 2 × the heart-beat', () => {
  it('with the session (heart-beat 500,0) it stays open ≥ 3 s on EOLs; without EOLs, and without CONNECT, it is dropped', async () => {
    const [on, manual, silent] = await Promise.all([
      session('/stomp?heartbeat=500', { options: { 'heart-beat': '500,0' } }),
      session('/stomp?heartbeat=500', { session: false }),
      session('/stomp?heartbeat=500', { session: false }),
    ]);
    manual.send('CONNECT\naccept-version:1.2\nhost:x\nheart-beat:500,0\n\n\0');
    const started = Date.now();
    const [m, q] = await Promise.all([manual.closed, silent.closed]);
    expect(m.code).toBe(4001);
    expect(q.code).toBe(4001);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(manual.frames.some((r) => r.messages.some((x) => x.type === 'ERROR' && x.summary.includes('heart-beat')))).toBe(true);
    await new Promise((r) => setTimeout(r, 3200 - (Date.now() - started)));
    expect(on.ws.readyState).toBe(WebSocket.OPEN);
    const eols = on.frames.filter((r) => r.frame.direction === 'out' && r.messages.some((x) => x.heartbeat));
    expect(eols.length).toBeGreaterThanOrEqual(5);
    on.close();
  });
});

describe('/stomp with @stomp/stompjs (an independent client) as the oracle', () => {
  it('connects, subscribes, publishes and receives with a receipt', async () => {
    const client = new Client({
      webSocketFactory: () => new WebSocket(`${pg.url}/stomp`, ['v12.stomp', 'v11.stomp', 'v10.stomp']) as never,
      reconnectDelay: 0,
      heartbeatIncoming: 0,
      heartbeatOutgoing: 0,
    });
    const got = new Promise<IMessage>((resolve, reject) => {
      client.onConnect = () => {
        client.subscribe('/topic/oracle', (msg) => resolve(msg), { id: 'o' });
        client.watchForReceipt('r-oracle', () => {});
        client.publish({ destination: '/topic/oracle', body: 'from stompjs', headers: { receipt: 'r-oracle', 'x-k': 'a:b' } });
      };
      client.onStompError = (f) => reject(new Error(f.headers.message));
    });
    client.activate();
    const msg = await got;
    expect(msg.body).toBe('from stompjs');
    expect(msg.headers['x-k']).toBe('a:b');
    expect(msg.headers.subscription).toBe('o');
    await client.deactivate();
  });
});
