import type { EventLog } from '../../core/event-log';
import { Kind } from '../../core/events';
import type { CloseData } from '../../core/events';

/** How the latest close of a socket went. */
export interface LatestClose {
  seq: number;
  code: number;
  reason: string;
  wasClean: boolean;
  /** an error event came between the attempt (connecting/open) and the close */
  errored: boolean;
}

/** How far back a scan looks for the latest close: past it, notes alone could not push it out. */
const SCAN_LIMIT = 512;

/**
 * The latest close event of a log and whether an error event belongs to the
 * same attempt, found by scanning back from the end (notes may follow a close:
 * auto-reconnect, repeats). Undefined when the newest attempt has not closed.
 */
export function latestClose(log: EventLog): LatestClose | undefined {
  const stop = Math.max(log.start, log.end - SCAN_LIMIT);
  let seq = log.end - 1;
  for (; seq >= stop; seq--) {
    const kind = log.kindAt(seq);
    if (kind === Kind.Close) break;
    if (kind === Kind.Connecting || kind === Kind.Open) return undefined;
  }
  if (seq < stop) return undefined;
  const data = log.dataAt(seq) as CloseData;
  let errored = false;
  for (let s = seq - 1; s >= stop; s--) {
    const kind = log.kindAt(s);
    if (kind === Kind.Error) errored = true;
    if (kind === Kind.Connecting || kind === Kind.Open || kind === Kind.Close) break;
  }
  return { seq, code: data.code, reason: data.reason, wasClean: data.wasClean, errored };
}
