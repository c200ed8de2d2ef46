import type { ConnectionId } from '../lib/ids';
import type { PackedTexts } from './text-pack';
import type { BinaryType } from './events';
import type { LensId, SessionOptions } from '../lib/decode/types';

/**
 * A protocol session the host runs beside the socket (answer pings, CONNECT
 * on open): a named lens, or 'auto' to detect one from the URL, the
 * subprotocol and the first frame. Absent: the session is manual.
 */
export interface SessionSpec {
  lens: LensId | 'auto';
  options: SessionOptions;
}

/** What the page asks of the socket host (in a Worker, or inline on the main thread). */
export type HostCommand =
  | { op: 'connect'; id: ConnectionId; url: string; protocols: string[]; binaryType: BinaryType; session?: SessionSpec }
  | { op: 'send'; id: ConnectionId; data: string | ArrayBuffer | Blob }
  | { op: 'close'; id: ConnectionId; code: number | undefined; reason: string | undefined }
  | { op: 'dispose'; id: ConnectionId };

/**
 * New events of one connection since the last report, as columns, plus the
 * socket's live facts at the time of the report.
 */
export interface ConnectionBatch {
  id: ConnectionId;
  n: number;
  kinds: Uint8Array;
  times: Float64Array;
  sizes: Float64Array;
  data: unknown[];
  /**
   * The texts of `data` joined, from a host across a thread (core/text-pack.ts):
   * each `null` in `data` is the next of them.
   */
  packed?: PackedTexts;
  readyState: number;
  bufferedAmount: number;
}

/** One report per flush: at most one every REPORT_INTERVAL_MS under load. */
export interface HostReport {
  batches: ConnectionBatch[];
}

export const REPORT_INTERVAL_MS = 16;
