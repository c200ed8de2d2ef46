import { Redactor } from '../../../lib/redact';
import { knownSecretValues } from '../../../lib/secret-values';
import { parseSubprotocols } from '../../../lib/subprotocols';
import type { Template } from '../../../store/automate-slice';
import type { UserScriptEntry } from '../../../store/scripts-slice';
import type { ConnectionConfig } from '../../../store/types';
import { recordSlices, snapshot } from './records';
import type { ExportConnection, Snapshot } from './records';
import { SOCKPIT_FORMAT, SOCKPIT_VERSION } from './schema';
import type { ConnectionRecord, EventRecord, ExportFormat, ExportScope, HarSockpitExtension, SockpitFile, TemplateRecord } from './schema';

/**
 * The three exporters. Each is an async generator of text parts: a part per
 * slice of events, with an await between slices, so a million-event export
 * is written in steps the page can breathe between (see download.ts, which
 * turns the parts into a Blob). Nothing here touches the DOM.
 */

export interface ExportInput {
  scope: ExportScope;
  connections: ExportConnection[];
  templates: readonly Template[];
  /** user scripts to write (collect.ts picks them by scope) */
  scripts?: readonly UserScriptEntry[];
  /** the workspace's settings, written for the workspace scope */
  settings?: Record<string, unknown>;
  /** the secret values of environments to redact too; default: those of this page (lib/secret-values.ts) */
  secretValues?: readonly string[];
  /** false (the default): secrets are replaced by REDACTED */
  includeSecrets: boolean;
  /** epoch ms of the export */
  now: number;
  generator: string;
}

export interface ExportPart {
  text: string;
  /** events written so far */
  events: number;
}

export const DEFAULT_SLICE = 10_000;

export function exportParts(format: ExportFormat, input: ExportInput, sliceSize = DEFAULT_SLICE): AsyncGenerator<ExportPart> {
  switch (format) {
    case 'sockpit':
      return sockpitJsonParts(input, sliceSize);
    case 'ndjson':
      return ndjsonParts(input, sliceSize);
    case 'har':
      return harParts(input, sliceSize);
  }
}

/** Events the export will hold (retained events of every connection in it). */
export function eventCount(connections: readonly ExportConnection[]): number {
  return connections.reduce((n, c) => n + Math.max(0, c.log.end - c.log.start), 0);
}

export const FILE_EXTENSIONS: Record<ExportFormat, string> = { sockpit: 'json', ndjson: 'ndjson', har: 'har' };
export const MIME_TYPES: Record<ExportFormat, string> = {
  sockpit: 'application/json',
  ndjson: 'application/x-ndjson',
  har: 'application/json',
};

/** sockpit-workspace-2026-11-24-064307.json */
export function exportFileName(format: ExportFormat, scope: ExportScope, now: number): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
  return `sockpit-${scope}-${stamp}.${FILE_EXTENSIONS[format]}`;
}

// ---------------------------------------------------------------------------

function connectionHead(s: Snapshot, r: Redactor): Omit<ConnectionRecord, 'events'> {
  const c = s.config;
  const head: Omit<ConnectionRecord, 'events'> = {
    id: c.id,
    name: c.name,
    url: r.url(c.url),
    protocols: r.protocolList(c.protocols),
    binaryType: c.binaryType,
    counters: s.counters,
    start: s.start,
  };
  if (c.source === 'import') head.imported = true;
  if (c.autoReconnect) head.autoReconnect = { ...c.autoReconnect };
  if (c.decodeAs && c.decodeAs !== 'auto') head.decodeAs = c.decodeAs;
  return head;
}

function templateRecords(input: ExportInput): TemplateRecord[] {
  const ids = new Set<string>(input.connections.map((c) => c.config.id));
  return input.templates
    .filter((t) => t.connectionId === null || ids.has(t.connectionId))
    .map((t) => ({ name: t.name, connectionId: t.connectionId, format: t.format, body: t.body }));
}

