import type { ConnectionId } from '../ids';
import type { SockEvent } from '../events';
import { Kind } from '../events';
import { formatHex } from '../codecs';
import { looksLikeJson } from '../json-detect';
import { assertNever } from '../assert-never';
import { maskUrl } from '../secrets';
import type { KindFilter, TimelineFilter } from './types';
import { compileQuery, isFilterActive } from './query';
import { decodedSearchText, matchesFieldTerms, parseFieldQuery } from '../decode/field-query';
import type { FieldTerm } from '../decode/field-query';
import type { DecodedMessage } from '../decode/types';

/**
 * What the matcher reads of a capture: a connection's EventLog (src/core/event-log.ts)
 * is one. Kinds and text payloads straight from the columns; an event only when needed.
 */
export interface LogReader {
  readonly connectionId: ConnectionId;
  kindAt(seq: number): Kind | undefined;
  dataAt(seq: number): unknown;
  timeAt(seq: number): number | undefined;
  get(seq: number): SockEvent | undefined;
}

/**
 * What the filter knows of decoding (lib/decode): the decoded messages and
 * the heartbeat flag of an event, for connections a protocol lens reads.
 * Absent: no connection in view has a lens, and the filter is the raw one.
 */
export interface DecodeLookup {
  /** decoded messages of the event, or null */
  messagesAt(log: LogReader, seq: number): readonly DecodedMessage[] | null;
  isHeartbeat(log: LogReader, seq: number): boolean;
}

/**
 * Which events a filter keeps. Kind and direction come from the log's kind
 * column (no event is built for them); the payload type and the query need
 * the payload. What the query is matched against:
 * - text messages: the whole text;
 * - binary messages (ArrayBuffer): the hex of the first 4 KiB ("de ad be ef");
 *   a Blob has no synchronous bytes and matches no query;
 * - close: "<code> <reason>"; note: its text; connecting: the URL and
 *   subprotocols; open: subprotocol and extensions; error: "error".
 */

export type Predicate = (log: LogReader, seq: number) => boolean;

export type CompiledFilter = { ok: true; predicate: Predicate | null } | { ok: false; error: string };

export const BINARY_SEARCH_BYTES = 4096;

/** The filter's kind of an event kind. */
export function kindGroup(kind: Kind): KindFilter {
  switch (kind) {
    case Kind.Connecting:
    case Kind.Open:
      return 'open';
    case Kind.InText:
    case Kind.InBinary:
    case Kind.OutText:
    case Kind.OutBinary:
      return 'message';
    case Kind.Error:
      return 'error';
    case Kind.Close:
      return 'close';
    case Kind.Note:
      return 'note';
    default:
      return assertNever(kind, 'event kind');
  }
}

function binaryText(data: ArrayBuffer): string {
  return formatHex(new Uint8Array(data, 0, Math.min(data.byteLength, BINARY_SEARCH_BYTES)));
}

/** What the query is matched against for an event (see the module comment). */
export function searchableText(e: SockEvent): string {
  switch (e.type) {
    case 'message':
      if (e.format === 'text') return e.text;
      return e.data instanceof ArrayBuffer ? binaryText(e.data) : '';
    case 'close':
      return `${e.code} ${e.reason}`;
    case 'note':
      return e.text;
    case 'connecting':
      return `${maskUrl(e.url)} ${e.protocols.join(', ')}`;
    case 'open':
      return `${e.protocol} ${e.extensions}`;
    case 'error':
      return 'error';
    default:
      return assertNever(e, 'event');
  }
}

/**
 * What the query is matched against for event `seq`, read from the columns
 * where it can be (text messages build no event); null when nothing matches
 * it (a Blob, an evicted event).
 */
export function queryTextAt(log: LogReader, seq: number): string | null {
  const kind = log.kindAt(seq);
  if (kind === undefined) return null;
  if (kind === Kind.InText || kind === Kind.OutText) {
    const text = log.dataAt(seq);
    return typeof text === 'string' ? text : null;
  }
  if (kind === Kind.InBinary || kind === Kind.OutBinary) {
    const data = log.dataAt(seq);
    return data instanceof ArrayBuffer ? binaryText(data) : null;
  }
  const e = log.get(seq);
  return e ? searchableText(e) : null;
}

