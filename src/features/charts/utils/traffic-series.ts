import type { EventLog } from '../../../services/sockets/event-log';
import { Kind } from '../../../services/sockets/events';
import { assertNever } from '../../../lib/assert-never';

/**
 * The traffic of one capture log as time series, built incrementally from
 * the log's columns (kind, time, size): `step(budget)` reads only events not
 * seen yet, so a chart over a long capture is computed once and then kept up
 * with a few numbers per new event. It keeps:
 *
 * - per time bucket (1 s to start with): messages and bytes received and
 *   sent. When a session outgrows MAX_BUCKETS the buckets merge pairwise and
 *   their width doubles, so memory stays bounded (2 s, 4 s, … buckets);
 * - lifecycle marks (open, close, error, and reconnect: a connecting after
 *   the first), at most MAX_MARKS;
 * - message sizes in power-of-two bins, each way;
 * - the longest silences between two received messages (at most MAX_GAPS),
 *   not counted across a close: a reconnect starts afresh.
 *
 * Events evicted before they were read are skipped (the series then starts
 * at the oldest retained event); once read, evictions change nothing.
 */

export const BASE_BUCKET_MS = 1000;
export const MAX_BUCKETS = 1 << 17;
export const MAX_MARKS = 10_000;
export const MAX_GAPS = 10;
/** bin 0: 0 B; bin k ≥ 1: [2^(k-1), 2^k) bytes; the last bin takes everything larger */
export const SIZE_BINS = 34;

export type MarkKind = 'open' | 'close' | 'error' | 'reconnect';

export interface Mark {
  seq: number;
  time: number;
  kind: MarkKind;
}

export interface Gap {
  /** the received message before the silence, and the one that ended it */
  fromSeq: number;
  toSeq: number;
  from: number;
  to: number;
  ms: number;
}

/** The bin of a message of `size` bytes. */
export function sizeBin(size: number): number {
  if (size <= 0) return 0;
  const bin = Math.floor(Math.log2(size)) + 1;
  return Math.min(SIZE_BINS - 1, bin);
}

/** The smallest size in a bin. */
export function binLow(bin: number): number {
  return bin === 0 ? 0 : 2 ** (bin - 1);
}

export class TrafficSeries {
  /** bucket width, ms */
  width = BASE_BUCKET_MS;
  /** bucket number (time / width) of slot 0; NaN before the first event */
  origin = Number.NaN;
  /** buckets in use */
  length = 0;
  inMsgs = new Float64Array(256);
  outMsgs = new Float64Array(256);
  inBytes = new Float64Array(256);
  outBytes = new Float64Array(256);
  readonly sizesIn = new Float64Array(SIZE_BINS);
  readonly sizesOut = new Float64Array(SIZE_BINS);
  readonly marks: Mark[] = [];
  /** longest first */
  readonly gaps: Gap[] = [];
  /** time of the first and last event read */
  firstTime = Number.NaN;
  lastTime = Number.NaN;
  /** bumps whenever something was added */
  version = 0;
  private cursor: number;
  private connects = 0;
  private lastInSeq = -1;
  private lastInTime = Number.NaN;

  constructor(readonly log: EventLog) {
    this.cursor = log.start;
  }

  /** Events not read yet. */
  pending(): number {
    return Math.max(0, this.log.end - Math.max(this.cursor, this.log.start));
  }

  /** Reads up to `budget` new events; true when caught up with the log. */
  step(budget: number): boolean {
    const log = this.log;
    const from = Math.max(this.cursor, log.start);
    const to = Math.min(log.end, from + budget);
    if (to <= from) {
      this.cursor = from;
      return true;
    }
    log.scanColumns(from, to, (kinds, times, sizes, i0, i1, seq0) => {
      for (let i = i0; i < i1; i++) this.add(kinds[i] as Kind, times[i] ?? 0, sizes[i] ?? 0, seq0 + (i - i0));
    });
    this.cursor = to;
    this.version++;
    return to >= log.end;
  }

