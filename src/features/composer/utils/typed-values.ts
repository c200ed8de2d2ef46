import type { ConnectionId } from '../../../lib/ids';
import { onConnectionRemoved } from '../../../services/sockets/socket-service';

/** What the user typed in a lens's message form, per connection, lens and message kind: kept while the page lives, dropped with its connection. */
const typed = new Map<string, { connectionId: ConnectionId; values: Record<string, string> }>();

export function typedKey(connectionId: ConnectionId, lensId: string, kindId: string): string {
  return `${connectionId}|${lensId}|${kindId}`;
}

export function typedValues(key: string): Record<string, string> | undefined {
  return typed.get(key)?.values;
}

export function keepTypedValues(connectionId: ConnectionId, key: string, values: Record<string, string>): void {
  typed.set(key, { connectionId, values });
}

/** Whether anything typed is kept for this connection. */
export function hasTypedValues(id: ConnectionId): boolean {
  for (const v of typed.values()) if (v.connectionId === id) return true;
  return false;
}

onConnectionRemoved((id) => {
  for (const [key, v] of typed) if (v.connectionId === id) typed.delete(key);
});
