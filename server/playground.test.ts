import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startPlayground } from './playground.mjs';
import { BINARY_FRAMES } from './routes/binary.mjs';
import { parseFloodParams } from './routes/flood.mjs';
import { SUPPORTED_SUBPROTOCOLS } from './routes/subprotocol.mjs';

type Playground = Awaited<ReturnType<typeof startPlayground>>;
type Received = { data: Buffer; isBinary: boolean };

let playground: Playground;
const clients = new Set<WebSocket>();

beforeAll(async () => {
  playground = await startPlayground({ port: 0 });
});

afterAll(async () => {
  for (const client of clients) client.terminate();
  await playground.close();
});

function connect(path: string, protocols?: string[], options: { perMessageDeflate?: boolean } = {}): WebSocket {
  const ws = new WebSocket(`${playground.url}${path}`, protocols, { perMessageDeflate: options.perMessageDeflate ?? false });
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
  return ws;
}

/** Opens a socket and starts recording messages right away, so none arriving with the 101 are missed. */
async function open(path: string, protocols?: string[], options?: { perMessageDeflate?: boolean }) {
  const ws = connect(path, protocols, options);
  const inbox = record(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, inbox };
}

function record(ws: WebSocket) {
  const messages: Received[] = [];
  let waiter: { count: number; resolve: () => void } | undefined;
  ws.on('message', (data, isBinary) => {
    messages.push({ data: Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]), isBinary });
    if (waiter && messages.length >= waiter.count) waiter.resolve();
  });
  return {
    messages,
    /** Resolves once `count` messages have arrived in total. */
    waitFor(count: number, timeoutMs = 5000): Promise<Received[]> {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`got ${messages.length} of ${count} messages`)),
          timeoutMs,
        );
        waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        };
      });
    },
  };
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
}

/** Attempts a handshake that the server should refuse; resolves with the HTTP status and body. */
function refused(path: string): Promise<{ status: number; body: string }> {
  const ws = connect(path);
  ws.on('error', () => {}); // terminate() while CONNECTING reports an error; expected here
  return new Promise((resolve, reject) => {
    ws.once('open', () => reject(new Error(`handshake to ${path} succeeded`)));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        ws.terminate();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
  });
}

function httpGet(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${playground.httpUrl}${path}`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startPlayground', () => {
  it('reports the real port and URLs when started on port 0', () => {
    expect(playground.port).toBeGreaterThan(0);
    expect(playground.url).toBe(`ws://127.0.0.1:${playground.port}`);
    expect(playground.httpUrl).toBe(`http://127.0.0.1:${playground.port}`);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    await expect(startPlayground({ port: playground.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
      message: expect.stringContaining(`Port ${playground.port} on 127.0.0.1`),
    });
  });
});

describe('HTTP', () => {
  it('serves the route page with a strict CSP', async () => {
    const res = await httpGet('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    for (const route of ['/echo', '/echo-deflate', '/chat', '/ticker', '/binary', '/close', '/drop', '/subprotocol', '/flood', '/http-only']) {
      expect(res.body).toContain(`<code>${route}`);
    }
  });

  it('does not reflect the request into the page', async () => {
    const res = await httpGet('/?q=%3Cscript%3Ealert(1)%3C/script%3E');
    expect(res.body).not.toContain('alert(1)');
  });

  it('answers /health and /http-only', async () => {
    expect(await httpGet('/health')).toMatchObject({ status: 200, body: 'ok' });
    expect(await httpGet('/http-only')).toMatchObject({ status: 200, body: 'This is not a WebSocket endpoint' });
    expect((await httpGet('/nope')).status).toBe(404);
  });
});

