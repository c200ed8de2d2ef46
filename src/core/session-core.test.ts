import { beforeEach, describe, expect, it, vi } from 'vitest';
import { asConnectionId } from '../lib/ids';
import type { ConnectionId } from '../lib/ids';
import { createSessionCore } from './session-core';
import type { HostedCore } from './session-core';
import { REPORT_INTERVAL_MS } from './protocol';
import { WaitError } from './types';
import type { SockEvent } from './events';
import { FakeClock, FakeSocket, fakeWebSocket } from './testing/fakes';

let clock: FakeClock;
let core: HostedCore;

/** Lets the host report what it recorded. */
const report = () => clock.advance(REPORT_INTERVAL_MS);

function lastSocket(): FakeSocket {
  const ws = FakeSocket.instances.at(-1);
  if (!ws) throw new Error('no socket was made');
  return ws;
}

function openEcho(): ConnectionId {
  const r = core.open({ url: 'ws://127.0.0.1:1/echo', decodeAs: 'raw' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.id;
}

const isText = (text: string) => (e: SockEvent) => e.type === 'message' && e.format === 'text' && e.text === text;

async function rejection(p: Promise<unknown>): Promise<WaitError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WaitError) return err;
    throw err;
  }
  throw new Error('the wait resolved');
}

beforeEach(() => {
  FakeSocket.reset();
  clock = new FakeClock();
  core = createSessionCore({ WebSocket: fakeWebSocket, clock });
});

