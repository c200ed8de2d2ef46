import { asConnectionId } from '../../src/lib/ids';
import { Kind } from '../../src/core/events';
import { getLog } from '../../src/services/sockets/socket-service';
import { useStore } from '../../src/store/store';
import { EMPTY_FILTER } from '../../src/store/inspect-slice';
import { clearFilter, setFilter } from '../../src/store/view-actions';
import type { TimelineFilter } from '../../src/store/types';
import { now, postResults, readParams, settleLikeAUser, waitUntilReady, watchLongTasks } from './common';
import { prefetchPanels } from '../../src/app/lazy-panels';
import { watchLongFrames } from './loaf';

/**
 * `npm run bench` search case: the real app with one connection holding
 * `count` retained events (64-byte JSON texts like /flood's, half sent, half
 * received), put straight into its capture log. For each query, the filter is
 * set as the filter bar sets it, and the time is taken until the bar's status
 * shows the final match count (end to end: compile, sliced scan, render).
 * Meanwhile a MessageChannel ping measures how long the main thread was
 * unavailable (what typing would wait), and long tasks are collected.
 */

interface QueryCase {
  label: string;
  patch: Partial<TimelineFilter>;
  expected: (seq: number, sent: boolean) => boolean;
}

const p = readParams();
const longTasks = watchLongTasks();
const longFrames = watchLongFrames();
const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** 64 bytes of JSON, decoded from bytes as the browser decodes a text frame (a flat string, not a concatenation). */
const messageOf = (seq: number): string => {
  const head = `{"seq":${seq},"pad":"`;
  return decoder.decode(encoder.encode(`${head}${'x'.repeat(Math.max(0, 62 - head.length))}"}`));
};

const CASES: QueryCase[] = [
  { label: 'text "seq":123456,', patch: { query: '"seq":123456,' }, expected: (s) => s === 123456 },
  { label: 'regex "seq":\\d*7,', patch: { query: '"seq":\\d*7,', regex: true }, expected: (s) => s % 10 === 7 },
  { label: 'case-insensitive SEQ":99', patch: { query: 'SEQ":99' }, expected: (s) => String(s).startsWith('99') },
  { label: 'received only', patch: { directions: { in: true, out: false } }, expected: (_s, sent) => !sent },
  { label: 'JSON + sent + regex 4,"pad', patch: { query: '4,"pad', regex: true, directions: { in: false, out: true }, payloads: { text: false, json: true, binary: true } }, expected: (s, sent) => sent && s % 10 === 4 },
];

function statusText(): string {
  return document.querySelector('[role="search"] [role="status"]')?.textContent ?? '';
}

/** Resolves when the filter bar's status satisfies `done`, noting when (performance.now()). */
function waitForStatus(done: (text: string) => boolean, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!done(statusText())) return false;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now());
      return true;
    };
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`status still "${statusText()}" after ${timeoutMs} ms`));
    }, timeoutMs);
    if (!check()) observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** Max gap between MessageChannel pings while running: the longest the main thread was busy. */
function watchLag(): () => number {
  let last = performance.now();
  let max = 0;
  let on = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const t = performance.now();
    max = Math.max(max, t - last);
    last = t;
    if (on) setTimeout(() => channel.port2.postMessage(null), 0);
  };
  channel.port2.postMessage(null);
  return () => {
    on = false;
    channel.port1.close();
    return max;
  };
}

/** The catastrophic-regex case: every payload is 64 × "a", the query `(a+)+b` (about 2^64 ways to fail on each). */
const catastrophic = new URLSearchParams(location.search).get('catastrophic') === '1';
const A64 = decoder.decode(encoder.encode('a'.repeat(64)));

async function main(): Promise<void> {
  await waitUntilReady(p.run);
  // Let the app load what it prefetches at idle and settle, as it has before a person acts.
  await settleLikeAUser(prefetchPanels());
  const count = p.count || 1_000_000;
  const id = asConnectionId('bench-search');
  useStore.setState({
    connections: [{ id, name: 'search bench', url: 'ws://127.0.0.1:1/none', protocols: '', binaryType: 'arraybuffer' }],
    selectedId: id,
    filter: EMPTY_FILTER,
  });
  const log = getLog(id);
  log.setLimits({ maxEvents: count + 10, maxBytes: 4 * 1024 ** 3 });
  const fillStart = performance.now();
  const CHUNK = 50_000;
  for (let base = 0; base < count; base += CHUNK) {
    const n = Math.min(CHUNK, count - base);
    const kinds = new Uint8Array(n);
    const times = new Float64Array(n);
    const sizes = new Float64Array(n);
    const data: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const seq = base + i;
      kinds[i] = seq % 2 === 0 ? Kind.OutText : Kind.InText;
      times[i] = 1.7e12 + seq;
      data[i] = catastrophic ? A64 : messageOf(seq);
      sizes[i] = 64;
    }
    log.appendColumns(n, kinds, times, sizes, data);
  }
  const fillMs = performance.now() - fillStart;
  useStore.setState((s) => ({
    runtime: { ...s.runtime, [id]: { readyState: 'CLOSED', bufferedAmount: 0, counters: { ...log.counters }, start: log.start, version: 1, connectError: null } },
  }));
  const total = `${count.toLocaleString('en-US')} events`;
  await waitForStatus((t) => t === total, 30_000);
  // The view of the filled log has mounted: let it settle before the first query, as a person reads before typing.
  await settleLikeAUser(Promise.resolve());

  if (catastrophic) {
    await nextFrame();
    const stopLag = watchLag();
    const t0 = performance.now();
    const from = now();
    setFilter({ query: '(a+)+b', regex: true });
    let error: string | null = null;
    let t1 = Number.NaN;
    try {
      t1 = await waitForStatus((t) => t.startsWith('Stopped'), 30_000);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    // A moment after "stopped": the page must stay as free as before.
    for (let i = 0; i < 30; i += 1) await nextFrame();
    const lagMs = stopLag();
    const message = document.querySelector('[role="search"] [role="alert"]')?.textContent ?? '';
    await postResults(p.run, { page: 'search', count, fillMs, catastrophic: { ms: t1 - t0, maxLagMs: lagMs, longTasks: longTasks.between(from, now()), ...(longFrames ? { longFrames: longFrames.between(from, now()) } : {}), message, error }, queries: [] });
    return;
  }

  const results: Record<string, unknown>[] = [];
  for (const c of CASES) {
    let expected = 0;
    for (let seq = 0; seq < count; seq++) if (c.expected(seq, seq % 2 === 0)) expected++;
    const want = `${expected.toLocaleString('en-US')} ${expected === 1 ? 'match' : 'matches'}`;
    await nextFrame();
    const stopLag = watchLag();
    const t0 = performance.now();
    const from = now();
    setFilter(c.patch);
    let error: string | null = null;
    let t1 = Number.NaN;
    try {
      t1 = await waitForStatus((t) => t === want, 20_000);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const lagMs = stopLag();
    results.push({ label: c.label, expected, ms: t1 - t0, maxLagMs: lagMs, longTasks: longTasks.between(from, now()), error });
    clearFilter();
    await waitForStatus((t) => t === total, 20_000).catch(() => undefined);
    for (let i = 0; i < 5; i += 1) await nextFrame();
  }
  await postResults(p.run, { page: 'search', count, fillMs, queries: results });
}

void main().catch((e: unknown) => postResults(p.run, { page: 'search', error: e instanceof Error ? e.message : String(e), queries: [] }));
