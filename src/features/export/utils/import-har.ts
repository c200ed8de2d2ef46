import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { parseBase64, utf8ByteLength } from '../../../lib/codecs';
import type { ConnectionConfig } from '../../../store/types';
import { arr, asObj, count, describeValue, fail, field, isObj, join, num, obj, oneOf, str } from './check';
import type { Obj } from './check';
import type { ImportedData, ImportedTimeline, ImportOptions } from './import-types';
import { readCounters } from './import-sockpit';
import { MAX_IMPORT_CONNECTIONS, MAX_IMPORT_EVENTS } from './schema';
import type { CountersRecord } from './schema';

/**
 * HAR 1.2 files from Chrome DevTools, Firefox DevTools and Sockpit itself.
 *
 * - A WebSocket entry is one with `_resourceType: "websocket"`, a
 *   `_webSocketMessages` array, a `101` response, or a ws:/wss: URL; other
 *   entries (pages, scripts, XHR) are skipped.
 * - Chrome writes each frame in `_webSocketMessages` as `{type: "send" |
 *   "receive", time, opcode, data}`: opcode 1 is text, 2 is binary with `data`
 *   in base64; other opcodes (close, ping, pong) are skipped and counted.
 * - `time` is in seconds: epoch seconds as Sockpit writes them; Chrome's
 *   values may be seconds on a monotonic clock instead (below 10^9), which are
 *   placed relative to the entry's `startedDateTime`.
 * - Firefox writes no frames in its HAR (its HAR builder has no WebSocket
 *   messages): its WebSocket entries import as timelines with no events, whose
 *   URL "Reconnect as live" can open. A `_webSocketMessages` array in a
 *   Firefox file is read like Chrome's.
 * - Sockpit adds `_sockpit` (name, subprotocols as typed, binary type, the
 *   exact counters and first seq) so its own HARs come back with the counters
 *   they were exported with.
 */

const MONOTONIC_BELOW = 1e9;

function isWebSocketEntry(e: Obj): boolean {
  if (field(e, '_resourceType') === 'websocket' || Array.isArray(field(e, '_webSocketMessages'))) return true;
  const response = field(e, 'response');
  if (isObj(response) && field(response, 'status') === 101) return true;
  const request = field(e, 'request');
  const url = isObj(request) ? field(request, 'url') : undefined;
  return typeof url === 'string' && /^wss?:/i.test(url);
}

/** The URL to connect to: DevTools may list the handshake with http(s). */
function socketUrl(url: string): string {
  return url.replace(/^http(s?):/i, (_m, s: string) => `ws${s.toLowerCase()}:`);
}

function headerValue(request: Obj, name: string, path: string): string | undefined {
  const headers = field(request, 'headers');
  if (headers === undefined) return undefined;
  const list = arr(request, 'headers', path, 10_000, 'headers');
  for (let i = 0; i < list.length; i++) {
    const h = asObj(list[i], join(join(path, 'headers'), i));
    const n = field(h, 'name');
    if (typeof n === 'string' && n.toLowerCase() === name) return str(h, 'value', join(join(path, 'headers'), i));
  }
  return undefined;
}

interface SockpitExtension {
  name: string;
  protocols: string;
  binaryType: 'arraybuffer' | 'blob';
  counters: CountersRecord;
  start: number;
}

function readExtension(entry: Obj, path: string): SockpitExtension | null {
  if (field(entry, '_sockpit') === undefined) return null;
  const x = obj(entry, '_sockpit', path);
  const p = join(path, '_sockpit');
  return {
    name: str(x, 'name', p),
    protocols: str(x, 'protocols', p),
    binaryType: oneOf(x, 'binaryType', p, ['arraybuffer', 'blob'] as const),
    counters: readCounters(x, p),
    start: count(x, 'start', p),
  };
}

