import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { isLensId } from '../../../lib/decode/registry';
import { scriptDecodeAs, scriptIdOf } from '../../../lib/decode/types';
import type { NoteData } from '../../../core/events';
import { parseBase64, utf8ByteLength } from '../../../lib/codecs';
import { isTemplateFormat } from '../../../store/automate-slice';
import type { Template } from '../../../store/automate-slice';
import type { ConnectionId } from '../../../lib/ids';
import type { ConnectionConfig, Preferences, ReconnectPolicy } from '../../../store/types';
import { arr, asObj, bool, count, describeValue, fail, field, join, num, obj, oneOf, optStr, str } from './check';
import type { Obj } from './check';
import type { ImportedData, ImportedTimeline, ImportOptions } from './import-types';
import { MAX_IMPORT_CONNECTIONS, MAX_IMPORT_EVENTS, MAX_IMPORT_SCRIPTS, MAX_IMPORT_TEMPLATES, SOCKPIT_VERSION } from './schema';
import { isScriptId, MAX_SCRIPT_CHARS } from '../../../store/scripts-slice';
import { normalizeScriptLimits, SCRIPT_LIMIT_RANGES } from '../../../lib/script-limits';
import { CONFIRM_MIB_RANGE } from '../../../lib/confirm-send';
import { TIMELINE_COLUMNS } from '../../../store/types';
import type { TimelineColumn } from '../../../store/types';
import type { CountersRecord, ExportScope } from './schema';

const SCOPES: readonly ExportScope[] = ['connection', 'selection', 'workspace'];
const DIRECTIONS = ['in', 'out'] as const;
const LEVELS = ['info', 'warn', 'error'] as const;
const TYPES = ['connecting', 'open', 'message', 'error', 'close', 'note'] as const;

export function readCounters(o: Obj, path: string): CountersRecord {
  const c = obj(o, 'counters', path);
  const p = join(path, 'counters');
  return {
    inMessages: count(c, 'inMessages', p),
    inBytes: count(c, 'inBytes', p),
    outMessages: count(c, 'outMessages', p),
    outBytes: count(c, 'outBytes', p),
    total: count(c, 'total', p),
    evictedEvents: count(c, 'evictedEvents', p),
    evictedBytes: count(c, 'evictedBytes', p),
  };
}

function readReconnect(o: Obj, path: string): ReconnectPolicy | undefined {
  const v = field(o, 'autoReconnect');
  if (v === undefined) return undefined;
  const r = obj(o, 'autoReconnect', path);
  const p = join(path, 'autoReconnect');
  return { enabled: bool(r, 'enabled', p), baseMs: count(r, 'baseMs', p, 1), maxMs: count(r, 'maxMs', p, 1), maxAttempts: count(r, 'maxAttempts', p) };
}

/** Appends one event record to the log, checking every field. Returns the message direction for the counter check. */
function appendRecord(log: EventLog, rec: Obj, path: string, expectedSeq: number): 'in' | 'out' | null {
  const seq = count(rec, 'seq', path);
  if (seq !== expectedSeq) fail(join(path, 'seq'), `expected ${expectedSeq} (events are numbered one after another from "start"), got ${seq}`);
  const time = num(rec, 'time', path);
  const type = oneOf(rec, 'type', path, TYPES);
  switch (type) {
    case 'connecting': {
      const protocols = arr(rec, 'protocols', path, 1000, 'subprotocols').map((p, i) => {
        if (typeof p !== 'string') fail(join(join(path, 'protocols'), i), `expected a string, got ${describeValue(p)}`);
        return p;
      });
      log.append(Kind.Connecting, time, 0, { url: str(rec, 'url', path), protocols });
      return null;
    }
    case 'open':
      log.append(Kind.Open, time, 0, { protocol: str(rec, 'protocol', path), extensions: str(rec, 'extensions', path) });
      return null;
    case 'message': {
      const direction = oneOf(rec, 'direction', path, DIRECTIONS);
      const format = oneOf(rec, 'format', path, ['text', 'binary'] as const);
      const size = count(rec, 'size', path);
      if (format === 'text') {
        const text = str(rec, 'text', path);
        const bytes = utf8ByteLength(text);
        if (bytes !== size) fail(join(path, 'size'), `is ${size} but the text is ${bytes} UTF-8 bytes`);
        log.append(direction === 'in' ? Kind.InText : Kind.OutText, time, size, text);
      } else {
        const parsed = parseBase64(str(rec, 'base64', path));
        if (!parsed.ok) fail(join(path, 'base64'), parsed.error);
        if (parsed.bytes.length !== size) fail(join(path, 'size'), `is ${size} but the base64 holds ${parsed.bytes.length} bytes`);
        const buffer = parsed.bytes.buffer.slice(parsed.bytes.byteOffset, parsed.bytes.byteOffset + parsed.bytes.length);
        log.append(direction === 'in' ? Kind.InBinary : Kind.OutBinary, time, size, buffer);
      }
      return direction;
    }
    case 'error':
      log.append(Kind.Error, time, 0, null);
      return null;
    case 'close': {
      const code = count(rec, 'code', path);
      if (code > 65535) fail(join(path, 'code'), `expected a close code up to 65535, got ${code}`);
      log.append(Kind.Close, time, 0, { code, reason: str(rec, 'reason', path), wasClean: bool(rec, 'wasClean', path) });
      return null;
    }
    case 'note':
      log.append(Kind.Note, time, 0, { level: oneOf(rec, 'level', path, LEVELS), text: str(rec, 'text', path) } satisfies NoteData);
      return null;
  }
}

