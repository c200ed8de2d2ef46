import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConnectionId } from '../lib/ids';
import { useStore } from '../store/store';
import { sendData } from '../store/actions';
import { mergedIds, setMerged } from '../store/view-actions';
import { Button } from '../components/ui/button';
import { cn } from '../components/ui/cn';
import { Composer } from '../features/composer/components/composer';
import { shortLabels } from '../lib/short-label';
import { TAG_COLORS } from '../features/timeline/utils/highlight';
import { TimelineArea } from './timeline-area';

const ALL = '*all-open*';

/**
 * The merged view: the events of several connections in one timeline, and a
 * composer that sends to one of them or to every one that is OPEN.
 */
export function MergedPanel() {
  const ids = useStore(useShallow((s) => mergedIds(s)));
  const allIds = useStore(useShallow((s) => s.connections.map((c) => c.id)));
  const labels = useStore(useShallow((s) => shortLabels(mergedIds(s).map((id) => s.connections.find((c) => c.id === id) ?? { name: '', url: String(id) }))));
  const openIds = useStore(useShallow((s) => mergedIds(s).filter((id) => s.runtime[id]?.readyState === 'OPEN')));
  // One connection by default: sending to all is a deliberate choice.
  const [target, setTarget] = useState<string | null>(null);
  const chosen = target ?? openIds[0] ?? ids[0] ?? ALL;
  const broadcast = chosen === ALL || !ids.includes(chosen as ConnectionId);
  const draftOwner = broadcast ? (openIds[0] ?? ids[0]) : (chosen as ConnectionId);
  if (ids.length === 0 || !draftOwner) return null;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-wrap items-center gap-2 border-b border-zinc-800 px-4 py-2">
        <h2 className="text-base font-semibold">Merged timeline</h2>
        <ul aria-label="Merged connections" className="flex flex-wrap gap-1">
          {ids.map((id, i) => (
            <li key={id} className={cn('rounded px-1.5 text-xs font-medium', TAG_COLORS[Math.max(0, allIds.indexOf(id)) % TAG_COLORS.length]?.pill)}>
              {labels[i]}
            </li>
          ))}
        </ul>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={() => setMerged({ active: false })}>
          Leave merged view
        </Button>
      </header>
      <TimelineArea ids={ids} merged />
      <div className="flex flex-col gap-2 border-t border-zinc-800 bg-zinc-900/60 p-3">
        <label className="flex items-center gap-2 text-xs text-zinc-300">
          Send to
          <select
            className="rounded border border-zinc-700 bg-zinc-900 px-1 py-0.5 text-xs text-zinc-100 focus:border-sky-400 focus:outline-none"
            value={broadcast ? ALL : chosen}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value={ALL}>All open connections ({openIds.length})</option>
            {ids.map((id, i) => (
              <option key={id} value={id}>
                {labels[i]}
              </option>
            ))}
          </select>
        </label>
        <Composer
          key={`${draftOwner}-${broadcast ? 'all' : 'one'}`}
          connectionId={draftOwner}
          broadcast={
            broadcast
              ? {
                  open: openIds.length > 0,
                  label: `${openIds.length} open ${openIds.length === 1 ? 'connection' : 'connections'}`,
                  send: (data) => {
                    for (const id of useStore.getState().connections.map((c) => c.id)) {
                      if (ids.includes(id) && useStore.getState().runtime[id]?.readyState === 'OPEN') sendData(id, data);
                    }
                  },
                }
              : undefined
          }
        />
      </div>
    </div>
  );
}
