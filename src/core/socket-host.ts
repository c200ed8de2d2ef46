import type { ConnectionId } from '../lib/ids';
import { formatBytes, utf8ByteLength } from '../lib/codecs';
import { explainConstructorError } from '../lib/ws-url';
import { assertNever } from '../lib/assert-never';
import { Kind, READY_STATE_NAMES } from './events';
import type { Kind as KindT, NoteData } from './events';
import type { ConnectionBatch, HostCommand, HostReport, SessionSpec } from './protocol';
import { detectLens, loadLens } from '../lib/decode/registry';
import type { Frame, LensSession, SessionHost } from '../lib/decode/types';
import { REPORT_INTERVAL_MS } from './protocol';
import { packTexts } from './text-pack';
import type { Clock, WebSocketCtor } from './types';
import { realClock } from './clock';

export type ReportSink = (report: HostReport, transfer: Transferable[]) => void;

/**
 * What the host takes from where it runs. In a page or Worker every field may
 * be left out (the global WebSocket, the real clock, event timeStamps,
 * location.protocol); under Node pass `ws`'s WebSocket.
 */
export interface HostEnv {
  /** the WebSocket constructor; default: the global one, read at each connect */
  WebSocket?: WebSocketCtor;
  /** reports cross a thread (a Worker's postMessage): move a report's texts as one string (core/text-pack.ts) */
  packTexts?: boolean;
  /** time and timers: event times when an event has no timeStamp, report pacing, lens session timers */
  clock?: Clock;
  /**
   * When an event happened, in the clock's epoch ms. Default: the event's own
   * timeStamp against performance.timeOrigin when it has one (browsers: right
   * even when this thread is behind), else clock.now() (`ws` events have none).
   */
  eventTime?: (e: Event) => number;
  /** location.protocol of the page, to explain a refused connection; default: the global location's, or '' */
  pageProtocol?: string;
}

const CLOSED = 3;
const OPEN = 1;
/** A send at least this large gets a timeline note once bufferedAmount is back to 0. */
export const DRAIN_NOTE_BYTES = 1024 * 1024;
/** How often bufferedAmount is polled while data waits to go out. */
const DRAIN_POLL_MS = 50;

/** Per-connection pending columns, grown by doubling and reused between reports. */
class Pending {
  n = 0;
  kinds = new Uint8Array(256);
  times = new Float64Array(256);
  sizes = new Float64Array(256);
  data: unknown[] = [];

  push(kind: KindT, time: number, size: number, data: unknown): void {
    if (this.n === this.kinds.length) this.grow();
    const i = this.n++;
    this.kinds[i] = kind;
    this.times[i] = time;
    this.sizes[i] = size;
    this.data.push(data);
  }

  private grow(): void {
    const cap = this.kinds.length * 2;
    const kinds = new Uint8Array(cap);
    kinds.set(this.kinds);
    const times = new Float64Array(cap);
    times.set(this.times);
    const sizes = new Float64Array(cap);
    sizes.set(this.sizes);
    this.kinds = kinds;
    this.times = times;
    this.sizes = sizes;
  }
}

interface HostedSocket {
  ws: WebSocket | null;
  pending: Pending;
  /** something changed (events or readyState) since the last report */
  dirty: boolean;
  /** the bufferedAmount of the last report, so the return to 0 is reported once */
  reportedBuffered: number;
  /** bytes sent since bufferedAmount was last 0, when one of those sends was large */
  drain: { bytes: number; since: number; large: boolean } | null;
  /** the automatic protocol session of the current socket, once its lens is known and loaded */
  session: LensSession | null;
  /** what the session was asked to be, and frames it has not seen yet while its lens is chosen or loads */
  sessionSpec: SessionSpec | null;
  early: Frame[] | null;
  /** cancels the session's timers */
  timers: Set<() => void>;
}

/** Frames kept for a session whose lens is still loading; past this it starts without the oldest. */
const EARLY_FRAMES = 64;
/** Frames Auto looks at to choose a session (as the decode index does, lib/decode/decode-index.ts). */
const AUTO_FRAMES = 4;

function drainedNote(bytes: number, ms: number): string {
  const took = ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
  return `${formatBytes(bytes)} handed to the network in ${took} (bufferedAmount is 0)`;
}

function pageProtocol(): string {
  return typeof location === 'undefined' ? '' : location.protocol;
}