async function readConnection(o: Obj, path: string, opts: ImportOptions, budget: { events: number }): Promise<ImportedTimeline> {
  const originalId = str(o, 'id', path);
  const name = str(o, 'name', path);
  const url = str(o, 'url', path);
  const protocols = str(o, 'protocols', path);
  const binaryType = oneOf(o, 'binaryType', path, ['arraybuffer', 'blob'] as const);
  const autoReconnect = readReconnect(o, path);
  const counters = readCounters(o, path);
  const start = count(o, 'start', path);
  const events = arr(o, 'events', path, MAX_IMPORT_EVENTS, 'events');
  budget.events += events.length;
  if (budget.events > MAX_IMPORT_EVENTS) fail(join(path, 'events'), `the file holds more than ${MAX_IMPORT_EVENTS.toLocaleString('en-US')} events in all; at most that many can be imported`);
  const cp = join(path, 'counters');
  if (counters.total !== start + events.length) {
    fail(join(cp, 'total'), `is ${counters.total} but "start" (${start}) plus the ${events.length} events listed make ${start + events.length}`);
  }
  if (counters.evictedEvents !== start) fail(join(cp, 'evictedEvents'), `is ${counters.evictedEvents} but the events start at seq ${start}; they must be equal`);

  const id = opts.newConnectionId();
  const log = new EventLog(id, opts.limits);
  log.beginAt(start);
  const slice = opts.sliceSize ?? 10_000;
  let ins = 0;
  let outs = 0;
  const ep = join(path, 'events');
  for (let i = 0; i < events.length; i++) {
    const dir = appendRecord(log, asObj(events[i], join(ep, i)), join(ep, i), start + i);
    if (dir === 'in') ins++;
    else if (dir === 'out') outs++;
    if (opts.pause && (i + 1) % slice === 0) await opts.pause();
  }
  if (counters.inMessages < ins) fail(join(cp, 'inMessages'), `is ${counters.inMessages} but the file lists ${ins} received messages`);
  if (counters.outMessages < outs) fail(join(cp, 'outMessages'), `is ${counters.outMessages} but the file lists ${outs} sent messages`);
  log.restoreCounters(counters);
  const config: ConnectionConfig = { id, name, url, protocols, binaryType };
  // Decode as: a lens this build knows, or Raw; anything else stays Auto.
  const decodeAs = o.decodeAs;
  if (decodeAs === 'raw' || isLensId(decodeAs)) config.decodeAs = decodeAs;
  else if (typeof decodeAs === 'string' && scriptIdOf(decodeAs) !== null) config.decodeAs = scriptDecodeAs(scriptIdOf(decodeAs) as string);
  if (opts.readOnly) {
    config.source = 'import';
    config.importedFrom = opts.fileName;
  } else if (autoReconnect) {
    config.autoReconnect = autoReconnect;
  }
  return { originalId, config, log, events: events.length };
}

function readTemplates(root: Obj, opts: ImportOptions, ids: ReadonlyMap<string, ConnectionId>, warnings: string[]): Template[] {
  if (field(root, 'templates') === undefined) return [];
  const list = arr(root, 'templates', '', MAX_IMPORT_TEMPLATES, 'templates');
  let unmatched = 0;
  const out = list.map((v, i): Template => {
    const p = join('templates', i);
    const t = asObj(v, p);
    const format = field(t, 'format');
    if (!isTemplateFormat(format)) fail(join(p, 'format'), `expected "text", "hex" or "base64", got ${describeValue(format)}`);
    const rawConnection = field(t, 'connectionId');
    if (rawConnection !== null && typeof rawConnection !== 'string') fail(join(p, 'connectionId'), `expected a connection id or null, got ${describeValue(rawConnection)}`);
    let connectionId: ConnectionId | null = null;
    if (typeof rawConnection === 'string') {
      connectionId = ids.get(rawConnection) ?? null;
      if (connectionId === null) unmatched++;
    }
    return { id: opts.newTemplateId(), name: str(t, 'name', p), connectionId, format, body: str(t, 'body', p) };
  });
  if (unmatched > 0) warnings.push(`${unmatched} template(s) for connections not in the file are offered on every connection`);
  return out;
}

