/**
 * Long Animation Frames (Chromium's `long-animation-frame` entries): each
 * frame of 50 ms or more, taken apart into the scripts that ran in it (each
 * script of 5 ms or more: its invoker, source URL and function, duration and
 * forced style and layout) and the frame's own rendering (rendering update:
 * rAF callbacks, style, layout; style and layout alone). What is left of the
 * frame (no script of 5 ms or more, no rendering) is the browser's work
 * between tasks: garbage collection, message deserialization outside a
 * script, the network's IPC. No DevTools client is needed: the page reports it
 * with its results, so a profile of a flood does not slow the flood.
 */

export interface LoafScript {
  /** e.g. 'DedicatedWorkerGlobalScope.onmessage', 'Window.requestAnimationFrame', 'MessagePort.onmessage' */
  invoker: string;
  invokerType: string;
  /** file:line-free: the script's URL (path only) */
  sourceURL: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
  duration: number;
  forcedStyleAndLayoutDuration: number;
  pauseDuration: number;
}

export interface LoafFrame {
  /** epoch ms */
  start: number;
  duration: number;
  blockingDuration: number;
  /** sum of the scripts' durations (scripts of 5 ms or more only) */
  scriptsMs: number;
  /** rendering update: from renderStart to the frame's end (rAF callbacks, ResizeObserver, style, layout, paint) */
  renderMs: number;
  /** style and layout alone: from styleAndLayoutStart to the frame's end */
  styleLayoutMs: number;
  /** duration − scripts − rendering: the browser's own work between tasks (GC, IPC, deserialization outside scripts) */
  otherMs: number;
  scripts: LoafScript[];
}

interface ScriptTiming extends PerformanceEntry {
  invoker: string;
  invokerType: string;
  sourceURL: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
  forcedStyleAndLayoutDuration: number;
  pauseDuration: number;
}

interface LoafEntry extends PerformanceEntry {
  blockingDuration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: readonly ScriptTiming[];
}

const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

/** Long animation frames of 50 ms or more; `between` gives those that overlap [from, to] (epoch ms). null where the browser has no such entries. */
export function watchLongFrames(): { between(fromEpoch: number, toEpoch: number): LoafFrame[] } | null {
  if (typeof PerformanceObserver === 'undefined' || !(PerformanceObserver.supportedEntryTypes ?? []).includes('long-animation-frame')) return null;
  const frames: LoafFrame[] = [];
  const take = (entries: PerformanceEntryList): void => {
    for (const raw of entries) {
      const e = raw as LoafEntry;
      const end = e.startTime + e.duration;
      const renderMs = e.renderStart > 0 ? end - e.renderStart : 0;
      const styleLayoutMs = e.styleAndLayoutStart > 0 ? end - e.styleAndLayoutStart : 0;
      const scripts = e.scripts.map((s) => ({
        invoker: s.invoker,
        invokerType: s.invokerType,
        sourceURL: pathOf(s.sourceURL),
        sourceFunctionName: s.sourceFunctionName,
        sourceCharPosition: s.sourceCharPosition,
        duration: s.duration,
        forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration,
        pauseDuration: s.pauseDuration,
      }));
      // Scripts inside the rendering update (rAF callbacks) are in renderMs already.
      const outsideRender = e.scripts.filter((s) => e.renderStart <= 0 || s.startTime < e.renderStart);
      const scriptsMs = outsideRender.reduce((sum, s) => sum + s.duration, 0);
      frames.push({
        start: performance.timeOrigin + e.startTime,
        duration: e.duration,
        blockingDuration: e.blockingDuration,
        scriptsMs,
        renderMs,
        styleLayoutMs,
        otherMs: Math.max(0, e.duration - scriptsMs - renderMs),
        scripts,
      });
    }
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ type: 'long-animation-frame', buffered: true });
  return {
    between(fromEpoch, toEpoch) {
      take(observer.takeRecords());
      return frames.filter((f) => f.start + f.duration >= fromEpoch && f.start <= toEpoch);
    },
  };
}
