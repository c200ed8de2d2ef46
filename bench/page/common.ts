/**
 * What both bench pages share: reading the run's parameters from the query
 * string, watching long tasks, asking the bench server for a real click, and
 * posting the results back (same origin, so CSP `connect-src 'self'` allows it).
 * No DevTools protocol client watches these pages; they report for themselves.
 */

export interface RunParams {
  run: string;
  /** ws:// URL of the playground's /flood with count, size and type */
  flood: string;
  count: number;
  /** 'worker' | 'main' (app page only) */
  mode: string;
  /** ask the bench server for a click at mid-flood (it has a CDP client on the Input domain) */
  click: boolean;
  /** heap run: gc, measure, flood, gc, measure (needs --js-flags=--expose-gc) */
  heap: boolean;
  /** give up after this many ms and report what arrived */
  timeoutMs: number;
  /** app page: the connection's Decode as (the protocol-lens case: 'auto' or 'raw') */
  decodeAs?: string | undefined;
  /** app page: open the Charts view before connecting (the charts case) */
  charts: boolean;
}

export function readParams(): RunParams {
  const q = new URLSearchParams(location.search);
  return {
    run: q.get('run') ?? 'unnamed',
    flood: q.get('flood') ?? '',
    count: Number(q.get('count') ?? 0),
    mode: q.get('mode') ?? 'worker',
    click: q.get('click') === '1',
    heap: q.get('heap') === '1',
    timeoutMs: Number(q.get('timeoutMs') ?? 120_000),
    decodeAs: q.get('decodeAs') ?? undefined,
    charts: q.get('charts') === '1',
  };
}

/** Epoch milliseconds on the page's clock (same clock as timeOrigin + event.timeStamp). */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export interface LongTaskSummary {
  count: number;
  maxMs: number;
  totalMs: number;
}

/** Gaps between timer ticks longer than this count as a long task where the Long Tasks API is missing. */
const GAP_MS = 50;
const TICK_MS = 10;

/**
 * Collects 'longtask' entries (main-thread tasks of 50 ms or more). Where the
 * browser has no Long Tasks API (Firefox), a 10 ms timer measures the gaps
 * between its ticks instead: a gap of 10 + d ms is a task of about d ms (the
 * way the Firefox stalls were measured); `method` says which.
 */
export function watchLongTasks(): { method: 'longtask' | 'gaps'; between(fromEpoch: number, toEpoch: number): LongTaskSummary } {
  const entries: { startTime: number; duration: number }[] = [];
  const supported = typeof PerformanceObserver !== 'undefined' && (PerformanceObserver.supportedEntryTypes ?? []).includes('longtask');
  if (supported) {
    const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
  } else {
    let last = performance.now();
    const tick = () => {
      const t = performance.now();
      const blocked = t - last - TICK_MS;
      if (blocked >= GAP_MS) entries.push({ startTime: last + TICK_MS, duration: blocked });
      last = t;
      setTimeout(tick, TICK_MS);
    };
    setTimeout(tick, TICK_MS);
  }
  return {
    method: supported ? 'longtask' : 'gaps',
    between(fromEpoch, toEpoch) {
      let count = 0;
      let maxMs = 0;
      let totalMs = 0;
      for (const e of entries) {
        const start = performance.timeOrigin + e.startTime;
        // Any task overlapping the flood counts.
        if (start + e.duration < fromEpoch || start > toEpoch) continue;
        count += 1;
        totalMs += e.duration;
        maxMs = Math.max(maxMs, e.duration);
      }
      return { count, maxMs, totalMs };
    },
  };
}

export interface ClickMeasure {
  /** the click's Event Timing entry duration (input → next paint, 8 ms granularity); null when none was reported */
  eventTimingMs: number | null;
  /** longest Event Timing entry of the same interaction (pointerdown, pointerup, click) */
  interactionMs: number | null;
  /** click handler start − the event's timeStamp */
  handlerDelayMs: number;
  /** first animation frame after the handler − the event's timeStamp */
  toNextFrameMs: number;
  /** the UI showed the click's effect by that frame (app: Pause then reads "Resume", and back) */
  answered: boolean;
}

interface EventTimingEntry extends PerformanceEntry {
  interactionId?: number;
  processingStart: number;
}

/**
 * Measures clicks on the page: Event Timing entries ('event', 16 ms threshold,
 * the lowest allowed) and, as a cross-check, a capture-phase click listener
 * that notes how late the handler ran and when the next frame came.
 */
