import type { EventLog } from '../../src/core/event-log';
import { getLog, onFrame, setHostMode } from '../../src/services/sockets/socket-service';
import { onDecoded, setUserScripts } from '../../src/services/decode/decode-service';
import { scriptDecodeAs } from '../../src/lib/decode/types';
import { decodeIndexOf, decodeProgressOf } from '../../src/store/decode';
import { createConnection, removeConnection, updateForm } from '../../src/store/actions';
import { useStore } from '../../src/store/store';
import { prefetchPanels } from '../../src/app/lazy-panels';
import { watchLongFrames } from './loaf';
import { now, postResults, settleLikeAUser, readParams, requestClick, seqOf, waitUntilReady, watchClicks, watchLongTasks } from './common';

/**
 * Drives the real app through its actions, as the New connection form would:
 * fills the URL, connects (the connection is selected, its timeline visible and
 * following the tail), watches the capture log until all N messages are in,
 * clicks Pause (and Resume) at mid-flood through the bench server's Input-only
 * CDP client, and posts what it saw. For the heap run: gc, measure, flood, gc,
 * measure; then Remove the connection, gc, measure (what removing gives back).
 */

interface MemoryInfo {
  usedJSHeapSize: number;
}

const p = readParams();
setHostMode(p.mode === 'main' ? 'main' : 'worker');
const longTasks = watchLongTasks();
const longFrames = watchLongFrames();

const nameOf = (el: Element): string => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
const findButton = (name: RegExp): HTMLButtonElement | undefined =>
  [...document.querySelectorAll('button')].find((b) => name.test(nameOf(b)));

// Click 0 is Pause (the button then reads Resume), click 1 is Resume (back to Pause).
const clicks = p.click ? watchClicks((index) => findButton(index === 0 ? /^Resume\b/ : /^Pause\b/) !== undefined) : null;

/** The custom-lens case's script: a small lens for the flood's 64 B text frames ({"seq":N,…}). */
const BENCH_LENS = `function decode(frame, state) {
  if (frame.format !== 'text') return null;
  state.n = (state.n || 0) + 1;
  const m = /"seq":(\\d+)/.exec(frame.text);
  return { type: 'tick', summary: 'tick #' + (m ? m[1] : '?'), fields: { seq: m ? Number(m[1]) : null, length: frame.text.length } };
}`;

const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The page's JS heap after full collections. `performance.memory` must be read
 * afresh each time: the MemoryInfo object it returns is a snapshot taken when
 * it was created. Under --enable-precise-memory-info, usedJSHeapSize counts
 * ArrayBuffer backing stores too (checked: 50 MB of Float64Arrays add 50 MB).
 */
async function heapNow(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const memory = (): MemoryInfo | undefined => (performance as Performance & { memory?: MemoryInfo }).memory;
  if (!gc || !memory()) throw new Error('heap run needs --js-flags=--expose-gc and performance.memory');
  let used = Number.NaN;
  for (let i = 0; i < 3; i += 1) {
    gc();
    await sleep(200);
    used = memory()?.usedJSHeapSize ?? Number.NaN;
  }
  return used;
}

