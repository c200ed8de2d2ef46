import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import type { ConnectionId } from '../../../lib/ids';
import { DEFAULT_LIMITS, EventLog } from '../../../core/event-log';
import type { RetentionLimits } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import type { SockEvent } from '../../../core/events';
import type { Template } from '../../../store/automate-slice';
import type { ConnectionConfig } from '../../../store/types';
import { jsonRpcLens } from '../../../lib/decode/lenses/jsonrpc/index';
import { exportParts } from './exporters';
import type { ExportInput } from './exporters';
import { importFile, parseImportText } from './import-file';
import type { ImportOptions } from './import-types';
import type { ExportFormat } from './schema';

const URL_WITH_SECRETS = 'wss://alice:hunter22@x.example/feed?room=7&token=SECRET123';

function config(id: string, url = 'ws://127.0.0.1:8787/echo', extra: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return { id: asConnectionId(id), name: `conn ${id}`, url, protocols: 'chat', binaryType: 'arraybuffer', ...extra };
}

/** A log with every kind of event, some evicted. */
function sampleLog(id: string, limits: RetentionLimits = { maxEvents: 12, maxBytes: 1e9 }): EventLog {
  const log = new EventLog(asConnectionId(id), limits);
  let t = 1_763_633_730_000.125;
  const at = () => (t += 1.5);
  log.append(Kind.Connecting, at(), 0, { url: URL_WITH_SECRETS, protocols: ['chat'] });
  log.append(Kind.Open, at(), 0, { protocol: 'chat', extensions: 'permessage-deflate' });
  for (let i = 0; i < 6; i++) log.append(Kind.OutText, at(), 3, `m${i}x`);
  log.append(Kind.OutText, at(), 10, 'héllo ✓'); // multi-byte: h é(2) llo space ✓(3) = 10 bytes
  log.append(Kind.InText, at(), 10, 'héllo ✓');
  log.append(Kind.OutBinary, at(), 4, new Uint8Array([0, 1, 2, 255]).buffer);
  log.append(Kind.InBinary, at(), 4, new Uint8Array([0, 1, 2, 255]).buffer);
  log.append(Kind.InBinary, at(), 3, new Blob([new Uint8Array([9, 8, 7])]));
  log.append(Kind.Note, at(), 0, { level: 'warn', text: `not sent: ${URL_WITH_SECRETS} is CLOSING` });
  log.append(Kind.Error, at(), 0, null);
  log.append(Kind.Close, at(), 0, { code: 4001, reason: 'bye SECRET123', wasClean: true });
  log.append(Kind.InText, at(), 0, '');
  return log;
}

const templates: Template[] = [
  { id: 't1', name: 'ping', connectionId: null, format: 'text', body: '{"n":{{counter}}}' },
  { id: 't2', name: 'bytes', connectionId: asConnectionId('a'), format: 'hex', body: '00 ff' },
  { id: 't3', name: 'other', connectionId: asConnectionId('zzz'), format: 'base64', body: 'AP8=' },
];

function input(connections: ExportInput['connections'], extra: Partial<ExportInput> = {}): ExportInput {
  return { scope: 'selection', connections, templates, includeSecrets: false, now: Date.UTC(2026, 10, 24), generator: 'Sockpit 0.1.0', ...extra };
}

async function text(format: ExportFormat, inp: ExportInput, slice?: number): Promise<string> {
  let out = '';
  for await (const part of exportParts(format, inp, slice)) out += part.text;
  return out;
}

let ids = 0;
function options(extra: Partial<ImportOptions> = {}): ImportOptions {
  return {
    fileName: 'test.json',
    limits: DEFAULT_LIMITS,
    readOnly: true,
    newConnectionId: () => asConnectionId(`n${++ids}`),
    newTemplateId: () => `nt${++ids}`,
    ...extra,
  };
}

