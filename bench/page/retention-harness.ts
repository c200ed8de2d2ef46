import { newConnectionId } from '../../src/lib/ids';
import { Kind } from '../../src/lib/event-kind';
import { EventLog } from '../../src/core/event-log';
import { addImportedTimelines } from '../../src/store/automate-actions';
import { setRetention } from '../../src/store/actions';
import { now, postResults, readParams, settleLikeAUser, waitUntilReady, watchLongTasks } from './common';
import { prefetchPanels } from '../../src/app/lazy-panels';

/**
 * `npm run bench` retention case: `count` (10,000,000) received 64-byte texts
 * retained in one timeline, put into its capture log in parts (as an import
 * adopts a log; a real flood of 10 M would take many minutes here). Each text
 * is decoded from bytes as the browser decodes a text frame, so it is a flat
 * string of its own, as received ones are. Heap after full collections
 * before and after (needs --js-flags=--expose-gc and
 * --enable-precise-memory-info): bytes per retained event beyond the
 * payload. Then the timeline is scrolled to its first and last rows, and the
 * rows drawn there are read back.
 */

interface MemoryInfo {
  usedJSHeapSize: number;
}

const p = readParams();
const longTasks = watchLongTasks();
const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function heapNow(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const memory = (): MemoryInfo | undefined => (performance as Performance & { memory?: MemoryInfo }).memory;
  if (!gc || !memory()) throw new Error('retention run needs --js-flags=--expose-gc and performance.memory');
  let used = Number.NaN;
  for (let i = 0; i < 3; i += 1) {
    gc();
    await sleep(200);
    used = memory()?.usedJSHeapSize ?? Number.NaN;
  }
  return used;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const messageOf = (seq: number): string => {
  const head = `{"seq":${seq},"pad":"`;
  return decoder.decode(encoder.encode(`${head}${'x'.repeat(Math.max(0, 62 - head.length))}"}`));
};

/** The seqs of the rows the timeline draws now. */
function drawnSeqs(): number[] {
  return [...document.querySelectorAll('[role="log"] [data-seq]')].map((el) => Number(el.getAttribute('data-seq')));
}

/** Scrolls the timeline to `top` and waits until it draws a row with `seq` (or gives up). */
async function scrollUntil(scroller: Element, top: number, seq: number): Promise<{ ok: boolean; ms: number; seqs: [number, number] }> {
  const t0 = performance.now();
  for (let i = 0; i < 120; i += 1) {
    // Set again each frame: the list may still be settling on its newest row when asked first.
    if (i % 10 === 0) {
      scroller.scrollTop = top;
      scroller.dispatchEvent(new Event('scroll'));
    }
    await nextFrame();
    const seqs = drawnSeqs();
    if (seqs.includes(seq)) return { ok: true, ms: performance.now() - t0, seqs: [Math.min(...seqs), Math.max(...seqs)] };
  }
  const seqs = drawnSeqs();
  return { ok: false, ms: performance.now() - t0, seqs: [Math.min(...seqs), Math.max(...seqs)] };
}

async function main(): Promise<void> {
  await waitUntilReady(p.run);
  // Let the app load what it prefetches at idle and settle, as it has before a person acts.
  await settleLikeAUser(prefetchPanels());
  const count = p.count || 10_000_000;
  // Settings ▸ Keep at most (events) raised to the count, as a user would: an adopted log takes the app's limits.
  const limits = { maxEvents: count, maxBytes: 4 * 1024 ** 3 };
  setRetention(limits);
  const heapBefore = await heapNow();
  const id = newConnectionId();
  const log = new EventLog(id, limits);
  const fillStart = performance.now();
  const CHUNK = 65_536;
  const kinds = new Uint8Array(CHUNK).fill(Kind.InText);
  const times = new Float64Array(CHUNK);
  const sizes = new Float64Array(CHUNK).fill(64);
  const start = Date.UTC(2026, 11, 1, 12, 0, 0);
  for (let base = 0; base < count; base += CHUNK) {
    const m = Math.min(CHUNK, count - base);
    const data: string[] = new Array<string>(m);
    for (let i = 0; i < m; i++) {
      times[i] = start + (base + i) / 1000;
      data[i] = messageOf(base + i);
    }
    log.appendColumns(m, kinds, times, sizes, data);
    // Give the page a breath between parts (and the bench a live page).
    if ((base / CHUNK) % 16 === 15) await sleep(0);
  }
  const fillMs = performance.now() - fillStart;
  const heapFilled = await heapNow();
  const retainedEvents = log.size;
  const retainedBytes = log.bytesRetained;
  const deltaBytes = heapFilled - heapBefore;

  addImportedTimelines([
    { config: { id, name: 'retention bench', url: 'ws://127.0.0.1/none', protocols: '', binaryType: 'arraybuffer', source: 'import', importedFrom: 'bench' }, log },
  ]);
  let scroller: Element | null = null;
  for (let i = 0; i < 300 && !scroller?.querySelector('[data-seq]'); i += 1) {
    await nextFrame();
    scroller = document.querySelector('[role="log"]');
  }
  // Let it open at the newest row first, as it does.
  for (let i = 0; i < 30; i += 1) await nextFrame();
  const from = now();
  const first = scroller ? await scrollUntil(scroller, 0, 0) : { ok: false, ms: Number.NaN, seqs: [-1, -1] };
  const last = scroller ? await scrollUntil(scroller, scroller.scrollHeight, count - 1) : { ok: false, ms: Number.NaN, seqs: [-1, -1] };
  const scrollTasks = longTasks.between(from, now());
  await postResults(p.run, {
    page: 'retention',
    count,
    fillMs,
    heap: { heapBefore, heapFilled, deltaBytes, retainedEvents, retainedBytes, perEvent: deltaBytes / retainedEvents, perEventBeyondPayload: (deltaBytes - retainedBytes) / retainedEvents },
    first,
    last,
    scrollLongTasks: scrollTasks,
    error: null,
  });
}

void main().catch((e: unknown) => postResults(p.run, { page: 'retention', error: e instanceof Error ? e.message : String(e) }));
