import { Kind } from '../event-kind';
import { errorMessage } from '../sandbox/check-decoded';
import type { CallResult, SandboxError } from '../sandbox/types';
import { DecodeIndex, frameAt } from './decode-index';
import type { DecodeStatus, FrameSource } from './decode-index';
import type { DecodedMessage, Frame, Lens, ScriptDecodeAs } from './types';
import { DecodePacer, realPaceClock } from './script-pace';
import type { PaceClock } from './script-pace';

/**
 * A connection decoded by a user script (a custom lens, docs/user-code.md).
 * Unlike a built-in lens, the script runs in the sandbox's Worker, so
 * decoding is asynchronous and runs **behind** capture: `pump()` sends the
 * next batch of frames and returns at once; capture and counters never wait
 * for it. Results come back in order and are kept here, so the timeline,
 * the inspector, `field:value` search and pairing read them as they read any
 * lens (`messagesAt`); a frame not decoded yet shows raw until it is.
 *
 * Memory is bounded: a flag byte per decoded event (as DecodeIndex) and the
 * messages of the newest MAX_KEPT frames that gave any; older ones are
 * dropped (their rows show raw, flags stay) and so is everything of events
 * the log evicted. Each socket session (from a Connecting event) decodes
 * with a fresh script state, under its own state key.
 *
 * Capture has priority: while a flood arrives the index waits between
 * batches so decoding takes a small share of the time (script-pace.ts), and
 * decodes batch after batch once capture is quiet.
 */

export interface ScriptDecoder {
  /** the script's name, shown as the messages' protocol */
  readonly name: string;
  /** the script loaded (or why it cannot run: disabled, a syntax error, no decode function) */
  ready(): Promise<CallResult<{ functions: string[] }>>;
  /** decode(frame, state) per frame, in order, with the state of `stateKey` */
  decode(stateKey: string, frames: Frame[]): Promise<Array<CallResult<DecodedMessage[]>>>;
  /** forget a state (its session ended, or this index was replaced) */
  reset(stateKey: string): void;
}

export interface ScriptProgress {
  /** events decoded (or skipped as not frames) since the log's start */
  decoded: number;
  /** events in the log */
  total: number;
}

/** Decoded messages kept at most (frames with messages), newest first to stay. */
export const MAX_KEPT = 50_000;
/** Frames per request to the Worker, and their payload bytes at most. */
const BATCH_FRAMES = 1_000;
const BATCH_BYTES = 1024 * 1024;
const CHUNK = 4096;
const HAS = 1;
const HEARTBEAT = 2;
const ERROR = 4;

let indexes = 0;

export class ScriptDecodeIndex extends DecodeIndex {
  /** events up to here were sent to the script */
  private sent: number;
  /** events up to here have their results */
  private done: number;
  private inFlight = false;
  /** waiting between two batches while capture is busy */
  private waiting = false;
  private readonly pacer: DecodePacer;
  private disposed = false;
  private readyChecked = false;
  private blocked: SandboxError | null = null;
  private readonly prefix: string;
  private session = 0;
  private readonly marks = new Map<number, Uint8Array>();
  private beatsCount = 0;
  private readonly results = new Map<number, DecodedMessage[]>();
  /**
   * The seqs in `results`, oldest first, from `head` on: the oldest found
   * without iterating the Map (its iterator walks past every deleted entry
   * up to the next rehash: 46 µs a frame at 50,000 kept, measured).
   */
  private order: number[] = [];
  private head = 0;

  constructor(
    source: FrameSource,
    decodeAs: ScriptDecodeAs,
    private readonly decoder: ScriptDecoder,
    private readonly told: () => void = () => {},
    private readonly clock: PaceClock = realPaceClock,
  ) {
    super(source, decodeAs);
    this.pacer = new DecodePacer(clock, source.end);
    this.sent = source.start;
    this.done = source.start;
    this.prefix = `i${++indexes}`;
  }

  private key(): string {
    return `${this.prefix}:${this.session}`;
  }

  override status(): DecodeStatus {
    return {
      lens: null,
      detecting: false,
      how: 'chosen',
      loading: !this.readyChecked,
      script: { name: this.decoder.name, ...(this.blocked ? { error: this.blocked.message, kind: this.blocked.kind } : {}) },
    };
  }

  /** How far decoding is: the timeline's progress (decoded / total). */
  progress(): ScriptProgress {
    const start = this.source.start;
    return { decoded: Math.max(this.done, start) - start, total: this.source.end - start };
  }

  override activeLens(): Lens | null {
    return null;
  }

  override pending(): number {
    if (this.blocked) return 0;
    return Math.max(0, this.source.end - Math.max(this.done, this.source.start));
  }

  /** Starts the next batch unless one is in flight; true when every event has its result. */
  override step(_budget: number): boolean {
    this.pump();
    return this.blocked !== null || this.done >= this.source.end;
  }