async function imported(body: string, extra: Partial<ImportOptions> = {}) {
  const r = await parseImportText(body, options(extra));
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

async function importError(body: string): Promise<string> {
  const r = await parseImportText(body, options());
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

/** An event as comparable data: the connection id dropped, binary payloads as byte arrays. */
async function plain(e: SockEvent | undefined): Promise<unknown> {
  if (!e) return undefined;
  const { connectionId: _c, ...rest } = e;
  if (rest.type === 'message' && rest.format === 'binary') {
    const bytes = rest.data instanceof ArrayBuffer ? rest.data : await rest.data.arrayBuffer();
    return { ...rest, data: Array.from(new Uint8Array(bytes)) };
  }
  return rest;
}

async function eventsOf(log: EventLog): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let seq = log.start; seq < log.end; seq++) out.push(await plain(log.get(seq)));
  return out;
}

async function messagesOf(log: EventLog): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let seq = log.start; seq < log.end; seq++) {
    const e = log.get(seq);
    if (e?.type !== 'message') continue;
    const p = (await plain(e)) as Record<string, unknown>;
    out.push({ ...p, seq: undefined, time: Math.round((e.time) * 1000) / 1000 });
  }
  return out;
}

describe('Sockpit JSON', () => {
  it('round-trips every event and the exact counters, evicted included', async () => {
    const log = sampleLog('a');
    expect(log.counters.evictedEvents).toBeGreaterThan(0);
    const file = await text('sockpit', input([{ config: config('a'), log }], { includeSecrets: true }));
    const data = await imported(file);
    expect(data.kind).toBe('sockpit');
    const t = data.timelines[0];
    expect(t?.log.counters).toEqual(log.counters);
    expect(t?.log.start).toBe(log.start);
    expect(await eventsOf(t?.log ?? new EventLog(asConnectionId('x')))).toEqual(await eventsOf(log));
    expect(t?.config).toMatchObject({ name: 'conn a', url: 'ws://127.0.0.1:8787/echo', protocols: 'chat', source: 'import', importedFrom: 'test.json' });
  });

  it('is valid JSON with a versioned header, written in slices', async () => {
    const log = sampleLog('a', DEFAULT_LIMITS);
    const parts: string[] = [];
    for await (const p of exportParts('sockpit', input([{ config: config('a'), log }]), 4)) parts.push(p.text);
    expect(parts.length).toBeGreaterThan(4);
    const file = JSON.parse(parts.join('')) as Record<string, unknown>;
    expect(file).toMatchObject({ format: 'sockpit', version: 1, scope: 'selection', redacted: true, generator: 'Sockpit 0.1.0' });
    expect(parts.join('')).toBe(await text('sockpit', input([{ config: config('a'), log }]), 1000));
  });

  it('writes an empty connection and no connections', async () => {
    const empty = new EventLog(asConnectionId('e'));
    const one = JSON.parse(await text('sockpit', input([{ config: config('e'), log: empty }]))) as { connections: { events: unknown[] }[] };
    expect(one.connections[0]?.events).toEqual([]);
    const none = JSON.parse(await text('sockpit', input([]))) as { connections: unknown[] };
    expect(none.connections).toEqual([]);
    const data = await imported(JSON.stringify(none));
    expect(data.timelines).toEqual([]);
  });

  it('keeps templates for the exported connections, mapped to the new ids', async () => {
    const file = await text('sockpit', input([{ config: config('a'), log: sampleLog('a') }], { scope: 'workspace', settings: { retention: { maxEvents: 500, maxBytes: 2 * 1024 * 1024 }, theme: 'dark', largeText: true } }));
    const data = await imported(file, { readOnly: false });
    const newId = data.timelines[0]?.config.id;
    expect(data.templates.map((t) => [t.name, t.connectionId])).toEqual([
      ['ping', null],
      ['bytes', newId],
    ]);
    expect(data.settings).toEqual({ retention: { maxEvents: 500, maxBytes: 2 * 1024 * 1024 }, theme: 'dark', largeText: true });
    expect(data.timelines[0]?.config.source).toBeUndefined();
  });

  it('carries the user scripts; they come back checked and never enabled by the file', async () => {
    const scripts = [
      { id: 'lp1', name: 'LP lens', source: 'function decode(f) { return { type: "x", summary: "y", fields: [] }; }', enabled: true },
      { id: 'off', name: 'Off', source: '// nothing', enabled: false },
    ];
    const file = await text('sockpit', input([{ config: config('a', undefined, { decodeAs: 'raw' }), log: sampleLog('a') }], { scope: 'workspace', scripts }));
    const parsed = JSON.parse(file) as { scripts: unknown };
    expect(parsed.scripts).toEqual(scripts);
    const data = await imported(file, { readOnly: false });
    // ImportedData has no "enabled" at all: the page decides (disabled, marked imported).
    expect(data.scripts).toEqual(scripts.map(({ enabled: _e, ...rest }) => rest));
    const none = await text('sockpit', input([{ config: config('a'), log: sampleLog('a') }]));
    expect(JSON.parse(none)).not.toHaveProperty('scripts');
    expect((await imported(none)).scripts).toEqual([]);
  });

  it('carries the sandbox limits in the settings, checked', async () => {
    const scriptLimits = { timeMs: 80, setupMs: 3000, memoryMiB: 32 };
    const file = await text('sockpit', input([], { scope: 'workspace', settings: { scriptLimits } }));
    expect((await imported(file)).settings).toEqual({ scriptLimits });
    const bad = await text('sockpit', input([], { scope: 'workspace', settings: { scriptLimits: { ...scriptLimits, timeMs: 0 } } }));
    expect(await importError(bad)).toContain('settings.scriptLimits');
  });

  it('carries the large-send threshold and the hidden columns in the settings, checked', async () => {
    const settings = { confirmSendMiB: 8, hiddenColumns: ['since', 'size'] as Array<'since' | 'size'> };
    const file = await text('sockpit', input([], { scope: 'workspace', settings }));
    expect((await imported(file)).settings).toEqual(settings);
    const big = await text('sockpit', input([], { scope: 'workspace', settings: { confirmSendMiB: 0 } }));
    expect(await importError(big)).toContain('settings.confirmSendMiB');
    const column = await text('sockpit', input([], { scope: 'workspace', settings: { hiddenColumns: ['payload'] as unknown as Array<'size'> } }));
    expect(await importError(column)).toContain('settings.hiddenColumns[0]');
  });

  it('refuses a script with a bad id, a repeated id, or a source that is not a string', async () => {
    const base = JSON.parse(await text('sockpit', input([]))) as Record<string, unknown>;
    const good = { id: 'a', name: 'n', source: 's', enabled: true };
    const cases: [unknown[], string][] = [
      [[{ ...good, id: 'has space' }], 'scripts[0].id'],
      [[good, good], 'scripts[1].id'],
      [[{ ...good, source: 5 }], 'scripts[0].source'],
    ];
    for (const [scripts, where] of cases) {
      const r = await importFile(new File([JSON.stringify({ ...base, scripts })], 'x.json'), options());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(where);
    }
  });

  it('counts events the importing log evicts on top of the file’s', async () => {
    const log = sampleLog('a', DEFAULT_LIMITS);
    const file = await text('sockpit', input([{ config: config('a'), log }]));
    const data = await imported(file, { limits: { maxEvents: 5, maxBytes: 1e9 } });
    const c = data.timelines[0]?.log.counters;
    expect(c?.total).toBe(log.counters.total);
    expect(c?.evictedEvents).toBe(log.counters.total - 5);
    expect(c?.inMessages).toBe(log.counters.inMessages);
  });

  it('exports a consistent snapshot while the live log keeps growing and evicting', async () => {
    const log = sampleLog('a', { maxEvents: 6, maxBytes: 1e9 });
    const before = { ...log.counters };
    const parts = exportParts('sockpit', input([{ config: config('a'), log }], { includeSecrets: true }), 2);
    let out = '';
    let first = true;
    for await (const p of parts) {
      out += p.text;
      if (first) {
        for (let i = 0; i < 20; i++) log.append(Kind.InText, 1, 1, 'late');
        first = false;
      }
    }
    const data = await imported(out);
    expect(data.timelines[0]?.log.counters).toEqual(before);
    // Released after the export: the live log caught up with its limits.
    expect(log.size).toBe(6);
  });
});

