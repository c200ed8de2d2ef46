import type { SockEvent } from '../../../core/events';
import type { LogCounters } from '../../../core/event-log';
import { formatBase64 } from '../../../lib/codecs';
import { assertNever } from '../../../lib/assert-never';
import type { Redactor } from '../../../lib/redact';
import type { ConnectionConfig } from '../../../store/types';
import type { CountersRecord, DecodedRecord, EventRecord } from './schema';
import type { DecodedMessage } from '../../../lib/decode/types';
import { credentialsOf } from '../../../lib/decode/secrets';

/** A frame's decoded messages (the connection's decode index), for the decoded summary in Sockpit JSON and NDJSON. */
export type DecodedLookup = (seq: number) => readonly DecodedMessage[] | null;

/** What an exporter reads: an EventLog, or anything shaped like one. */
export interface ReadableLog {
  readonly start: number;
  readonly end: number;
  readonly counters: LogCounters;
  get(seq: number): SockEvent | undefined;
  /** suspends eviction while the export reads (EventLog.hold) */
  hold?(): () => void;
}

export interface ExportConnection {
  config: ConnectionConfig;
  log: ReadableLog;
  decoded?: DecodedLookup | undefined;
}

/** The bytes of a binary payload: an ArrayBuffer as is, a Blob read. */
export async function payloadBytes(data: ArrayBuffer | Blob): Promise<Uint8Array> {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(await data.arrayBuffer());
}

/** True when the event needs an await to be written (a Blob payload). */
export function needsRead(e: SockEvent): boolean {
  return e.type === 'message' && e.format === 'binary' && !(e.data instanceof ArrayBuffer);
}

/**
 * The file record of an event. `bytes` is the payload of a binary message
 * (read beforehand for Blobs). URLs, subprotocols, notes and close reasons go
 * through the redactor; message payloads are written as they were, but for
 * the secret values of environments (lib/environments.ts), also redacted.
 */
export function eventRecord(e: SockEvent, r: Redactor, bytes?: Uint8Array, decoded?: readonly DecodedMessage[] | null): EventRecord {
  const base = { seq: e.seq, time: e.time };
  switch (e.type) {
    case 'connecting':
      return { ...base, type: 'connecting', url: r.url(e.url), protocols: r.protocols(e.protocols) };
    case 'open':
      return { ...base, type: 'open', protocol: e.protocol, extensions: e.extensions };
    case 'message': {
      // Credentials the lens found in this frame (a STOMP passcode, a token in an auth payload) are scrubbed like environment secrets.
      if (decoded && decoded.length > 0) r.secretValues(credentialsOf(decoded, e.direction));
      const d = decoded && decoded.length > 0 ? { decoded: decoded.map((m) => decodedRecord(m, r)) } : {};
      if (e.format === 'text') return { ...base, type: 'message', direction: e.direction, format: 'text', size: e.size, text: r.payload(e.text), ...d };
      return {
        ...base,
        type: 'message',
        direction: e.direction,
        format: 'binary',
        size: e.size,
        base64: formatBase64(bytes ?? (e.data instanceof ArrayBuffer ? new Uint8Array(e.data) : new Uint8Array(0))),
        ...d,
      };
    }
    case 'error':
      return { ...base, type: 'error' };
    case 'close':
      return { ...base, type: 'close', code: e.code, reason: r.text(e.reason), wasClean: e.wasClean };
    case 'note':
      return { ...base, type: 'note', level: e.level, text: r.text(e.text) };
    default:
      return assertNever(e, 'event');
  }
}

function decodedRecord(m: DecodedMessage, r: Redactor): DecodedRecord {
  return { protocol: m.protocol, type: m.type, summary: r.text(m.summary), ...(m.error ? { error: m.error } : {}) };
}

export function countersRecord(c: LogCounters): CountersRecord {
  return {
    inMessages: c.inMessages,
    inBytes: c.inBytes,
    outMessages: c.outMessages,
    outBytes: c.outBytes,
    total: c.total,
    evictedEvents: c.evictedEvents,
    evictedBytes: c.evictedBytes,
  };
}

/** A frozen view of one connection for the length of an export: bounds and counters as they were when it began. */
export interface Snapshot {
  config: ConnectionConfig;
  log: ReadableLog;
  decoded?: DecodedLookup | undefined;
  start: number;
  end: number;
  counters: CountersRecord;
  release: () => void;
}

/**
 * Takes the bounds and counters of every log at once and holds their
 * eviction, so the file is consistent even while traffic goes on: events
 * after the snapshot are left out, events in it stay readable.
 */
export function snapshot(connections: readonly ExportConnection[]): Snapshot[] {
  return connections.map(({ config, log, decoded }) => {
    const release = log.hold?.() ?? (() => undefined);
    // Taken in one go: the counters describe exactly the events before `end`.
    return { config, log, decoded, start: log.start, end: log.end, counters: countersRecord(log.counters), release };
  });
}

/**
 * The events of a snapshot as records, in slices of at most `sliceSize`, each
 * slice after an await so the page keeps drawing. Reads Blob payloads.
 */
export async function* recordSlices(snap: Snapshot, r: Redactor, sliceSize: number): AsyncGenerator<EventRecord[]> {
  for (let from = snap.start; from < snap.end; from += sliceSize) {
    const to = Math.min(snap.end, from + sliceSize);
    const out: EventRecord[] = [];
    for (let seq = from; seq < to; seq++) {
      const e = snap.log.get(seq);
      if (!e) continue;
      const decoded = e.type === 'message' ? snap.decoded?.(seq) : null;
      if (needsRead(e) && e.type === 'message' && e.format === 'binary') out.push(eventRecord(e, r, await payloadBytes(e.data), decoded));
      else out.push(eventRecord(e, r, undefined, decoded));
    }
    yield out;
  }
}
