import { useMemo } from 'react';
import { useStore } from '../../../store/store';
import { newConnection } from '../../../store/actions';
import { IconButton } from '../../../components/ui/icon-button';
import { shortLabels } from '../../../lib/short-label';
import { ConnectionItem } from './connection-item';

/** The connections, one compact row each, and the `+` that starts a new one. */
export function ConnectionList() {
  const connections = useStore((s) => s.connections);
  const labels = useMemo(() => shortLabels(connections), [connections]);
  return (
    <section aria-labelledby="connections-heading" className="flex min-h-0 flex-1 flex-col">
      <div className="flex h-9 shrink-0 items-center gap-2 px-3">
        <h2 id="connections-heading" className="text-sm font-semibold text-zinc-200">
          Connections <span className="font-normal text-zinc-400">({connections.length})</span>
        </h2>
        <IconButton iconOnly label="New connection" icon="plus" aria-keyshortcuts="N" className="ml-auto h-7 px-1.5" onClick={newConnection} />
      </div>
      {connections.length === 0 ? (
        <p className="px-3 py-2 text-sm text-zinc-400">None yet: enter a URL above the timeline, or pick a playground route.</p>
      ) : (
        <ul aria-label="Connections" className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
          {connections.map((c, i) => (
            <ConnectionItem key={c.id} config={c} label={labels[i] ?? c.url} />
          ))}
        </ul>
      )}
    </section>
  );
}