async function main(): Promise<void> {
  await waitUntilReady(p.run);
  // Let the app load what it prefetches at idle and settle, as it has when a person presses Connect.
  await settleLikeAUser(prefetchPanels());
  const heapBefore = p.heap ? await heapNow() : 0;

  // The charts case: the Charts view open over the timeline all through the flood (as the user would have it: a preference).
  if (p.charts) useStore.setState((s) => ({ preferences: { ...s.preferences, charts: true } }));
  const script = p.decodeAs === 'script';
  if (script) setUserScripts([{ id: 'bench', name: 'Bench lens', source: BENCH_LENS, enabled: true }]);
  updateForm({ url: p.flood, protocols: '', binaryType: 'arraybuffer', name: 'bench', decodeAs: p.decodeAs === 'raw' ? 'raw' : script ? scriptDecodeAs('bench') : 'auto' });
  const created = createConnection();
  if (!created.ok) {
    await postResults(p.run, { error: `could not connect: ${JSON.stringify(created.errors)}`, received: 0, openAt: 0, doneAt: 0, lastSeq: -1, longTasks: { count: 0, maxMs: 0, totalMs: 0 }, clicks: [] });
    return;
  }
  const { id } = created;
  // let: dropped before the remove case's measurement (closures above share this binding).
  let log: EventLog | null = getLog(id);
  const theLog = (): EventLog => log ?? getLog(id);
  if (script) decodeIndexOf(id);
  const half = Math.floor(p.count / 2);
  let clickSkipped: string | undefined;
  let clickRequested = false;
  let frames = 0;
  let counting = true;
  const countFrames = (): void => {
    frames += 1;
    if (counting) requestAnimationFrame(countFrames);
  };
  requestAnimationFrame(countFrames);
  const versionAtStart = useStore.getState().runtime[id]?.version ?? 0;

  // The resume click follows as soon as the Pause has shown its effect, so the
  // flood is received with the timeline following the tail all along but for a moment.
  clicks?.onClick((index) => {
    if (index !== 0) return;
    const resume = findButton(/^Resume\b/);
    if (resume) void requestClick(p.run, resume);
  });

  let giveUp: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<{ doneAt: number; error: string | null }>((resolve) => {
    const stop = onFrame(() => {
      const n = theLog().counters.inMessages;
      if (p.click && !clickRequested && n >= half) {
        clickRequested = true;
        const pause = findButton(/^Pause\b/);
        if (pause) void requestClick(p.run, pause);
        else clickSkipped = 'no Pause button';
      }
      const readyState = useStore.getState().runtime[id]?.readyState;
      if (n >= p.count) {
        stop();
        resolve({ doneAt: now(), error: null });
      } else if (readyState === 'CLOSED') {
        stop();
        resolve({ doneAt: now(), error: `closed after ${n} of ${p.count} messages` });
      }
    });
    giveUp = setTimeout(() => resolve({ doneAt: now(), error: `timed out after ${theLog().counters.inMessages} of ${p.count} messages` }), p.timeoutMs);
  });
  const { doneAt, error } = await done;
  // The timer's closure holds the log: it must not outlive the run (the remove case measures the log's release).
  clearTimeout(giveUp);
  counting = false;

  // The open event's time as the socket host stamped it (timeOrigin + event.timeStamp where the socket lives).
  let openAt = 0;
  for (let seq = theLog().start; seq < theLog().end; seq += 1) {
    const e = theLog().get(seq);
    if (e?.type === 'open') {
      openAt = e.time;
      break;
    }
    if (e?.type === 'message') break;
  }
  if (openAt === 0) openAt = theLog().openTimeBefore(theLog().end - 1) ?? 0;
  const last = theLog().get(theLog().end - 1);
  const lastSeq = last?.type === 'message' ? seqOf(last.format === 'text' ? last.text : last.data) : -1;

  // Two frames later the timeline should show the newest row at the bottom.
  await nextFrame();
  await nextFrame();
  const scroller = document.querySelector('[role="log"]');
  const tailFollowed = scroller ? scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 30 : false;
  const clickResults = clicks ? await clicks.clicks() : [];

  // The custom lens: when did the sandbox give back the last row (decoded = every event of the log)?
  let decodedAt: number | undefined;
  let decodeError: string | undefined;
  if (script && !error) {
    const allDecoded = (): boolean => {
      const progress = decodeProgressOf(id);
      return progress !== null && progress.total > 0 && progress.decoded >= progress.total;
    };
    await new Promise<void>((resolve) => {
      const give = (): void => {
        decodedAt = now();
        stop();
        clearTimeout(timer);
        resolve();
      };
      const stop = onDecoded((x) => {
        if (x === id && allDecoded()) give();
      });
      const timer = setTimeout(() => {
        stop();
        decodeError = `decoded ${decodeProgressOf(id)?.decoded ?? 0} of ${decodeProgressOf(id)?.total ?? 0} events within ${p.timeoutMs} ms`;
        resolve();
      }, p.timeoutMs);
      if (allDecoded()) give();
    });
    const status = decodeIndexOf(id).status();
    if (status.script?.error) decodeError = status.script.error;
    let lastFrame = theLog().end - 1;
    while (lastFrame > theLog().start && theLog().get(lastFrame)?.type !== 'message') lastFrame -= 1;
    const last = decodeIndexOf(id).messagesAt(lastFrame);
    if (!last || last[0]?.type !== 'tick') decodeError = `the last row decoded as ${JSON.stringify(last?.[0]?.summary ?? null)}`;
  }

  const storeUpdates = (useStore.getState().runtime[id]?.version ?? 0) - versionAtStart;
  // What is reported of the log, read now: after Remove nothing here may hold it.
  const received = theLog().counters.inMessages;
  const evictedEvents = theLog().counters.evictedEvents;
  let heap: Record<string, number> | undefined;
  if (p.heap && !error) {
    await sleep(500);
    const heapAfter = await heapNow();
    const deltaBytes = heapAfter - heapBefore;
    const retainedEvents = theLog().size;
    const retainedBytes = theLog().bytesRetained;
    heap = {
      heapBefore,
      heapAfter,
      deltaBytes,
      retainedEvents,
      retainedBytes,
      perEvent: deltaBytes / retainedEvents,
      perEventBeyondPayload: (deltaBytes - retainedBytes) / retainedEvents,
    };
    // The remove-connection case: Remove, a few frames for the UI to let go, then the heap against before the flood.
    log = null;
    removeConnection(id);
    for (let i = 0; i < 10; i += 1) await nextFrame();
    await sleep(500);
    const heapAfterRemove = await heapNow();
    heap.heapAfterRemove = heapAfterRemove;
    heap.removeDeltaBytes = heapAfterRemove - heapBefore;
  }

  await postResults(p.run, {
    page: 'app',
    mode: p.mode,
    received,
    openAt,
    doneAt,
    lastSeq,
    error,
    longTasks: longTasks.between(openAt, doneAt),
    ...(longFrames ? { longFrames: longFrames.between(openAt, doneAt) } : {}),
    clicks: clickResults,
    ...(clickSkipped ? { clickSkipped } : {}),
    extra: {
      tailFollowed,
      frames,
      framesPerSecond: frames / ((doneAt - openAt) / 1000),
      storeUpdates,
      evictedEvents,
      ...(decodedAt !== undefined ? { decodedAt } : {}),
      ...(decodeError ? { decodeError } : {}),
      chartsOpen: p.charts,
      chartsDrawn: p.charts ? document.querySelector('[aria-label="Charts"] canvas') !== null : false,
    },
    ...(heap ? { heap } : {}),
  });
}

void main();