/**
 * A predicate for the filter, null when it keeps everything, or the query's
 * error. With `decode` (a lens reads a connection in view): heartbeats are
 * hidden unless the filter shows them, `field:value` terms match decoded
 * fields, and the text also matches the decoded summaries.
 */
export function compileFilter(filter: TimelineFilter, decode?: DecodeLookup): CompiledFilter {
  const fq = decode && !filter.regex ? parseFieldQuery(filter.query) : { terms: [] as FieldTerm[], rest: filter.query };
  const q = compileQuery(fq.rest, filter.regex, filter.caseSensitive);
  if (!q.ok) return q;
  const hideBeats = decode !== undefined && filter.heartbeats !== true;
  if (!isFilterActive(filter) && !hideBeats) return { ok: true, predicate: null };
  const raw = compileRaw(filter, q.re);
  if (!decode) return { ok: true, predicate: raw };
  const terms = fq.terms;
  const re = q.re;
  const caseSensitive = filter.caseSensitive;
  const kindsOnly = compileRaw({ ...filter, query: '' }, null) ?? (() => true);
  const predicate: Predicate = (log, seq) => {
    if (hideBeats && decode.isHeartbeat(log, seq)) return false;
    if (terms.length === 0 && !re) return raw ? raw(log, seq) : true;
    if (!kindsOnly(log, seq)) return false;
    const messages = decode.messagesAt(log, seq);
    if (terms.length > 0 && (!messages || !matchesFieldTerms(messages, terms, caseSensitive))) return false;
    if (!re) return true;
    if (raw && raw(log, seq)) return true;
    return messages !== null && messages.length > 0 && re.test(decodedSearchText(messages));
  };
  return { ok: true, predicate };
}

/** The filter on the raw frames: kinds, directions, payload types, and `re` on the payload; null when it keeps everything. */
function compileRaw(filter: TimelineFilter, re: RegExp | null): Predicate | null {
  if (!re && !isFilterActive({ ...filter, query: '' })) return null;
  // One lookup table by kind byte: is the kind (and direction) shown at all?
  const shown = new Uint8Array(16);
  for (const k of Object.values(Kind)) {
    let show = filter.kinds[kindGroup(k)];
    if (k === Kind.InText || k === Kind.InBinary) show &&= filter.directions.in;
    if (k === Kind.OutText || k === Kind.OutBinary) show &&= filter.directions.out;
    if (k === Kind.InBinary || k === Kind.OutBinary) show &&= filter.payloads.binary;
    if (k === Kind.InText || k === Kind.OutText) show &&= filter.payloads.text || filter.payloads.json;
    // Direction filters apply to messages only; lifecycle rows stay unless their kind is off.
    shown[k] = show ? 1 : 0;
  }
  const textSplit = filter.payloads.text !== filter.payloads.json;
  const wantJson = filter.payloads.json;
  const predicate: Predicate = (log, seq) => {
    const kind = log.kindAt(seq);
    if (kind === undefined || shown[kind] === 0) return false;
    const isText = kind === Kind.InText || kind === Kind.OutText;
    if (!re && !(textSplit && isText)) return true;
    if (isText) {
      // The hot path: read the text column directly, build no event.
      const text = log.dataAt(seq);
      if (typeof text !== 'string') return false;
      if (textSplit && looksLikeJson(text) !== wantJson) return false;
      return re ? re.test(text) : true;
    }
    if (kind === Kind.InBinary || kind === Kind.OutBinary) {
      const data = log.dataAt(seq);
      return re !== null && data instanceof ArrayBuffer && re.test(binaryText(data));
    }
    const e = log.get(seq);
    return e !== undefined && re !== null && re.test(searchableText(e));
  };
  return predicate;
}
