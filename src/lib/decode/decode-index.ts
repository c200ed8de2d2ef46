import { Kind } from '../event-kind';
import type { DecodeAs, DecodedMessage, DetectHint, Frame, Lens, LensId, SessionOptions } from './types';
import { isScriptDecodeAs } from './types';
import { detectLens, loadLens, loadedLens } from './registry';
import { credentialsOf } from './secrets';
import { addCapturedSecrets } from '../secret-values';

/**
 * What the index reads: a connection's capture, by seq (the EventLog has this
 * shape; the decode layer does not depend on it).
 */
export interface FrameSource {
  readonly start: number;
  readonly end: number;
  kindAt(seq: number): number | undefined;
  dataAt(seq: number): unknown;
}

/** Frames looked at before Auto gives up and shows the connection raw. */
export const DETECT_FRAMES = 4;
/** Decoded rows kept for redraws (the rest is decoded again when shown). */
const CACHE_SIZE = 2048;
const CHUNK = 4096;
/** Forks kept for requests, at most (handshakes and stateful frames always fork). */
const MAX_FORKS = 5_000;

const HAS = 1;
const HEARTBEAT = 2;
const ERROR = 4;

export interface DecodeStatus {
  /** the lens in use, or null for raw */
  lens: LensId | null;
  /** Auto is still looking at the first frames */
  detecting: boolean;
  /** how the lens was chosen */
  how: 'chosen' | 'detected' | 'none';
  /** the lens's code is being loaded */
  loading: boolean;
  /** the lens's options (a .proto) could not be used: why, and which option */
  optionsError?: { error: string; field?: string | undefined } | undefined;
  /** decoding as a user script (script-index.ts): its name, and why it cannot run (disabled, a syntax error) */
  script?: { name: string; error?: string; kind?: string } | undefined;
}

/** A frame as the lens sees it, from the log's columns (Blob frames: null). */
export function frameAt(source: FrameSource, seq: number): Frame | null {
  const kind = source.kindAt(seq);
  if (kind === Kind.InText || kind === Kind.OutText) {
    const text = source.dataAt(seq);
    return typeof text === 'string' ? { direction: kind === Kind.InText ? 'in' : 'out', format: 'text', text } : null;
  }
  if (kind === Kind.InBinary || kind === Kind.OutBinary) {
    const data = source.dataAt(seq);
    return data instanceof ArrayBuffer ? { direction: kind === Kind.InBinary ? 'in' : 'out', format: 'binary', bytes: new Uint8Array(data) } : null;
  }
  return null;
}

/** Credentials the frame carries join the page's masked values (lib/secret-values.ts). */
function noteCredentials(messages: readonly DecodedMessage[], direction: 'in' | 'out'): void {
  if (messages.length === 0) return;
  const found = credentialsOf(messages, direction);
  if (found.length > 0) addCapturedSecrets(found);
}

function safeDecode(lens: Lens, frame: Frame, state: unknown): { messages: DecodedMessage[]; stateful?: boolean } {
  try {
    return lens.decode(frame, state);
  } catch (err) {
    // A lens must not throw; if one does, the row says so and the raw frame stays.
    const why = err instanceof Error ? err.message : String(err);
    return { messages: [{ protocol: lens.name, type: 'error', summary: `could not decode: ${why}`, fields: [], error: why }] };
  }
}

/**
 * One connection's decoded view of its capture, built incrementally outside
 * React render: `step(budget)` decodes frames not seen yet, carrying the
 * lens's state across frames (reconnecting starts a new state). It keeps a
 * flag byte per event (decoded, heartbeat, error) for filters, the results
 * of frames whose decoding used earlier frames, and the session-level state
 * forks needed to decode any other frame again on its own when it is shown.
 */
export class DecodeIndex {
  private cursor: number;
  private lens: Lens | null = null;
  private lensId: LensId | null;
  private how: DecodeStatus['how'];
  private detecting: boolean;
  private loading = false;
  private state: unknown = null;
  private hint: { url: string; offered: string[]; protocol: string; frames: Frame[] } = { url: '', offered: [], protocol: '', frames: [] };
  /** seq after the connecting event of the current socket (decoding restarts here once Auto decides) */
  private sessionStart: number;
  private framesInSession = 0;
  private readonly flags = new Map<number, Uint8Array>();
  /** heartbeat frames among the retained events */
  private beats = 0;
  private readonly kept = new Map<number, DecodedMessage[]>();
  private readonly forks: Array<{ seq: number; state: unknown }> = [];
  private readonly cache = new Map<number, DecodedMessage[]>();
  /** bumps when decoded results change (a lens loaded, a frame decoded) */
  version = 0;

  private optionsError: DecodeStatus['optionsError'];

