import { useStore } from '../../../store/store';
import { ConnectionItem } from './connection-item';

export function ConnectionList() {
  const connections = useStore((s) => s.connections);
  return (
    <section aria-labelledby="connections-heading" className="flex min-h-0 flex-1 flex-col border-t border-zinc-800">
      <h2 id="connections-heading" className="px-3 pt-3 pb-1 text-sm font-semibold text-zinc-200">
        Connections <span className="font-normal text-zinc-400">({connections.length})</span>
      </h2>
      {connections.length === 0 ? (
        <p className="px-3 py-2 text-sm text-zinc-400">None yet: enter a URL above and press Connect.</p>
      ) : (
        <ul aria-label="Connections" className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
          {connections.map((c) => (
            <ConnectionItem key={c.id} config={c} />
          ))}
        </ul>
      )}
    </section>
  );
}
