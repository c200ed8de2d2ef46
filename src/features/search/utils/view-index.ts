import type { EventLog } from '../../../core/event-log';
import type { Predicate } from '../../../lib/filter/matcher';

/**
 * The rows a filtered and/or merged timeline shows: a list of (log, seq)
 * entries kept in growable typed arrays, built incrementally.
 *
 * - `step(budget)` scans at most `budget` events not yet scanned (new ones
 *   appended since the last call, or the rest of a first scan) and adds the
 *   matches. Callers run it in slices, yielding between them, so a query over
 *   a million events never blocks input for long.
 * - One log: entries stay in seq order. Several logs: entries are interleaved
 *   by time (ties by log order, then seq); events that arrive late with an
 *   earlier time than the newest entry are merged into the tail.
 * - Evicted events drop off: from the front for one log; for several, the
 *   entries are compacted when some log evicted.
 * - `limits[i]` (optional) caps how far log i is scanned: the view end frozen
 *   by Pause.
 */
export class ViewIndex {
  private src = new Uint8Array(1024);
  private seqs = new Float64Array(1024);
  private times = new Float64Array(1024);
  private head = 0;
  private length = 0;
  private readonly cursors: number[];
  private readonly starts: number[];
  /** bumps whenever entries change */
  version = 0;

  constructor(
    readonly logs: readonly EventLog[],
    private readonly predicate: Predicate | null,
  ) {
    this.cursors = logs.map((l) => l.start);
    this.starts = logs.map((l) => l.start);
  }

  /** Number of rows. */
  get count(): number {
    return this.length - this.head;
  }

  /** Events not scanned yet, given the scan limits. */
  pending(limits?: readonly (number | undefined)[]): number {
    let n = 0;
    this.logs.forEach((log, i) => {
      n += Math.max(0, this.endOf(i, limits) - Math.max(this.cursors[i] ?? 0, log.start));
    });
    return n;
  }

  /** Fraction of the retained events scanned so far, 0..1. */
  progress(limits?: readonly (number | undefined)[]): number {
    let total = 0;
    let left = 0;
    this.logs.forEach((log, i) => {
      const end = this.endOf(i, limits);
      total += Math.max(0, end - log.start);
      left += Math.max(0, end - Math.max(this.cursors[i] ?? 0, log.start));
    });
    return total === 0 ? 1 : 1 - left / total;
  }

  logIndexAt(index: number): number {
    return this.src[this.head + index] ?? 0;
  }

  seqAt(index: number): number {
    return this.seqs[this.head + index] ?? -1;
  }

  /** The row of event `seq` of log `logIndex`, or -1. */
  indexOf(logIndex: number, seq: number): number {
    if (this.logs.length === 1) {
      const at = this.lowerBound(this.seqs, seq);
      return at < this.length && this.seqs[at] === seq ? at - this.head : -1;
    }
    const time = this.logs[logIndex]?.timeAt(seq);
    if (time === undefined) return -1;
    let at = this.lowerBound(this.times, time);
    // Entries with equal times sit together; look through them.
    for (; at < this.length && (this.times[at] ?? Infinity) <= time; at++) {
      if (this.src[at] === logIndex && this.seqs[at] === seq) return at - this.head;
    }
    // Times within a log can step back by a hair: fall back to a scan.
    for (let i = this.head; i < this.length; i++) if (this.src[i] === logIndex && this.seqs[i] === seq) return i - this.head;
    return -1;
  }

  /** The first row at or after `seq` in log `logIndex` (one log only; else -1 when absent). */
  indexAtOrAfter(seq: number): number {
    return this.lowerBound(this.seqs, seq) - this.head;
  }

  /**
   * Scans up to `budget` new events; returns true when every log is scanned
   * to its end (or limit).
   */
  step(budget: number, limits?: readonly (number | undefined)[]): boolean {
    const evicted = this.dropEvicted();
    const k = this.logs.length;
    const found: Array<{ seqs: number[]; times: number[] }> = [];
    let left = budget;
    let done = true;
    for (let i = 0; i < k; i++) {
      const log = this.logs[i];
      const hits = { seqs: [] as number[], times: [] as number[] };
      found.push(hits);
      if (!log) continue;
      let seq = Math.max(this.cursors[i] ?? 0, log.start);
      const end = this.endOf(i, limits);
      // Share what is left of the budget with the logs still to come, so no log waits for another.
      const share = Math.max(1, Math.ceil(left / (k - i)));
      const stop = Math.min(end, seq + Math.min(share, left));
      const p = this.predicate;
      for (; seq < stop; seq++) {
        if (p && !p(log, seq)) continue;
        hits.seqs.push(seq);
        hits.times.push(log.timeAt(seq) ?? 0);
      }
      left -= Math.max(0, stop - Math.max(this.cursors[i] ?? 0, log.start));
      this.cursors[i] = seq;
      if (seq < end) done = false;
    }
    const added = found.reduce((n, h) => n + h.seqs.length, 0);
    if (added > 0) {
      if (k === 1) this.appendRun(0, found[0] ?? { seqs: [], times: [] });
      else this.mergeIn(found);
    }
    if (added > 0 || evicted) this.version++;
    return done;
  }