describe('open', () => {
  it('returns the URL error by field, and opens nothing', () => {
    expect(core.open({ url: 'ftp://example.com/' })).toEqual({ ok: false, errors: { url: 'Unsupported scheme "ftp:": use ws:, wss:, http: or https:' } });
    expect(core.open({ url: '' })).toEqual({ ok: false, errors: { url: 'Enter a WebSocket URL, such as ws://127.0.0.1:8787/echo' } });
    expect(FakeSocket.instances).toHaveLength(0);
  });

  it('returns the subprotocol error by field, for a list and for the field text', () => {
    expect(core.open({ url: 'ws://127.0.0.1:1/', protocols: ['chat', 'a b'] })).toEqual({
      ok: false,
      errors: { protocols: '"a b" is not a valid subprotocol: space is not allowed' },
    });
    expect(core.open({ url: 'ws://127.0.0.1:1/', protocols: ['chat', ''] })).toEqual({ ok: false, errors: { protocols: 'Subprotocol 2 is empty' } });
    expect(core.open({ url: 'ws://127.0.0.1:1/', protocols: 'chat,' })).toEqual({
      ok: false,
      errors: { protocols: 'The list ends with a comma: remove it, or add a subprotocol after it' },
    });
  });

  it('returns both errors at once', () => {
    const r = core.open({ url: 'ws://exa mple.com/', protocols: ['x', 'X'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['protocols', 'url']);
  });

  it('refuses a relative URL without a base, and resolves it against one', () => {
    expect(core.open({ url: '/echo' })).toEqual({
      ok: false,
      errors: { url: 'Not a valid URL: "/echo" has no scheme and this page has no base URL to resolve it against: start it with ws:// or wss://' },
    });
    const page = createSessionCore({ WebSocket: fakeWebSocket, clock, baseUrl: 'http://127.0.0.1:5173/app/' });
    expect(page.open({ url: '/echo', decodeAs: 'raw' }).ok).toBe(true);
    expect(lastSocket().url).toBe('ws://127.0.0.1:5173/echo');
  });

  it('opens with the checked URL and subprotocols, and takes a given id', () => {
    const id = asConnectionId('given');
    expect(core.open({ id, url: 'http://127.0.0.1:1/echo', protocols: 'chat, v2', decodeAs: 'raw' })).toEqual({ ok: true, id });
    expect(lastSocket().url).toBe('ws://127.0.0.1:1/echo');
    expect(lastSocket().protocols).toEqual(['chat', 'v2']);
    expect(core.readyState(id)).toBe('CONNECTING');
  });

  it('loads a chosen lens first: its subprotocols are offered when none were given', async () => {
    const r = core.open({ url: 'ws://127.0.0.1:1/broker', decodeAs: 'mqtt', sessionManual: true });
    expect(r.ok).toBe(true);
    await vi.waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    expect(lastSocket().protocols).toEqual(['mqtt']);
  });

  it('lets a lens rewrite the URL (Socket.IO, detected from the path)', async () => {
    core.open({ url: 'ws://127.0.0.1:1/socket.io/', sessionManual: true });
    await vi.waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    expect(lastSocket().url).toContain('EIO=4');
    expect(lastSocket().url).toContain('transport=websocket');
  });

  it('writes a lens URL error into the timeline and ends CLOSED', async () => {
    const r = core.open({ url: 'ws://127.0.0.1:1/chat', decodeAs: 'socketio' });
    if (!r.ok) throw new Error('not opened');
    await vi.waitFor(() => expect(core.log(r.id)?.end).toBe(1));
    expect(core.log(r.id)?.get(0)).toMatchObject({ type: 'note', level: 'error', text: expect.stringMatching(/^not connected: Socket\.IO: "\/chat" is not an Engine\.IO path/) });
    expect(core.readyState(r.id)).toBe('CLOSED');
    expect(FakeSocket.instances).toHaveLength(0);
  });
});

describe('onAppend', () => {
  it('tells each report’s range as it arrives, without waiting for a frame', () => {
    const ranges: [ConnectionId, number, number][] = [];
    core.onAppend((id, from, to) => ranges.push([id, from, to]));
    const id = openEcho();
    report();
    expect(ranges).toEqual([[id, 0, 1]]); // connecting
    lastSocket().open();
    lastSocket().receive('a');
    lastSocket().receive('b');
    report();
    expect(ranges).toEqual([
      [id, 0, 1],
      [id, 1, 4],
    ]);
    core.note(id, 'info', 'from the page');
    expect(ranges.at(-1)).toEqual([id, 4, 5]);
  });

  it('is not told for a report that carries no events (a readyState change only)', () => {
    const id = openEcho();
    report();
    lastSocket().open();
    report();
    const ranges: number[][] = [];
    core.onAppend((_, from, to) => ranges.push([from, to]));
    core.close(id, 1000);
    report();
    expect(core.readyState(id)).toBe('CLOSING');
    expect(ranges).toEqual([]);
  });
});

describe('waitFor', () => {
  it('resolves with the first matching event after the wait began', async () => {
    const id = openEcho();
    lastSocket().open();
    lastSocket().receive('hello');
    report();
    const wait = core.waitFor(id, isText('hello'), { timeoutMs: 1000 });
    lastSocket().receive('other');
    lastSocket().receive('hello');
    report();
    await expect(wait).resolves.toMatchObject({ seq: 4, text: 'hello' });
  });

  it('looks back from fromSeq', async () => {
    const id = openEcho();
    lastSocket().open();
    lastSocket().receive('hello');
    report();
    await expect(core.waitFor(id, isText('hello'), { timeoutMs: 1000, fromSeq: 0 })).resolves.toMatchObject({ seq: 2 });
  });

  it('rejects with timeout on the injected clock, and not before', async () => {
    const id = openEcho();
    report();
    let settled = false;
    const wait = core.waitFor(id, isText('never'), { timeoutMs: 500 });
    void wait.catch(() => (settled = true));
    clock.advance(499);
    await Promise.resolve();
    expect(settled).toBe(false);
    clock.advance(1);
    const err = await rejection(wait);
    expect(err.reason).toBe('timeout');
    expect(err.message).toBe('no match within 500 ms');
  });

  it('rejects with closed and the close event when the connection closes first', async () => {
    const id = openEcho();
    lastSocket().open();
    report();
    const wait = core.waitFor(id, isText('never'), { timeoutMs: 1000 });
    lastSocket().serverClose(4001, 'bye');
    report();
    const err = await rejection(wait);
    expect(err.reason).toBe('closed');
    expect(err.close).toMatchObject({ type: 'close', code: 4001, reason: 'bye', wasClean: true });
    expect(clock.pending).toBe(0); // its timer is gone
  });

  it('resolves with a close event that itself matches', async () => {
    const id = openEcho();
    lastSocket().open();
    report();
    const wait = core.waitFor(id, (e) => e.type === 'close' && e.code === 1000, { timeoutMs: 1000 });
    lastSocket().serverClose(1000);
    report();
    await expect(wait).resolves.toMatchObject({ type: 'close', code: 1000 });
  });

  it('rejects with closed at once on a connection whose socket was refused', async () => {
    FakeSocket.refuseNext = Object.assign(new Error('The subprotocol is invalid.'), { name: 'SyntaxError' });
    const r = core.open({ url: 'ws://127.0.0.1:1/', decodeAs: 'raw' });
    if (!r.ok) throw new Error('not opened');
    report();
    expect(core.log(r.id)?.get(1)).toMatchObject({ type: 'note', level: 'error', text: 'not connected: The browser refused the subprotocol list: The subprotocol is invalid.' });
    expect(core.readyState(r.id)).toBe('CLOSED');
    expect((await rejection(core.waitFor(r.id, isText('x'), { timeoutMs: 1000 }))).reason).toBe('closed');
  });

  it('rejects with aborted when the signal aborts, or has already', async () => {
    const id = openEcho();
    report();
    const stop = new AbortController();
    const wait = core.waitFor(id, isText('never'), { timeoutMs: 1000, signal: stop.signal });
    stop.abort();
    expect((await rejection(wait)).reason).toBe('aborted');
    expect(clock.pending).toBe(0);
    expect((await rejection(core.waitFor(id, isText('x'), { timeoutMs: 1000, signal: stop.signal }))).reason).toBe('aborted');
  });

  it('rejects with removed when the connection is removed, or is unknown', async () => {
    const id = openEcho();
    report();
    const wait = core.waitFor(id, isText('never'), { timeoutMs: 1000 });
    core.remove(id);
    expect((await rejection(wait)).reason).toBe('removed');
    expect((await rejection(core.waitFor(asConnectionId('nobody'), isText('x'), { timeoutMs: 1 }))).reason).toBe('removed');
  });

  it('rejects with what the predicate threw', async () => {
    const id = openEcho();
    lastSocket().open();
    report();
    await expect(
      core.waitFor(
        id,
        () => {
          throw new Error('bad matcher');
        },
        { timeoutMs: 1000, fromSeq: 0 },
      ),
    ).rejects.toThrow('bad matcher');
  });
});

describe('send, close, remove', () => {
  it('sends text and a copy of bytes, recorded as out events', () => {
    const id = openEcho();
    lastSocket().open();
    const bytes = new Uint8Array([1, 2, 3]);
    core.send(id, 'hi');
    core.send(id, bytes);
    bytes[0] = 9;
    report();
    expect(lastSocket().sent[0]).toBe('hi');
    expect([...new Uint8Array(lastSocket().sent[1] as ArrayBuffer)]).toEqual([1, 2, 3]);
    expect(core.log(id)?.get(3)).toMatchObject({ type: 'message', direction: 'out', format: 'binary', size: 3 });
  });

  it('closes with the code and reason given', () => {
    const id = openEcho();
    lastSocket().open();
    core.close(id, 4000, 'done');
    expect(lastSocket().closedWith).toEqual([4000, 'done']);
  });

  it('remove closes the socket, frees the log and tells onRemoved once', () => {
    const removed: ConnectionId[] = [];
    core.onRemoved((id) => removed.push(id));
    const id = openEcho();
    lastSocket().open();
    report();
    core.remove(id);
    expect(lastSocket().closedWith).toEqual([1000, 'Removed']);
    expect(core.log(id)).toBeUndefined();
    expect(core.ids()).toEqual([]);
    expect(removed).toEqual([id]);
    // A report already in flight for it is dropped, not re-creating the log.
    lastSocket().receive('late');
    report();
    expect(core.log(id)).toBeUndefined();
  });
});
