import type { BinaryData, SockEvent } from '../../../core/events';
import { Kind } from '../../../core/events';
import type { Kind as KindT } from '../../../core/events';
import { assertNever } from '../../../lib/assert-never';

/** The part of an EventLog this module reads (so tests can pass a real log or a stub). */
export interface LogView {
  readonly start: number;
  readonly end: number;
  kindAt(seq: number): KindT | undefined;
  get(seq: number): SockEvent | undefined;
}

/** What the user sent, as the log holds it; payloads over the code panel's limit keep only their size. */
export type SentPayload = { kind: 'text'; text: string } | { kind: 'binary'; data: BinaryData } | { kind: 'too-large'; format: 'text' | 'binary'; size: number };

export interface SessionSend {
  seq: number;
  /** ms after the open event */
  at: number;
  payload: SentPayload;
}

/**
 * One socket's life, from its `connecting` event: the facts the code panel,
 * the lifecycle diagram and the lessons need. `seq`s point at timeline rows.
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
  /** sends past MAX_SENDS, not kept */
  sendsDropped: number;
  /** the last few text messages received, newest last */
  recentTexts: string[];
  /** messages received in this session */
  received: { text: number; binary: number };
  /** sizes of the last few binary messages received, newest last */
  recentBinarySizes: number[];
  /** sockets opened before this one on the same connection (as far as the log still shows) */
  earlierSessions: number;
  /** events of this session the capture limit dropped before they were read */
  evicted: boolean;
}

/** Payloads larger than this are remembered by size only. */
export const MAX_KEPT_PAYLOAD = 1024 * 1024;
/** Sends kept per session for the code panel. */
export const MAX_SENDS = 1000;
const RECENT = 20;
const RECENT_TEXT_CHARS = 4096;

function emptySession(connectingSeq: number | null, earlierSessions: number, evicted: boolean): Session {
  return {
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
    sendsDropped: 0,
    recentTexts: [],
    received: { text: 0, binary: 0 },
    recentBinarySizes: [],
    earlierSessions,
    evicted,
  };
}

function pushRecent<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > RECENT) list.shift();
}

function sentPayload(e: SockEvent & { type: 'message' }): SentPayload {
  if (e.format === 'text') return e.text.length > MAX_KEPT_PAYLOAD ? { kind: 'too-large', format: 'text', size: e.text.length } : { kind: 'text', text: e.text };
  return e.size > MAX_KEPT_PAYLOAD ? { kind: 'too-large', format: 'binary', size: e.size } : { kind: 'binary', data: e.data };
}

/**
 * Follows a connection's log and keeps its latest session up to date,
 * reading each event once: `update` looks only at events appended since the
 * last call, and at the payload of none but the few kinds that matter (a
 * flood of received messages costs a byte read each, plus the text of the
 * newest few). A new `connecting` event starts a new session.
 */
export class SessionTracker {
  private next = 0;
  private session: Session = emptySession(null, 0, false);

  update(log: LogView): Session {
    if (log.end === this.next) return this.session;
    let from = this.next;
    // One copy per update (not per event), so a changed session is a new object.
    let s: Session = {
      ...this.session,
      sends: [...this.session.sends],
      received: { ...this.session.received },
      recentTexts: [...this.session.recentTexts],
      recentBinarySizes: [...this.session.recentBinarySizes],
    };
    if (from < log.start) {
      // Evicted before it was read: whatever it held is gone.
      s.evicted = true;
      from = log.start;
    }
    // Of the received texts only the newest few are read, at the end.
    let textSeqs: number[] = [];
    for (let seq = from; seq < log.end; seq++) {
      const kind = log.kindAt(seq);
      if (kind === undefined || kind === Kind.Note) continue;
      if (kind === Kind.InText) {
        s.received.text++;
        textSeqs.push(seq);
        if (textSeqs.length > RECENT * 4) textSeqs = textSeqs.slice(-RECENT);
        continue;
      }
      if (kind === Kind.Connecting) {
        s = emptySession(seq, s.connectingSeq === null ? 0 : s.earlierSessions + 1, false);
        textSeqs = [];
      }
      const e = log.get(seq);
      if (e) this.apply(s, seq, e);
    }
    for (const seq of textSeqs.slice(-RECENT)) {
      const e = log.get(seq);
      if (e?.type === 'message' && e.format === 'text') pushRecent(s.recentTexts, e.text.length > RECENT_TEXT_CHARS ? e.text.slice(0, RECENT_TEXT_CHARS) : e.text);
    }
    this.next = log.end;
    this.session = s;
    return s;
  }

  private apply(s: Session, seq: number, e: SockEvent): void {
    switch (e.type) {
      case 'connecting':
        s.connectingTime = e.time;
        s.url = e.url;
        s.protocols = e.protocols;
        return;
      case 'open':
        s.openSeq ??= seq;
        s.openTime ??= e.time;
        return;
      case 'error':
        s.errorSeq ??= seq;
        return;
      case 'close':
        s.closeSeq ??= seq;
        s.close ??= { code: e.code, reason: e.reason, wasClean: e.wasClean };
        return;
      case 'message':
        if (e.direction === 'in') {
          // Text is counted by the caller; this is binary.
          s.received.binary++;
          pushRecent(s.recentBinarySizes, e.size);
          return;
        }
        if (s.sends.length >= MAX_SENDS) {
          s.sendsDropped++;
          return;
        }
        s.sends.push({ seq, at: s.openTime === null ? 0 : Math.max(0, e.time - s.openTime), payload: sentPayload(e) });
        return;
      case 'note':
        return;
      default:
        assertNever(e, 'event');
    }
  }
}

/** The latest session of a log, read from scratch. */
export function latestSession(log: LogView): Session {
  return new SessionTracker().update(log);
}
