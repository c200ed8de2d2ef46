import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startPlayground } from './playground.mjs';
import type { JsonRpcLogEntry } from './routes/jsonrpc.mjs';

/**
 * /jsonrpc with a real `ws` client: what json-rpc-2.0's JSONRPCServer
 * answers, and what GET /jsonrpc-log says it dispatched.
 */

type Playground = Awaited<ReturnType<typeof startPlayground>>;

let pg: Playground;

beforeAll(async () => {
  pg = await startPlayground({ port: 0 });
});

afterAll(async () => {
  await pg.close();
});

type Client = {
  ws: WebSocket;
  /** every text frame received, parsed, in order */
  got: unknown[];
  /** resolves with the next frames received after this call (n of them) */
  next: (n?: number) => Promise<unknown[]>;
  send: (text: string) => void;
};

async function open(protocols?: string[]): Promise<Client> {
  const ws = new WebSocket(`${pg.url}/jsonrpc`, protocols);
  const got: unknown[] = [];
  const waiters: Array<{ until: number; resolve: (v: unknown[]) => void; from: number }> = [];
  ws.on('message', (data) => {
    got.push(JSON.parse(String(data)));
    for (const w of [...waiters]) {
      if (got.length >= w.until) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(got.slice(w.from, w.until));
      }
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    ws,
    got,
    next: (n = 1) => new Promise((resolve) => waiters.push({ from: got.length, until: got.length + n, resolve })),
    send: (text) => ws.send(text),
  };
}

/** Sends text and waits for the one reply to it. */
async function call(c: Client, text: string): Promise<unknown> {
  const reply = c.next();
  c.send(text);
  return (await reply)[0];
}

async function getLog(): Promise<JsonRpcLogEntry[]> {
  const res = await fetch(`${pg.httpUrl}/jsonrpc-log`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return ((await res.json()) as { entries: JsonRpcLogEntry[] }).entries;
}

const tag = () => Math.random().toString(16).slice(2, 10);

describe('/jsonrpc on json-rpc-2.0', () => {
  it('answers requests: sum, subtract by position and by name, echo', async () => {
    const c = await open();
    expect(c.ws.protocol).toBe('');
    expect(await call(c, '{"jsonrpc":"2.0","id":1,"method":"sum","params":[1,2,3.5]}')).toEqual({ jsonrpc: '2.0', id: 1, result: 6.5 });
    expect(await call(c, '{"jsonrpc":"2.0","id":"a","method":"sum","params":{"numbers":[4,5]}}')).toEqual({ jsonrpc: '2.0', id: 'a', result: 9 });
    expect(await call(c, '{"jsonrpc":"2.0","id":2,"method":"subtract","params":[42,23]}')).toEqual({ jsonrpc: '2.0', id: 2, result: 19 });
    expect(await call(c, '{"jsonrpc":"2.0","id":3,"method":"subtract","params":{"subtrahend":23,"minuend":42}}')).toEqual({ jsonrpc: '2.0', id: 3, result: 19 });
    expect(await call(c, '{"jsonrpc":"2.0","id":4,"method":"echo","params":{"__proto__":{"x":1},"y":[null]}}')).toEqual({
      jsonrpc: '2.0',
      id: 4,
      result: JSON.parse('{"__proto__":{"x":1},"y":[null]}'),
    });
    expect(await call(c, '{"jsonrpc":"2.0","id":null,"method":"echo"}')).toEqual({ jsonrpc: '2.0', id: null, result: null });
    c.ws.close();
  });

  it('selects the jsonrpc subprotocol when offered', async () => {
    const c = await open(['jsonrpc']);
    expect(c.ws.protocol).toBe('jsonrpc');
    c.ws.close();
  });

  it('a notification gets no answer and is in the log as dispatched by the library', async () => {
    const c = await open();
    const message = `hello-${tag()}`;
    c.send(JSON.stringify({ jsonrpc: '2.0', method: 'log', params: { message, level: 'info' } }));
    c.send(JSON.stringify({ jsonrpc: '2.0', method: `nope_${message}` }));
    // A request after them: its answer is the first frame back (the notifications got none).
    expect(await call(c, '{"jsonrpc":"2.0","id":9,"method":"echo","params":[1]}')).toEqual({ jsonrpc: '2.0', id: 9, result: [1] });
    expect(c.got).toHaveLength(1);
    const log = await getLog();
    const mine = log.filter((e) => JSON.stringify(e).includes(message));
    expect(mine.map((e) => [e.kind, e.method, e.outcome, e.params])).toEqual([
      ['notification', 'log', 'none', { message, level: 'info' }],
      ['notification', `nope_${message}`, 'none', undefined],
    ]);
    expect(mine[0]).not.toHaveProperty('id');
    c.ws.close();
  });

  it('a batch: replies for the requests only, as an array; a batch with one request still gets an array', async () => {
    const c = await open();
    const id = tag();
    const reply = (await call(
      c,
      JSON.stringify([
        { jsonrpc: '2.0', id: `${id}-1`, method: 'sum', params: [1, 2] },
        { jsonrpc: '2.0', method: 'log', params: { message: `batch-${id}` } },
        { jsonrpc: '2.0', id: `${id}-2`, method: 'nope' },
        { foo: 'boo' },
        1,
      ]),
    )) as unknown[];
    expect(reply).toEqual([
      { jsonrpc: '2.0', id: `${id}-1`, result: 3 },
      { jsonrpc: '2.0', id: `${id}-2`, error: { code: -32601, message: 'Method not found' } },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request' } },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request' } },
    ]);
    expect(await call(c, '[{"jsonrpc":"2.0","id":1,"method":"echo","params":["one"]},{"jsonrpc":"2.0","method":"log","params":{"message":"m"}}]')).toEqual([
      { jsonrpc: '2.0', id: 1, result: ['one'] },
    ]);
    // All notifications: nothing comes back.
    c.send('[{"jsonrpc":"2.0","method":"log","params":{"message":"a"}},{"jsonrpc":"2.0","method":"log","params":{"message":"b"}}]');
    expect(await call(c, '{"jsonrpc":"2.0","id":2,"method":"echo"}')).toEqual({ jsonrpc: '2.0', id: 2, result: null });
    const log = await getLog();
    expect(log.filter((e) => String(e.id).startsWith(id) || JSON.stringify(e.params ?? null).includes(`batch-${id}`)).map((e) => [e.kind, e.method, e.outcome, e.code])).toEqual(
      expect.arrayContaining([
        ['request', 'sum', 'result', undefined],
        ['notification', 'log', 'none', undefined],
        ['request', 'nope', 'error', -32601],
      ]),
    );
    c.ws.close();
  });

  it('every error code of the spec, written by the library (and -32602 by the methods)', async () => {
    const c = await open();
    const err = (id: unknown, code: number, message: string) => ({ jsonrpc: '2.0', id, error: { code, message } });
    expect(await call(c, '{"jsonrpc":"2.0","method":"sum","params":[1,2')).toEqual(err(null, -32700, 'Parse error'));
    expect(await call(c, '[]')).toEqual(err(null, -32600, 'Invalid Request'));
    expect(await call(c, '{"jsonrpc":"2.0","id":5}')).toEqual(err(5, -32600, 'Invalid Request'));
    expect(await call(c, '{"jsonrpc":"1.0","id":6,"method":"sum","params":[1]}')).toEqual(err(6, -32600, 'Invalid Request'));
    expect(await call(c, '{"jsonrpc":"2.0","id":7,"method":"foobar"}')).toEqual(err(7, -32601, 'Method not found'));
    const bad = (await call(c, '{"jsonrpc":"2.0","id":8,"method":"sum","params":["1",2]}')) as { error: { code: number; message: string } };
    expect(bad.error.code).toBe(-32602);
    expect(bad.error.message).toMatch(/^sum takes an array of numbers/);
    expect(((await call(c, '{"jsonrpc":"2.0","id":9,"method":"subtract","params":[1]}')) as { error: { code: number } }).error.code).toBe(-32602);
    expect(((await call(c, '{"jsonrpc":"2.0","id":10,"method":"sleep","params":[2001]}')) as { error: { code: number } }).error.code).toBe(-32602);
    // An application error: its own code, message and data.
    expect(await call(c, '{"jsonrpc":"2.0","id":11,"method":"fail","params":{"why":"test"}}')).toEqual({
      jsonrpc: '2.0',
      id: 11,
      error: { code: 4000, message: 'failed on purpose', data: { params: { why: 'test' } } },
    });
    // The methods that threw are in the log as dispatched, with the code they answered.
    const log = await getLog();
    expect(log.filter((e) => e.connection === log.find((x) => x.id === 11 && x.method === 'fail')?.connection).map((e) => [e.method, e.id, e.outcome, e.code])).toEqual([
      ['foobar', 7, 'error', -32601],
      ['sum', 8, 'error', -32602],
      ['subtract', 9, 'error', -32602],
      ['sleep', 10, 'error', -32602],
      ['fail', 11, 'error', 4000],
    ]);
    // A batch entry that is not an object makes the library throw; the route answers -32603.
    expect(await call(c, '[null]')).toEqual(err(null, -32603, 'Internal error'));
    // The connection is still usable after all that.
    expect(await call(c, '{"jsonrpc":"2.0","id":12,"method":"sum","params":[]}')).toEqual({ jsonrpc: '2.0', id: 12, result: 0 });
    c.ws.close();
  });

  it('replies as each call finishes: a quick call overtakes a slow sleep', async () => {
    const c = await open();
    const both = c.next(2);
    const t0 = Date.now();
    c.send('{"jsonrpc":"2.0","id":"slow","method":"sleep","params":[300]}');
    c.send('{"jsonrpc":"2.0","id":"quick","method":"echo","params":["hi"]}');
    const [first, second] = await both;
    expect(first).toEqual({ jsonrpc: '2.0', id: 'quick', result: ['hi'] });
    expect(second).toEqual({ jsonrpc: '2.0', id: 'slow', result: { slept: 300 } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    c.ws.close();
  });

  it('GET / lists the route; a plain GET of it answers 426', async () => {
    const home = await (await fetch(`${pg.httpUrl}/`)).text();
    expect(home).toContain('<code>/jsonrpc</code>');
    expect(home).toContain('<code>GET /jsonrpc-log</code>');
    expect((await fetch(`${pg.httpUrl}/jsonrpc`)).status).toBe(426);
  });

  it('a binary frame closes the connection with 1003', async () => {
    const c = await open();
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    c.ws.send(Buffer.from('{}'));
    expect(await closed).toBe(1003);
  });
});
