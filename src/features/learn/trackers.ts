import type { ConnectionId } from '../../lib/ids';
import { getLog } from '../../services/sockets/socket-service';
import { SessionTracker } from './utils/session';
import type { Session } from './utils/session';

/**
 * One SessionTracker per connection while the teaching mode is on: each
 * call reads only the events appended since the last one.
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

/** Drops trackers of connections that no longer exist. */
export function pruneTrackers(existing: ReadonlySet<ConnectionId>): void {
  for (const id of trackers.keys()) if (!existing.has(id)) trackers.delete(id);
}
