import type { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import type { PairingRule } from '../../../store/types';
import { parsePath, readPath } from '../../../lib/json-path';
import type { PathSegment } from '../../../lib/json-path';
import type { Correlation, DecodedMessage } from '../../../lib/decode/types';
import { decodeRpcText } from '../../../lib/decode/lenses/jsonrpc/index';

/**
 * Decoded messages of a connection (its decode index), for pairing by the
 * correlation keys a protocol lens gives. `decodedEnd` bounds how far the
 * pairing may look.
 */
export interface CorrelationSource {
  messagesAt(seq: number): readonly DecodedMessage[] | null;
  decodedEnd(): number;
}

/**
 * Request/response pairing over one connection's log, built incrementally
 * like the search index: `step(budget)` looks at events not seen yet.
 *
 * A sent JSON text message whose key (the value at the rule's path: a string
 * or a number) is set opens a request; the next received message with the
 * same key is its reply, and the pair's round-trip time is the difference of
 * their timestamps. If a key is sent again before a reply, the newer request
 * wins. JSON-RPC 2.0 mode keys on `id` and only looks at messages with
 * "jsonrpc": "2.0"; requests must have a `method` (a notification, without
 * an id, opens nothing). In a batch (an array) each member pairs on its
 * own: its reply may come in a batch reply or by itself; a batch row shows
 * the round trip of its first pair.
 */

export interface PairLink {
  request: number;
  reply: number;
  /** reply time − request time, ms */
  rtt: number;
}

export interface RttStats {
  /** pairs matched in all */
  count: number;
  min: number;
  median: number;
  p95: number;
  /** how many of the latest pairs median and p95 are computed over */
  sample: number;
}

/** Messages larger than this are not parsed for pairing. */
export const MAX_PAIRING_CHARS = 1 << 20;
const MAX_PENDING = 100_000;
const RTT_WINDOW = 100_000;

/** The key of a message, or each member's key of a JSON-RPC batch (null or [] when none). */
type Extract = (text: string) => string | readonly string[] | null;

const keysOf = (k: string | readonly string[] | null): readonly string[] => (k === null ? [] : typeof k === 'string' ? [k] : k);

export type ExtractorResult = { ok: true; sent: Extract; received: Extract } | { ok: false; error: string };

function keyOf(v: unknown): string | null {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number' && Number.isFinite(v)) return `n${v}`;
  return null;
}

export function parseObject(text: string): Record<string, unknown> | null {
  if (text.length > MAX_PAIRING_CHARS) return null;
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  if (text.charCodeAt(i) !== 0x7b) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Key extractors for sent and received messages under a rule (null keys never pair). */
export function extractorsFor(rule: PairingRule): ExtractorResult {
  if (rule.mode === 'jsonrpc' || rule.mode === 'auto') {
    // The JSON-RPC lens reads the message; a received message with the id of a request pairs
    // whatever its kind (an echo server sends the request back).
    const keyOfMessage = (m: DecodedMessage | undefined, request: boolean): string | null => {
      const key = m && !m.error ? m.correlation?.key : undefined;
      if (!key || (request && m?.type !== 'request')) return null;
      return key.slice(key.indexOf(':') + 1);
    };
    const rpc = (text: string, request: boolean): string | readonly string[] | null => {
      if (text.length > MAX_PAIRING_CHARS || !text.includes('"jsonrpc"')) return null;
      const m = decodeRpcText(text, 'out');
      if (m.length === 0) return null;
      if (m.length === 1) return keyOfMessage(m[0], request);
      // A batch: each member's key (a member in error, or a notification, has none).
      const keys: string[] = [];
      for (const x of m) {
        const k = keyOfMessage(x, request);
        if (k !== null && !keys.includes(k)) keys.push(k);
      }
      return keys;
    };
    return { ok: true, sent: (t) => rpc(t, true), received: (t) => rpc(t, false) };
  }
  const parsed = parsePath(rule.path);
  if (!parsed.ok) return parsed;
  const segments: PathSegment[] = parsed.segments;
  // Cheap pre-check: the last field name must appear in the text, quoted.
  const lastName = [...segments].reverse().find((s): s is string => typeof s === 'string');
  const needle = lastName === undefined ? null : JSON.stringify(lastName);
  const byPath: Extract = (text) => {
    if (needle && !text.includes(needle)) return null;
    const o = parseObject(text);
    return o ? keyOf(readPath(o, segments)) : null;
  };
  return { ok: true, sent: byPath, received: byPath };
}

export class PairingIndex {
  private cursor: number;
  private lastStart: number;
  private readonly waiting = new Map<string, number>();
  private readonly links = new Map<number, PairLink>();
  /** every pair still retained, in the order their replies came */
  private readonly list: PairLink[] = [];
  private readonly rtts = new Float64Array(RTT_WINDOW);
  private matched = 0;
  private minRtt = Infinity;
  readonly error: string | null;
  private readonly extract: { sent: Extract; received: Extract } | null;
  /** bumps when pairs change */
  version = 0;

  constructor(
    readonly log: EventLog,
    readonly rule: PairingRule,
    /** under 'auto', when a protocol lens decodes the connection: pair by its correlation keys */
    readonly correlations: CorrelationSource | null = null,
  ) {
    this.cursor = log.start;
    this.lastStart = log.start;
    const ex = rule.mode === 'off' || (rule.mode === 'auto' && correlations) ? null : extractorsFor(rule);
    this.extract = ex?.ok ? ex : null;
    this.error = ex && !ex.ok ? ex.error : null;
  }

  get active(): boolean {
    return this.extract !== null || (this.rule.mode === 'auto' && this.correlations !== null);
  }

  /** How far this index may look: the log's end, or what the lens decoded so far. */
  private end(): number {
    return this.correlations && this.rule.mode === 'auto' ? Math.min(this.log.end, this.correlations.decodedEnd()) : this.log.end;
  }

  /** Events not looked at yet. */
  pending(): number {
    return this.active ? Math.max(0, this.end() - Math.max(this.cursor, this.log.start)) : 0;
  }

  /** Looks at up to `budget` new events; true when caught up. */
  step(budget: number): boolean {
    if (this.rule.mode === 'auto' && this.correlations) return this.stepCorrelations(budget, this.correlations);
    const ex = this.extract;
    const log = this.log;
    if (!ex) return true;
    if (log.start > this.lastStart) this.prune();
    let seq = Math.max(this.cursor, log.start);
    const stop = Math.min(log.end, seq + budget);
    let changed = false;
    for (; seq < stop; seq++) {
      const kind = log.kindAt(seq);
      if (kind !== Kind.OutText && kind !== Kind.InText) continue;
      const text = log.dataAt(seq);
      if (typeof text !== 'string') continue;
      if (kind === Kind.OutText) {
        for (const key of keysOf(ex.sent(text))) {
          this.waiting.delete(key);
          this.waiting.set(key, seq);
          if (this.waiting.size > MAX_PENDING) {
            const oldest = this.waiting.keys().next();
            if (!oldest.done) this.waiting.delete(oldest.value);
          }
        }
      } else {
        for (const key of keysOf(ex.received(text))) {
          const request = this.waiting.get(key);
          if (request === undefined) continue;
          this.waiting.delete(key);
          const rtt = (log.timeAt(seq) ?? 0) - (log.timeAt(request) ?? 0);
          const link: PairLink = { request, reply: seq, rtt };
          // A batch request or reply keeps its first pair (the one its row shows); every pair counts.
          if (!this.links.has(request)) this.links.set(request, link);
          if (!this.links.has(seq)) this.links.set(seq, link);
          this.list.push(link);
          this.rtts[this.matched % RTT_WINDOW] = rtt;
          this.matched++;
          if (rtt < this.minRtt) this.minRtt = rtt;
          changed = true;
        }
      }
    }
    this.cursor = seq;
    if (changed) this.version++;
    return seq >= log.end;
  }

  /**
   * Pairs by the lens's correlation keys: a request opens a pair, a reply
   * closes it, a partial reply (a stream item) pairs with it and leaves it
   * open (the first one gives the RTT).
   */
  private stepCorrelations(budget: number, source: CorrelationSource): boolean {
    const log = this.log;
    if (log.start > this.lastStart) this.prune();
    let seq = Math.max(this.cursor, log.start);
    const end = this.end();
    const stop = Math.min(end, seq + budget);
    let changed = false;
    for (; seq < stop; seq++) {
      const messages = source.messagesAt(seq);
      if (!messages) continue;
      for (const m of messages) {
        const c: Correlation | undefined = m.correlation;
        if (!c) continue;
        if (c.role === 'request') {
          this.waiting.delete(c.key);
          this.waiting.set(c.key, seq);
          if (this.waiting.size > MAX_PENDING) {
            const oldest = this.waiting.keys().next();
            if (!oldest.done) this.waiting.delete(oldest.value);
          }
          continue;
        }
        const request = this.waiting.get(c.key);
        if (request === undefined || request === seq) continue;
        if (c.role === 'reply') this.waiting.delete(c.key);
        if (this.links.has(request) && c.role === 'partial') continue;
        const rtt = (log.timeAt(seq) ?? 0) - (log.timeAt(request) ?? 0);
        const link: PairLink = { request, reply: seq, rtt };
        if (!this.links.has(request)) {
          this.links.set(request, link);
          this.list.push(link);
          this.rtts[this.matched % RTT_WINDOW] = rtt;
          this.matched++;
          if (rtt < this.minRtt) this.minRtt = rtt;
        }
        this.links.set(seq, this.links.get(request) ?? link);
        changed = true;
      }
    }
    this.cursor = seq;
    if (changed) this.version++;
    // Caught up with what is decoded; the rest comes as the decoder moves on.
    return seq >= end;
  }

  /** The pair event `seq` belongs to, as request or reply. */
  linkOf(seq: number): PairLink | undefined {
    return this.links.get(seq);
  }

  /** Every pair whose reply is still retained, in reply order (for the RTT charts). */
  pairs(): readonly PairLink[] {
    return this.list;
  }

  stats(): RttStats | null {
    if (this.matched === 0) return null;
    const sample = Math.min(this.matched, RTT_WINDOW);
    const sorted = this.rtts.slice(0, sample).sort();
    const mid = sample >> 1;
    const median = sample % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    const p95 = sorted[Math.max(0, Math.ceil(sample * 0.95) - 1)] ?? 0;
    return { count: this.matched, min: this.minRtt, median, p95, sample };
  }

  /** Forgets links and pending requests whose events were evicted. */
  private prune(): void {
    const start = this.log.start;
    this.lastStart = start;
    // Links are inserted in reply order: stop at the first one still retained.
    for (const [seq, link] of this.links) {
      if (link.reply >= start) break;
      this.links.delete(seq);
    }
    let drop = 0;
    while (drop < this.list.length && (this.list[drop]?.reply ?? 0) < start) drop++;
    if (drop > 0) this.list.splice(0, drop);
    for (const [key, seq] of this.waiting) {
      if (seq >= start) break;
      this.waiting.delete(key);
    }
  }
}