describe('/echo', () => {
  it('echoes text as text and binary as binary, byte for byte', async () => {
    const { ws, inbox } = await open('/echo');
    const text = 'héllo 👋 \u0000 end';
    const bytes = randomBytes(70_000);
    ws.send(text);
    ws.send(bytes);
    ws.send(Buffer.alloc(0));
    const [first, second, third] = await inbox.waitFor(3);
    expect(first).toEqual({ data: Buffer.from(text, 'utf8'), isBinary: false });
    expect(second?.isBinary).toBe(true);
    expect(second?.data.equals(bytes)).toBe(true);
    expect(third).toEqual({ data: Buffer.alloc(0), isBinary: true });
    expect(ws.extensions).toBe('');
  });

  it('/echo-deflate negotiates permessage-deflate and still echoes exactly', async () => {
    const { ws, inbox } = await open('/echo-deflate', undefined, { perMessageDeflate: true });
    expect(ws.extensions).toContain('permessage-deflate');
    const bytes = randomBytes(5000);
    ws.send('compress me '.repeat(100));
    ws.send(bytes);
    const [text, binary] = await inbox.waitFor(2);
    expect(text).toEqual({ data: Buffer.from('compress me '.repeat(100)), isBinary: false });
    expect(binary?.isBinary).toBe(true);
    expect(binary?.data.equals(bytes)).toBe(true);
  });

  it('/echo does not negotiate permessage-deflate even when offered', async () => {
    const { ws } = await open('/echo', undefined, { perMessageDeflate: true });
    expect(ws.extensions).toBe('');
  });
});

describe('/chat', () => {
  it('broadcasts to every client, sender included, keeping the type', async () => {
    const alice = await open('/chat');
    const bob = await open('/chat');
    alice.ws.send('hi from alice');
    await Promise.all([alice.inbox.waitFor(1), bob.inbox.waitFor(1)]);
    bob.ws.send(Buffer.from([1, 2, 3]));
    const [aliceMessages, bobMessages] = await Promise.all([alice.inbox.waitFor(2), bob.inbox.waitFor(2)]);
    const expected = [
      { data: Buffer.from('hi from alice'), isBinary: false },
      { data: Buffer.from([1, 2, 3]), isBinary: true },
    ];
    expect(aliceMessages).toEqual(expected);
    expect(bobMessages).toEqual(expected);
  });

  it('keeps rooms apart: ?room=NAME hears only its own members', async () => {
    const a = await open('/chat?room=red');
    const b = await open('/chat?room=blue');
    const lobby = await open('/chat');
    a.ws.send('for red');
    b.ws.send('for blue');
    lobby.ws.send('for the lobby');
    expect(await a.inbox.waitFor(1)).toEqual([{ data: Buffer.from('for red'), isBinary: false }]);
    expect(await b.inbox.waitFor(1)).toEqual([{ data: Buffer.from('for blue'), isBinary: false }]);
    expect(await lobby.inbox.waitFor(1)).toEqual([{ data: Buffer.from('for the lobby'), isBinary: false }]);
  });

  it('refuses a room name that is not plain', async () => {
    const res = await refused('/chat?room=' + encodeURIComponent('a b'));
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/room must be/);
  });
});

describe('/ticker', () => {
  it('sends sequenced JSON ticks', async () => {
    const { ws, inbox } = await open('/ticker?rate=100');
    const messages = await inbox.waitFor(5);
    ws.close();
    messages.slice(0, 5).forEach((message, index) => {
      expect(message.isBinary).toBe(false);
      const tick = JSON.parse(message.data.toString('utf8'));
      expect(tick).toMatchObject({ type: 'tick', seq: index + 1, symbol: 'SOCK' });
      expect(typeof tick.price).toBe('number');
      expect(new Date(tick.time).toISOString()).toBe(tick.time);
    });
  });

  it('keeps to the rate', async () => {
    const { ws, inbox } = await open('/ticker?rate=20');
    await sleep(520);
    ws.close();
    // 20/s for ~0.5 s: the first tick at open, then one every 50 ms.
    expect(inbox.messages.length).toBeGreaterThanOrEqual(8);
    expect(inbox.messages.length).toBeLessThanOrEqual(12);
  });

  it('closes with 1000 "ticker finished" at its time limit', async () => {
    const short = await startPlayground({ port: 0, limits: { tickerMaxMs: 150 } });
    try {
      const ws = new WebSocket(`${short.url}/ticker?rate=1000`);
      const result = closed(ws);
      expect(await result).toEqual({ code: 1000, reason: 'ticker finished' });
    } finally {
      await short.close();
    }
  });
});

