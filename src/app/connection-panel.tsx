import type { ConnectionId } from '../lib/ids';
import { useStore } from '../store/store';
import { Composer } from '../features/composer/components/composer';
import { ClosePanel } from '../features/composer/components/close-panel';
import { ConnectionHeader } from './connection-header';
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
      <div className="flex gap-4 border-t border-zinc-800 bg-zinc-900/60 p-3">
        <Composer key={connectionId} connectionId={connectionId} />
        <ClosePanel key={`close-${connectionId}`} connectionId={connectionId} />
      </div>
    </div>
  );
}