/** The file's user scripts, checked; whether the file says they were enabled does not matter: they arrive disabled. */
function readScripts(root: Obj): ImportedData['scripts'] {
  if (field(root, 'scripts') === undefined) return [];
  const list = arr(root, 'scripts', '', MAX_IMPORT_SCRIPTS, 'scripts');
  const seen = new Set<string>();
  return list.map((v, i) => {
    const p = join('scripts', i);
    const o = asObj(v, p);
    const id = str(o, 'id', p);
    if (!isScriptId(id)) fail(join(p, 'id'), `expected 1 to 64 of A-Z a-z 0-9 _ -, got ${describeValue(id)}`);
    if (seen.has(id)) fail(join(p, 'id'), `${JSON.stringify(id)} is used by an earlier script too`);
    seen.add(id);
    const source = str(o, 'source', p);
    if (source.length > MAX_SCRIPT_CHARS) fail(join(p, 'source'), `at most ${MAX_SCRIPT_CHARS.toLocaleString('en-US')} characters, got ${source.length.toLocaleString('en-US')}`);
    return { id, name: str(o, 'name', p), source };
  });
}

const MIB = 1024 * 1024;

/** The settings of a workspace file: retention within the settings form's bounds, and short flags or words. */
export function readSettings(root: Obj): Partial<Preferences> | null {
  const v = field(root, 'settings');
  if (v === undefined) return null;
  const s = obj(root, 'settings', '');
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(s)) {
    const value = s[key];
    if (key === 'retention') {
      const r = obj(s, 'retention', 'settings');
      const maxEvents = count(r, 'maxEvents', 'settings.retention', 100);
      const maxBytes = count(r, 'maxBytes', 'settings.retention', MIB);
      if (maxEvents > 10_000_000) fail('settings.retention.maxEvents', `at most 10,000,000, got ${maxEvents}`);
      if (maxBytes > 4096 * MIB) fail('settings.retention.maxBytes', `at most 4 GiB, got ${maxBytes}`);
      out.retention = { maxEvents, maxBytes };
    } else if (key === 'scriptLimits') {
      const limits = normalizeScriptLimits(value);
      const { timeMs: t, setupMs: u, memoryMiB: m } = SCRIPT_LIMIT_RANGES;
      if (!limits) fail('settings.scriptLimits', `expected whole numbers timeMs ${t.min}–${t.max}, setupMs ${u.min}–${u.max}, memoryMiB ${m.min}–${m.max}`);
      out.scriptLimits = limits;
    } else if (key === 'confirmSendMiB') {
      const { min, max } = CONFIRM_MIB_RANGE;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail('settings.confirmSendMiB', `expected a whole number of MiB, ${min}–${max}, got ${describeValue(value)}`);
      out.confirmSendMiB = value;
    } else if (key === 'hiddenColumns') {
      const list = arr(s, 'hiddenColumns', 'settings', TIMELINE_COLUMNS.length, 'columns');
      const columns = new Set<TimelineColumn>();
      list.forEach((c, i) => {
        if (!TIMELINE_COLUMNS.includes(c as TimelineColumn)) fail(join('settings.hiddenColumns', i), `expected one of ${TIMELINE_COLUMNS.join(', ')}, got ${describeValue(c)}`);
        columns.add(c as TimelineColumn);
      });
      out.hiddenColumns = [...columns];
    } else if (typeof value === 'boolean' || (typeof value === 'string' && /^[a-z][a-z-]{0,31}$/.test(value))) {
      out[key] = value;
    } else {
      fail(join('settings', key), `expected true, false or a short word, got ${describeValue(value)}`);
    }
  }
  return out as Partial<Preferences>;
}

/** A Sockpit JSON file (already parsed) into logs built off to the side: nothing is shown unless all of it checks out. */
export async function importSockpit(root: Obj, opts: ImportOptions): Promise<ImportedData> {
  const version = field(root, 'version');
  if (version !== SOCKPIT_VERSION) {
    if (typeof version === 'number' && version > SOCKPIT_VERSION) fail('version', `this file is version ${version}; this Sockpit reads version ${SOCKPIT_VERSION}. Update Sockpit to open it`);
    fail('version', `expected ${SOCKPIT_VERSION}, got ${describeValue(version)}`);
  }
  const scopeValue = field(root, 'scope');
  const scope = scopeValue === undefined ? null : oneOf(root, 'scope', '', SCOPES);
  const redacted = field(root, 'redacted') === undefined ? false : bool(root, 'redacted', '');
  optStr(root, 'exportedAt', '');
  const list = arr(root, 'connections', '', MAX_IMPORT_CONNECTIONS, 'connections');
  const budget = { events: 0 };
  const timelines: ImportedTimeline[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const p = join('connections', i);
    const t = await readConnection(asObj(list[i], p), p, opts, budget);
    if (seen.has(t.originalId)) fail(join(p, 'id'), `${JSON.stringify(t.originalId)} is used by an earlier connection too`);
    seen.add(t.originalId);
    timelines.push(t);
  }
  const warnings: string[] = [];
  const ids = new Map(timelines.map((t) => [t.originalId, t.config.id] as const));
  const templates = readTemplates(root, opts, ids, warnings);
  const settings = readSettings(root);
  const scripts = readScripts(root);
  return {
    kind: 'sockpit',
    description: `Sockpit JSON${scope ? `, ${scope}` : ''}`,
    scope,
    redacted,
    timelines,
    templates,
    scripts,
    settings,
    warnings,
  };
}