  private add(kind: Kind, time: number, size: number, seq: number): void {
    if (Number.isNaN(this.firstTime)) this.firstTime = time;
    if (!(time <= this.lastTime)) this.lastTime = time;
    switch (kind) {
      case Kind.InText:
      case Kind.InBinary: {
        const b = this.bucket(time);
        this.inMsgs[b] = (this.inMsgs[b] ?? 0) + 1;
        this.inBytes[b] = (this.inBytes[b] ?? 0) + size;
        const bin = sizeBin(size);
        this.sizesIn[bin] = (this.sizesIn[bin] ?? 0) + 1;
        if (this.lastInSeq >= 0) this.noteGap(this.lastInSeq, this.lastInTime, seq, time);
        this.lastInSeq = seq;
        this.lastInTime = time;
        return;
      }
      case Kind.OutText:
      case Kind.OutBinary: {
        const b = this.bucket(time);
        this.outMsgs[b] = (this.outMsgs[b] ?? 0) + 1;
        this.outBytes[b] = (this.outBytes[b] ?? 0) + size;
        const bin = sizeBin(size);
        this.sizesOut[bin] = (this.sizesOut[bin] ?? 0) + 1;
        return;
      }
      case Kind.Connecting:
        this.bucket(time);
        this.connects++;
        if (this.connects > 1) this.mark(seq, time, 'reconnect');
        return;
      case Kind.Open:
        this.bucket(time);
        this.mark(seq, time, 'open');
        return;
      case Kind.Error:
        this.bucket(time);
        this.mark(seq, time, 'error');
        return;
      case Kind.Close:
        this.bucket(time);
        this.mark(seq, time, 'close');
        this.lastInSeq = -1;
        return;
      case Kind.Note:
        return;
      default:
        assertNever(kind, 'event kind');
    }
  }

  private mark(seq: number, time: number, kind: MarkKind): void {
    if (this.marks.length < MAX_MARKS) this.marks.push({ seq, time, kind });
  }

  private noteGap(fromSeq: number, from: number, toSeq: number, to: number): void {
    const ms = to - from;
    const gaps = this.gaps;
    if (gaps.length === MAX_GAPS && ms <= (gaps[gaps.length - 1]?.ms ?? 0)) return;
    let at = gaps.length;
    while (at > 0 && (gaps[at - 1]?.ms ?? 0) < ms) at--;
    gaps.splice(at, 0, { fromSeq, toSeq, from, to, ms });
    if (gaps.length > MAX_GAPS) gaps.pop();
  }

  /** The slot for `time`, growing (or coarsening) the buckets as needed. */
  private bucket(time: number): number {
    let n = Math.floor(time / this.width);
    if (Number.isNaN(this.origin)) {
      this.origin = n;
      this.length = 1;
      return 0;
    }
    // Clocks can step back by a hair between events: count it in the first bucket.
    if (n < this.origin) return 0;
    while (n - this.origin >= MAX_BUCKETS) {
      this.coarsen();
      n = Math.floor(time / this.width);
    }
    const slot = n - this.origin;
    if (slot >= this.length) {
      this.ensure(slot + 1);
      this.length = slot + 1;
    }
    return slot;
  }

  private ensure(capacity: number): void {
    if (capacity <= this.inMsgs.length) return;
    let size = this.inMsgs.length;
    while (size < capacity) size *= 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.inMsgs = grow(this.inMsgs);
    this.outMsgs = grow(this.outMsgs);
    this.inBytes = grow(this.inBytes);
    this.outBytes = grow(this.outBytes);
  }

  /** Doubles the bucket width, merging buckets two by two. */
  private coarsen(): void {
    const origin = Math.floor(this.origin / 2);
    // Slot i (bucket origin + i) goes to bucket floor((origin + i) / 2) - newOrigin.
    const merge = (a: Float64Array) => {
      const out = new Float64Array(a.length);
      for (let i = 0; i < this.length; i++) {
        const j = Math.floor((this.origin + i) / 2) - origin;
        out[j] = (out[j] ?? 0) + (a[i] ?? 0);
      }
      return out;
    };
    this.inMsgs = merge(this.inMsgs);
    this.outMsgs = merge(this.outMsgs);
    this.inBytes = merge(this.inBytes);
    this.outBytes = merge(this.outBytes);
    this.length = Math.floor((this.origin + this.length - 1) / 2) - origin + 1;
    this.origin = origin;
    this.width *= 2;
  }
}

/** One series per log, kept as long as the log lives. */
const registry = new WeakMap<EventLog, TrafficSeries>();

export function seriesOf(log: EventLog): TrafficSeries {
  let s = registry.get(log);
  if (!s) {
    s = new TrafficSeries(log);
    registry.set(log, s);
  }
  return s;
}