/** Runs `body` over snapshots of the input's logs, releasing them however it ends. */
async function* withSnapshots(input: ExportInput, body: (snaps: Snapshot[], r: Redactor) => AsyncGenerator<ExportPart>): AsyncGenerator<ExportPart> {
  const snaps = snapshot(input.connections);
  try {
    const r = new Redactor(!input.includeSecrets);
    r.secretValues(input.secretValues ?? knownSecretValues());
    // Every URL and subprotocol list first, so notes quoting them are scrubbed wherever they come.
    for (const s of snaps) {
      r.url(s.config.url);
      r.protocolList(s.config.protocols);
    }
    yield* body(snaps, r);
  } finally {
    for (const s of snaps) s.release();
  }
}

/** A non-empty object's JSON without its closing brace, so more keys can follow. */
function openObject(value: object): string {
  return JSON.stringify(value).slice(0, -1);
}

/** Records as array items, one per line; `first` when nothing was written to the array yet. */
function joinRecords(records: readonly unknown[], first: boolean): string {
  let out = '';
  for (let i = 0; i < records.length; i++) out += (first && i === 0 ? '\n' : ',\n') + JSON.stringify(records[i]);
  return out;
}

// --- Sockpit JSON ------------------------------------------------------------

function sockpitJsonParts(input: ExportInput, sliceSize: number): AsyncGenerator<ExportPart> {
  return withSnapshots(input, async function* (snaps, r) {
    const header: Omit<SockpitFile, 'connections'> = {
      format: SOCKPIT_FORMAT,
      version: SOCKPIT_VERSION,
      exportedAt: new Date(input.now).toISOString(),
      generator: input.generator,
      scope: input.scope,
      redacted: !input.includeSecrets,
      templates: templateRecords(input),
    };
    if (input.scripts && input.scripts.length > 0) header.scripts = input.scripts.map((x) => ({ id: x.id, name: x.name, source: x.source, enabled: x.enabled }));
    if (input.settings) header.settings = input.settings;
    let events = 0;
    yield { text: `${openObject(header)},\n"connections":[`, events };
    for (let i = 0; i < snaps.length; i++) {
      const s = snaps[i];
      if (!s) continue;
      let text = `${i === 0 ? '\n' : ',\n'}${openObject(connectionHead(s, r))},"events":[`;
      let first = true;
      for await (const slice of recordSlices(s, r, sliceSize)) {
        text += joinRecords(slice, first);
        if (slice.length > 0) first = false;
        events += slice.length;
        yield { text, events };
        text = '';
      }
      yield { text: `${text}${first ? '' : '\n'}]}`, events };
    }
    yield { text: '\n]}\n', events };
  });
}

// --- NDJSON ------------------------------------------------------------------

function ndjsonParts(input: ExportInput, sliceSize: number): AsyncGenerator<ExportPart> {
  return withSnapshots(input, async function* (snaps, r) {
    let events = 0;
    for (const s of snaps) {
      const head = { type: 'connection', ...connectionHead(s, r) };
      let text = `${JSON.stringify(head)}\n`;
      for await (const slice of recordSlices(s, r, sliceSize)) {
        for (const rec of slice) text += `${JSON.stringify({ connection: s.config.id, ...rec })}\n`;
        events += slice.length;
        yield { text, events };
        text = '';
      }
      if (text) yield { text, events };
    }
  });
}

// --- HAR 1.2 -----------------------------------------------------------------

/** A HAR `_webSocketMessages` entry as Chrome DevTools writes it. */
export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  /** epoch seconds */
  time: number;
  opcode: 1 | 2;
  data: string;
}

function harMessage(rec: EventRecord): HarWebSocketMessage | null {
  if (rec.type !== 'message') return null;
  const type = rec.direction === 'out' ? 'send' : 'receive';
  const time = rec.time / 1000;
  return rec.format === 'text' ? { type, time, opcode: 1, data: rec.text } : { type, time, opcode: 2, data: rec.base64 };
}