  /** Sends the next batch to the sandbox (if none is in flight); returns at once. */
  pump(): void {
    if (this.disposed || this.inFlight || this.waiting || this.blocked) return;
    if (!this.readyChecked) {
      this.inFlight = true;
      void this.decoder.ready().then((r) => {
        this.inFlight = false;
        this.readyChecked = true;
        if (!r.ok) this.blocked = r.error;
        else if (!r.value.functions.includes('decode')) this.blocked = { kind: 'missing', message: `the script "${this.decoder.name}" defines no decode(frame, state) function` };
        this.version++;
        this.told();
        this.pump();
      });
      return;
    }
    this.pruneScript();
    const began = this.clock.now();
    const src = this.source;
    let seq = Math.max(this.sent, src.start);
    const frames: Frame[] = [];
    const seqs: number[] = [];
    let bytes = 0;
    while (seq < src.end && frames.length < BATCH_FRAMES && bytes < BATCH_BYTES) {
      const kind = src.kindAt(seq);
      if (kind === Kind.Connecting) {
        // A new socket: its frames decode with a fresh state (after the frames before it come back).
        if (frames.length > 0) break;
        this.decoder.reset(this.key());
        this.session++;
        seq++;
        continue;
      }
      const frame = frameAt(src, seq);
      if (frame) {
        frames.push(frame);
        seqs.push(seq);
        bytes += frame.format === 'text' ? frame.text.length : frame.bytes.byteLength;
      }
      seq++;
    }
    this.sent = seq;
    if (frames.length === 0) {
      if (this.done !== seq) {
        this.done = seq;
        this.version++;
        this.told();
      }
      return;
    }
    this.inFlight = true;
    const key = this.key();
    const failed = (why: unknown): Array<CallResult<DecodedMessage[]>> =>
      frames.map(() => ({ ok: false, error: { kind: 'crashed', message: `the sandbox failed: ${why instanceof Error ? why.message : String(why)}` } }));
    void this.decoder.decode(key, frames).then(undefined, failed).then((results) => {
      this.inFlight = false;
      if (this.disposed) return;
      for (let i = 0; i < seqs.length; i++) {
        const at = seqs[i];
        const r = results[i];
        if (at === undefined || !r || at < this.source.start) continue;
        const messages = r.ok ? r.value : [errorMessage(this.decoder.name, r.error)];
        this.keep(at, messages);
      }
      this.done = seq;
      this.version++;
      this.told();
      const wait = this.pacer.waitAfter(this.clock.now() - began, this.source.end);
      if (wait <= 0) {
        this.pump();
        return;
      }
      this.waiting = true;
      this.clock.later(() => {
        this.waiting = false;
        this.pump();
      }, wait);
    });
  }

  private keep(seq: number, messages: DecodedMessage[]): void {
    let f = 0;
    for (const m of messages) {
      f |= HAS;
      if (m.heartbeat) f |= HEARTBEAT;
      if (m.error) f |= ERROR;
    }
    if (f === 0) return;
    const n = Math.floor(seq / CHUNK);
    let chunk = this.marks.get(n);
    if (!chunk) {
      chunk = new Uint8Array(CHUNK);
      this.marks.set(n, chunk);
    }
    if ((chunk[seq - n * CHUNK] ?? 0) & HEARTBEAT) this.beatsCount--;
    chunk[seq - n * CHUNK] = f;
    if (f & HEARTBEAT) this.beatsCount++;
    if (!this.results.has(seq)) this.order.push(seq);
    this.results.set(seq, messages);
    while (this.results.size > MAX_KEPT && this.head < this.order.length) this.results.delete(this.order[this.head++] ?? -1);
    this.compactOrder();
  }

  private flagOf(seq: number): number {
    const n = Math.floor(seq / CHUNK);
    return this.marks.get(n)?.[seq - n * CHUNK] ?? 0;
  }

  override heartbeatCount(): number {
    return this.beatsCount;
  }

  override isHeartbeat(seq: number): boolean {
    return (this.flagOf(seq) & HEARTBEAT) !== 0;
  }

  override hasError(seq: number): boolean {
    return (this.flagOf(seq) & ERROR) !== 0;
  }

  override decodedEnd(): number {
    return this.blocked ? this.source.end : Math.max(this.done, this.source.start);
  }

  override covers(seq: number): boolean {
    return this.blocked !== null || seq < this.done;
  }

  override messagesAt(seq: number): DecodedMessage[] | null {
    return this.results.get(seq) ?? null;
  }

  /** This index was replaced (Decode as or the script changed): stop, and free the script's state. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.decoder.reset(this.key());
  }

  private compactOrder(): void {
    if (this.head < 16_384) return;
    this.order = this.order.slice(this.head);
    this.head = 0;
  }

  private pruneScript(): void {
    const start = this.source.start;
    for (const [n, chunk] of this.marks) {
      if ((n + 1) * CHUNK > start) continue;
      for (const f of chunk) if (f & HEARTBEAT) this.beatsCount--;
      this.marks.delete(n);
    }
    while (this.head < this.order.length && (this.order[this.head] ?? start) < start) this.results.delete(this.order[this.head++] ?? -1);
    this.compactOrder();
  }
}