describe('NDJSON', () => {
  it('writes one JSON value per line: a connection line, then its events', async () => {
    const log = sampleLog('a');
    const out = await text('ndjson', input([{ config: config('a'), log }, { config: config('b'), log: sampleLog('b') }]));
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.endsWith('\n')).toBe(true);
    expect(lines[0]).toMatchObject({ type: 'connection', id: 'a', counters: { ...log.counters } });
    expect(lines[1]).toMatchObject({ connection: 'a', seq: log.start });
    expect(lines.filter((l) => l.type === 'connection')).toHaveLength(2);
    expect(lines).toHaveLength(2 + 2 * log.size);
    const binary = lines.find((l) => l.format === 'binary' && l.size === 3);
    expect(binary).toMatchObject({ base64: 'CQgH' });
  });
});

describe('HAR', () => {
  it('writes HAR 1.2 with Chrome’s _webSocketMessages', async () => {
    const log = sampleLog('a', DEFAULT_LIMITS);
    const har = JSON.parse(await text('har', input([{ config: config('a', 'ws://127.0.0.1:8787/echo', { protocols: 'chat, v2.chat' }), log }]))) as {
      log: { version: string; creator: { name: string }; entries: Record<string, unknown>[] };
    };
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBe('Sockpit');
    const entry = har.log.entries[0] ?? {};
    expect(entry).toMatchObject({
      _resourceType: 'websocket',
      request: { method: 'GET', url: 'ws://127.0.0.1:8787/echo' },
      response: { status: 101, statusText: 'Switching Protocols' },
    });
    expect(JSON.stringify(entry.request)).toContain('"name":"Sec-WebSocket-Protocol","value":"chat, v2.chat"');
    const messages = entry._webSocketMessages as { type: string; time: number; opcode: number; data: string }[];
    expect(messages).toHaveLength(log.counters.inMessages + log.counters.outMessages);
    expect(messages[0]).toMatchObject({ type: 'send', opcode: 1, data: 'm0x' });
    expect(messages[0]?.time).toBeCloseTo((log.get(2)?.time ?? 0) / 1000, 6);
    expect(messages.filter((m) => m.opcode === 2).map((m) => [m.type, m.data])).toEqual([
      ['send', 'AAEC/w=='],
      ['receive', 'AAEC/w=='],
      ['receive', 'CQgH'],
    ]);
  });

  it('round-trips the messages and the counters (HAR keeps messages only)', async () => {
    const log = sampleLog('a');
    const data = await imported(await text('har', input([{ config: config('a'), log }], { includeSecrets: true })));
    const t = data.timelines[0];
    if (!t) throw new Error('no timeline');
    expect(await messagesOf(t.log)).toEqual(await messagesOf(log));
    const { total: _a, ...want } = log.counters;
    const { total: _b, ...got } = t.log.counters;
    expect(got).toEqual(want);
    expect(t.config).toMatchObject({ name: 'conn a', protocols: 'chat', url: 'ws://127.0.0.1:8787/echo', binaryType: 'arraybuffer' });
  });

  it('imports the Chrome DevTools fixture', async () => {
    const body = readFileSync(new URL('../../../../e2e/fixtures/chrome-devtools.har', import.meta.url), 'utf8');
    const data = await imported(body, { fileName: 'chrome-devtools.har' });
    expect(data.description).toBe('HAR from WebInspector 537.36');
    expect(data.warnings).toEqual(['1 HTTP entry skipped']);
    expect(data.timelines).toHaveLength(1);
    const t = data.timelines[0];
    if (!t) throw new Error('no timeline');
    expect(t.config.url).toBe('ws://127.0.0.1:45787/echo');
    expect(t.log.counters).toMatchObject({ inMessages: 3, outMessages: 3, total: 6, evictedEvents: 0, inBytes: 37 + 4 + 42, outBytes: 37 + 4 + 42 });
    expect(t.log.get(0)).toMatchObject({ type: 'message', direction: 'out', format: 'text', text: '{"op":"subscribe","channel":"prices"}', time: 1763633730205.123 });
    const bin = t.log.get(3);
    expect(bin?.type === 'message' && bin.format === 'binary' && Array.from(new Uint8Array(bin.data as ArrayBuffer))).toEqual([0, 1, 2, 255]);
  });

  it('places monotonic-clock times after startedDateTime and skips control frames', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: '2026-11-20T10:00:00.000Z',
            request: { method: 'GET', url: 'https://x.example/ws', headers: [{ name: 'sec-websocket-protocol', value: 'graphql-ws' }] },
            response: { status: 101 },
            _webSocketMessages: [
              { type: 'send', time: 5000.25, opcode: 1, data: 'a' },
              { type: 'receive', time: 5000.5, opcode: 9, data: '' },
              { type: 'receive', time: 5001.0, opcode: 1, data: 'b' },
            ],
          },
        ],
      },
    };
    const data = await imported(JSON.stringify(har));
    const t = data.timelines[0];
    expect(t?.config).toMatchObject({ url: 'wss://x.example/ws', protocols: 'graphql-ws' });
    expect(t?.log.get(0)?.time).toBe(Date.UTC(2026, 10, 20, 10));
    expect(t?.log.get(1)?.time).toBe(Date.UTC(2026, 10, 20, 10) + 750);
    expect(data.warnings).toContain('1 control frame(s) (close, ping, pong) skipped');
  });

  it('imports a Firefox HAR (no frames) as an empty timeline with its URL', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'Firefox', version: '133.0' },
        browser: { name: 'Firefox', version: '133.0' },
        pages: [],
        entries: [
          {
            startedDateTime: '2026-11-20T10:00:00.000+01:00',
            request: { method: 'GET', url: 'wss://echo.example/socket', httpVersion: 'HTTP/1.1', headers: [{ name: 'Upgrade', value: 'websocket' }], cookies: [], queryString: [], headersSize: 300, bodySize: 0 },
            response: { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: 100, bodySize: -1 },
            cache: {},
            timings: {},
            time: 12,
            _securityState: 'secure',
          },
        ],
      },
    };
    const data = await imported(JSON.stringify(har));
    expect(data.description).toBe('HAR from Firefox 133.0');
    expect(data.timelines[0]?.config.url).toBe('wss://echo.example/socket');
    expect(data.timelines[0]?.log.size).toBe(0);
  });
});

