import type { ConnectionId } from '../lib/ids';
import type { CloseData, ConnectingData, Kind as KindT, NoteData, OpenData, SockEvent, BinaryData } from './events';
import { Kind } from './events';
import { assertNever } from '../lib/assert-never';

export interface RetentionLimits {
  /** Most events kept per connection; older ones are evicted. */
  maxEvents: number;
  /** Most payload bytes kept per connection; older events are evicted. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: RetentionLimits = { maxEvents: 1_000_000, maxBytes: 512 * 1024 * 1024 };

/** Exact traffic counters: they count everything ever appended, evicted or not. */
export interface LogCounters {
  inMessages: number;
  inBytes: number;
  outMessages: number;
  outBytes: number;
  /** Events appended in all (the next event's seq). */
  total: number;
  evictedEvents: number;
  evictedBytes: number;
}

const CHUNK_SIZE = 4096;

/** One fixed-size block of events, stored as columns. */
interface Chunk {
  /** seq of slot 0 */
  base: number;
  /** slots filled */
  length: number;
  kinds: Uint8Array;
  times: Float64Array;
  sizes: Float64Array;
  data: unknown[];
}

/** The times at which the socket opened, to show a row's time since open. */
interface OpenMark {
  seq: number;
  time: number;
}

/**
 * A connection's capture: an append-only log of events in fixed-size column
 * chunks. Appending is O(1) and copies nothing but the columns' numbers; past
 * the retention limits the oldest events are evicted (their slots cleared so
 * payloads can be collected, whole chunks dropped once empty). Counters stay
 * exact whatever is evicted.
 */
export class EventLog {
  private chunks: Chunk[] = [];
  /** seq of the oldest retained event */
  private first = 0;
  private retainedBytes = 0;
  private opens: OpenMark[] = [];
  /** open `hold()`s; eviction waits while any is open */
  private holds = 0;
  readonly counters: LogCounters = {
    inMessages: 0,
    inBytes: 0,
    outMessages: 0,
    outBytes: 0,
    total: 0,
    evictedEvents: 0,
    evictedBytes: 0,
  };

  constructor(
    readonly connectionId: ConnectionId,
    private limits: RetentionLimits = DEFAULT_LIMITS,
  ) {}

  /** seq of the oldest event still retained. */
  get start(): number {
    return this.first;
  }

  /** seq one past the newest event. */
  get end(): number {
    return this.counters.total;
  }

  get size(): number {
    return this.counters.total - this.first;
  }

  get bytesRetained(): number {
    return this.retainedBytes;
  }

  setLimits(limits: RetentionLimits): void {
    this.limits = limits;
    this.evict();
  }

  /**
   * For an imported log: makes an empty log start at `seq`, as if `seq`
   * events had come and gone, so imported events keep their original seq.
   * Call `restoreCounters` once the events are appended.
   */
  beginAt(seq: number): void {
    if (this.counters.total !== 0) throw new Error('beginAt needs an empty log');
    if (!Number.isSafeInteger(seq) || seq < 0) throw new Error(`beginAt: bad seq ${seq}`);
    this.first = seq;
    this.counters.total = seq;
  }

  /**
   * For an imported log: sets the traffic counters to those of the exported
   * log (messages and bytes each way, events evicted before the export).
   * `total` must already match (the events were appended from `beginAt`);
   * events this log evicted itself while importing (its own retention limits)
   * are added to the evicted counts.
   */
  restoreCounters(saved: Omit<LogCounters, 'total'> & { total?: number }): void {
    const c = this.counters;
    if (saved.total !== undefined && saved.total !== c.total) {
      throw new Error(`restoreCounters: total ${saved.total} does not match the ${c.total} events appended`);
    }
    c.inMessages = saved.inMessages;
    c.inBytes = saved.inBytes;
    c.outMessages = saved.outMessages;
    c.outBytes = saved.outBytes;
    c.evictedEvents += saved.evictedEvents;
    c.evictedBytes += saved.evictedBytes;
  }

  /**
   * Suspends eviction until the returned release function is called (for an
   * export reading the log across several tasks): the events it started with
   * stay readable. Releasing applies the limits at once.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.evict();
    };
  }

  append(kind: KindT, time: number, size: number, data: unknown): void {
    this.push(kind, time, size, data);
    this.evict();
  }

  /** Appends `n` events given as columns (the shape the socket host sends). */
  appendColumns(n: number, kinds: ArrayLike<number>, times: ArrayLike<number>, sizes: ArrayLike<number>, data: readonly unknown[]): void {
    for (let i = 0; i < n; i++) {
      this.push(kinds[i] as KindT, times[i] ?? 0, sizes[i] ?? 0, data[i]);
    }
    this.evict();
  }

