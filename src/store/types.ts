import type { ConnectionId } from '../lib/ids';
import type { BinaryType, ReadyStateName } from '../services/sockets/events';
import type { LogCounters, RetentionLimits } from '../services/sockets/event-log';
import type { Rates } from '../services/sockets/rate-meter';

/** What the user configured for a connection: persisted. */
export interface ConnectionConfig {
  id: ConnectionId;
  name: string;
  /** the URL as typed */
  url: string;
  /** comma-separated, as typed */
  protocols: string;
  binaryType: BinaryType;
}

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
  /** the last connect attempt failed before a socket existed */
  connectError: string | null;
}

/** Live rates, sampled once a second: never persisted. */
export interface ConnectionStats {
  rates: Rates;
  /** messages per second each way, oldest first, one per second */
  history: number[];
}
