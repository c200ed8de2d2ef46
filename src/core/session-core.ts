import type { ConnectionId } from '../lib/ids';
import { newConnectionId } from '../lib/ids';
import { checkWebSocketUrl } from '../lib/ws-url';
import { checkSubprotocolList, parseSubprotocols } from '../lib/subprotocols';
import { detectLens, lensInfo, loadLens } from '../lib/decode/registry';
import type { DecodeAs, LensId, SessionOptions } from '../lib/decode/types';
import { isScriptDecodeAs } from '../lib/decode/types';
import { DEFAULT_LIMITS, EventLog } from './event-log';
import type { RetentionLimits } from './event-log';
import type { BinaryType, NoteData, ReadyStateName, SockEvent } from './events';
import { Kind, READY_STATE_NAMES } from './events';
import type { HostCommand, HostReport, SessionSpec } from './protocol';
import { unpackTexts } from './text-pack';
import { SocketHost } from './socket-host';
import { realClock } from './clock';
import { WaitError } from './types';
import type { AppendListener, Clock, OpenConfig, OpenResult, SessionCore, WaitOptions, WebSocketCtor } from './types';

/** Facts about a socket that change over time, as of the latest report. */
export interface LiveFacts {
  readyState: ReadyStateName;
  bufferedAmount: number;
}

/** The wire to a socket host: commands go out by `post`, reports come back to the `receive` it was made with. */
export interface HostTransport {
  post(cmd: HostCommand, transfer?: Transferable[]): void;
}

export type TransportFactory = (receive: (report: HostReport) => void) => HostTransport;

/** What the core takes from where it runs (docs/architecture.md, "The session core"). */
export interface CoreEnv {
  /** time and timers for waits (and for the inline host); default: the real clock */
  clock?: Clock;
  /** the WebSocket constructor of the inline host; default: the global one */
  WebSocket?: WebSocketCtor;
  /**
   * Where the sockets live: a transport to a socket host, made on the first
   * connect (the page's Worker). Default: a SocketHost inline, over
   * `WebSocket` and `clock`.
   */
  transport?: TransportFactory;
  /** relative URLs resolve against this (the page's document.baseURI); '' or absent: none, a relative URL is an error */
  baseUrl?: string | (() => string);
  /** retention limits of new logs; default DEFAULT_LIMITS */
  limits?: RetentionLimits;
}

/** What HostedCore.open takes: an OpenConfig whose subprotocols may also be the field's text ("chat, v2"), split and trimmed as the field is. */
export type HostOpenConfig = Omit<OpenConfig, 'protocols'> & { protocols?: string | readonly string[] };

/** The core as its hosts use it: the contract plus what the page's store needs (imports, notes, live facts, retention). */
export interface HostedCore extends SessionCore {
  open(config: HostOpenConfig): OpenResult;
  send(id: ConnectionId, data: string | Uint8Array | Blob): void;
  /** the log of a connection, created empty on first use */
  ensureLog(id: ConnectionId): EventLog;
  facts(id: ConnectionId): LiveFacts;
  /** a note in a connection's timeline from outside the socket host (auto-reconnect, repeats) */
  note(id: ConnectionId, level: NoteData['level'], text: string): void;
  /** registers a log built elsewhere (an imported file) as its connection's capture; no socket belongs to it, no onAppend is told */
  adopt(log: EventLog): void;
  /** whether a socket was opened for this connection (false for an imported log) */
  isLive(id: ConnectionId): boolean;
  setLimits(limits: RetentionLimits): void;
  limits(): RetentionLimits;
  /** any change of a connection: events, live facts, notes, an adopted log, new limits */
  onChange(listener: (id: ConnectionId) => void): () => void;
  /** connections the core has a log for */
  ids(): ConnectionId[];
  /** opens with a URL and subprotocols already checked and resolved, no lens loading (bench pages); open() is the checked path */
  connectChecked(id: ConnectionId, url: string, protocols: string[], binaryType: BinaryType, session?: SessionSpec): void;
}

