import type { ConnectionId } from '../../lib/ids';
import type { EventLog, RetentionLimits } from '../../core/event-log';
import type { BinaryType, NoteData } from '../../core/events';
import { Kind } from '../../core/events';
import type { HostReport, SessionSpec } from '../../core/protocol';
import { SocketHost } from '../../core/socket-host';
import { createSessionCore } from '../../core/session-core';
import type { HostTransport, HostedCore, LiveFacts } from '../../core/session-core';
import { realClock } from '../../core/clock';
import { deferPublish } from '../../lib/frame-cadence';

/**
 * The page's entry to the session core (src/core/, docs/architecture.md "The
 * session core"). The sockets live in the socket host, a dedicated Worker by
 * default; the page's core owns each connection's EventLog and appends the
 * host's reports to it. On top of the core this module tells its frame
 * listeners which connections changed, at most once per animation frame (the
 * store); onAppend and waitFor on `pageCore()` are told per report instead.
 * Nothing here knows about React or the store.
 */

export type { LiveFacts } from '../../core/session-core';

export type FrameListener = (changed: ReadonlyMap<ConnectionId, LiveFacts>) => void;

/** A live socket opened or closed (told as soon as the host reports it, not once per frame). */
export type SocketEventListener = (id: ConnectionId, event: 'open' | 'close') => void;

export type HostMode = 'worker' | 'main';

const changed = new Set<ConnectionId>();
const listeners = new Set<FrameListener>();
const socketListeners = new Set<SocketEventListener>();
let mode: HostMode = 'worker';
let transportMade = false;
let frame: number | null = null;
/** when listeners were last told, and how many events came since (lib/frame-cadence.ts) */
let lastPublish = -Infinity;
/** when flushFrame last ran (an input after it is the next frame's to paint alone) */
let lastFlush = -Infinity;
let appendedSince = 0;
/** payload bytes since the last publish, from the logs' exact counters (the last total seen per connection) */
let bytesSince = 0;
const bytesSeen = new Map<ConnectionId, number>();
/** when the user last pressed, clicked or typed (capture phase, before any handler) */
let inputAt = -Infinity;
if (typeof addEventListener === 'function') {
  const noteInput = (e: Event) => {
    inputAt = e.timeStamp;
  };
  for (const type of ['pointerdown', 'pointerup', 'click', 'keydown']) addEventListener(type, noteInput, { capture: true, passive: true });
}

/** Chooses where sockets live; takes effect for the first connection made. */
export function setHostMode(next: HostMode): void {
  if (!transportMade) mode = next;
}

export function hostMode(): HostMode {
  return mode;
}

function createTransport(receive: (report: HostReport) => void): HostTransport {
  transportMade = true;
  if (mode === 'worker' && typeof Worker !== 'undefined') {
    const worker = new Worker(new URL('./socket.worker.ts', import.meta.url), { type: 'module', name: 'sockpit-sockets' });
    worker.addEventListener('message', (e: MessageEvent<HostReport>) => receive(e.data));
    return { post: (cmd, transfer) => worker.postMessage(cmd, { transfer: transfer ?? [] }) };
  }
  const host = new SocketHost((report) => receive(report));
  return { post: (cmd) => host.handle(cmd) };
}

/** The page's session core: its sockets in the socket Worker (or inline), relative URLs against the page. */
const core: HostedCore = createSessionCore({
  clock: realClock,
  transport: createTransport,
  baseUrl: () => (typeof document === 'undefined' ? '' : document.baseURI),
});

core.onChange((id) => {
  changed.add(id);
  scheduleFrame();
});

core.onAppend((id, from, to) => {
  appendedSince += to - from;
  const counters = core.log(id)?.counters;
  if (counters) {
    const total = counters.inBytes + counters.outBytes;
    bytesSince += total - (bytesSeen.get(id) ?? 0);
    bytesSeen.set(id, total);
  }
  if (socketListeners.size === 0 || !core.isLive(id)) return;
  const log = core.log(id);
  if (!log) return;
  for (let seq = Math.max(from, log.start); seq < to; seq++) {
    const k = log.kindAt(seq);
    if (k !== Kind.Open && k !== Kind.Close) continue;
    for (const l of socketListeners) l(id, k === Kind.Open ? 'open' : 'close');
  }
});

core.onRemoved((id) => {
  changed.delete(id);
  bytesSeen.delete(id);
});

/** The page's session core, for the store's actions, the lessons and whoever waits for events. */
export function pageCore(): HostedCore {
  return core;
}

/**
 * The one connection-removed hook: every per-connection table (decode and
 * pairing indexes, trackers, close requests, timers, meters, the store's
 * slices) registers here and forgets the connection when it is removed, by
 * whoever removes it (the store, a flow, a lesson).
 */
export function onConnectionRemoved(listener: (id: ConnectionId) => void): () => void {
  return core.onRemoved(listener);
}

/** The capture log of a connection (created empty on first use). */
export function getLog(id: ConnectionId): EventLog {
  return core.ensureLog(id);
}

export function getLiveFacts(id: ConnectionId): LiveFacts {
  return core.facts(id);
}

export function setRetentionLimits(next: RetentionLimits): void {
  core.setLimits(next);
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

/**
 * Opens the socket of a connection with a URL and subprotocols already
 * checked and resolved (bench pages); the store opens through
 * `pageCore().open()`, which checks and loads the lens first.
 */
export function connect(id: ConnectionId, url: string, protocols: string[], binaryType: BinaryType, session?: SessionSpec): void {
  core.connectChecked(id, url, protocols, binaryType, session);
}

/** Sends text as is, or a copy of the given bytes (the caller keeps its buffer). */
export function send(id: ConnectionId, data: string | Uint8Array | Blob): void {
  core.send(id, data);
}

export function close(id: ConnectionId, code: number | undefined, reason: string | undefined): void {
  core.close(id, code, reason);
}

/**
 * Writes a note into a connection's timeline from the page (auto-reconnect
 * attempts, repeats starting and stopping): it takes the next seq and counts
 * like any event.
 */
export function appendNote(id: ConnectionId, level: NoteData['level'], text: string): void {
  core.note(id, level, text);
}

/**
 * Registers a log built elsewhere (an imported file) as the capture of its
 * connection, replacing any log that id had. No socket belongs to it.
 */
export function adoptLog(log: EventLog): void {
  core.adopt(log);
}

/** The retention limits new logs get (imports build their logs with them). */
export function retentionLimits(): RetentionLimits {
  return core.limits();
}

/** Closes the socket (if any) and forgets the connection and its capture; every onRemoved listener of the core forgets it too. */
export function dispose(id: ConnectionId): void {
  core.remove(id);
}

function scheduleFrame(): void {
  if (frame !== null || changed.size === 0) return;
  frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(flushFrame) : (setTimeout(flushFrame, 16) as unknown as number);
}

/** Tells listeners once which connections changed since the last frame (about 10 times a second during a flood). */
export function flushFrame(): void {
  frame = null;
  if (changed.size === 0) return;
  const now = typeof performance === 'undefined' ? Date.now() : performance.now();
  const input = inputAt > lastFlush;
  lastFlush = now;
  // A flood outruns the frame rate: draw about 10 times a second, and let an input's frame paint first (see lib/frame-cadence.ts).
  if (deferPublish(now - lastPublish, appendedSince, input, bytesSince)) {
    scheduleFrame();
    return;
  }
  lastPublish = now;
  appendedSince = 0;
  bytesSince = 0;
  const batch = new Map<ConnectionId, LiveFacts>();
  for (const id of changed) batch.set(id, core.facts(id));
  changed.clear();
  for (const l of listeners) l(batch);
}