  constructor(
    readonly source: FrameSource,
    readonly decodeAs: DecodeAs,
    /** told when a lens finished loading, so the owner steps again */
    private readonly onReady: () => void = () => {},
    /** each lens's options (protobuf's .proto, MQTT's payload encoding), given to its `configure` when it is used */
    readonly options: Readonly<Partial<Record<LensId, SessionOptions>>> = {},
  ) {
    this.cursor = source.start;
    this.sessionStart = source.start;
    // A user script (`script:<id>`) is decoded by ScriptDecodeIndex (script-index.ts), never here.
    this.lensId = decodeAs === 'auto' || decodeAs === 'raw' || isScriptDecodeAs(decodeAs) ? null : decodeAs;
    this.how = this.lensId ? 'chosen' : 'none';
    this.detecting = decodeAs === 'auto';
    if (this.lensId) this.useLens(this.lensId);
  }

  status(): DecodeStatus {
    return { lens: this.lensId, detecting: this.detecting, how: this.how, loading: this.loading, ...(this.optionsError ? { optionsError: this.optionsError } : {}) };
  }

  /** The lens decoding now, bound to its options (the composer encodes with it). */
  activeLens(): Lens | null {
    return this.lens && this.lens.id === this.lensId ? this.lens : null;
  }

  /** Events not decoded yet. */
  pending(): number {
    if (this.decodeAs === 'raw') return 0;
    return Math.max(0, this.source.end - Math.max(this.cursor, this.source.start));
  }

  private useLens(id: LensId): boolean {
    const lens = this.configured(loadedLens(id));
    if (lens) {
      if (this.lens !== lens) {
        this.lens = lens;
        this.state = lens.createState();
        if (this.hint.protocol) lens.opened?.(this.state, this.hint.protocol);
      }
      return true;
    }
    if (!this.loading) {
      this.loading = true;
      loadLens(id).then(
        () => {
          this.loading = false;
          this.version++;
          this.onReady();
        },
        () => {
          // The chunk failed to load (offline, a deploy replaced it): show raw.
          this.loading = false;
          this.lensId = null;
          this.how = 'none';
          this.detecting = false;
          this.version++;
          this.onReady();
        },
      );
    }
    return false;
  }

  /** The lens bound to this index's options, when it takes options; the plain lens (and the error) when they do not work. */
  private configured(lens: Lens | undefined): Lens | undefined {
    if (!lens?.configure) return lens;
    if (this.lens && this.lens.id === lens.id) return this.lens;
    const r = lens.configure(this.options[lens.id] ?? {});
    this.optionsError = r.ok ? undefined : { error: r.error, field: r.field };
    return r.ok ? r.lens : lens;
  }

  /**
   * Decodes up to `budget` new events; true when caught up. False with
   * nothing done while a lens's code loads (onReady says when to go on).
   */
  step(budget: number): boolean {
    const src = this.source;
    if (this.decodeAs === 'raw') return true;
    this.prune();
    let seq = Math.max(this.cursor, src.start);
    const stop = Math.min(src.end, seq + budget);
    let changed = false;
    while (seq < stop) {
      const kind = src.kindAt(seq);
      if (kind === Kind.Connecting) {
        const d = src.dataAt(seq) as { url?: string; protocols?: string[] } | undefined;
        this.hint = { url: d?.url ?? '', offered: d?.protocols ?? [], protocol: '', frames: [] };
        this.sessionStart = seq + 1;
        this.framesInSession = 0;
        if (this.decodeAs === 'auto') {
          this.detecting = true;
          this.lensId = null;
          this.lens = null;
          this.how = 'none';
        } else if (this.lens) this.state = this.lens.createState();
        seq++;
        continue;
      }
      if (kind === Kind.Open) {
        const d = src.dataAt(seq) as { protocol?: string } | undefined;
        this.hint.protocol = d?.protocol ?? '';
        if (this.detecting) {
          const found = detectLens({ ...this.hint, frames: [] } satisfies DetectHint);
          if (found && found.score >= 2) this.decide(found.id);
        }
        if (this.lens && this.lens.id === this.lensId) this.lens.opened?.(this.state, this.hint.protocol);
        seq++;
        continue;
      }
      const frame = frameAt(src, seq);
      if (!frame) {
        seq++;
        continue;
      }
      if (this.detecting) {
        this.hint.frames.push(frame);
        const found = detectLens(this.hint);
        if (found) {
          this.decide(found.id);
          // Decode this session's frames from its start, now that the lens is known.
          seq = Math.max(this.sessionStart, src.start);
          changed = true;
          continue;
        }
        if (this.hint.frames.length >= DETECT_FRAMES) {
          this.detecting = false;
          changed = true;
        }
        seq++;
        continue;
      }
      if (!this.lensId) {
        seq++;
        continue;
      }
      if (!this.lens || this.lens.id !== this.lensId) {
        if (!this.useLens(this.lensId)) break;
      }
      const lens = this.lens;
      if (!lens) break;
      if (lens.lazy) {
        // Decoded when read (messagesAt): nothing to keep, no heartbeats to flag. A frame we sent is read now for credentials to mask.
        if (frame.direction === 'out') noteCredentials(safeDecode(lens, frame, this.state).messages, 'out');
        seq++;
        continue;
      }
      const result = safeDecode(lens, frame, this.state);
      noteCredentials(result.messages, frame.direction);
      this.framesInSession++;
      let f = 0;
      for (const m of result.messages) {
        f |= HAS;
        if (m.heartbeat) f |= HEARTBEAT;
        if (m.error) f |= ERROR;
      }
      if (f !== 0) this.setFlags(seq, f);
      if ((f & HEARTBEAT) !== 0) this.beats++;
      if (result.stateful) this.kept.set(seq, result.messages);
      // Session-level facts change on handshakes (the first frames), on frames that used state, and on requests (a GraphQL subscribe names the operation its replies belong to).
      const opens = this.forks.length < MAX_FORKS && result.messages.some((m) => m.correlation?.role === 'request');
      if (lens.fork && (result.stateful || this.framesInSession <= DETECT_FRAMES || opens)) this.forks.push({ seq, state: lens.fork(this.state) });
      changed = true;
      seq++;
    }
    this.cursor = seq;
    if (changed) this.version++;
    return seq >= src.end;
  }