export type OpenCheck =
  | { ok: true; url: string; protocols: string[]; notes: string[] }
  | { ok: false; errors: { url?: string; protocols?: string } };

/**
 * The URL and subprotocols checked exactly as `new WebSocket` would (and as the
 * connection bar does): `protocols` is the field's text or a list. `baseUrl`
 * is what a relative URL resolves against ('' for none, as under Node).
 */
export function checkOpen(url: string, protocols: string | readonly string[] | undefined, baseUrl: string): OpenCheck {
  const u = checkWebSocketUrl(url, baseUrl);
  const p = protocols === undefined ? parseSubprotocols('') : typeof protocols === 'string' ? parseSubprotocols(protocols) : checkSubprotocolList(protocols);
  if (u.ok && p.ok) return { ok: true, url: u.url, protocols: p.protocols, notes: u.notes };
  const errors: { url?: string; protocols?: string } = {};
  if (!u.ok) errors.url = u.error;
  if (!p.ok) errors.protocols = p.error;
  return { ok: false, errors };
}

/**
 * The lens a socket is opened for: the one chosen in Decode as, or under Auto
 * the one its URL or subprotocols name (e.g. /socket.io/, "mqtt"); null for
 * Raw, or when only the frames will tell.
 */
export function lensForConnect(decodeAs: DecodeAs | undefined, url: string, protocols: readonly string[]): LensId | null {
  const as = decodeAs ?? 'auto';
  if (as === 'raw' || isScriptDecodeAs(as)) return null;
  if (as !== 'auto') return as;
  const found = detectLens({ url, offered: [...protocols], protocol: '', frames: [] });
  return found && found.score >= 2 ? found.id : null;
}

interface Waiter {
  id: ConnectionId;
  predicate: (event: SockEvent) => boolean;
  /** the next seq to look at */
  next: number;
  settle: (result: { event: SockEvent } | { error: unknown }) => void;
}

/**
 * A session core over a socket host: owns each connection's EventLog, appends
 * the host's reports to it, and tells onAppend listeners at once (per report,
 * never per animation frame). See types.ts for the contract.
 */