  /** The event at `seq`, or undefined if it was evicted or not yet appended. */
  get(seq: number): SockEvent | undefined {
    const slot = this.locate(seq);
    if (!slot) return undefined;
    const { chunk, index } = slot;
    return this.materialize(seq, chunk.kinds[index] as KindT, chunk.times[index] ?? 0, chunk.sizes[index] ?? 0, chunk.data[index]);
  }

  /** Kind of the event at `seq` without building it (for cheap scans). */
  kindAt(seq: number): KindT | undefined {
    const slot = this.locate(seq);
    return slot ? (slot.chunk.kinds[slot.index] as KindT) : undefined;
  }

  /**
   * The payload column at `seq` without building the event (for scans over
   * many events): the text or binary data of a message, the detail object of
   * other kinds. Use `get(seq)` for a typed event.
   */
  dataAt(seq: number): unknown {
    const slot = this.locate(seq);
    return slot ? slot.chunk.data[slot.index] : undefined;
  }

  timeAt(seq: number): number | undefined {
    const slot = this.locate(seq);
    return slot ? slot.chunk.times[slot.index] : undefined;
  }

  /** Time of the most recent open at or before `seq`, if any. */
  openTimeBefore(seq: number): number | undefined {
    let lo = 0;
    let hi = this.opens.length - 1;
    let found: number | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const mark = this.opens[mid];
      if (!mark) break;
      if (mark.seq <= seq) {
        found = mark.time;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private locate(seq: number): { chunk: Chunk; index: number } | undefined {
    if (seq < this.first || seq >= this.counters.total) return undefined;
    const head = this.chunks[0];
    if (!head) return undefined;
    const chunk = this.chunks[Math.floor((seq - head.base) / CHUNK_SIZE)];
    if (!chunk) return undefined;
    return { chunk, index: seq - chunk.base };
  }

  private push(kind: KindT, time: number, size: number, data: unknown): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.length === CHUNK_SIZE) {
      chunk = {
        base: this.counters.total,
        length: 0,
        kinds: new Uint8Array(CHUNK_SIZE),
        times: new Float64Array(CHUNK_SIZE),
        sizes: new Float64Array(CHUNK_SIZE),
        data: new Array<unknown>(CHUNK_SIZE),
      };
      this.chunks.push(chunk);
    }
    const i = chunk.length;
    chunk.kinds[i] = kind;
    chunk.times[i] = time;
    chunk.sizes[i] = size;
    chunk.data[i] = data;
    chunk.length = i + 1;
    const c = this.counters;
    if (kind === Kind.InText || kind === Kind.InBinary) {
      c.inMessages++;
      c.inBytes += size;
    } else if (kind === Kind.OutText || kind === Kind.OutBinary) {
      c.outMessages++;
      c.outBytes += size;
    } else if (kind === Kind.Open) {
      this.opens.push({ seq: c.total, time });
    }
    this.retainedBytes += size;
    c.total++;
  }

  /** Drops the oldest events until both limits hold; the newest event always stays. */
  private evict(): void {
    if (this.holds > 0) return;
    const { maxEvents, maxBytes } = this.limits;
    const c = this.counters;
    while (c.total - this.first > 1 && (c.total - this.first > maxEvents || this.retainedBytes > maxBytes)) {
      const head = this.chunks[0];
      if (!head) return;
      const index = this.first - head.base;
      const size = head.sizes[index] ?? 0;
      head.data[index] = undefined;
      this.retainedBytes -= size;
      c.evictedEvents++;
      c.evictedBytes += size;
      this.first++;
      if (this.first - head.base === CHUNK_SIZE) this.chunks.shift();
    }
    while (this.opens.length > 1 && (this.opens[1]?.seq ?? Infinity) <= this.first) this.opens.shift();
  }

  private materialize(seq: number, kind: KindT, time: number, size: number, data: unknown): SockEvent {
    const base = { seq, time, connectionId: this.connectionId };
    switch (kind) {
      case Kind.Connecting:
        return { ...base, type: 'connecting', ...(data as ConnectingData) };
      case Kind.Open:
        return { ...base, type: 'open', ...(data as OpenData) };
      case Kind.InText:
      case Kind.OutText:
        return { ...base, type: 'message', direction: kind === Kind.InText ? 'in' : 'out', format: 'text', size, text: data as string };
      case Kind.InBinary:
      case Kind.OutBinary:
        return { ...base, type: 'message', direction: kind === Kind.InBinary ? 'in' : 'out', format: 'binary', size, data: data as BinaryData };
      case Kind.Error:
        return { ...base, type: 'error' };
      case Kind.Close:
        return { ...base, type: 'close', ...(data as CloseData) };
      case Kind.Note:
        return { ...base, type: 'note', ...(data as NoteData) };
      default:
        return assertNever(kind, 'event kind');
    }
  }
}