export function watchClicks(isAnswered: (index: number) => boolean): {
  clicks: () => Promise<ClickMeasure[]>;
  onClick: (listener: (index: number) => void) => void;
} {
  const timing: EventTimingEntry[] = [];
  let observer: PerformanceObserver | null = null;
  try {
    observer = new PerformanceObserver((list) => timing.push(...(list.getEntries() as EventTimingEntry[])));
    observer.observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  } catch {
    observer = null;
  }
  const own: { stamp: number; handlerDelayMs: number; toNextFrameMs: number; answered: boolean }[] = [];
  const pending: Promise<void>[] = [];
  const listeners: ((index: number) => void)[] = [];
  window.addEventListener(
    'click',
    (e) => {
      const stamp = e.timeStamp;
      const handlerDelayMs = performance.now() - stamp;
      const index = own.length;
      const entry = { stamp, handlerDelayMs, toNextFrameMs: Number.NaN, answered: false };
      own.push(entry);
      pending.push(
        new Promise((resolve) => {
          requestAnimationFrame(() => {
            entry.toNextFrameMs = performance.now() - stamp;
            entry.answered = isAnswered(index);
            resolve();
            for (const l of listeners) l(index);
          });
        }),
      );
    },
    { capture: true },
  );
  return {
    onClick: (listener) => listeners.push(listener),
    clicks: async () => {
      await Promise.all(pending);
      // Entries are delivered after the paint that ends them; give them a moment.
      await new Promise((r) => setTimeout(r, 250));
      if (observer) timing.push(...(observer.takeRecords() as EventTimingEntry[]));
      return own.map((o) => {
        const click = timing.find((t) => t.name === 'click' && Math.abs(t.startTime - o.stamp) < 1);
        const sameInteraction =
          click?.interactionId !== undefined && click.interactionId > 0
            ? timing.filter((t) => t.interactionId === click.interactionId)
            : [];
        return {
          eventTimingMs: click ? click.duration : null,
          interactionMs: sameInteraction.length > 0 ? Math.max(...sameInteraction.map((t) => t.duration)) : click ? click.duration : null,
          handlerDelayMs: o.handlerDelayMs,
          toNextFrameMs: o.toNextFrameMs,
          answered: o.answered,
        };
      });
    },
  };
}

/** Waits until the bench server says the run may start (its input client, if any, is attached). */
export async function waitUntilReady(run: string): Promise<void> {
  const res = await fetch(`/ready?run=${encodeURIComponent(run)}`);
  if (!res.ok) throw new Error(`bench server: /ready answered ${res.status}`);
}

/** Asks the bench server to click at (x, y) in CSS pixels through its Input-only CDP client. */
export async function requestClick(run: string, element: Element): Promise<boolean> {
  const r = element.getBoundingClientRect();
  const body = JSON.stringify({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
  const res = await fetch(`/click?run=${encodeURIComponent(run)}`, { method: 'POST', body });
  return res.ok;
}

export async function postResults(run: string, results: unknown): Promise<void> {
  await fetch(`/results?run=${encodeURIComponent(run)}`, { method: 'POST', body: JSON.stringify(results) });
}

/** The flood's sequence number of a message (text: JSON `seq`; binary: big-endian uint32 at 0). */
export function seqOf(data: unknown): number {
  if (typeof data === 'string') {
    const m = /^(?:42\["tick",)?\{"seq":(\d+),/.exec(data);
    return m ? Number(m[1]) : -1;
  }
  if (data instanceof ArrayBuffer && data.byteLength >= 4) return new DataView(data).getUint32(0);
  return -1;
}

/**
 * Waits as a user would before the first Connect: until the app's idle
 * prefetch (the connection view's chunks and what that view mounts at once)
 * has arrived, and then until the main thread has a whole idle period (40 ms
 * or more left in an idle callback), at most `maxMs` in all. A person takes
 * a second or more to type a URL and press Connect; a harness that connects
 * within 10 frames of load measures the app's start-up inside the flood.
 */
export async function settleLikeAUser(prefetched: Promise<unknown>, maxMs = 5_000): Promise<void> {
  const until = performance.now() + maxMs;
  await Promise.race([prefetched, new Promise((r) => setTimeout(r, maxMs))]);
  if (typeof requestIdleCallback !== 'function') {
    await new Promise((r) => setTimeout(r, 300));
    return;
  }
  while (performance.now() < until) {
    const left = await new Promise<number>((r) => requestIdleCallback((d) => r(d.timeRemaining()), { timeout: 500 }));
    if (left >= 40) return;
  }
}
