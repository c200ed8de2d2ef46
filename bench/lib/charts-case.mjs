// @ts-check
/**
 * The charts case of `npm run bench` (issue 14), two parts:
 * - flood: the 200,000 × 64 B text flood received by Sockpit (Worker) with
 *   the Charts view open and closed, interleaved in the same run; the
 *   capture rates should be within noise of each other (run.mjs runs it
 *   through its own runPage);
 * - draw: the real app (bench/charts.html) with 1,000,000 retained events:
 *   building the traffic series, reducing it to the plot's columns, a uPlot
 *   first draw and redraw, and Charts opened in the app until drawn
 *   (bench/page/charts-harness.ts). Target: drawing ≤ 100 ms.
 */
import { randomUUID } from 'node:crypto';
import { fmt, median, table } from './stats.mjs';

export const CHARTS_DRAW_TARGET_MS = 100;

/**
 * @typedef {{ page: 'charts', count?: number, buckets?: number, points?: number, seriesMs?: number, reduceMs?: number, firstDrawMs?: number,
 *   redrawMs?: number, redrawMaxMs?: number, appOpenMs?: number, maxLagMs?: number, longTasks?: { count: number, maxMs: number }, error: string | null }} ChartsDrawResult
 * @typedef {{ open: number[], closed: number[], longTasksOpen: number, longTasksClosed: number, drawnEveryRun: boolean }} ChartsFloodResult
 */

/**
 * @param {{
 *   server: { origin: string, register: (id: string, hooks: { ready: Promise<void>, done: (r: unknown) => void }) => void, unregister: (id: string) => void },
 *   launchPage: (url: string) => Promise<{ close: () => Promise<void> }>,
 *   count?: number,
 *   timeoutMs?: number,
 * }} options
 * @returns {Promise<ChartsDrawResult>}
 */
export async function runChartsDrawCase({ server, launchPage, count = 1_000_000, timeoutMs = 180_000 }) {
  const id = randomUUID();
  /** @type {(r: ChartsDrawResult) => void} */
  let deliver = () => {};
  /** @type {Promise<ChartsDrawResult>} */
  const results = new Promise((resolve) => (deliver = resolve));
  server.register(id, { ready: Promise.resolve(), done: (r) => deliver(/** @type {ChartsDrawResult} */ (r)) });
  const browser = await launchPage(`${server.origin}/bench/charts.html?${new URLSearchParams({ run: id, count: String(count) })}`);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`charts: no results within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    return /** @type {ChartsDrawResult} */ (await Promise.race([results, timeout]));
  } finally {
    clearTimeout(timer);
    server.unregister(id);
    await browser.close();
  }
}

/** @param {ChartsDrawResult | null} draw @param {ChartsFloodResult | null} flood @param {string} floodLabel */
export function chartsReport(draw, flood, floodLabel) {
  const lines = [];
  if (flood) {
    const open = median(flood.open.filter(Number.isFinite));
    const closed = median(flood.closed.filter(Number.isFinite));
    lines.push(
      `Charts during a flood (${floodLabel}, Worker, interleaved, medians of ${flood.open.length}): Charts open ${fmt(open)} msg/s, closed ${fmt(closed)} msg/s, ratio ${fmt(open / closed, 2)}` +
        ` (runs open: ${flood.open.map((x) => fmt(x)).join(', ')}; closed: ${flood.closed.map((x) => fmt(x)).join(', ')}); longest long task ${fmt(flood.longTasksOpen)} ms open, ${fmt(flood.longTasksClosed)} ms closed` +
        `${flood.drawnEveryRun ? '' : '; the charts were NOT drawn in every open run'}.`,
    );
  }
  if (draw) {
    if (draw.error) lines.push(`Charts over retained events: FAILED (${draw.error})`);
    else {
      const ok = (/** @type {number | undefined} */ ms) => (ms !== undefined && ms <= CHARTS_DRAW_TARGET_MS ? 'met' : 'NOT met');
      lines.push(
        `Charts over ${fmt(draw.count ?? 0)} retained events (${fmt(draw.buckets ?? 0)} one-second buckets → ${fmt(draw.points ?? 0)} points for 1,200 px):`,
        table(
          ['step', 'ms', 'target'],
          [
            ['series from scratch (every event read once; sliced in the app)', fmt(draw.seriesMs ?? Number.NaN, 1), ''],
            ['reduce to pixel columns', fmt(draw.reduceMs ?? Number.NaN, 2), ''],
            ['uPlot first draw', fmt(draw.firstDrawMs ?? Number.NaN, 1), `≤ ${CHARTS_DRAW_TARGET_MS} (${ok(draw.firstDrawMs)})`],
            ['redraw: reduce + setData + draw (median of 10)', `${fmt(draw.redrawMs ?? Number.NaN, 1)} (max ${fmt(draw.redrawMaxMs ?? Number.NaN, 1)})`, `≤ ${CHARTS_DRAW_TARGET_MS} (${ok(draw.redrawMaxMs)})`],
            ['in the app: Charts opened → drawn (chunk, sliced series, render, draw)', fmt(draw.appOpenMs ?? Number.NaN), ''],
            ['  longest main-thread gap meanwhile', fmt(draw.maxLagMs ?? Number.NaN), ''],
          ],
          ['l', 'r', 'l'],
        ),
      );
    }
  }
  return lines.length ? lines.join('\n') : 'Charts: not run.';
}
