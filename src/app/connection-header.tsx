import type { ConnectionId } from '../lib/ids';
import { useStore } from '../store/store';
import { ReadyStateBadge } from '../components/ui/ready-state-badge';
import { formatBytes, formatCount } from '../lib/codecs';

export type ConnectionHeaderProps = { connectionId: ConnectionId };

export function ConnectionHeader({ connectionId }: ConnectionHeaderProps) {
  const config = useStore((s) => s.connections.find((c) => c.id === connectionId));
  const rt = useStore((s) => s.runtime[connectionId]);
  if (!config) return null;
  const c = rt?.counters;
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-zinc-800 px-4 py-2">
      <ReadyStateBadge state={rt?.readyState ?? 'CLOSED'} />
      <h2 className="truncate text-base font-semibold">{config.name || config.url}</h2>
      {config.name ? <span className="truncate font-mono text-xs text-zinc-400">{config.url}</span> : null}
      <dl className="ml-auto flex gap-4 text-xs text-zinc-300 tabular-nums">
        <div className="flex gap-1">
          <dt className="text-zinc-500">received</dt>
          <dd>
            {formatCount(c?.inMessages ?? 0)} · {formatBytes(c?.inBytes ?? 0)}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-zinc-500">sent</dt>
          <dd>
            {formatCount(c?.outMessages ?? 0)} · {formatBytes(c?.outBytes ?? 0)}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-zinc-500">bufferedAmount</dt>
          <dd>{formatBytes(rt?.bufferedAmount ?? 0)}</dd>
        </div>
      </dl>
    </header>
  );
}
