/**
 * The shapes of Sockpit's export files (documented in docs/export-format.md).
 * One event record per timeline event, the same in Sockpit JSON and NDJSON.
 */

export const SOCKPIT_FORMAT = 'sockpit';
export const SOCKPIT_VERSION = 1;

export type ExportScope = 'connection' | 'selection' | 'workspace';
export type ExportFormat = 'sockpit' | 'ndjson' | 'har';

/** Files bigger than this are refused before reading. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
export const MAX_IMPORT_CONNECTIONS = 1000;
export const MAX_IMPORT_EVENTS = 5_000_000;
export const MAX_IMPORT_TEMPLATES = 1000;
export const MAX_IMPORT_SCRIPTS = 200;

export interface CountersRecord {
  inMessages: number;
  inBytes: number;
  outMessages: number;
  outBytes: number;
  total: number;
  evictedEvents: number;
  evictedBytes: number;
}

interface RecordBase {
  seq: number;
  /** epoch milliseconds, sub-millisecond precision kept */
  time: number;
}

/** A frame as a protocol lens read it when it was exported (docs/protocols.md); informative, import ignores it. */
export interface DecodedRecord {
  protocol: string;
  type: string;
  summary: string;
  error?: string;
}

export type EventRecord =
  | (RecordBase & { type: 'connecting'; url: string; protocols: string[] })
  | (RecordBase & { type: 'open'; protocol: string; extensions: string })
  | (RecordBase & { type: 'message'; direction: 'in' | 'out'; format: 'text'; size: number; text: string; decoded?: DecodedRecord[] })
  | (RecordBase & { type: 'message'; direction: 'in' | 'out'; format: 'binary'; size: number; base64: string; decoded?: DecodedRecord[] })
  | (RecordBase & { type: 'error' })
  | (RecordBase & { type: 'close'; code: number; reason: string; wasClean: boolean })
  | (RecordBase & { type: 'note'; level: 'info' | 'warn' | 'error'; text: string });

export interface ReconnectRecord {
  enabled: boolean;
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

/** A connection's config and capture. `events` are those retained, seq `start` to `counters.total - 1`. */
export interface ConnectionRecord {
  /** the id it had when exported (templates refer to it) */
  id: string;
  name: string;
  url: string;
  /** comma-separated, as typed */
  protocols: string;
  binaryType: 'arraybuffer' | 'blob';
  /** Decode as (docs/protocols.md): absent = auto */
  decodeAs?: string;
  /** true when the connection was itself an imported timeline */
  imported?: boolean;
  autoReconnect?: ReconnectRecord;
  counters: CountersRecord;
  start: number;
  events: EventRecord[];
}

export interface TemplateRecord {
  name: string;
  /** null: every connection; otherwise the `id` of a connection in this file */
  connectionId: string | null;
  format: 'text' | 'hex' | 'base64';
  body: string;
}

/** A user script (docs/user-code.md). Imported scripts always arrive disabled, whatever `enabled` says. */
export interface ScriptRecord {
  /** connections' `decodeAs` "script:<id>" refer to it */
  id: string;
  name: string;
  source: string;
  enabled: boolean;
}

export interface SockpitFile {
  format: typeof SOCKPIT_FORMAT;
  version: typeof SOCKPIT_VERSION;
  /** ISO 8601 */
  exportedAt: string;
  generator: string;
  scope: ExportScope;
  /** true when secrets were replaced by REDACTED */
  redacted: boolean;
  connections: ConnectionRecord[];
  templates: TemplateRecord[];
  /** user scripts: all of them for the workspace scope, those the connections decode with otherwise; absent when none */
  scripts?: ScriptRecord[];
  /** the workspace's settings (workspace scope only) */
  settings?: Record<string, unknown>;
}

/** The `_sockpit` field Sockpit adds to each HAR entry so its own HARs import with exact counters. */
export interface HarSockpitExtension {
  id: string;
  name: string;
  protocols: string;
  binaryType: 'arraybuffer' | 'blob';
  counters: CountersRecord;
  start: number;
}
