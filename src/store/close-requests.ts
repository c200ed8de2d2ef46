import type { ConnectionId } from '../lib/ids';
import { onConnectionRemoved } from '../services/sockets/socket-service';

/**
 * The last close() the user asked for on each connection. The timeline shows
 * the `close` event the socket fired, not the call that caused it; the
 * teaching mode's code panel and lifecycle diagram need the call itself (its
 * code, reason and time). Memory only.
 */
export interface CloseRequest {
  code: number | undefined;
  reason: string | undefined;
  /** epoch ms, on the same clock as event times */
  time: number;
}

const requests = new Map<ConnectionId, CloseRequest>();

export function recordCloseRequest(id: ConnectionId, code: number | undefined, reason: string | undefined): void {
  requests.set(id, { code, reason, time: performance.timeOrigin + performance.now() });
}

export function lastCloseRequest(id: ConnectionId): CloseRequest | undefined {
  return requests.get(id);
}

export function forgetCloseRequest(id: ConnectionId): void {
  requests.delete(id);
}

onConnectionRemoved(forgetCloseRequest);
