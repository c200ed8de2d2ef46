// @ts-check
/**
 * The import case of `npm run bench`: a HAR of about 200 MB (the import
 * limit is 200 MiB) written to bench/dist/bench-data/, imported by the real
 * app (bench/import.html) through its own path: read, parsed and checked in
 * the import Worker, appended on the page in parts, opened as a timeline.
 * Reported: the time from start to the rows drawn, and the longest
 * main-thread task meanwhile.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeHar } from './har-file.mjs';
import { fmt } from './stats.mjs';
import { longFramesText, summarizeLongFrames } from './loaf.mjs';

/** The target for Chromium (Firefox: ≤ 100 ms). */
export const IMPORT_LONG_TASK_MS = 50;
/** 1,150,000 messages of 100 B: about 196 MB of HAR, under the 200 MiB limit. */
const MESSAGES = 1_150_000;

/**
 * @typedef {{ bytes: number, events: number, ms: number, longTasks: { count: number, maxMs: number }, method: string, longFrames?: import('./loaf.mjs').LoafFrame[], error: string | null }} ImportResult
 */

/**
 * @param {{
 *   server: { origin: string, register: (id: string, hooks: { ready: Promise<void>, done: (r: unknown) => void }) => void, unregister: (id: string) => void },
 *   dist: string,
 *   launchPage: (url: string) => Promise<{ close: () => Promise<void> }>,
 *   timeoutMs?: number,
 * }} options
 * @returns {Promise<ImportResult>}
 */
export async function runImportCase({ server, dist, launchPage, timeoutMs = 300_000 }) {
  mkdirSync(join(dist, 'bench-data'), { recursive: true });
  const bytes = writeHar(join(dist, 'bench-data', 'import.har'), MESSAGES, 100);
  const id = randomUUID();
  /** @type {(r: any) => void} */
  let deliver = () => {};
  const results = new Promise((resolve) => (deliver = resolve));
  server.register(id, { ready: Promise.resolve(), done: (r) => deliver(r) });
  const browser = await launchPage(`${server.origin}/bench/import.html?${new URLSearchParams({ run: id })}`);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`import: no results within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    /** @type {{ error: string | null, received: number, openAt: number, doneAt: number, longTasks: { count: number, maxMs: number }, extra?: { longTaskMethod?: string, longFrames?: import('./loaf.mjs').LoafFrame[] } }} */
    const r = /** @type {any} */ (await Promise.race([results, timeout]));
    return { bytes, events: r.received, ms: r.doneAt - r.openAt, longTasks: r.longTasks, method: r.extra?.longTaskMethod ?? 'longtask', ...(r.extra?.longFrames ? { longFrames: r.extra.longFrames } : {}), error: r.error };
  } catch (e) {
    return { bytes, events: 0, ms: Number.NaN, longTasks: { count: 0, maxMs: Number.NaN }, method: '', error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
    server.unregister(id);
    await browser.close();
  }
}

/** @param {ImportResult | null} r */
export function importReport(r) {
  if (!r) return 'Import: not run.';
  if (r.error) return `Import: FAILED (${r.error})`;
  return [
    `Import (${fmt(r.bytes / 1e6, 1)} MB HAR, ${fmt(r.events)} messages, through the import Worker): ${fmt(r.ms)} ms to the rows drawn; ` +
      `long tasks ${r.longTasks.count}, longest ${fmt(r.longTasks.maxMs)} ms (target ≤ ${IMPORT_LONG_TASK_MS} ms in Chromium${r.method === 'gaps' ? '; measured as timer gaps' : ''}).`,
    ...(r.longFrames ? longFramesText('Long animation frames meanwhile', summarizeLongFrames(r.longFrames)) : []),
  ].join('\n');
}
