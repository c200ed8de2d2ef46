import type { ConnectionId } from './ids';

/**
 * The one event union. Every connection's history is a sequence of these.
 * `seq` is the event's position in its connection's log (0-based, never reused),
 * `time` is epoch milliseconds with sub-millisecond precision, stamped where the
 * socket lives (from the event's own timeStamp), never when the UI drew it.
 */
export type Direction = 'in' | 'out';

export type { ReadyStateName } from './ready-state';
export { READY_STATE_NAMES } from './ready-state';

export type BinaryType = 'arraybuffer' | 'blob';

/** Binary data as the socket delivered it: an ArrayBuffer, or a Blob when binaryType is 'blob'. */
export type BinaryData = ArrayBuffer | Blob;

interface EventBase {
  seq: number;
  connectionId: ConnectionId;
  time: number;
}

export type TextMessage = EventBase & {
  type: 'message';
  direction: Direction;
  format: 'text';
  size: number;
  text: string;
};

export type BinaryMessage = EventBase & {
  type: 'message';
  direction: Direction;
  format: 'binary';
  size: number;
  data: BinaryData;
};

export type SockEvent =
  | (EventBase & { type: 'connecting'; url: string; protocols: string[] })
  | (EventBase & { type: 'open'; protocol: string; extensions: string })
  | TextMessage
  | BinaryMessage
  | (EventBase & { type: 'error' })
  | (EventBase & { type: 'close'; code: number; reason: string; wasClean: boolean })
  | (EventBase & { type: 'note'; level: 'info' | 'warn' | 'error'; text: string });

export type SockEventType = SockEvent['type'];

export { Kind } from './event-kind';


/** What the `data` column holds for each kind. */
export interface ConnectingData {
  url: string;
  protocols: string[];
}
export interface OpenData {
  protocol: string;
  extensions: string;
}
export interface CloseData {
  code: number;
  reason: string;
  wasClean: boolean;
}
export interface NoteData {
  level: 'info' | 'warn' | 'error';
  text: string;
}