/**
 * Owns every WebSocket object (a Map from connection id to socket) and turns
 * their events into column batches reported at most once per
 * REPORT_INTERVAL_MS. Runs in a dedicated Worker (socket.worker.ts) so that
 * receiving never competes with rendering, or inline on the page.
 */
export class SocketHost {
  private readonly sockets = new Map<ConnectionId, HostedSocket>();
  private timer: unknown = null;
  private lastReport = -Infinity;
  private readonly clock: Clock;
  private readonly eventTime: (e: Event) => number;

  constructor(
    private readonly sink: ReportSink,
    private readonly env: HostEnv = {},
  ) {
    const clock = env.clock ?? realClock;
    this.clock = clock;
    this.eventTime =
      env.eventTime ??
      // The event's own timeStamp is when the browser created it, relative to
      // this global's time origin: stamping with it keeps times right even
      // when this thread is behind.
      ((e) => (typeof e.timeStamp === 'number' && e.timeStamp > 0 && clock === realClock ? performance.timeOrigin + e.timeStamp : clock.now()));
  }

  private readonly now = (): number => this.clock.now();

  handle(cmd: HostCommand): void {
    switch (cmd.op) {
      case 'connect':
        this.connect(cmd.id, cmd.url, cmd.protocols, cmd.binaryType, cmd.session);
        return;
      case 'send':
        this.send(cmd.id, cmd.data);
        return;
      case 'close':
        this.close(cmd.id, cmd.code, cmd.reason);
        return;
      case 'dispose':
        this.dispose(cmd.id);
        return;
      default:
        assertNever(cmd, 'host command');
    }
  }

  private entry(id: ConnectionId): HostedSocket {
    let s = this.sockets.get(id);
    if (!s) {
      s = { ws: null, pending: new Pending(), dirty: false, reportedBuffered: 0, drain: null, session: null, sessionSpec: null, early: null, timers: new Set() };
      this.sockets.set(id, s);
    }
    return s;
  }

  private record(s: HostedSocket, kind: KindT, time: number, size: number, data: unknown): void {
    s.pending.push(kind, time, size, data);
    s.dirty = true;
    this.schedule();
  }

  private note(s: HostedSocket, level: NoteData['level'], text: string): void {
    this.record(s, Kind.Note, this.now(), 0, { level, text } satisfies NoteData);
  }

  private connect(id: ConnectionId, url: string, protocols: string[], binaryType: 'arraybuffer' | 'blob', session: SessionSpec | undefined): void {
    const s = this.entry(id);
    this.endSession(s);
    s.sessionSpec = session ?? null;
    s.early = session ? [] : null;
    if (session && session.lens !== 'auto') void loadLens(session.lens).catch(() => {});
    if (s.ws && s.ws.readyState !== CLOSED) {
      this.detach(s.ws);
      s.ws.close(1000, 'Reconnecting');
      this.note(s, 'info', 'previous socket closed with 1000 to reconnect');
    }
    s.ws = null;
    s.drain = null;
    this.record(s, Kind.Connecting, this.now(), 0, { url, protocols });
    let ws: WebSocket;
    try {
      const Ctor = this.env.WebSocket ?? globalThis.WebSocket;
      ws = new Ctor(url, protocols);
    } catch (err) {
      this.note(s, 'error', `not connected: ${explainConstructorError(err, url, this.env.pageProtocol ?? pageProtocol())}`);
      return;
    }
    ws.binaryType = binaryType;
    s.ws = ws;
    ws.onopen = (e) => {
      this.record(s, Kind.Open, this.eventTime(e), 0, { protocol: ws.protocol, extensions: ws.extensions });
      if (s.sessionSpec) this.chooseSession(id, s, ws, url, protocols, null);
    };
    ws.onmessage = (e: MessageEvent<unknown>) => {
      const d = e.data;
      if (typeof d === 'string') {
        this.record(s, Kind.InText, this.eventTime(e), utf8ByteLength(d), d);
        if (s.session) s.session.receive({ direction: 'in', format: 'text', text: d });
        else if (s.early) this.early(id, s, ws, url, protocols, { direction: 'in', format: 'text', text: d });
      } else if (d instanceof ArrayBuffer) {
        this.record(s, Kind.InBinary, this.eventTime(e), d.byteLength, d);
        // The session reads a copy: the original is transferred to the page with the report.
        if (s.session) s.session.receive({ direction: 'in', format: 'binary', bytes: new Uint8Array(d.slice(0)) });
        else if (s.early) this.early(id, s, ws, url, protocols, { direction: 'in', format: 'binary', bytes: new Uint8Array(d.slice(0)) });
      } else if (d instanceof Blob) {
        this.record(s, Kind.InBinary, this.eventTime(e), d.size, d);
      }
    };
    ws.onerror = (e) => {
      this.record(s, Kind.Error, this.eventTime(e), 0, null);
    };
    ws.onclose = (e) => {
      this.endSession(s);
      this.record(s, Kind.Close, this.eventTime(e), 0, { code: e.code, reason: e.reason, wasClean: e.wasClean });
    };
  }

