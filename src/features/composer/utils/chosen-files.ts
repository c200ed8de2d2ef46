import type { ConnectionId } from '../../../lib/ids';
import { onConnectionRemoved } from '../../../services/sockets/socket-service';

/** Files chosen per connection for this page's life (a File cannot be persisted); a removed connection's goes with it. */
const chosenFiles = new Map<ConnectionId, File>();

export function chosenFile(id: ConnectionId): File | null {
  return chosenFiles.get(id) ?? null;
}

export function setChosenFile(id: ConnectionId, file: File | null): void {
  if (file) chosenFiles.set(id, file);
  else chosenFiles.delete(id);
}

onConnectionRemoved((id) => chosenFiles.delete(id));