  private decide(id: LensId): void {
    this.detecting = false;
    this.lensId = id;
    this.how = 'detected';
    this.lens = null;
    this.useLens(id);
  }

  private setFlags(seq: number, f: number): void {
    const n = Math.floor(seq / CHUNK);
    let chunk = this.flags.get(n);
    if (!chunk) {
      chunk = new Uint8Array(CHUNK);
      this.flags.set(n, chunk);
    }
    // Decoding a session's frames again after Auto decided: a frame counts once.
    if ((chunk[seq - n * CHUNK] ?? 0) & HEARTBEAT) this.beats--;
    chunk[seq - n * CHUNK] = f;
  }

  /** How many frames' results are kept because they were decoded with state from earlier frames (memory grows with this). */
  keptCount(): number {
    return this.kept.size;
  }

  /** Heartbeat frames among the retained, decoded events (what "Show heartbeats" would add). */
  heartbeatCount(): number {
    return this.beats;
  }

  private flagsAt(seq: number): number {
    const n = Math.floor(seq / CHUNK);
    return this.flags.get(n)?.[seq - n * CHUNK] ?? 0;
  }

  /** The frame at `seq` is decoded and is only keep-alive traffic. */
  isHeartbeat(seq: number): boolean {
    const f = this.flagsAt(seq);
    return (f & HEARTBEAT) !== 0;
  }

  hasError(seq: number): boolean {
    return (this.flagsAt(seq) & ERROR) !== 0;
  }

  /** One past the last event decoded (for Raw: the log's end). Views that filter on decoding scan no further. */
  decodedEnd(): number {
    return this.decodeAs === 'raw' ? this.source.end : Math.max(this.cursor, this.source.start);
  }

  /** Decoded already (or known raw): the index's cursor is past `seq`. */
  covers(seq: number): boolean {
    return seq < this.cursor;
  }

  /** The decoded messages of the frame at `seq`; null when it is raw or not decoded yet. */
  messagesAt(seq: number): DecodedMessage[] | null {
    if (seq >= this.cursor) return null;
    if ((this.flagsAt(seq) & HAS) === 0 && !this.lens?.lazy) return null;
    const kept = this.kept.get(seq);
    if (kept) return kept;
    const cached = this.cache.get(seq);
    if (cached) return cached;
    const lens = this.lens;
    const frame = frameAt(this.source, seq);
    if (!lens || !frame) return null;
    const result = safeDecode(lens, frame, this.forkFor(lens, seq));
    if (result.messages.length === 0) return null;
    noteCredentials(result.messages, frame.direction);
    this.cache.set(seq, result.messages);
    if (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    return result.messages;
  }

  private forkFor(lens: Lens, seq: number): unknown {
    let lo = 0;
    let hi = this.forks.length - 1;
    let found: unknown = undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = this.forks[mid];
      if (!f) break;
      if (f.seq < seq) {
        found = f.state;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found !== undefined && lens.fork ? lens.fork(found) : lens.createState();
  }

  /** Forgets what belongs to evicted events. */
  private prune(): void {
    const start = this.source.start;
    for (const [n, chunk] of this.flags) {
      if ((n + 1) * CHUNK > start) continue;
      for (const f of chunk) if (f & HEARTBEAT) this.beats--;
      this.flags.delete(n);
    }
    for (const seq of this.kept.keys()) {
      if (seq >= start) break;
      this.kept.delete(seq);
    }
    while (this.forks.length > 1 && (this.forks[1]?.seq ?? Infinity) <= start) this.forks.shift();
  }
}
