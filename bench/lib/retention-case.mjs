// @ts-check
/**
 * The retention case of `npm run bench`: 10,000,000 retained 64 B texts in
 * the real app (bench/retention.html, filled in parts as an import adopts a
 * log); heap per retained event beyond the payload (full collections before
 * and after, --js-flags=--expose-gc), then the timeline scrolled to its first
 * and last rows and the rows drawn there read back. Chromium only (Firefox
 * has no performance.memory).
 */
import { randomUUID } from 'node:crypto';
import { fmt, table } from './stats.mjs';

/** The target: heap per retained 64 B event beyond the payload, at 10,000,000 events. */
export const RETENTION_TARGET_BYTES = 80;

/**
 * @typedef {{ ok: boolean, ms: number, seqs: [number, number] }} ScrollCheck
 * @typedef {{ page: 'retention', count?: number, fillMs?: number, heap?: Record<string, number>, first?: ScrollCheck, last?: ScrollCheck, scrollLongTasks?: { count: number, maxMs: number }, error: string | null }} RetentionResult
 */

/**
 * @param {{
 *   server: { origin: string, register: (id: string, hooks: { ready: Promise<void>, done: (r: unknown) => void }) => void, unregister: (id: string) => void },
 *   launchPage: (url: string, flags: string[]) => Promise<{ close: () => Promise<void> }>,
 *   count?: number,
 *   timeoutMs?: number,
 * }} options
 * @returns {Promise<RetentionResult>}
 */
export async function runRetentionCase({ server, launchPage, count = 10_000_000, timeoutMs = 600_000 }) {
  const id = randomUUID();
  /** @type {(r: RetentionResult) => void} */
  let deliver = () => {};
  /** @type {Promise<RetentionResult>} */
  const results = new Promise((resolve) => (deliver = resolve));
  server.register(id, { ready: Promise.resolve(), done: (r) => deliver(/** @type {RetentionResult} */ (r)) });
  const browser = await launchPage(`${server.origin}/bench/retention.html?${new URLSearchParams({ run: id, count: String(count) })}`, [
    '--js-flags=--expose-gc',
    '--enable-precise-memory-info',
  ]);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`retention: no results within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    return /** @type {RetentionResult} */ (await Promise.race([results, timeout]));
  } catch (e) {
    return { page: 'retention', error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
    server.unregister(id);
    await browser.close();
  }
}

/** @param {ScrollCheck | undefined} s @param {number} want */
function scrollText(s, want) {
  if (!s) return 'n/a';
  return `${s.ok ? 'yes' : 'NO'} (row #${fmt(want)} drawn; rows ${fmt(s.seqs[0])}–${fmt(s.seqs[1])}; ${fmt(s.ms)} ms)`;
}

/** @param {RetentionResult | null} r */
export function retentionReport(r) {
  if (!r) return 'Retention: not run.';
  if (r.error) return `Retention: FAILED (${r.error})`;
  const h = r.heap ?? {};
  const n = r.count ?? 0;
  return [
    `Retention: ${fmt(n)} retained 64 B texts in one timeline (filled in ${fmt((r.fillMs ?? 0) / 1000, 1)} s):`,
    table(
      ['figure', 'value', 'target'],
      [
        ['heap per retained event beyond the payload', `${fmt(h.perEventBeyondPayload ?? Number.NaN, 1)} B`, `≤ ${RETENTION_TARGET_BYTES} B`],
        ['heap per retained event', `${fmt(h.perEvent ?? Number.NaN, 1)} B`, '–'],
        ['heap growth', `${fmt((h.deltaBytes ?? Number.NaN) / 2 ** 20)} MiB`, '–'],
        ['first row reached', scrollText(r.first, 0), 'yes'],
        ['last row reached', scrollText(r.last, n - 1), 'yes'],
        ['long tasks while scrolling (count · max)', `${r.scrollLongTasks?.count ?? 0} · ${fmt(r.scrollLongTasks?.maxMs ?? 0)} ms`, '–'],
      ],
      ['l', 'r', 'r'],
    ),
  ].join('\n');
}
