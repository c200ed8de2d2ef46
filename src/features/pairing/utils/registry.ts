import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../core/event-log';
import type { PairingRule } from '../../../store/types';
import { PairingIndex } from './pairing-index';
import { onConnectionRemoved } from '../../../services/sockets/socket-service';
import type { CorrelationSource } from './pairing-index';

/** One pairing index per connection, rebuilt when its rule, its log or its lens changes. */
const indexes = new Map<ConnectionId, PairingIndex>();

/**
 * `correlations`: the connection's decode index when a protocol lens (not
 * plain JSON or JSON-RPC, which the rule's own parse covers) reads it.
 */
export function pairingIndexFor(log: EventLog, rule: PairingRule, correlations: CorrelationSource | null = null): PairingIndex {
  const current = indexes.get(log.connectionId);
  const wanted = rule.mode === 'auto' ? correlations : null;
  if (current && current.log === log && current.rule.mode === rule.mode && current.rule.path === rule.path && current.correlations === wanted) return current;
  const index = new PairingIndex(log, rule, wanted);
  indexes.set(log.connectionId, index);
  return index;
}

/** Whether a pairing index is kept for this connection. */
export function hasPairingIndex(id: ConnectionId): boolean {
  return indexes.has(id);
}

onConnectionRemoved((id) => indexes.delete(id));

/** "12.3 ms", "1.20 s", "850 µs". */
export function formatRtt(ms: number): string {
  if (!Number.isFinite(ms)) return '? ms';
  const a = Math.abs(ms);
  if (a < 1) return `${Math.round(ms * 1000)} µs`;
  if (a < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
