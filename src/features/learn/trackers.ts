import type { ConnectionId } from '../../lib/ids';
import { getLog, onConnectionRemoved } from '../../services/sockets/socket-service';
import { SessionTracker } from './utils/session';
import type { Session } from './utils/session';

/**
 * One SessionTracker per connection while the teaching mode is on: each
 * call reads only the events appended since the last one. A removed
 * connection's tracker goes with it (the core's connection-removed hook).
 */
const trackers = new Map<ConnectionId, SessionTracker>();

export function sessionOf(id: ConnectionId): Session {
  let t = trackers.get(id);
  if (!t) {
    t = new SessionTracker();
    trackers.set(id, t);
  }
  return t.update(getLog(id));
}

/** Whether a tracker is kept for this connection. */
export function hasTracker(id: ConnectionId): boolean {
  return trackers.has(id);
}

onConnectionRemoved((id) => trackers.delete(id));