  private endOf(i: number, limits?: readonly (number | undefined)[]): number {
    const log = this.logs[i];
    if (!log) return 0;
    const limit = limits?.[i];
    return limit === undefined ? log.end : Math.min(limit, log.end);
  }

  private lowerBound(arr: Float64Array, value: number): number {
    let lo = this.head;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((arr[mid] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private ensure(capacity: number): void {
    if (this.head > 0 && this.head >= (this.length >> 1)) {
      // Reclaim the evicted front before growing.
      this.src.copyWithin(0, this.head, this.length);
      this.seqs.copyWithin(0, this.head, this.length);
      this.times.copyWithin(0, this.head, this.length);
      this.length -= this.head;
      this.head = 0;
    }
    if (capacity <= this.seqs.length) return;
    let size = this.seqs.length;
    while (size < capacity) size *= 2;
    const src = new Uint8Array(size);
    src.set(this.src.subarray(0, this.length));
    const seqs = new Float64Array(size);
    seqs.set(this.seqs.subarray(0, this.length));
    const times = new Float64Array(size);
    times.set(this.times.subarray(0, this.length));
    this.src = src;
    this.seqs = seqs;
    this.times = times;
  }

  private appendRun(logIndex: number, hits: { seqs: number[]; times: number[] }): void {
    this.ensure(this.length + hits.seqs.length);
    for (let j = 0; j < hits.seqs.length; j++) {
      this.src[this.length] = logIndex;
      this.seqs[this.length] = hits.seqs[j] ?? 0;
      this.times[this.length] = hits.times[j] ?? 0;
      this.length++;
    }
  }

  /** k-way merge of the new hits by time, then into the tail where they belong. */
  private mergeIn(found: Array<{ seqs: number[]; times: number[] }>): void {
    const total = found.reduce((n, h) => n + h.seqs.length, 0);
    const nSrc = new Uint8Array(total);
    const nSeq = new Float64Array(total);
    const nTime = new Float64Array(total);
    const pos = found.map(() => 0);
    for (let o = 0; o < total; o++) {
      let best = -1;
      let bestTime = Infinity;
      for (let i = 0; i < found.length; i++) {
        const h = found[i];
        const p = pos[i] ?? 0;
        if (!h || p >= h.seqs.length) continue;
        const t = h.times[p] ?? 0;
        if (t < bestTime) {
          best = i;
          bestTime = t;
        }
      }
      const p = pos[best] ?? 0;
      nSrc[o] = best;
      nSeq[o] = found[best]?.seqs[p] ?? 0;
      nTime[o] = bestTime;
      pos[best] = p + 1;
    }
    const first = nTime[0] ?? 0;
    // Where the new entries start to interleave with the existing ones.
    let at = this.length;
    if (this.length > this.head && (this.times[this.length - 1] ?? 0) > first) {
      let lo = this.head;
      let hi = this.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((this.times[mid] ?? 0) <= first) lo = mid + 1;
        else hi = mid;
      }
      at = lo;
    }
    const tailSrc = this.src.slice(at, this.length);
    const tailSeq = this.seqs.slice(at, this.length);
    const tailTime = this.times.slice(at, this.length);
    this.ensure(this.length + total);
    // ensure() may have moved the front: recompute the insertion point.
    const shift = this.length - tailSrc.length;
    let w = shift;
    let a = 0;
    let b = 0;
    while (a < tailSrc.length || b < total) {
      const takeOld = b >= total || (a < tailSrc.length && (tailTime[a] ?? 0) <= (nTime[b] ?? 0));
      if (takeOld) {
        this.src[w] = tailSrc[a] ?? 0;
        this.seqs[w] = tailSeq[a] ?? 0;
        this.times[w] = tailTime[a] ?? 0;
        a++;
      } else {
        this.src[w] = nSrc[b] ?? 0;
        this.seqs[w] = nSeq[b] ?? 0;
        this.times[w] = nTime[b] ?? 0;
        b++;
      }
      w++;
    }
    this.length = w;
  }

  /** Drops entries whose events were evicted; returns whether any were. */
  private dropEvicted(): boolean {
    let any = false;
    this.logs.forEach((log, i) => {
      if (log.start > (this.starts[i] ?? 0)) {
        this.starts[i] = log.start;
        any = true;
      }
    });
    if (!any || this.count === 0) return false;
    if (this.logs.length === 1) {
      const start = this.logs[0]?.start ?? 0;
      const before = this.head;
      while (this.head < this.length && (this.seqs[this.head] ?? 0) < start) this.head++;
      return this.head !== before;
    }
    let w = this.head;
    for (let r = this.head; r < this.length; r++) {
      const i = this.src[r] ?? 0;
      const seq = this.seqs[r] ?? 0;
      if (seq < (this.logs[i]?.start ?? 0)) continue;
      this.src[w] = i;
      this.seqs[w] = seq;
      this.times[w] = this.times[r] ?? 0;
      w++;
    }
    const removed = this.length - w;
    this.length = w;
    return removed > 0;
  }
}
