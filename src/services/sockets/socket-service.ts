import type { ConnectionId } from '../../lib/ids';
import { DEFAULT_LIMITS, EventLog } from './event-log';
import type { RetentionLimits } from './event-log';
import type { BinaryType, NoteData, ReadyStateName } from './events';
import { Kind, READY_STATE_NAMES } from './events';
import type { HostCommand, HostReport, SessionSpec } from './protocol';
import { SocketHost } from './socket-host';

/**
 * The page's side of the socket service. The sockets themselves live in the
 * socket host (a dedicated Worker by default); this module owns each
 * connection's EventLog, appends the host's batches to it, and tells its
 * listeners which connections changed, at most once per animation frame.
 * Nothing here knows about React or the store.
 */

/** Facts about a socket that change over time, as of the latest report. */
export interface LiveFacts {
  readyState: ReadyStateName;
  bufferedAmount: number;
}

export type FrameListener = (changed: ReadonlyMap<ConnectionId, LiveFacts>) => void;

/** A live socket opened or closed (told as soon as the host reports it, not once per frame). */
export type SocketEventListener = (id: ConnectionId, event: 'open' | 'close') => void;

export type HostMode = 'worker' | 'main';

interface Transport {
  post(cmd: HostCommand, transfer?: Transferable[]): void;
}

const logs = new Map<ConnectionId, EventLog>();
const live = new Map<ConnectionId, LiveFacts>();
const changed = new Set<ConnectionId>();
const listeners = new Set<FrameListener>();
const socketListeners = new Set<SocketEventListener>();
let limits: RetentionLimits = DEFAULT_LIMITS;
let transport: Transport | null = null;
let mode: HostMode = 'worker';
let frame: number | null = null;

/** Chooses where sockets live; takes effect for the first connection made. */
export function setHostMode(next: HostMode): void {
  if (!transport) mode = next;
}

export function hostMode(): HostMode {
  return mode;
}

function createTransport(): Transport {
  if (mode === 'worker' && typeof Worker !== 'undefined') {
    const worker = new Worker(new URL('./socket.worker.ts', import.meta.url), { type: 'module', name: 'sockpit-sockets' });
    worker.addEventListener('message', (e: MessageEvent<HostReport>) => receive(e.data));
    return { post: (cmd, transfer) => worker.postMessage(cmd, { transfer: transfer ?? [] }) };
  }
  const host = new SocketHost((report) => receive(report));
  return { post: (cmd) => host.handle(cmd) };
}

function host(): Transport {
  transport ??= createTransport();
  return transport;
}

/** The capture log of a connection (created empty on first use). */
export function getLog(id: ConnectionId): EventLog {
  let log = logs.get(id);
  if (!log) {
    log = new EventLog(id, limits);
    logs.set(id, log);
  }
  return log;
}

export function getLiveFacts(id: ConnectionId): LiveFacts {
  return live.get(id) ?? { readyState: 'CLOSED', bufferedAmount: 0 };
}

export function setRetentionLimits(next: RetentionLimits): void {
  limits = next;
  for (const [id, log] of logs) {
    log.setLimits(next);
    changed.add(id);
  }
  scheduleFrame();
}

export function onFrame(listener: FrameListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hears every open and close of a live socket (auto-reconnect, repeats); imported logs never fire it. */
export function onSocketEvent(listener: SocketEventListener): () => void {
  socketListeners.add(listener);
  return () => socketListeners.delete(listener);
}

function tellSocketEvents(id: ConnectionId, n: number, kinds: ArrayLike<number>): void {
  for (let i = 0; i < n; i++) {
    const k = kinds[i];
    if (k !== Kind.Open && k !== Kind.Close) continue;
    for (const l of socketListeners) l(id, k === Kind.Open ? 'open' : 'close');
  }
}

export function connect(id: ConnectionId, url: string, protocols: string[], binaryType: BinaryType, session?: SessionSpec): void {
  getLog(id);
  live.set(id, { readyState: 'CONNECTING', bufferedAmount: 0 });
  changed.add(id);
  scheduleFrame();
  host().post({ op: 'connect', id, url, protocols, binaryType, ...(session ? { session } : {}) });
}

/** Sends text as is, or a copy of the given bytes (the caller keeps its buffer). */
export function send(id: ConnectionId, data: string | Uint8Array | Blob): void {
  if (typeof data === 'string' || data instanceof Blob) {
    host().post({ op: 'send', id, data });
    return;
  }
  const copy = data.slice().buffer;
  host().post({ op: 'send', id, data: copy }, [copy]);
}

export function close(id: ConnectionId, code: number | undefined, reason: string | undefined): void {
  host().post({ op: 'close', id, code, reason });
}

/**
 * Writes a note into a connection's timeline from the page (auto-reconnect
 * attempts, repeats starting and stopping): it takes the next seq and counts
 * like any event.
 */
export function appendNote(id: ConnectionId, level: NoteData['level'], text: string): void {
  getLog(id).append(Kind.Note, performance.timeOrigin + performance.now(), 0, { level, text } satisfies NoteData);
  changed.add(id);
  scheduleFrame();
}

/**
 * Registers a log built elsewhere (an imported file) as the capture of its
 * connection, replacing any log that id had. No socket belongs to it.
 */
export function adoptLog(log: EventLog): void {
  log.setLimits(limits);
  logs.set(log.connectionId, log);
  live.delete(log.connectionId);
  changed.add(log.connectionId);
  scheduleFrame();
}

/** The retention limits new logs get (imports build their logs with them). */
export function retentionLimits(): RetentionLimits {
  return limits;
}

/** Closes the socket (if any) and forgets the connection and its capture. */
export function dispose(id: ConnectionId): void {
  if (transport) transport.post({ op: 'dispose', id });
  logs.delete(id);
  live.delete(id);
  changed.delete(id);
}

function receive(report: HostReport): void {
  for (const b of report.batches) {
    const log = logs.get(b.id);
    if (!log) continue; // disposed while the report was in flight
    if (b.n > 0) log.appendColumns(b.n, b.kinds, b.times, b.sizes, b.data);
    live.set(b.id, { readyState: READY_STATE_NAMES[b.readyState] ?? 'CLOSED', bufferedAmount: b.bufferedAmount });
    changed.add(b.id);
  }
  scheduleFrame();
  if (socketListeners.size > 0) for (const b of report.batches) if (b.n > 0 && logs.has(b.id)) tellSocketEvents(b.id, b.n, b.kinds);
}

function scheduleFrame(): void {
  if (frame !== null || changed.size === 0) return;
  frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(flushFrame) : (setTimeout(flushFrame, 16) as unknown as number);
}

/** Tells listeners once which connections changed since the last frame. */
export function flushFrame(): void {
  frame = null;
  if (changed.size === 0) return;
  const batch = new Map<ConnectionId, LiveFacts>();
  for (const id of changed) batch.set(id, getLiveFacts(id));
  changed.clear();
  for (const l of listeners) l(batch);
}
