// @ts-check
/**
 * Long Animation Frames (bench/page/loaf.ts) summed up per case: where the
 * time of the frames of 50 ms or more went (scripts by name, rendering, style
 * and layout, what is left: the browser's own work such as garbage collection
 * and message deserialization outside a script). Pure, for the report.
 */

/**
 * @typedef {{ invoker: string, invokerType: string, sourceURL: string, sourceFunctionName: string, sourceCharPosition: number, duration: number, forcedStyleAndLayoutDuration: number, pauseDuration: number }} LoafScript
 * @typedef {{ start: number, duration: number, blockingDuration: number, scriptsMs: number, renderMs: number, styleLayoutMs: number, otherMs: number, scripts: LoafScript[] }} LoafFrame
 * @typedef {{ key: string, ms: number, count: number, maxMs: number, forcedMs: number }} Attribution
 * @typedef {{ frames: number, longestMs: number, totalMs: number, scriptsMs: number, renderMs: number, styleLayoutMs: number, forcedMs: number, otherMs: number, top: Attribution[], longest: LoafFrame | null }} LoafSummary
 */

/** A script's name in the report: invoker, function, file and character position. @param {LoafScript} s */
export function scriptKey(s) {
  const file = s.sourceURL ? s.sourceURL.split('/').pop() : '';
  const fn = s.sourceFunctionName || '(anonymous)';
  return `${s.invoker || s.invokerType} → ${fn}${file ? ` (${file}:${s.sourceCharPosition})` : ''}`;
}

/**
 * @param {readonly LoafFrame[]} frames every long frame of the runs of one case and page
 * @param {number} [topN]
 * @returns {LoafSummary}
 */
export function summarizeLongFrames(frames, topN = 5) {
  /** @type {Map<string, Attribution>} */
  const by = new Map();
  const sum = { totalMs: 0, scriptsMs: 0, renderMs: 0, styleLayoutMs: 0, forcedMs: 0, otherMs: 0 };
  /** @type {LoafFrame | null} */
  let longest = null;
  for (const f of frames) {
    sum.totalMs += f.duration;
    sum.scriptsMs += f.scriptsMs;
    sum.renderMs += f.renderMs;
    sum.styleLayoutMs += f.styleLayoutMs;
    sum.otherMs += f.otherMs;
    if (!longest || f.duration > longest.duration) longest = f;
    for (const s of f.scripts) {
      sum.forcedMs += s.forcedStyleAndLayoutDuration;
      const key = scriptKey(s);
      const a = by.get(key) ?? { key, ms: 0, count: 0, maxMs: 0, forcedMs: 0 };
      a.ms += s.duration;
      a.count += 1;
      a.maxMs = Math.max(a.maxMs, s.duration);
      a.forcedMs += s.forcedStyleAndLayoutDuration;
      by.set(key, a);
    }
  }
  const top = [...by.values()].sort((a, b) => b.ms - a.ms).slice(0, topN);
  return { frames: frames.length, longestMs: longest?.duration ?? 0, ...sum, top, longest };
}

/** @param {number} part @param {number} whole */
const pct = (part, whole) => (whole > 0 ? `${Math.round((100 * part) / whole)} %` : '–');
/** @param {number} ms */
const ms = (ms) => `${Math.round(ms)} ms`;

/** One frame taken apart, e.g. "96 ms: scripts 60 ms (…), rendering 20 ms (style+layout 12 ms), other 16 ms". @param {LoafFrame} f */
export function frameText(f) {
  const scripts = [...f.scripts]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((s) => `${scriptKey(s)} ${ms(s.duration)}${s.forcedStyleAndLayoutDuration >= 1 ? `, forced layout ${ms(s.forcedStyleAndLayoutDuration)}` : ''}`)
    .join('; ');
  return `${ms(f.duration)}: scripts ${ms(f.scriptsMs)}${scripts ? ` [${scripts}]` : ''}, rendering ${ms(f.renderMs)} (style+layout ${ms(f.styleLayoutMs)}), other ${ms(f.otherMs)}`;
}

/**
 * Lines for the report: the totals of the long frames and the top scripts.
 * @param {string} label @param {LoafSummary} s
 */
export function longFramesText(label, s) {
  if (s.frames === 0) return [`${label}: no frame of 50 ms or more.`];
  return [
    `${label}: ${s.frames} long frames, ${ms(s.totalMs)} in all: scripts ${pct(s.scriptsMs, s.totalMs)}, rendering ${pct(s.renderMs, s.totalMs)} ` +
      `(style+layout ${pct(s.styleLayoutMs, s.totalMs)}), other ${pct(s.otherMs, s.totalMs)}; forced style+layout in scripts ${ms(s.forcedMs)}.`,
    ...s.top.map((a) => `    ${pct(a.ms, s.totalMs).padStart(5)}  ${a.key}: ${a.count}×, max ${ms(a.maxMs)}${a.forcedMs >= 1 ? `, forced layout ${ms(a.forcedMs)}` : ''}`),
    ...(s.longest ? [`    longest frame ${frameText(s.longest)}`] : []),
  ];
}
