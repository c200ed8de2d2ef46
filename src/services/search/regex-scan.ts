import type { EventLog } from '../../core/event-log';
import type { Predicate } from '../../lib/filter/matcher';
import { queryTextAt } from '../../lib/filter/matcher';
import { specOf } from '../../lib/filter/regex-deadline';
import type { RegexStop } from '../../lib/filter/regex-deadline';
import { RegexClient } from './regex-worker';

/**
 * A regex filter's matching, done ahead in the regex Worker: the page walks
 * each log from where it left off, keeps the events the rest of the filter
 * (`pre`: kinds, directions, time range, heartbeats) lets through, posts
 * their texts in chunks, and records which matched. `scannedEnd(i)` is how
 * far log i is known; the view index reads `matches()` only below it, so it
 * advances as results arrive. A chunk past the deadline stops the scan
 * (`stop`), with the event it was on.
 *
 * Per chunk the page reads at most MAX_VISIT events and posts at most
 * MAX_ITEMS texts of MAX_CHARS characters in all, so no task on the main
 * thread grows with the capture.
 */

const MAX_VISIT = 16_384;
const MAX_ITEMS = 4_096;
const MAX_CHARS = 512 * 1024;
/** Result bytes kept per block of seqs (one byte an event: 1 = matched). */
const BLOCK = 4_096;

/** The client every scan shares (one Worker, restarted after a deadline). */
let shared: RegexClient | null = null;
function sharedClient(): RegexClient {
  shared ??= new RegexClient('sockpit-regex');
  return shared;
}

export interface RegexScanOptions {
  /** the rest of the filter, evaluated on the page; null: every event is a candidate */
  pre: Predicate | null;
  /** a second text to match (a lens's decoded summary), or null */
  extraOf?: ((log: EventLog, seq: number) => string | null) | undefined;
  /** a name for the connection of log i in the stop message (merged views) */
  nameOf?: ((logIndex: number) => string | undefined) | undefined;
  client?: RegexClient;
}