describe('/binary', () => {
  it('sends the four documented frames in order, then echoes', async () => {
    const { ws, inbox } = await open('/binary');
    const frames = await inbox.waitFor(4);
    expect(frames.every((frame) => frame.isBinary)).toBe(true);
    expect(frames[0]?.data).toEqual(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    expect(frames[1]?.data).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(frames[2]?.data).toEqual(Buffer.alloc(0));
    expect(frames[3]?.data).toEqual(Buffer.from([0x53, 0x6f, 0x63, 0x6b, 0x70, 0x69, 0x74, 0x00, 0xff]));
    expect(frames.map((frame) => frame.data)).toEqual([...BINARY_FRAMES]);
    ws.send(Buffer.from([9, 8, 7]));
    expect((await inbox.waitFor(5))[4]).toEqual({ data: Buffer.from([9, 8, 7]), isBinary: true });
  });
});

describe('/close', () => {
  it('closes with the requested code and reason', async () => {
    const ws = connect('/close?code=4000&reason=' + encodeURIComponent('bye ✓'));
    expect(await closed(ws)).toEqual({ code: 4000, reason: 'bye ✓' });
  });

  it('defaults to 1000 with an empty reason', async () => {
    expect(await closed(connect('/close'))).toEqual({ code: 1000, reason: '' });
  });

  it('accepts a reason of exactly 123 UTF-8 bytes', async () => {
    const reason = 'é'.repeat(61) + 'x'; // 122 + 1 bytes
    expect(await closed(connect(`/close?code=1001&reason=${encodeURIComponent(reason)}`))).toEqual({ code: 1001, reason });
  });

  it.each([
    ['code=1005', 'cannot be sent'],
    ['code=1006', 'cannot be sent'],
    ['code=1004', 'cannot be sent'],
    ['code=1015', 'cannot be sent'],
    ['code=999', 'cannot be sent'],
    ['code=2999', 'cannot be sent'],
    ['code=5000', 'cannot be sent'],
    ['code=abc', 'code must be an integer'],
    ['code=', 'code must be an integer'],
    [`reason=${encodeURIComponent('é'.repeat(62))}`, '124 bytes'],
  ])('refuses %s with HTTP 400', async (query, explanation) => {
    const res = await refused(`/close?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toContain(explanation);
  });
});

describe('/drop', () => {
  it('destroys the connection without a close frame', async () => {
    const { ws } = await open('/drop?after=30');
    expect((await closed(ws)).code).toBe(1006);
  });

  it('refuses an out-of-range delay', async () => {
    expect((await refused('/drop?after=10001')).status).toBe(400);
  });
});

describe('/subprotocol', () => {
  it('documents its list', () => {
    expect(SUPPORTED_SUBPROTOCOLS).toEqual(['sockpit.v2', 'sockpit.v1', 'json']);
  });

  it.each([
    [['json', 'sockpit.v2'], 'json'],
    [['mqtt', 'sockpit.v1', 'sockpit.v2'], 'sockpit.v1'],
  ])('offered %j selects %s, announces it, then echoes', async (offered, selected) => {
    const { ws, inbox } = await open('/subprotocol', offered);
    expect(ws.protocol).toBe(selected);
    ws.send('after');
    const [hello, echo] = await inbox.waitFor(2);
    expect(JSON.parse(hello?.data.toString() ?? '')).toEqual({ protocol: selected });
    expect(echo).toEqual({ data: Buffer.from('after'), isBinary: false });
  });

  it('accepts without a protocol header when nothing matches', async () => {
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request(`${playground.httpUrl}/subprotocol`, {
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
          'Sec-WebSocket-Protocol': 'mqtt, wamp',
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode, ...res.headers });
      });
      req.on('response', (res) => reject(new Error(`expected 101, got ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
    expect(headers.status).toBe(101);
    expect(headers).not.toHaveProperty('sec-websocket-protocol');
  });

  it('so a client that offered protocols fails the connection', async () => {
    const ws = connect('/subprotocol', ['mqtt']);
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(error.message).toContain('Server sent no subprotocol');
  });

  it('a client that offered none gets an empty protocol', async () => {
    const { ws, inbox } = await open('/subprotocol');
    expect(ws.protocol).toBe('');
    const [hello] = await inbox.waitFor(1);
    expect(JSON.parse(hello?.data.toString() ?? '')).toEqual({ protocol: '' });
  });
});

/** Opens a flood and waits for `count` messages plus a quiet period to prove no extra ones follow. */
async function flood(query: string, count: number) {
  const { ws, inbox } = await open(`/flood?${query}`);
  await inbox.waitFor(count, 20_000);
  await sleep(100);
  expect(inbox.messages.length).toBe(count);
  expect(ws.readyState).toBe(WebSocket.OPEN);
  ws.close();
  return inbox.messages;
}

function expectBinaryFloodMessage(message: Received, seq: number, size: number) {
  expect(message.isBinary).toBe(true);
  expect(message.data.length).toBe(size);
  const full = Buffer.alloc(Math.max(size, 8));
  for (let k = 8; k < full.length; k += 1) full[k] = k & 0xff;
  full.writeUInt32BE(seq, 0);
  full.write('SKPT', 4, 'latin1');
  expect(message.data.equals(full.subarray(0, size))).toBe(true);
}

describe('/flood', () => {
  it('defaults to 1000 text messages of 64 bytes, in order', async () => {
    const messages = await flood('', 1000);
    messages.forEach((message, index) => {
      expect(message.isBinary).toBe(false);
      expect(message.data.length).toBe(64);
      const parsed = JSON.parse(message.data.toString('utf8'));
      expect(parsed.seq).toBe(index + 1);
      expect(parsed.pad).toMatch(/^x*$/);
    });
  });

  it('sends 50,000 text messages exactly once each, in order', async () => {
    const messages = await flood('count=50000&size=64&type=text', 50_000);
    let expected = 1;
    for (const message of messages) {
      const seq = Number(/^\{"seq":(\d+),/.exec(message.data.toString('latin1'))?.[1]);
      if (seq !== expected || message.data.length !== 64) {
        throw new Error(`message ${expected}: seq ${seq}, ${message.data.length} bytes`);
      }
      expected += 1;
    }
  });

  it('uses the minimal JSON when size is below it', async () => {
    const messages = await flood('count=12&size=5', 12);
    expect(messages[0]?.data.toString()).toBe('{"seq":1,"pad":""}');
    expect(messages[11]?.data.toString()).toBe('{"seq":12,"pad":""}');
  });

  it('pads large text messages exactly (sent as fragments)', async () => {
    const messages = await flood('count=3&size=200000&type=text', 3);
    messages.forEach((message, index) => {
      expect(message.data.length).toBe(200_000);
      const parsed = JSON.parse(message.data.toString('utf8'));
      expect(parsed.seq).toBe(index + 1);
      expect(parsed.pad).toBe('x'.repeat(200_000 - 18));
    });
  });

  it('sends binary messages with seq, SKPT and the offset pattern', async () => {
    const messages = await flood('count=2000&size=300&type=binary', 2000);
    messages.forEach((message, index) => expectBinaryFloodMessage(message, index + 1, 300));
  });

  it('cuts binary messages shorter than 8 bytes', async () => {
    const messages = await flood('count=3&size=3&type=binary', 3);
    expect(messages.map((message) => [...message.data])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const six = await flood('count=2&size=6&type=binary', 2);
    expect([...(six[1]?.data ?? [])]).toEqual([0, 0, 0, 2, 0x53, 0x4b]);
  });

  it('sends large binary messages intact (sent as fragments)', async () => {
    const messages = await flood('count=2&size=1048576&type=binary', 2);
    messages.forEach((message, index) => expectBinaryFloodMessage(message, index + 1, 1_048_576));
  });

  it.each([
    ['count=0', 'count must be an integer from 1 to 2000000'],
    ['count=2000001', 'count must be an integer from 1 to 2000000'],
    ['count=-5', 'count must be an integer'],
    ['count=1.5', 'count must be an integer'],
    ['size=0', 'size must be an integer from 1 to 268435456'],
    ['size=268435457', 'size must be an integer from 1 to 268435456'],
    ['count=9&size=268435456', 'the limit is 2 GiB'],
    ['type=json', 'type must be text, binary or socketio'],
  ])('refuses %s with HTTP 400', async (query, explanation) => {
    const res = await refused(`/flood?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toContain(explanation);
  });

  it('accepts count × size of exactly 2 GiB', () => {
    // Checked on the parser: actually opening it would allocate 256 MiB.
    const parsed = parseFloodParams(new URLSearchParams('count=8&size=268435456&type=binary'));
    expect(parsed).toEqual({ ok: true, value: { count: 8, size: 268_435_456, type: 'binary' } });
  });

  it('keeps serving other connections while a flood runs', async () => {
    const { ws, inbox } = await open('/flood?count=2000000&size=64');
    await inbox.waitFor(1000);
    const { ws: other, inbox: otherInbox } = await open('/echo');
    const sentAt = performance.now();
    other.send('still here');
    expect((await otherInbox.waitFor(1))[0]?.data.toString()).toBe('still here');
    expect(performance.now() - sentAt).toBeLessThan(1000);
    expect(inbox.messages.length).toBeLessThan(2_000_000); // the flood was still going
    ws.terminate();
  });
});

describe('refused upgrades', () => {
  it('/http-only refuses the WebSocket handshake with 404', async () => {
    expect(await refused('/http-only')).toEqual({ status: 404, body: 'This is not a WebSocket endpoint\n' });
  });

  it('an unknown path refuses the handshake with 404', async () => {
    const res = await refused('/no-such-route');
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('no-such-route');
  });
});

describe('close()', () => {
  it('says goodbye with 1001 to connected clients and stops listening', async () => {
    const own = await startPlayground({ port: 0 });
    const ws = new WebSocket(`${own.url}/echo`);
    await new Promise((resolve) => ws.once('open', resolve));
    const result = closed(ws);
    const started = performance.now();
    await own.close();
    expect(await result).toEqual({ code: 1001, reason: 'playground server shutting down' });
    expect(performance.now() - started).toBeLessThan(450); // did not sit out the 500 ms grace
    const again = new WebSocket(`${own.url}/echo`);
    await expect(new Promise((_resolve, reject) => again.once('error', reject))).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('/sink', () => {
  it('counts the bytes of every message and answers once each has fully arrived', async () => {
    const { ws, inbox } = await open('/sink');
    ws.send(Buffer.alloc(3 * 1024 * 1024, 7));
    ws.send('héllo');
    const [first, second] = await inbox.waitFor(2);
    expect(first?.isBinary).toBe(false);
    expect(JSON.parse(first!.data.toString('utf8'))).toEqual({ received: 3 * 1024 * 1024, total: 3 * 1024 * 1024, messages: 1 });
    expect(JSON.parse(second!.data.toString('utf8'))).toEqual({ received: 6, total: 3 * 1024 * 1024 + 6, messages: 2 });
    ws.close();
  });
});


describe('/flood?type=socketio', () => {
  it('sends a Socket.IO open and CONNECT, then events of exactly the size asked', async () => {
    const { ws, inbox } = await open('/flood?count=3&size=64&type=socketio');
    await expect.poll(() => inbox.messages.length).toBe(5);
    const texts = inbox.messages.map((m) => m.data.toString('utf8'));
    expect(texts[0]).toMatch(/^0\{"sid":/);
    expect(texts[1]).toMatch(/^40\{"sid":/);
    texts.slice(2).forEach((t, i) => {
      expect(t).toMatch(new RegExp(`^42\\["tick",\\{"seq":${i + 1},"pad":"x*"\\}\\]$`));
      expect(Buffer.byteLength(t)).toBe(64);
    });
    ws.close();
  });
});

describe('/pause', () => {
  it('sends the run before, a silence, the run after, then echoes', async () => {
    const { ws, inbox } = await open('/pause?before=3&pause=200&after=2&every=5');
    const got = await inbox.waitFor(5);
    expect(got.map((m) => JSON.parse(m.data.toString('utf8')))).toEqual([
      { phase: 'before', seq: 1 },
      { phase: 'before', seq: 2 },
      { phase: 'before', seq: 3 },
      { phase: 'after', seq: 1 },
      { phase: 'after', seq: 2 },
    ]);
    ws.send('still here');
    const [, , , , , echo] = await inbox.waitFor(6);
    expect(echo?.data.toString('utf8')).toBe('still here');
    ws.close();
  });

  it('refuses a bad pause with HTTP 400 and says why', async () => {
    const { status, body } = await refused('/pause?pause=70000');
    expect(status).toBe(400);
    expect(body).toMatch(/pause must be an integer from 0 to 60000/);
  });
});
