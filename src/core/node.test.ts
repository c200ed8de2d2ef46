import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground } from '../../server/playground.mjs';
import { createNodeCore } from './node';
import type { SockEvent } from './events';

// The real thing: the playground server on an ephemeral port of 127.0.0.1,
// the `ws` package's WebSocket, the real clock, the socket host inline.
type Playground = Awaited<ReturnType<typeof startPlayground>>;
let playground: Playground;

beforeAll(async () => {
  playground = await startPlayground({ port: 0 });
});

afterAll(async () => {
  await playground.close();
});

describe('createNodeCore over ws', () => {
  it('opens, sends, waits for the echo, and closes with 1000', async () => {
    const core = createNodeCore();
    const appended: [number, number][] = [];
    core.onAppend((_, from, to) => appended.push([from, to]));
    const opened = core.open({ url: `${playground.url}/echo`, decodeAs: 'raw' });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const { id } = opened;

    await core.waitFor(id, (e) => e.type === 'open', { timeoutMs: 5000, fromSeq: 0 });
    expect(core.readyState(id)).toBe('OPEN');

    const from = core.log(id)?.end ?? 0;
    core.send(id, 'hello from node');
    core.send(id, new Uint8Array([0xde, 0xad]));
    const echo = await core.waitFor(id, (e) => e.type === 'message' && e.direction === 'in' && e.format === 'text', { timeoutMs: 5000, fromSeq: from });
    expect(echo).toMatchObject({ type: 'message', direction: 'in', format: 'text', text: 'hello from node' });
    const bytes = await core.waitFor(id, (e) => e.type === 'message' && e.direction === 'in' && e.format === 'binary', { timeoutMs: 5000, fromSeq: from });
    expect(bytes.type === 'message' && bytes.format === 'binary' && [...new Uint8Array(bytes.data as ArrayBuffer)]).toEqual([0xde, 0xad]);

    const closing = core.waitFor(id, (e: SockEvent) => e.type === 'close', { timeoutMs: 5000 });
    core.close(id, 1000, 'done');
    expect(await closing).toMatchObject({ type: 'close', code: 1000, reason: 'done', wasClean: true });
    expect(core.readyState(id)).toBe('CLOSED');

    // Every event came through onAppend, in order and without gaps.
    expect(appended[0]?.[0]).toBe(0);
    for (let i = 1; i < appended.length; i++) expect(appended[i]?.[0]).toBe(appended[i - 1]?.[1]);
    expect(appended.at(-1)?.[1]).toBe(core.log(id)?.end);
    core.remove(id);
    expect(core.log(id)).toBeUndefined();
  });

  it('rejects a wait with closed and the close code when the server closes first', async () => {
    const core = createNodeCore();
    const opened = core.open({ url: `${playground.url}/close?code=4000&reason=bye`, decodeAs: 'raw' });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const err: unknown = await core.waitFor(opened.id, (e) => e.type === 'message', { timeoutMs: 5000, fromSeq: 0 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'WaitError', reason: 'closed', close: { code: 4000, reason: 'bye' } });
    core.remove(opened.id);
  });
});