  /** A frame arrived before the session started: keep it, and let Auto look at it. */
  private early(id: ConnectionId, s: HostedSocket, ws: WebSocket, url: string, protocols: string[], frame: Frame): void {
    const early = s.early;
    if (!early) return;
    early.push(frame);
    if (early.length > EARLY_FRAMES) early.shift();
    if (s.sessionSpec?.lens !== 'auto') return;
    this.chooseSession(id, s, ws, url, protocols, early);
    // Nothing recognised in the first frames: no session, and no more copies of frames.
    if (s.sessionSpec?.lens === 'auto' && early.length >= AUTO_FRAMES) {
      s.sessionSpec = null;
      s.early = null;
    }
  }

  /**
   * Picks the session's lens (named, or detected from the URL and
   * subprotocol at open, or from the first frames), loads it, and starts
   * the session once the socket is still this one and open.
   */
  private chooseSession(id: ConnectionId, s: HostedSocket, ws: WebSocket, url: string, protocols: string[], frames: Frame[] | null): void {
    const spec = s.sessionSpec;
    if (!spec || s.session) return;
    let lensId = spec.lens === 'auto' ? null : spec.lens;
    if (!lensId) {
      const found = detectLens({ url, offered: protocols, protocol: ws.protocol, frames: frames ?? [] });
      // At open only the URL or the subprotocol are sure enough; a frame that looks like the protocol is too.
      if (!found || (frames === null && found.score < 2)) return;
      lensId = found.id;
    }
    s.sessionSpec = { ...spec, lens: lensId };
    loadLens(lensId).then(
      (lens) => {
        if (s.ws !== ws || ws.readyState !== OPEN || s.session) return;
        const early = s.early ?? [];
        s.early = null;
        if (!lens.session) return;
        const host: SessionHost = {
          send: (data) => {
            if (s.ws !== ws) return;
            this.send(id, typeof data === 'string' ? data : data.slice().buffer);
          },
          setTimer: (ms, fn) => {
            const t = this.clock.setTimeout(() => {
              s.timers.delete(cancel);
              if (s.ws === ws) fn();
            }, ms);
            const cancel = () => {
              this.clock.clearTimeout(t);
              s.timers.delete(cancel);
            };
            s.timers.add(cancel);
            return cancel;
          },
          now: this.now,
          // Notes say which protocol spoke, once (some lenses name themselves already).
          note: (level, text) => this.note(s, level, text.startsWith(`${lens.name}:`) ? text : `${lens.name}: ${text}`),
          url,
        };
        try {
          const session = lens.session(host, spec.options);
          s.session = session;
          session.open(ws.protocol);
          for (const f of early) session.receive(f);
        } catch (err) {
          s.session = null;
          this.note(s, 'error', `${lens.name} session stopped: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
      () => this.note(s, 'warn', `the ${lensId} session could not be loaded; it stays manual`),
    );
  }

  private endSession(s: HostedSocket): void {
    try {
      s.session?.close();
    } catch {
      // a session's close must not stop the socket's
    }
    s.session = null;
    s.early = null;
    for (const cancel of [...s.timers]) cancel();
  }

  private send(id: ConnectionId, data: string | ArrayBuffer | Blob): void {
    const s = this.entry(id);
    const ws = s.ws;
    if (!ws) {
      this.note(s, 'warn', 'not sent: not connected');
      return;
    }
    if (ws.readyState !== OPEN) {
      // A CONNECTING socket throws; a CLOSING or CLOSED one drops the data silently. Say so either way.
      this.note(s, 'warn', `not sent: connection is ${READY_STATE_NAMES[ws.readyState] ?? ws.readyState}`);
      return;
    }
    try {
      ws.send(data);
    } catch (err) {
      const e = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.note(s, 'error', `not sent: ${e}`);
      return;
    }
    const size = typeof data === 'string' ? utf8ByteLength(data) : data instanceof ArrayBuffer ? data.byteLength : data.size;
    if (s.session?.sent) {
      if (typeof data === 'string') s.session.sent({ direction: 'out', format: 'text', text: data });
      else if (data instanceof ArrayBuffer) s.session.sent({ direction: 'out', format: 'binary', bytes: new Uint8Array(data.slice(0)) });
    }
    const at = this.now();
    this.record(s, typeof data === 'string' ? Kind.OutText : Kind.OutBinary, at, size, data);
    const large = size >= DRAIN_NOTE_BYTES;
    if (s.drain) {
      s.drain.bytes += size;
      s.drain.large ||= large;
    } else s.drain = { bytes: size, since: at, large };
  }

  private close(id: ConnectionId, code: number | undefined, reason: string | undefined): void {
    const s = this.entry(id);
    if (!s.ws || s.ws.readyState === CLOSED) {
      this.note(s, 'warn', 'not closed: connection is already CLOSED');
      return;
    }
    try {
      s.ws.close(code, reason);
    } catch (err) {
      const e = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.note(s, 'error', `close rejected, the socket stays open: ${e}`);
      return;
    }
    s.dirty = true;
    this.schedule();
  }

  private dispose(id: ConnectionId): void {
    const s = this.sockets.get(id);
    if (!s) return;
    this.endSession(s);
    if (s.ws) {
      this.detach(s.ws);
      // Closing a socket still connecting makes it fail; with nobody left to hear it,
      // the `ws` package would throw that error (Node) rather than drop it.
      s.ws.onerror = () => {};
      if (s.ws.readyState !== CLOSED) s.ws.close(1000, 'Removed');
    }
    this.sockets.delete(id);
  }

  private detach(ws: WebSocket): void {
    ws.onopen = null;
    ws.onmessage = null;
    ws.onerror = null;
    ws.onclose = null;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastReport + REPORT_INTERVAL_MS - this.clock.now());
    this.timer = this.clock.setTimeout(this.flush, wait);
  }

  /** Sends everything pending in one report, and keeps polling bufferedAmount while data waits to go out. */
  readonly flush = (): void => {
    this.timer = null;
    this.lastReport = this.clock.now();
    const batches: ConnectionBatch[] = [];
    const transfer: Transferable[] = [];
    /** binary payloads already in `transfer` (a Set: a binary flood has thousands per report) */
    const moved = new Set<ArrayBuffer>();
    let buffering = false;
    for (const [id, s] of this.sockets) {
      const bufferedAmount = s.ws?.bufferedAmount ?? 0;
      const open = s.ws?.readyState === OPEN;
      // A CLOSED socket's bufferedAmount never goes down again: no point polling it.
      if (bufferedAmount > 0 && s.ws?.readyState !== CLOSED) buffering = true;
      else if (s.drain) {
        // Everything sent so far has left the page: say so for a large send (once per flush, not per message).
        if (s.drain.large && open && bufferedAmount === 0) {
          s.pending.push(Kind.Note, this.now(), 0, { level: 'info', text: drainedNote(s.drain.bytes, this.now() - s.drain.since) } satisfies NoteData);
          s.dirty = true;
        }
        s.drain = null;
      }
      // Report what changed, including bufferedAmount's return to 0; then stay quiet.
      if (!s.dirty && bufferedAmount === s.reportedBuffered) continue;
      s.reportedBuffered = bufferedAmount;
      const p = s.pending;
      const batch: ConnectionBatch = {
        id,
        n: p.n,
        kinds: p.kinds.slice(0, p.n),
        times: p.times.slice(0, p.n),
        sizes: p.sizes.slice(0, p.n),
        data: p.data,
        readyState: s.ws?.readyState ?? CLOSED,
        bufferedAmount,
      };
      if (this.env.packTexts) {
        const packed = packTexts(batch.kinds, p.data);
        if (packed) {
          batch.packed = packed;
          transfer.push(packed.ends.buffer);
        }
      }
      transfer.push(batch.kinds.buffer, batch.times.buffer, batch.sizes.buffer);
      for (const d of p.data) {
        if (!(d instanceof ArrayBuffer) || d.byteLength === 0 || moved.has(d)) continue;
        moved.add(d);
        transfer.push(d);
      }
      batches.push(batch);
      p.n = 0;
      p.data = [];
      s.dirty = false;
    }
    if (batches.length > 0) this.sink({ batches }, transfer);
    if (buffering && this.timer === null) this.timer = this.clock.setTimeout(this.flush, DRAIN_POLL_MS);
  };
}
