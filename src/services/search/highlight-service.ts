import { specOf } from '../../lib/filter/regex-deadline';
import { RegexClient } from './regex-worker';

/**
 * Match ranges of a regex query in the rows in view, found in a regex Worker
 * of their own (so a scan in progress never waits for them, nor they for it),
 * under the same deadline. Rows ask for their text; requests made in one task
 * go as one message; the answers are cached per regex and a version is
 * published. A regex past its deadline here gets no highlights at all
 * (`highlightsOff`): the rows show plain text.
 */

export type Ranges = ReadonlyArray<readonly [number, number]>;

const MAX_MATCHES = 50;
/** Texts cached per regex; past this the cache starts over (rows in view are a few dozen). */
const MAX_CACHED = 2_000;

interface PerRegex {
  ranges: Map<string, Ranges>;
  asked: Set<string>;
  off: boolean;
}

let client: RegexClient | null = null;
let current: { key: string; state: PerRegex } | null = null;
let batch: { key: string; re: RegExp; texts: string[] } | null = null;
let version = 0;
const listeners = new Set<() => void>();

function keyOf(re: RegExp): string {
  return `${re.flags}/${re.source}`;
}

function stateOf(re: RegExp): PerRegex {
  const key = keyOf(re);
  if (current?.key !== key) {
    // A new query: what was asked for the old one is of no use now.
    client?.cancelQueued();
    current = { key, state: { ranges: new Map(), asked: new Set(), off: false } };
  }
  return current.state;
}

function publish(): void {
  version++;
  for (const l of listeners) l();
}

/** The ranges of `re` in `text` if known (undefined: not yet, or highlights are off for it). */
export function highlightRanges(re: RegExp, text: string): Ranges | undefined {
  const key = keyOf(re);
  if (current?.key !== key) return undefined;
  return current.state.ranges.get(text);
}

/** Whether highlighting `re` was stopped past the deadline. */
export function highlightsOff(re: RegExp): boolean {
  return current?.key === keyOf(re) && current.state.off;
}

/** Asks for the ranges of `re` in `text` (answered through the version). */
export function requestHighlight(re: RegExp, text: string): void {
  const state = stateOf(re);
  if (state.off || state.ranges.has(text) || state.asked.has(text)) return;
  state.asked.add(text);
  const key = keyOf(re);
  if (!batch || batch.key !== key) {
    batch = { key, re, texts: [] };
    queueMicrotask(flush);
  }
  batch.texts.push(text);
}

function flush(): void {
  const b = batch;
  batch = null;
  if (!b || b.texts.length === 0) return;
  client ??= new RegexClient('sockpit-highlight');
  void client.run({ type: 'ranges', re: specOf(b.re), texts: b.texts, max: MAX_MATCHES, from: 0, exact: false }).then((out) => {
    if (current?.key !== b.key) return;
    const state = current.state;
    if (out.type === 'ranges') {
      if (state.ranges.size > MAX_CACHED) state.ranges.clear();
      b.texts.forEach((t, i) => {
        state.ranges.set(t, out.ranges[i] ?? []);
        state.asked.delete(t);
      });
    } else if (out.type === 'stuck' || out.type === 'error') {
      state.off = true;
    } else {
      for (const t of b.texts) state.asked.delete(t);
    }
    publish();
  });
}

export function subscribeHighlights(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function highlightVersion(): number {
  return version;
}