describe('redaction', () => {
  const connection = () => ({
    config: config('s', URL_WITH_SECRETS, { protocols: 'chat, eyJhbGciOiJIUzI1NiJ9.payload.sig' }),
    log: sampleLog('s', DEFAULT_LIMITS),
  });

  it.each(['sockpit', 'ndjson', 'har'] as const)('leaves secrets out of %s unless asked', async (format) => {
    const redacted = await text(format, input([connection()]));
    for (const secret of ['SECRET123', 'hunter22', 'alice', 'eyJhbGciOiJIUzI1NiJ9']) expect(redacted).not.toContain(secret);
    expect(redacted).toContain('token=REDACTED');
    const full = await text(format, input([connection()], { includeSecrets: true }));
    expect(full).toContain('token=SECRET123');
    expect(full).toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('says so in the file', async () => {
    const data = await imported(await text('sockpit', input([connection()])));
    expect(data.redacted).toBe(true);
    expect(data.timelines[0]?.config.url).toBe('wss://REDACTED@x.example/feed?room=7&token=REDACTED');
    expect(data.timelines[0]?.config.protocols).toBe('chat, REDACTED');
  });
});

describe('import errors', () => {
  const good = async () => JSON.parse(await text('sockpit', input([{ config: config('a'), log: sampleLog('a') }]))) as Record<string, unknown> & {
    connections: Record<string, unknown>[];
  };

  it('reports broken JSON with its position', async () => {
    expect(await importError('{"format": "sockpit", x}')).toMatch(/^Cannot import test\.json: not valid JSON: .*position 22/);
  });

  it('reports a truncated file', async () => {
    const whole = await text('sockpit', input([{ config: config('a'), log: sampleLog('a') }]));
    expect(await importError(whole.slice(0, whole.length / 2))).toMatch(/ends in the middle|not valid JSON/);
  });

  it('names the field that is wrong', async () => {
    const file = await good();
    const events = file.connections[0]?.events as Record<string, unknown>[];
    (events[3] as Record<string, unknown>).time = 'soon';
    expect(await importError(JSON.stringify(file))).toBe(
      'Cannot import test.json: connections[0].events[3].time: expected a number, got the string "soon"',
    );
  });

  it.each([
    [(f: Record<string, unknown>) => ({ ...f, version: 2 }), /version: this file is version 2; this Sockpit reads version 1/],
    [(f: Record<string, unknown>) => ({ ...f, version: '1' }), /version: expected 1, got the string "1"/],
    [(f: Record<string, unknown>) => ({ ...f, connections: {} }), /connections: expected an array, got an object/],
    [(f: Record<string, unknown>) => ({ ...f, format: 'other' }), /"format" is the string "other"/],
  ])('checks the header (%#)', async (mutate, message) => {
    expect(await importError(JSON.stringify(mutate(await good())))).toMatch(message);
  });

  it('checks counters against the events', async () => {
    const file = await good();
    const c = file.connections[0] as Record<string, unknown> & { counters: { total: number } };
    c.counters.total += 1;
    expect(await importError(JSON.stringify(file))).toMatch(/connections\[0\]\.counters\.total: is \d+ but "start" \(\d+\) plus the \d+ events listed make \d+/);
  });

  it('checks sizes, base64, seq order and enums', async () => {
    const cases: [(events: Record<string, unknown>[]) => void, RegExp][] = [
      [(e) => void ((e.find((x) => x.format === 'text') as Record<string, unknown>).size = 99), /size: is 99 but the text is \d+ UTF-8 bytes/],
      [(e) => void ((e.find((x) => x.format === 'binary') as Record<string, unknown>).base64 = '@@'), /base64: "@" at position 0/],
      [(e) => void ((e[1] as Record<string, unknown>).seq = 0), /events\[1\]\.seq: expected \d+ \(events are numbered/],
      [(e) => void ((e[0] as Record<string, unknown>).type = 'ping'), /events\[0\]\.type: expected "connecting" or "open" or "message"/],
      [(e) => void (e[2] = [] as unknown as Record<string, unknown>), /events\[2\]: expected an object, got an array/],
    ];
    for (const [mutate, message] of cases) {
      const file = await good();
      mutate(file.connections[0]?.events as Record<string, unknown>[]);
      expect(await importError(JSON.stringify(file))).toMatch(message);
    }
  });

  it('never reads inherited or __proto__ fields', async () => {
    const file = await good();
    const body = JSON.stringify(file).replace('"format":"sockpit"', '"__proto__":{"format":"sockpit"}');
    expect(await importError(body)).toMatch(/not a Sockpit export or a HAR file/);
    const polluted = JSON.stringify({ ...file, connections: [{ __proto__: file.connections[0] }] });
    expect(await importError(polluted)).toMatch(/connections\[0\]\.id: expected a string, got nothing/);
    expect(({} as Record<string, unknown>).format).toBeUndefined();
  });

  it('refuses other shapes with one sentence', async () => {
    expect(await importError('[1,2]')).toMatch(/expected a JSON object at the top, got an array/);
    expect(await importError('{"hello": 1}')).toMatch(/not a Sockpit export or a HAR file/);
    expect(await importError('{"log": {"entries": [{"request": {"url": "https://x/"}, "response": {"status": 200}}]}}')).toMatch(
      /log\.entries: no WebSocket connection in this HAR \(1 entry, none a WebSocket handshake\)/,
    );
    expect(await importError('{"log": {"entries": [{"_resourceType": "websocket", "request": {"url": "wss://x/"}, "_webSocketMessages": [{"type": "send", "time": 1, "opcode": 2, "data": "!!"}]}]}}')).toMatch(
      /_webSocketMessages\[0\]\.data: opcode 2 \(binary\) needs base64 data/,
    );
  });

  it('refuses oversized and empty files before reading them', async () => {
    let read = false;
    const huge = { name: 'huge.har', size: 300 * 1024 * 1024, text: () => ((read = true), Promise.resolve('')) };
    const r = await importFile(huge, options());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe('Cannot import huge.har: it is 300.0 MiB; files up to 200.0 MiB can be imported. Export fewer connections or events and try again.');
    expect(read).toBe(false);
    const empty = await importFile({ name: 'e.json', size: 0, text: () => Promise.resolve('') }, options());
    expect(!empty.ok && empty.error).toBe('Cannot import e.json: the file is empty');
  });

  it('caps what a file can ask for', async () => {
    const many = JSON.stringify({ format: 'sockpit', version: 1, connections: new Array(1001).fill(0) });
    expect(await importError(many)).toMatch(/connections: 1,001 connections; at most 1,000 can be imported/);
  });
});

describe('large exports', () => {
  it('writes 30,000 events in slices and reads them back', async () => {
    const id: ConnectionId = asConnectionId('big');
    const log = new EventLog(id);
    for (let i = 0; i < 30_000; i++) log.append(i % 2 ? Kind.InText : Kind.OutText, 1e12 + i, 5, `m${String(i).padStart(4, '0')}`.slice(0, 5));
    let parts = 0;
    let body = '';
    for await (const p of exportParts('sockpit', input([{ config: config('big'), log }]), 5_000)) {
      parts++;
      body += p.text;
    }
    expect(parts).toBeGreaterThanOrEqual(6);
    const data = await imported(body, { pause: () => Promise.resolve() });
    expect(data.timelines[0]?.log.counters).toEqual(log.counters);
  });
});

describe('decoded summaries (protocol lenses)', () => {
  /** A JSON-RPC exchange; `decoded` reads each text frame through the JSON-RPC lens, as the connection's decode index would. */
  function rpcConnection(): ExportInput['connections'][number] {
    const log = new EventLog(asConnectionId('rpc'), DEFAULT_LIMITS);
    let t = 1_763_633_730_000;
    log.append(Kind.Connecting, (t += 1), 0, { url: 'ws://127.0.0.1:8787/echo', protocols: [] });
    log.append(Kind.Open, (t += 1), 0, { protocol: '', extensions: '' });
    const req = '{"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}';
    log.append(Kind.OutText, (t += 1), req.length, req);
    const res = '{"jsonrpc":"2.0","result":19,"id":1}';
    log.append(Kind.InText, (t += 1), res.length, res);
    log.append(Kind.InText, (t += 1), 5, 'hello');
    const decoded = (seq: number) => {
      const e = log.get(seq);
      if (!e || e.type !== 'message' || e.format !== 'text') return null;
      const ms = jsonRpcLens.decode({ direction: e.direction === 'out' ? 'out' : 'in', format: 'text', text: e.text }, null).messages;
      return ms.length > 0 ? ms : null;
    };
    return { config: config('rpc', 'ws://127.0.0.1:8787/echo', { decodeAs: 'jsonrpc' }), log, decoded };
  }
  const want = [
    { direction: 'out', decoded: [{ protocol: 'JSON-RPC', type: 'request', summary: 'request subtract id 1 · params [42,23]' }] },
    { direction: 'in', decoded: [{ protocol: 'JSON-RPC', type: 'result', summary: 'result id 1 · 19' }] },
  ];

  it('Sockpit JSON carries each decoded frame\'s protocol, type and summary next to the raw payload, and the note of one shown raw', async () => {
    const file = JSON.parse(await text('sockpit', input([rpcConnection()]))) as { connections: Array<{ events: Array<Record<string, unknown>> }> };
    const messages = (file.connections[0]?.events ?? []).filter((e) => e.type === 'message');
    expect(messages.slice(0, 2)).toMatchObject(want);
    expect(messages[0]?.text).toBe('{"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}');
    // A text the lens cannot read keeps its payload, and its row's note.
    expect(messages[2]).toMatchObject({ text: 'hello', decoded: [{ protocol: 'JSON-RPC', type: 'raw', summary: 'not JSON · shown raw', error: 'not JSON' }] });
  });

  it('NDJSON carries the same on each event line', async () => {
    const lines = (await text('ndjson', input([rpcConnection()]))).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const messages = lines.filter((l) => l.type === 'message');
    expect(messages.slice(0, 2)).toMatchObject(want);
    expect(messages[2]).toMatchObject({ decoded: [{ type: 'raw', summary: 'not JSON · shown raw' }] });
  });

  it('HAR stays Chrome-compatible: no decoded member in _webSocketMessages', async () => {
    const har = await text('har', input([rpcConnection()]));
    expect(har).not.toContain('"decoded"');
    expect(har).toContain('_webSocketMessages');
  });
});

describe('credentials a lens found are redacted from exports', () => {
  /** A STOMP CONNECT with a passcode, the broker's ERROR quoting it, and a later frame that repeats it. */
  function stompConnection(): ExportInput['connections'][number] {
    const log = new EventLog(asConnectionId('stomp'), DEFAULT_LIMITS);
    let t = 1_763_633_730_000;
    log.append(Kind.Connecting, (t += 1), 0, { url: 'ws://127.0.0.1:8787/stomp', protocols: ['v12.stomp'] });
    log.append(Kind.Open, (t += 1), 0, { protocol: 'v12.stomp', extensions: '' });
    const connect = 'CONNECT\naccept-version:1.2\nlogin:me\npasscode:pc-77-secret\n\n\0';
    log.append(Kind.OutText, (t += 1), connect.length, connect);
    const echo = 'SEND\ndestination:/q\n\nmy passcode was pc-77-secret\0';
    log.append(Kind.OutText, (t += 1), echo.length, echo);
    const decoded = (seq: number) => {
      const e = log.get(seq);
      if (!e || e.type !== 'message' || e.format !== 'text') return null;
      return [{ protocol: 'STOMP', type: 'x', summary: 'x', fields: [], ...(e.text.startsWith('CONNECT') ? { secrets: ['pc-77-secret'] } : {}) }];
    };
    return { config: config('stomp', 'ws://127.0.0.1:8787/stomp', { decodeAs: 'stomp' }), log, decoded };
  }

  it('by default the passcode is REDACTED in its frame and in every frame after it; with secrets included it is kept', async () => {
    for (const format of ['sockpit', 'ndjson', 'har'] as const) {
      const out = await text(format, input([stompConnection()], { secretValues: [] }));
      expect(out, format).not.toContain('pc-77-secret');
      expect(out, format).toContain('passcode:REDACTED');
    }
    const full = await text('sockpit', input([stompConnection()], { secretValues: [], includeSecrets: true }));
    expect(full).toContain('passcode:pc-77-secret');
  });
});