async function readEntry(entry: Obj, path: string, opts: ImportOptions, budget: { events: number; skipped: number }): Promise<ImportedTimeline> {
  const request = obj(entry, 'request', path);
  const rp = join(path, 'request');
  const url = socketUrl(str(request, 'url', rp));
  const ext = readExtension(entry, path);
  const protocols = ext?.protocols ?? headerValue(request, 'sec-websocket-protocol', rp) ?? '';
  const startedRaw = field(entry, 'startedDateTime');
  const startedMs = typeof startedRaw === 'string' ? Date.parse(startedRaw) : NaN;

  const messages = field(entry, '_webSocketMessages') === undefined ? [] : arr(entry, '_webSocketMessages', path, MAX_IMPORT_EVENTS, 'messages');
  budget.events += messages.length;
  if (budget.events > MAX_IMPORT_EVENTS) fail(join(path, '_webSocketMessages'), `the file holds more than ${MAX_IMPORT_EVENTS.toLocaleString('en-US')} messages in all; at most that many can be imported`);

  const id = opts.newConnectionId();
  const log = new EventLog(id, opts.limits);
  if (ext) log.beginAt(ext.start);
  const mp = join(path, '_webSocketMessages');
  const slice = opts.sliceSize ?? 10_000;
  let offsetMs: number | null = null;
  let ins = 0;
  let outs = 0;
  for (let i = 0; i < messages.length; i++) {
    const p = join(mp, i);
    const m = asObj(messages[i], p);
    const type = oneOf(m, 'type', p, ['send', 'receive'] as const);
    const seconds = num(m, 'time', p);
    const opcode = count(m, 'opcode', p);
    const data = str(m, 'data', p);
    if (opcode !== 1 && opcode !== 2) {
      budget.skipped++;
      continue;
    }
    if (offsetMs === null) offsetMs = seconds < MONOTONIC_BELOW && Number.isFinite(startedMs) ? startedMs - seconds * 1000 : 0;
    // Microsecond rounding undoes the float error of seconds × 1000.
    const time = Math.round((offsetMs + seconds * 1000) * 1000) / 1000;
    const out = type === 'send';
    if (out) outs++;
    else ins++;
    if (opcode === 1) {
      log.append(out ? Kind.OutText : Kind.InText, time, utf8ByteLength(data), data);
    } else {
      const bytes = parseBase64(data);
      if (!bytes.ok) fail(join(p, 'data'), `opcode 2 (binary) needs base64 data: ${bytes.error}`);
      const buffer = bytes.bytes.buffer.slice(bytes.bytes.byteOffset, bytes.bytes.byteOffset + bytes.bytes.length);
      log.append(out ? Kind.OutBinary : Kind.InBinary, time, bytes.bytes.length, buffer);
    }
    if (opts.pause && (i + 1) % slice === 0) await opts.pause();
  }
  if (ext) {
    const cp = join(join(path, '_sockpit'), 'counters');
    if (ext.counters.inMessages < ins) fail(join(cp, 'inMessages'), `is ${ext.counters.inMessages} but the entry lists ${ins} received messages`);
    if (ext.counters.outMessages < outs) fail(join(cp, 'outMessages'), `is ${ext.counters.outMessages} but the entry lists ${outs} sent messages`);
    if (ext.counters.evictedEvents !== ext.start) fail(join(cp, 'evictedEvents'), `is ${ext.counters.evictedEvents} but "start" is ${ext.start}; they must be equal`);
    // HAR keeps messages only: the total is what this log holds, the rest as exported.
    const { total: _total, ...rest } = ext.counters;
    log.restoreCounters(rest);
  }
  const config: ConnectionConfig = { id, name: ext?.name ?? '', url, protocols, binaryType: ext?.binaryType ?? 'arraybuffer' };
  if (opts.readOnly) {
    config.source = 'import';
    config.importedFrom = opts.fileName;
  }
  return { originalId: id, config, log, events: messages.length };
}

export async function importHar(root: Obj, opts: ImportOptions): Promise<ImportedData> {
  const log = obj(root, 'log', '');
  const entries = arr(log, 'entries', 'log', 1_000_000, 'entries');
  const creator = field(log, 'creator');
  const creatorName = isObj(creator) && typeof field(creator, 'name') === 'string' ? String(field(creator, 'name')) : '';
  const creatorVersion = isObj(creator) && typeof field(creator, 'version') === 'string' ? String(field(creator, 'version')) : '';
  const budget = { events: 0, skipped: 0 };
  const timelines: ImportedTimeline[] = [];
  let other = 0;
  for (let i = 0; i < entries.length; i++) {
    const p = join('log.entries', i);
    const entry = asObj(entries[i], p);
    if (!isWebSocketEntry(entry)) {
      other++;
      continue;
    }
    if (timelines.length >= MAX_IMPORT_CONNECTIONS) fail('log.entries', `more than ${MAX_IMPORT_CONNECTIONS} WebSocket connections; at most that many can be imported`);
    timelines.push(await readEntry(entry, p, opts, budget));
  }
  if (timelines.length === 0) {
    fail('log.entries', `no WebSocket connection in this HAR (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, none a WebSocket handshake)`);
  }
  const warnings: string[] = [];
  if (budget.skipped > 0) warnings.push(`${budget.skipped} control frame(s) (close, ping, pong) skipped`);
  if (other > 0) warnings.push(`${other} HTTP ${other === 1 ? 'entry' : 'entries'} skipped`);
  const comment = field(log, 'comment');
  const by = creatorName ? ` from ${creatorName}${creatorVersion ? ` ${creatorVersion}` : ''}` : '';
  if (creator !== undefined && !isObj(creator)) fail('log.creator', `expected an object, got ${describeValue(creator)}`);
  return {
    kind: 'har',
    description: `HAR${by}`,
    scope: null,
    redacted: typeof comment === 'string' && comment.includes('REDACTED'),
    timelines,
    templates: [],
    scripts: [],
    settings: null,
    warnings,
  };
}