export class RegexScan {
  private readonly cursors: number[];
  private readonly results: Array<Map<number, Uint8Array>>;
  private readonly client: RegexClient;
  private limits: readonly (number | undefined)[] = [];
  private inFlight = false;
  private active = false;
  private turn = 0;
  /** why the scan stopped, or null */
  stop: RegexStop | null = null;
  /** an error the Worker reported (the regex did not compile there) */
  error: string | null = null;
  /** bumps whenever results or the stop change */
  version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly logs: readonly EventLog[],
    readonly re: RegExp,
    private readonly options: RegexScanOptions,
  ) {
    this.cursors = logs.map((l) => l.start);
    this.results = logs.map(() => new Map());
    this.client = options.client ?? sharedClient();
  }

  /** Hears every change (results in, stopped). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How far log i is matched (events below this seq are known). */
  scannedEnd(i: number): number {
    const log = this.logs[i];
    return log ? Math.max(this.cursors[i] ?? 0, log.start) : 0;
  }

  /** Whether event `seq` of log i matched (only meaningful below scannedEnd(i)). */
  matches(i: number, seq: number): boolean {
    return (this.results[i]?.get(Math.floor(seq / BLOCK))?.[seq % BLOCK] ?? 0) === 1;
  }

  /** Events not matched yet, under these limits (Pause). */
  pending(limits: readonly (number | undefined)[] = this.limits): number {
    let n = 0;
    for (let i = 0; i < this.logs.length; i++) n += Math.max(0, this.endOf(i, limits) - this.scannedEnd(i));
    return n;
  }

  /** Fraction of the events up to the limits matched so far. */
  progress(limits: readonly (number | undefined)[] = this.limits): number {
    let total = 0;
    let left = 0;
    this.logs.forEach((log, i) => {
      const end = this.endOf(i, limits);
      total += Math.max(0, end - log.start);
      left += Math.max(0, end - this.scannedEnd(i));
    });
    return total === 0 ? 1 : 1 - left / total;
  }

  /** Scans on (in the background) up to `limits`; call again when logs grow or limits move. */
  run(limits: readonly (number | undefined)[]): void {
    this.limits = limits;
    this.active = true;
    this.next();
  }

  /** Nobody shows it now: no more chunks (a chunk in the Worker is cancelled); run() resumes. */
  pause(): void {
    this.active = false;
    this.client.cancelOwner(this);
  }

  private endOf(i: number, limits: readonly (number | undefined)[]): number {
    const log = this.logs[i];
    if (!log) return 0;
    const limit = limits[i];
    return limit === undefined ? log.end : Math.min(limit, log.end);
  }

  private tell(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private next(): void {
    if (this.inFlight || !this.active || this.stop || this.error) return;
    // The log furthest behind goes next (round robin among the ones with work).
    const k = this.logs.length;
    let pick = -1;
    for (let j = 0; j < k; j++) {
      const i = (this.turn + j) % k;
      if (this.endOf(i, this.limits) > this.scannedEnd(i)) {
        pick = i;
        break;
      }
    }
    if (pick < 0) return;
    this.turn = pick + 1;
    this.chunk(pick);
  }

  private chunk(i: number): void {
    const log = this.logs[i];
    if (!log) return;
    this.dropEvicted(i, log);
    const from = this.scannedEnd(i);
    const end = Math.min(this.endOf(i, this.limits), from + MAX_VISIT);
    const seqs: number[] = [];
    const texts: string[] = [];
    const extras: Array<string | null> = [];
    let anyExtra = false;
    let chars = 0;
    const { pre, extraOf } = this.options;
    let seq = from;
    for (; seq < end && texts.length < MAX_ITEMS && chars < MAX_CHARS; seq++) {
      if (pre && !pre(log, seq)) continue;
      const text = queryTextAt(log, seq);
      const extra = extraOf ? extraOf(log, seq) : null;
      if (text === null && extra === null) continue;
      seqs.push(seq);
      texts.push(text ?? '');
      extras.push(extra);
      if (extra !== null) anyExtra = true;
      chars += (text?.length ?? 0) + (extra?.length ?? 0);
    }
    const to = seq;
    if (texts.length === 0) {
      this.cursors[i] = to;
      this.tell();
      // Nothing to post: go on in a later task, so a long run of non-candidates never blocks.
      setTimeout(() => this.next(), 0);
      return;
    }
    this.inFlight = true;
    void this.client.run({ type: 'test', re: specOf(this.re), texts, extras: anyExtra ? extras : null, from: 0, exact: false }, this).then((out) => {
      this.inFlight = false;
      switch (out.type) {
        case 'test':
          if (log.start > to) {
            this.cursors[i] = Math.max(this.cursors[i] ?? 0, to);
          } else {
            for (let j = 0; j < seqs.length; j++) if (out.hits[j] === 1) this.mark(i, seqs[j] ?? 0);
            this.cursors[i] = to;
          }
          this.tell();
          this.next();
          return;
        case 'stuck':
          this.stop = { seq: seqs[out.index] ?? from, exact: out.exact, deadlineMs: this.client.deadlineMs, connection: this.logs.length > 1 ? this.options.nameOf?.(i) : undefined };
          this.tell();
          return;
        case 'error':
          this.error = out.error;
          this.tell();
          return;
        case 'ranges':
        case 'cancelled':
          // Paused (nobody shows it); run() picks up from the same place.
          return;
      }
    });
  }

  private mark(i: number, seq: number): void {
    const blocks = this.results[i];
    if (!blocks) return;
    const b = Math.floor(seq / BLOCK);
    let block = blocks.get(b);
    if (!block) {
      block = new Uint8Array(BLOCK);
      blocks.set(b, block);
    }
    block[seq % BLOCK] = 1;
  }

  private dropEvicted(i: number, log: EventLog): void {
    const blocks = this.results[i];
    if (!blocks) return;
    const first = Math.floor(log.start / BLOCK);
    for (const b of blocks.keys()) if (b < first) blocks.delete(b);
  }
}
