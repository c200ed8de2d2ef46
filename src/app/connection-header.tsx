import type { ConnectionId } from '../lib/ids';
import { useStore } from '../store/store';
import { ConnectionBar } from '../features/connections/components/connection-bar';
import { CopyLinkDialog } from './lazy-parts';
import { StatsBar } from '../features/stats/components/stats-bar';
import { AutomationStatus } from '../features/schedule/components/automation-status';

export type ConnectionHeaderProps = { connectionId: ConnectionId };

/** The connection bar, then one line of counters, rates and what runs by itself. */
export function ConnectionHeader({ connectionId }: ConnectionHeaderProps) {
  const imported = useStore((s) => s.connections.find((c) => c.id === connectionId)?.source === 'import');
  const presentation = useStore((s) => s.preferences.presentation === true);
  return (
    <header className="flex flex-col">
      <ConnectionBar key={connectionId} connectionId={connectionId} extra={presentation ? null : <CopyLinkDialog connectionId={connectionId} />} />
      {presentation ? null : (
        <div className="flex min-w-0 items-center gap-3 overflow-hidden border-b border-zinc-800 px-3 py-0.5">
          {imported ? (
            <span className="shrink-0 rounded border border-amber-700 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-amber-100">IMPORTED · READ-ONLY</span>
          ) : (
            <AutomationStatus connectionId={connectionId} />
          )}
          <StatsBar connectionId={connectionId} />
        </div>
      )}
    </header>
  );
}