export function createSessionCore(env: CoreEnv = {}): HostedCore {
  const clock = env.clock ?? realClock;
  const logs = new Map<ConnectionId, EventLog>();
  const live = new Map<ConnectionId, LiveFacts>();
  const appendListeners = new Set<AppendListener>();
  const removedListeners = new Set<(id: ConnectionId) => void>();
  const changeListeners = new Set<(id: ConnectionId) => void>();
  const waiters = new Set<Waiter>();
  let limits = env.limits ?? DEFAULT_LIMITS;
  let transport: HostTransport | null = null;
  /** bumped by each open() of a connection, so a lens that loads after a newer open (or a remove) does not connect */
  const opens = new Map<ConnectionId, number>();

  const baseUrl = (): string => (typeof env.baseUrl === 'function' ? env.baseUrl() : (env.baseUrl ?? ''));

  function host(): HostTransport {
    if (!transport) {
      if (env.transport) transport = env.transport(receive);
      else {
        const inline = new SocketHost((report) => receive(report), { ...(env.WebSocket ? { WebSocket: env.WebSocket } : {}), clock });
        transport = { post: (cmd) => inline.handle(cmd) };
      }
    }
    return transport;
  }

  function ensureLog(id: ConnectionId): EventLog {
    let log = logs.get(id);
    if (!log) {
      log = new EventLog(id, limits);
      logs.set(id, log);
    }
    return log;
  }

  function facts(id: ConnectionId): LiveFacts {
    return live.get(id) ?? { readyState: 'CLOSED', bufferedAmount: 0 };
  }

  function changed(id: ConnectionId): void {
    for (const l of changeListeners) l(id);
  }

  function appended(id: ConnectionId, from: number, to: number): void {
    if (to > from) for (const l of appendListeners) l(id, from, to);
    checkWaiters(id);
  }

  function receive(report: HostReport): void {
    for (const b of report.batches) {
      const log = logs.get(b.id);
      if (!log) continue; // removed while the report was in flight
      const from = log.end;
      if (b.packed) unpackTexts(b.kinds, b.data, b.packed);
      if (b.n > 0) log.appendColumns(b.n, b.kinds, b.times, b.sizes, b.data);
      live.set(b.id, { readyState: READY_STATE_NAMES[b.readyState] ?? 'CLOSED', bufferedAmount: b.bufferedAmount });
      changed(b.id);
      appended(b.id, from, log.end);
    }
  }

  function connect(id: ConnectionId, url: string, protocols: string[], binaryType: BinaryType, session?: SessionSpec): void {
    ensureLog(id);
    live.set(id, { readyState: 'CONNECTING', bufferedAmount: 0 });
    changed(id);
    host().post({ op: 'connect', id, url, protocols, binaryType, ...(session ? { session } : {}) });
  }

  function note(id: ConnectionId, level: NoteData['level'], text: string): void {
    const log = ensureLog(id);
    const from = log.end;
    log.append(Kind.Note, clock.now(), 0, { level, text } satisfies NoteData);
    changed(id);
    appended(id, from, log.end);
  }

  /**
   * Opens the socket once the lens (chosen, or named by the URL or
   * subprotocols) is loaded: it may rewrite the URL (Socket.IO's Engine.IO
   * path), offer its subprotocols when none were given (MQTT's "mqtt"), and
   * run the automatic session in the socket host unless it is manual.
   */
  function openSocket(id: ConnectionId, config: HostOpenConfig, url: string, protocols: string[]): void {
    const binaryType = config.binaryType ?? 'arraybuffer';
    const lensId = lensForConnect(config.decodeAs, url, protocols);
    const manual = config.sessionManual === true || config.decodeAs === 'raw';
    if (!lensId) {
      connect(id, url, protocols, binaryType, manual ? undefined : { lens: 'auto', options: {} });
      return;
    }
    const options: SessionOptions = config.sessionOptionsByLens?.[lensId] ?? config.sessionOptions ?? {};
    const attempt = opens.get(id);
    // The socket is on its way from the moment open() returns.
    ensureLog(id);
    live.set(id, { readyState: 'CONNECTING', bufferedAmount: 0 });
    changed(id);
    const current = () => opens.get(id) === attempt && logs.has(id);
    loadLens(lensId).then(
      (lens) => {
        if (!current()) return;
        let target = url;
        if (lens.resolveUrl) {
          const r = lens.resolveUrl(target, options);
          if (!r.ok) {
            live.set(id, { readyState: 'CLOSED', bufferedAmount: 0 });
            note(id, 'error', `not connected: ${lens.name}: ${r.error}`);
            return;
          }
          target = r.url;
        }
        const offered = protocols.length === 0 && lens.defaultProtocols ? [...lens.defaultProtocols] : protocols;
        connect(id, target, offered, binaryType, manual || !lens.session ? undefined : { lens: lensId, options });
      },
      () => {
        if (!current()) return;
        note(id, 'warn', `the ${lensInfo(lensId)?.name ?? lensId} lens could not be loaded; connecting without it`);
        connect(id, url, protocols, binaryType);
      },
    );
  }

  function open(config: HostOpenConfig): OpenResult {
    const checked = checkOpen(config.url, config.protocols, baseUrl());
    if (!checked.ok) return { ok: false, errors: checked.errors };
    const id = config.id ?? newConnectionId();
    opens.set(id, (opens.get(id) ?? 0) + 1);
    openSocket(id, config, checked.url, checked.protocols);
    return { ok: true, id };
  }

  function send(id: ConnectionId, data: string | Uint8Array | Blob): void {
    if (typeof data === 'string' || data instanceof Blob) {
      host().post({ op: 'send', id, data });
      return;
    }
    // The host gets a copy (transferred to a Worker): the caller keeps its buffer.
    const copy = data.slice().buffer;
    host().post({ op: 'send', id, data: copy }, [copy]);
  }

  function close(id: ConnectionId, code?: number, reason?: string): void {
    host().post({ op: 'close', id, code, reason });
  }

  function remove(id: ConnectionId): void {
    if (transport) transport.post({ op: 'dispose', id });
    logs.delete(id);
    live.delete(id);
    opens.delete(id);
    for (const w of [...waiters]) if (w.id === id) w.settle({ error: new WaitError('removed', `connection ${id} was removed`) });
    for (const l of removedListeners) l(id);
  }

  function adopt(log: EventLog): void {
    const id = log.connectionId;
    log.setLimits(limits);
    logs.set(id, log);
    live.delete(id);
    changed(id);
    checkWaiters(id);
  }

  /** Looks at the events a waiter has not seen yet: a match resolves, a close (or a socket that is gone) rejects. */
  function step(w: Waiter): void {
    const log = logs.get(w.id);
    if (!log) {
      w.settle({ error: new WaitError('removed', `connection ${w.id} was removed`) });
      return;
    }
    if (w.next < log.start) w.next = log.start;
    while (w.next < log.end) {
      const event = log.get(w.next++);
      if (!event) continue;
      let hit: boolean;
      try {
        hit = w.predicate(event);
      } catch (error) {
        w.settle({ error });
        return;
      }
      if (hit) {
        w.settle({ event });
        return;
      }
      if (event.type === 'close') {
        w.settle({ error: new WaitError('closed', `the connection closed with ${event.code}${event.reason ? ` ${event.reason}` : ''} before a match`, event) });
        return;
      }
    }
    // Nothing more will come: a socket that never opened (refused by the constructor, a lens's URL error) or an imported log.
    if (facts(w.id).readyState === 'CLOSED') w.settle({ error: new WaitError('closed', 'the connection is closed') });
  }

  function checkWaiters(id: ConnectionId): void {
    for (const w of [...waiters]) if (w.id === id) step(w);
  }

  function waitFor(id: ConnectionId, predicate: (event: SockEvent) => boolean, options: WaitOptions): Promise<SockEvent> {
    return new Promise<SockEvent>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(new WaitError('aborted', 'the wait was stopped'));
        return;
      }
      const log = logs.get(id);
      if (!log) {
        reject(new WaitError('removed', `no connection ${id}`));
        return;
      }
      let timer: unknown = null;
      const onAbort = () => w.settle({ error: new WaitError('aborted', 'the wait was stopped') });
      const w: Waiter = {
        id,
        predicate,
        next: options.fromSeq ?? log.end,
        settle: (result) => {
          if (!waiters.delete(w)) return;
          if (timer !== null) clock.clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if ('event' in result) resolve(result.event);
          else reject(result.error);
        },
      };
      waiters.add(w);
      step(w);
      if (!waiters.has(w)) return;
      timer = clock.setTimeout(() => {
        timer = null;
        w.settle({ error: new WaitError('timeout', `no match within ${options.timeoutMs} ms`) });
      }, options.timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    open,
    send,
    close,
    remove,
    log: (id) => logs.get(id),
    readyState: (id) => facts(id).readyState,
    onAppend(listener) {
      appendListeners.add(listener);
      return () => appendListeners.delete(listener);
    },
    onRemoved(listener) {
      removedListeners.add(listener);
      return () => removedListeners.delete(listener);
    },
    waitFor,
    ensureLog,
    facts,
    note,
    adopt,
    isLive: (id) => live.has(id),
    setLimits(next) {
      limits = next;
      for (const [id, log] of logs) {
        log.setLimits(next);
        changed(id);
      }
    },
    limits: () => limits,
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    ids: () => [...logs.keys()],
    connectChecked(id, url, protocols, binaryType, session) {
      opens.set(id, (opens.get(id) ?? 0) + 1);
      connect(id, url, protocols, binaryType, session);
    },
  };
}
