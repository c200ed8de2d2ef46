// @ts-check
/**
 * The search case of `npm run bench`: the real app (bench/search.html) with
 * 1,000,000 retained events in one connection; each query is set through the
 * store exactly as the filter bar sets it and timed until the bar shows the
 * final match count. Reported with the longest main-thread gap during the
 * query (what a keystroke would have waited) and long tasks.
 */
import { randomUUID } from 'node:crypto';
import { fmt, table } from './stats.mjs';
import { longFramesText, summarizeLongFrames } from './loaf.mjs';

/** The target: a query over 1,000,000 events answers within about 300 ms. */
export const SEARCH_TARGET_MS = 300;

/**
 * @typedef {{ label: string, expected: number, ms: number, maxLagMs: number, longTasks: { count: number, maxMs: number }, error: string | null }} SearchQuery
 * @typedef {{ ms: number, maxLagMs: number, longTasks: { count: number, maxMs: number }, longFrames?: import('./loaf.mjs').LoafFrame[], message: string, error: string | null }} CatastrophicQuery
 * @typedef {{ page: 'search', count?: number, fillMs?: number, queries: SearchQuery[], catastrophic?: CatastrophicQuery, error?: string }} SearchResult
 */

/** The targets for `(a+)+b` over 1,000,000 events: longest main-thread task, and time to "stopped". */
export const CATASTROPHIC_TARGETS = { longTaskMs: 50, stoppedMs: 2000 };

/**
 * @param {{
 *   server: { origin: string, register: (id: string, hooks: { ready: Promise<void>, done: (r: unknown) => void }) => void, unregister: (id: string) => void },
 *   launchPage: (url: string) => Promise<{ close: () => Promise<void> }>,
 *   count?: number,
 *   timeoutMs?: number,
 *   catastrophic?: boolean,
 * }} options
 * @returns {Promise<SearchResult>}
 */
export async function runSearchCase({ server, launchPage, count = 1_000_000, timeoutMs = 180_000, catastrophic = false }) {
  const id = randomUUID();
  /** @type {(r: SearchResult) => void} */
  let deliver = () => {};
  /** @type {Promise<SearchResult>} */
  const results = new Promise((resolve) => (deliver = resolve));
  server.register(id, { ready: Promise.resolve(), done: (r) => deliver(/** @type {SearchResult} */ (r)) });
  const browser = await launchPage(`${server.origin}/bench/search.html?${new URLSearchParams({ run: id, count: String(count), ...(catastrophic ? { catastrophic: '1' } : {}) })}`);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`search: no results within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    return /** @type {SearchResult} */ (await Promise.race([results, timeout]));
  } finally {
    clearTimeout(timer);
    server.unregister(id);
    await browser.close();
  }
}

/** @param {SearchResult | null} r */
export function searchReport(r) {
  if (!r) return 'Search: not run.';
  if (r.error) return `Search: FAILED (${r.error})`;
  const rows = r.queries.map((q) => [
    q.label,
    fmt(q.expected),
    q.error ? `FAILED ${q.error}` : fmt(q.ms),
    fmt(q.maxLagMs),
    `${q.longTasks.count} · ${fmt(q.longTasks.maxMs)} ms`,
    `≤ ${SEARCH_TARGET_MS}`,
  ]);
  return [
    `Search over ${fmt(r.count ?? 0)} retained events (filter set → final match count shown; main thread's longest gap during the query; filled in ${fmt(r.fillMs ?? 0)} ms):`,
    table(['query', 'matches', 'end to end ms', 'longest gap ms', 'long tasks', 'target ms'], rows, ['l', 'r', 'r', 'r', 'r', 'r']),
  ].join('\n');
}

/** @param {SearchResult | null} r */
export function catastrophicReport(r) {
  if (!r) return 'Catastrophic regex: not run.';
  const c = r.catastrophic;
  if (r.error || !c) return `Catastrophic regex: FAILED (${r.error ?? 'no result'})`;
  if (c.error) return `Catastrophic regex: FAILED (${c.error})`;
  return [
    `Catastrophic regex \`(a+)+b\` over ${fmt(r.count ?? 0)} retained events of 64 × "a" (filter set → the bar says "Stopped"; filled in ${fmt(r.fillMs ?? 0)} ms):`,
    table(
      ['figure', 'value', 'target'],
      [
        ['time to "Stopped" ms', fmt(c.ms), `≤ ${CATASTROPHIC_TARGETS.stoppedMs}`],
        ['longest main-thread gap ms', fmt(c.maxLagMs), '–'],
        ['long tasks (count · max)', `${c.longTasks.count} · ${fmt(c.longTasks.maxMs)} ms`, `≤ ${CATASTROPHIC_TARGETS.longTaskMs} ms`],
      ],
      ['l', 'r', 'r'],
    ),
    `The bar said: ${c.message}`,
    ...(c.longFrames ? longFramesText('Long animation frames meanwhile', summarizeLongFrames(c.longFrames)) : []),
  ].join('\n');
}
