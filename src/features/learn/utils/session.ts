import type { BinaryData, SockEvent } from '../../../services/sockets/events';
import { assertNever } from '../../../lib/assert-never';
import { Kind } from '../../../services/sockets/events';
import type { Kind as KindT } from '../../../services/sockets/events';

/** The part of an EventLog this module reads (so tests can pass a real log or a stub). */
export interface LogView {
  readonly start: number;
  readonly end: number;
  kindAt(seq: number): KindT | undefined;
  get(seq: number): SockEvent | undefined;
}

/** What the user sent, as the log holds it. */
export type SentPayload = { kind: 'text'; text: string } | { kind: 'binary'; data: BinaryData };

export interface SessionSend {
  seq: number;
  /** ms after the open event */
  at: number;
  payload: SentPayload;
}

/**
 * One socket's life, from its `connecting` event: the facts the code panel
 * and the lifecycle diagram need. `seq`s point at timeline rows.
 */
export interface Session {
  /** seq of the `connecting` event, or null if it was evicted (then url/protocols are unknown) */
  connectingSeq: number | null;
  connectingTime: number | null;
  url: string | null;
  protocols: string[];
  openSeq: number | null;
  openTime: number | null;
  errorSeq: number | null;
  closeSeq: number | null;
  close: { code: number; reason: string; wasClean: boolean } | null;
  sends: SessionSend[];
  /** sockets opened before this one on the same connection (as far as the log still shows) */
  earlierSessions: number;
  /** events of this session the capture limit already dropped */
  evicted: boolean;
}

/**
 * The latest session of a connection's log: scans back to the last
 * `connecting` event, then forward over its events reading only the kinds
 * that matter (a flood of received messages costs one byte read each).
 */
export function latestSession(log: LogView): Session {
  let connectingSeq: number | null = null;
  let earlierSessions = 0;
  for (let seq = log.end - 1; seq >= log.start; seq--) {
    if (log.kindAt(seq) !== Kind.Connecting) continue;
    if (connectingSeq === null) connectingSeq = seq;
    else earlierSessions++;
  }
  const session: Session = {
    connectingSeq,
    connectingTime: null,
    url: null,
    protocols: [],
    openSeq: null,
    openTime: null,
    errorSeq: null,
    closeSeq: null,
    close: null,
    sends: [],
    earlierSessions,
    evicted: connectingSeq === null && log.end > log.start,
  };
  const from = connectingSeq ?? log.start;
  for (let seq = from; seq < log.end; seq++) {
    const kind = log.kindAt(seq);
    if (kind === Kind.InText || kind === Kind.InBinary || kind === Kind.Note) continue;
    const e = log.get(seq);
    if (!e) continue;
    switch (e.type) {
      case 'connecting':
        session.connectingTime = e.time;
        session.url = e.url;
        session.protocols = e.protocols;
        break;
      case 'open':
        session.openSeq = seq;
        session.openTime = e.time;
        break;
      case 'error':
        session.errorSeq ??= seq;
        break;
      case 'close':
        session.closeSeq ??= seq;
        session.close ??= { code: e.code, reason: e.reason, wasClean: e.wasClean };
        break;
      case 'message':
        if (e.direction === 'out') {
          const at = session.openTime === null ? 0 : Math.max(0, e.time - session.openTime);
          const payload: SentPayload = e.format === 'text' ? { kind: 'text', text: e.text } : { kind: 'binary', data: e.data };
          session.sends.push({ seq, at, payload });
        }
        break;
      case 'note':
        break;
      default:
        assertNever(e, 'event');
    }
  }
  return session;
}
