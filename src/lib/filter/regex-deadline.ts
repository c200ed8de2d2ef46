import { matchRanges } from './query';
/**
 * The pure parts of regex matching under a deadline (the Worker and its
 * client are in services/search/): the watchdog that says when the Worker has
 * been silent too long, the protocol between page and Worker, the Worker's
 * side of it as a plain function (so Node and Vitest run it), and the words
 * the filter bar shows when a regex is stopped.
 *
 * A regular expression cannot be interrupted from inside: one `re.test()` with
 * catastrophic backtracking (`(a+)+b` over "aaaa…a") runs for minutes. So it
 * runs in a Worker, the Worker says which item it starts whenever some time
 * passed since it last spoke, and the page terminates it when it stays silent
 * past the deadline.
 */

/** How long one item (or a chunk without a word from the Worker) may take. */
export const REGEX_DEADLINE_MS = 1000;

/** The Worker speaks (an `at` message) before an item when this long passed since it last did. */
export const PROGRESS_EVERY_MS = 1;

/** A regex as it crosses to the Worker. */
export interface RegexSpec {
  source: string;
  flags: string;
}

export function specOf(re: RegExp): RegexSpec {
  return { source: re.source, flags: re.flags };
}

/** Page → Worker. `exact`: say `at` before every item (to find which one is stuck). */
export type RegexRequest =
  | { type: 'test'; id: number; re: RegexSpec; texts: readonly string[]; extras: readonly (string | null)[] | null; from: number; exact: boolean }
  | { type: 'ranges'; id: number; re: RegexSpec; texts: readonly string[]; max: number; from: number; exact: boolean };

/** Worker → page. `hits[i]` is 1 when texts[i] (or extras[i]) matches; `ranges[i]` the match ranges of texts[i]. */
export type RegexReply =
  | { type: 'at'; id: number; index: number }
  | { type: 'test'; id: number; hits: Uint8Array }
  | { type: 'ranges'; id: number; ranges: Array<Array<[number, number]>> }
  | { type: 'error'; id: number; error: string };

/** Ranges [start, end) of the matches of `re` in `text`, at most `max`, empty matches skipped: the filter's own `matchRanges`, run in the Worker. */
export const rangesOf = matchRanges;

/**
 * The Worker's work for one request (items from `from` on; the ones before
 * are the page's to fill, when it re-sends the rest of a stuck request),
 * posting `at` before an item whenever `every` ms passed since the last post
 * (before each item when `exact`). `clock` is injected for tests.
 */
export function serveRegex(req: RegexRequest, post: (reply: RegexReply) => void, clock: () => number = () => performance.now(), every = PROGRESS_EVERY_MS): void {
  let re: RegExp;
  try {
    re = new RegExp(req.re.source, req.re.flags.replace('g', '').replace('y', ''));
  } catch (e) {
    post({ type: 'error', id: req.id, error: e instanceof Error ? e.message : String(e) });
    return;
  }
  let last = clock();
  const speak = (index: number) => {
    if (!req.exact) {
      const t = clock();
      if (t - last < every) return;
      last = t;
    }
    post({ type: 'at', id: req.id, index });
  };
  const n = req.texts.length;
  if (req.type === 'test') {
    const hits = new Uint8Array(n);
    for (let i = req.from; i < n; i++) {
      speak(i);
      const extra = req.extras?.[i];
      hits[i] = re.test(req.texts[i] ?? '') || (extra != null && re.test(extra)) ? 1 : 0;
    }
    post({ type: 'test', id: req.id, hits });
    return;
  }
  const ranges: Array<Array<[number, number]>> = [];
  for (let i = 0; i < n; i++) {
    if (i < req.from) {
      ranges.push([]);
      continue;
    }
    speak(i);
    ranges.push(rangesOf(req.texts[i] ?? '', re, req.max));
  }
  post({ type: 'ranges', id: req.id, ranges });
}

/**
 * When the Worker has been silent too long. Work starts with `sent` (the
 * Worker was idle or busy with earlier work: its silence counts from the
 * later of the send and the last word heard); every word from it is `heard`;
 * `idle` when nothing is outstanding.
 */
export class Watchdog {
  private lastWord = 0;
  private busy = false;

  constructor(readonly deadlineMs = REGEX_DEADLINE_MS) {}

  sent(now: number): void {
    if (!this.busy) this.lastWord = now;
    this.busy = true;
  }

  heard(now: number): void {
    this.lastWord = now;
  }

  idle(): void {
    this.busy = false;
  }

  get outstanding(): boolean {
    return this.busy;
  }

  /** ms until the deadline passes (≤ 0: overdue); Infinity when idle. */
  remaining(now: number): number {
    return this.busy ? this.lastWord + this.deadlineMs - now : Infinity;
  }

  overdue(now: number): boolean {
    return this.remaining(now) <= 0;
  }
}

/** Why a regex was stopped: the event it was on, and whether that event is known exactly. */
export interface RegexStop {
  /** the connection's name or id, in a merged view; undefined for one connection */
  connection?: string | undefined;
  seq: number;
  /** false: the Worker was somewhere at or after `seq` (it could not be narrowed) */
  exact: boolean;
  deadlineMs: number;
}

/** What the filter bar says, next to the query. */
export function stoppedMessage(stop: RegexStop): string {
  const secs = stop.deadlineMs >= 1000 ? `${stop.deadlineMs / 1000} s` : `${stop.deadlineMs} ms`;
  const where = `${stop.exact ? 'on' : 'at or after'} message #${stop.seq.toLocaleString('en-US')}${stop.connection ? ` of ${stop.connection}` : ''}`;
  return `Stopped: this regex took over ${secs} ${where} (catastrophic backtracking?). Edit the query to search again.`;
}
