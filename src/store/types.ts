import type { ConnectionId } from '../lib/ids';
import type { BinaryType, ReadyStateName } from '../core/events';
import type { LogCounters, RetentionLimits } from '../core/event-log';
import type { Rates } from '../services/sockets/rate-meter';
import type { DecodeAs } from '../lib/decode/types';
import type { ScriptLimits } from '../lib/script-limits';

export type { ScriptLimits } from '../lib/script-limits';

/** What the user configured for a connection: persisted. */
export interface ConnectionConfig {
  id: ConnectionId;
  name: string;
  /** the URL as typed */
  url: string;
  /** comma-separated, as typed */
  protocols: string;
  binaryType: BinaryType;
  /** 'import': a read-only timeline filled from a file; it has no socket and is not persisted */
  source?: 'import';
  /** for an imported timeline: the file's name */
  importedFrom?: string;
  /** reconnect by itself when the socket closes without the user asking; absent = off */
  autoReconnect?: ReconnectPolicy;
  /** keep credentials in the stored URL (query tokens, userinfo); otherwise they stay in memory only (lib/secrets.ts) */
  rememberSecrets?: boolean;
  /** set after a reload when the stored URL had its secrets left out */
  secretsDropped?: boolean;
  /** what the timeline decodes frames as (docs/protocols.md); absent = 'auto' */
  decodeAs?: DecodeAs;
  /** the protocol session (answer pings, CONNECT on open) is left to the user */
  sessionManual?: boolean;
  /** the lens's session options (MQTT client id, Socket.IO namespace, …), by lens */
  sessionOptions?: Record<string, Record<string, string>>;
}

/** Auto-reconnect with exponential backoff (features/schedule/utils/backoff.ts). */
export interface ReconnectPolicy {
  enabled: boolean;
  /** first delay; each next attempt waits twice as long, ±20 % jitter */
  baseMs: number;
  /** the longest delay */
  maxMs: number;
  /** give up after this many attempts in a row; 0 = never */
  maxAttempts: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { enabled: false, baseMs: 500, maxMs: 30_000, maxAttempts: 0 };

export type ComposerMode = 'text' | 'binary';
export type BinaryFormat = 'hex' | 'base64' | 'file';

/** A connection's unsent work: persisted. */
export interface Draft {
  mode: ComposerMode;
  binaryFormat: BinaryFormat;
  text: string;
  hex: string;
  base64: string;
  closeCode: string;
  closeReason: string;
}

export interface NewConnectionForm {
  url: string;
  protocols: string;
  binaryType: BinaryType;
  name: string;
  /** "Remember secrets" for the connection this form creates */
  rememberSecrets?: boolean;
  /** set after a reload when the stored URL had its secrets left out */
  secretsDropped?: boolean;
  /** a first message from a deep link: the composer draft of the next connection created */
  message?: string;
  /** Decode as, the session switch and its options for the connection this form creates */
  decodeAs?: DecodeAs;
  sessionManual?: boolean;
  sessionOptions?: Record<string, string>;
}

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Preferences {
  retention: RetentionLimits;
  /** colour theme; unset follows the system (features/theme) */
  theme?: ThemeChoice;
  /** larger text, for projectors and teaching */
  largeText?: boolean;
  /** teaching mode: code panel, lifecycle, explanations, lessons (features/learn) */
  learn?: boolean;
  /** where the inspector docks; 'auto' = right from 1200 px wide, bottom below */
  inspectorDock?: InspectorDock;
  /** the composer shows only its tab line */
  composerCollapsed?: boolean;
  /** presentation mode: no sidebar or tool panels, large text, timeline and explanation side by side */
  presentation?: boolean;
  /** timeline columns the user hid */
  hiddenColumns?: TimelineColumn[];
  /** the Charts view is open above the timeline (features/charts) */
  charts?: boolean;
  /** the composer asks before sending a message larger than this many MiB; unset = DEFAULT_CONFIRM_SEND_MIB */
  confirmSendMiB?: number;
  /** the user-script sandbox's limits (Settings); unset = DEFAULT_SCRIPT_LIMITS */
  scriptLimits?: ScriptLimits;
}


export type InspectorDock = 'auto' | 'right' | 'bottom';

/** The timeline's optional columns (the payload preview always shows). */
export type TimelineColumn = 'time' | 'since' | 'direction' | 'kind' | 'size';
export const TIMELINE_COLUMNS: readonly TimelineColumn[] = ['time', 'since', 'direction', 'kind', 'size'];

/** How the latest close of a socket went, for the status colours. */
export interface CloseOutcome {
  code: number;
  reason: string;
  wasClean: boolean;
  /** an error event, a handshake failure, 1006, 1015 or wasClean false */
  failed: boolean;
}

/** Live facts about a connection's socket and capture: never persisted. */
export interface ConnectionRuntime {
  readyState: ReadyStateName;
  bufferedAmount: number;
  counters: LogCounters;
  /** seq of the oldest retained event */
  start: number;
  /** bumps whenever new events were appended */
  version: number;
  /** when CLOSED: how the latest close went (absent before the first close) */
  outcome?: CloseOutcome | undefined;
}

/** Live rates, sampled once a second: never persisted. */
export interface ConnectionStats {
  rates: Rates;
  /** messages per second each way, oldest first, one per second */
  history: number[];
}

// --- Inspect, search and correlate (features/inspector, search, pairing) ----

export type { DirectionFilter, KindFilter, PayloadFilter, TimeRange, TimelineFilter } from '../lib/filter/types';

/** How timeline rows show time: wall clock with ms, since the socket opened, since the row before. */
export type TimeFormat = 'clock' | 'since-open' | 'since-previous';

/**
 * Request/response pairing for one connection: 'auto' pairs by the ids of
 * the protocol a lens decodes (Socket.IO ack ids, MQTT packet ids, GraphQL
 * operation ids, …) and by JSON-RPC ids otherwise; 'jsonrpc' pairs JSON-RPC 2.0
 * requests and replies by `id`; 'path' pairs any sent and received JSON
 * messages whose value at `path` is equal.
 */
export interface PairingRule {
  mode: 'off' | 'auto' | 'jsonrpc' | 'path';
  path: string;
}

/** The event the inspector shows. */
export interface SelectedEvent {
  connectionId: ConnectionId;
  seq: number;
}

/** The merged timeline: several connections in one, interleaved by time. */
export interface MergedView {
  active: boolean;
  /** every connection, including ones added later */
  all: boolean;
  ids: ConnectionId[];
}
