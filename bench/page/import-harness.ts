import { applyImport, readImport } from '../../src/features/export/import-actions';
import { now, postResults, readParams, watchLongTasks } from './common';
import { watchLongFrames } from './loaf';

/**
 * The import case: fetches the HAR the bench wrote (bench/dist/bench-data/),
 * imports it through the app's own path (readImport: read, parse and check
 * in the import Worker, parts appended on the page; then applyImport opens
 * it as a read-only timeline) and posts how long it took and the longest
 * main-thread task meanwhile (target ≤ 50 ms in Chromium).
 */
const p = readParams();
const longTasks = watchLongTasks();
const longFrames = watchLongFrames();
const file = new URLSearchParams(location.search).get('file') ?? '/bench-data/import.har';

async function run(): Promise<void> {
  const blob = await (await fetch(file)).blob();
  const har = new File([blob], 'bench.har', { type: 'application/json' });
  // Let the app settle (first render, lazy chunks) before the clock starts.
  await new Promise((r) => setTimeout(r, 1500));
  const openAt = now();
  const result = await readImport(har, 'timelines');
  if (!result.ok) {
    await postResults(p.run, { error: result.error, received: 0, openAt, doneAt: now(), lastSeq: -1, longTasks: longTasks.between(openAt, now()), clicks: [] });
    return;
  }
  const summary = applyImport('timelines', result.data, 'bench.har');
  // Until the timeline has drawn the imported rows.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const doneAt = now();
  const events = result.data.timelines.reduce((n, t) => n + t.events, 0);
  // A frame's entry is reported after the frame: give the last ones time to arrive before they are read.
  for (let i = 0; i < 10; i += 1) await new Promise((r) => requestAnimationFrame(r));
  await postResults(p.run, {
    error: null,
    received: events,
    openAt,
    doneAt,
    lastSeq: events,
    longTasks: longTasks.between(openAt, doneAt),
    clicks: [],
    extra: { bytes: har.size, summary, longTaskMethod: longTasks.method, ...(longFrames ? { longFrames: longFrames.between(openAt, doneAt) } : {}) },
  });
}

void run().catch((e: unknown) => postResults(p.run, { error: String(e), received: 0, openAt: 0, doneAt: 0, lastSeq: -1, longTasks: { count: 0, maxMs: 0, totalMs: 0 }, clicks: [] }));