function queryString(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function firstTime(s: Snapshot): number | undefined {
  for (let seq = s.start; seq < s.end; seq++) {
    const e = s.log.get(seq);
    if (e) return e.time;
  }
  return undefined;
}

function lastTime(s: Snapshot): number | undefined {
  for (let seq = s.end - 1; seq >= s.start; seq--) {
    const e = s.log.get(seq);
    if (e) return e.time;
  }
  return undefined;
}

/** The open event's negotiated subprotocol and extensions, for the 101 response headers. */
function negotiated(s: Snapshot): { opened: boolean; protocol: string; extensions: string } {
  for (let seq = s.start; seq < s.end; seq++) {
    const e = s.log.get(seq);
    if (e?.type === 'open') return { opened: true, protocol: e.protocol, extensions: e.extensions };
  }
  return { opened: false, protocol: '', extensions: '' };
}

function harEntryHead(s: Snapshot, r: Redactor, now: number): Record<string, unknown> {
  const c: ConnectionConfig = s.config;
  const url = r.url(c.url);
  const parsed = parseSubprotocols(c.protocols);
  const protocols = r.protocols(parsed.ok ? parsed.protocols : []);
  const requestHeaders = [
    { name: 'Connection', value: 'Upgrade' },
    { name: 'Upgrade', value: 'websocket' },
    { name: 'Sec-WebSocket-Version', value: '13' },
  ];
  if (protocols.length > 0) requestHeaders.push({ name: 'Sec-WebSocket-Protocol', value: protocols.join(', ') });
  const n = negotiated(s);
  const responseHeaders = [
    { name: 'Connection', value: 'Upgrade' },
    { name: 'Upgrade', value: 'websocket' },
  ];
  if (n.protocol) responseHeaders.push({ name: 'Sec-WebSocket-Protocol', value: n.protocol });
  if (n.extensions) responseHeaders.push({ name: 'Sec-WebSocket-Extensions', value: n.extensions });
  const start = firstTime(s) ?? now;
  const end = lastTime(s) ?? start;
  const sockpit: HarSockpitExtension = {
    id: c.id,
    name: c.name,
    protocols: r.protocolList(c.protocols),
    binaryType: c.binaryType,
    counters: s.counters,
    start: s.start,
  };
  return {
    startedDateTime: new Date(start).toISOString(),
    time: Math.max(0, end - start),
    request: {
      method: 'GET',
      url,
      httpVersion: 'HTTP/1.1',
      headers: requestHeaders,
      queryString: queryString(url),
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: n.opened ? 101 : 0,
      statusText: n.opened ? 'Switching Protocols' : '',
      httpVersion: 'HTTP/1.1',
      headers: responseHeaders,
      cookies: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
    _resourceType: 'websocket',
    _sockpit: sockpit,
  };
}

function harParts(input: ExportInput, sliceSize: number): AsyncGenerator<ExportPart> {
  return withSnapshots(input, async function* (snaps, r) {
    const log = {
      version: '1.2',
      creator: { name: 'Sockpit', version: input.generator.replace(/^Sockpit\s*/, '') || '0' },
      pages: [],
      comment: input.includeSecrets ? 'secrets included' : 'secrets redacted (REDACTED)',
    };
    let events = 0;
    yield { text: `{"log":${openObject(log)},\n"entries":[`, events };
    for (let i = 0; i < snaps.length; i++) {
      const s = snaps[i];
      if (!s) continue;
      let text = `${i === 0 ? '\n' : ',\n'}${openObject(harEntryHead(s, r, input.now))},"_webSocketMessages":[`;
      let first = true;
      for await (const slice of recordSlices(s, r, sliceSize)) {
        const messages = slice.map(harMessage).filter((m): m is HarWebSocketMessage => m !== null);
        text += joinRecords(messages, first);
        if (messages.length > 0) first = false;
        events += slice.length;
        yield { text, events };
        text = '';
      }
      yield { text: `${text}${first ? '' : '\n'}]}`, events };
    }
    yield { text: '\n]}}\n', events };
  });
}
