import type { ConnectionId } from '../lib/ids';
import { useStore } from '../store/store';
import { ConnectionHeader } from './connection-header';
import { ConnectionTools } from './connection-tools';
import { TimelineArea } from './timeline-area';

export type ConnectionPanelProps = { connectionId: ConnectionId };

/** The selected connection: its facts, its timeline, and what can be sent or closed. */
export function ConnectionPanel({ connectionId }: ConnectionPanelProps) {
  const exists = useStore((s) => s.connections.some((c) => c.id === connectionId));
  if (!exists) return null;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ConnectionHeader connectionId={connectionId} />
      <TimelineArea key={connectionId} ids={[connectionId]} merged={false} />
      <ConnectionTools key={`tools-${connectionId}`} connectionId={connectionId} />
    </div>
  );
}
