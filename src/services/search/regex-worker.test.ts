import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveRegex } from '../../lib/filter/regex-deadline';
import type { RegexReply, RegexRequest } from '../../lib/filter/regex-deadline';
import { RegexClient } from './regex-worker';
import type { RegexPort } from './regex-worker';

/**
 * A fake Worker driven by the test's fake clock: it runs serveRegex, but an
 * item whose text is "STUCK" never finishes (the Worker goes silent, as a
 * catastrophic regex leaves it), and each item takes `itemMs` of fake time.
 */
function fakeWorkers(itemMs = 0.4) {
  let clock = 0;
  const spawned: Array<{ terminated: boolean }> = [];
  const spawn = (): RegexPort => {
    const me = { terminated: false };
    spawned.push(me);
    const port: RegexPort = {
      onmessage: null,
      terminate: () => {
        me.terminated = true;
      },
      postMessage: (req: RegexRequest) => {
        setTimeout(() => {
          const replies: RegexReply[] = [];
          const stuckAt = req.texts.findIndex((t, i) => i >= req.from && t === 'STUCK');
          const upTo = stuckAt < 0 ? req.texts.length : stuckAt;
          // Serve the items before the stuck one, advancing the fake clock per item.
          const head = { ...req, texts: req.texts.slice(0, upTo) };
          let t = clock;
          serveRegex(head, (r) => replies.push(r), () => (t += itemMs));
          for (const r of replies) {
            if (me.terminated) return;
            if (stuckAt >= 0 && r.type !== 'at') continue;
            port.onmessage?.({ data: r });
          }
          if (stuckAt >= 0 && req.exact) port.onmessage?.({ data: { type: 'at', id: req.id, index: stuckAt } });
        }, 0);
      },
    };
    setTimeout(() => port.onmessage?.({ data: { type: 'ready' } }), 0);
    return port;
  };
  return { spawn, spawned, now: () => clock, tick: (ms: number) => (clock += ms) };
}

describe('RegexClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function advance(fake: ReturnType<typeof fakeWorkers>, ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 10) {
      fake.tick(10);
      await vi.advanceTimersByTimeAsync(10);
    }
  }

  it('answers a request the Worker finishes', async () => {
    const fake = fakeWorkers();
    const client = new RegexClient('t', { spawn: fake.spawn, now: fake.now });
    const out = client.run({ type: 'test', re: { source: 'b', flags: '' }, texts: ['abc', 'x', 'b'], extras: null, from: 0, exact: false });
    await advance(fake, 20);
    expect(await out).toEqual({ type: 'test', hits: new Uint8Array([1, 0, 1]) });
    expect(client.restarts).toBe(0);
  });

  it('terminates a Worker silent past the deadline and names the stuck item exactly', async () => {
    const fake = fakeWorkers();
    const client = new RegexClient('t', { spawn: fake.spawn, now: fake.now, deadlineMs: 1000, locateMs: 250 });
    const texts = [...Array.from({ length: 30 }, (_, i) => `fast ${i}`), 'STUCK', 'after'];
    let settled: unknown = null;
    void client.run({ type: 'test', re: { source: 'x', flags: '' }, texts, extras: null, from: 0, exact: false }).then((o) => (settled = o));
    await advance(fake, 900);
    expect(settled).toBeNull();
    await advance(fake, 600);
    // The first Worker is gone; the second (the exact pass) found item 30 stuck too.
    expect(settled).toEqual({ type: 'stuck', index: 30, exact: true });
    // Both stuck Workers are gone; a fresh one is already starting.
    expect(fake.spawned.map((w) => w.terminated)).toEqual([true, true, false]);
    expect(client.restarts).toBe(2);
    // The next request gets a fresh Worker and an answer.
    const next = client.run({ type: 'test', re: { source: 'a', flags: '' }, texts: ['a', 'b'], extras: null, from: 0, exact: false });
    await advance(fake, 20);
    expect(await next).toEqual({ type: 'test', hits: new Uint8Array([1, 0]) });
    expect(fake.spawned).toHaveLength(3);
  });

  it('cancelOwner answers the owner\'s requests cancelled and leaves the others', async () => {
    const fake = fakeWorkers();
    const client = new RegexClient('t', { spawn: fake.spawn, now: fake.now });
    const a = {};
    const b = {};
    const first = client.run({ type: 'test', re: { source: 'x', flags: '' }, texts: ['STUCK'], extras: null, from: 0, exact: false }, a);
    const second = client.run({ type: 'test', re: { source: 'q', flags: '' }, texts: ['q'], extras: null, from: 0, exact: false }, b);
    await advance(fake, 100);
    client.cancelOwner(a);
    expect(await first).toEqual({ type: 'cancelled' });
    await advance(fake, 20);
    expect(await second).toEqual({ type: 'test', hits: new Uint8Array([1]) });
    expect(fake.spawned[0]?.terminated).toBe(true);
  });
});
