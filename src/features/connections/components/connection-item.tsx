import { useStore } from '../../../store/store';
import { closeConnection, duplicateConnection, reconnect, removeConnection, selectConnection } from '../../../store/actions';
import type { ConnectionConfig } from '../../../store/types';
import { IconButton } from '../../../components/ui/icon-button';
import { cn } from '../../../components/ui/cn';
import { formatBytes, formatCount } from '../../../lib/codecs';
import { ReadyStateBadge } from '../../../components/ui/ready-state-badge';
import { connectionLabel } from '../utils/connection-label';
import { maskUrl } from '../../../lib/secrets';

export type ConnectionItemProps = { config: ConnectionConfig };

export function ConnectionItem({ config }: ConnectionItemProps) {
  const selected = useStore((s) => s.selectedId === config.id);
  const rt = useStore((s) => s.runtime[config.id]);
  const state = rt?.readyState ?? 'CLOSED';
  const label = connectionLabel(config);
  const c = rt?.counters;
  return (
    <li
      className={cn(
        'mb-1 rounded-md border p-2 text-sm',
        selected ? 'border-sky-500 bg-zinc-800/80' : 'border-zinc-800 bg-zinc-900 hover:border-zinc-600',
      )}
    >
      <button
        type="button"
        aria-label={label}
        aria-current={selected ? 'true' : undefined}
        onClick={() => selectConnection(config.id)}
        className="flex w-full min-w-0 flex-col items-start gap-1 rounded text-left focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        <span className="flex w-full items-center gap-2">
          <ReadyStateBadge state={state} />{' '}
          <span className="truncate font-medium text-zinc-100">{label}</span>
          {config.source === 'import' ? <span className="ml-auto shrink-0 rounded border border-amber-700 px-1 text-[10px] text-amber-100">imported</span> : null}
        </span>{' '}
        {config.name ? <span className="w-full truncate font-mono text-xs text-zinc-400">{maskUrl(config.url)} </span> : null}
        <span className="text-xs text-zinc-300 tabular-nums">
          {formatCount(c?.inMessages ?? 0)} in · {formatCount(c?.outMessages ?? 0)} out
          <span className="text-zinc-500">
            {' '}
            ({formatBytes(c?.inBytes ?? 0)} / {formatBytes(c?.outBytes ?? 0)})
          </span>{' '}
        </span>
      </button>
      <div className="mt-1 flex flex-wrap gap-x-0.5">
        <IconButton label="Reconnect" icon="reconnect" onClick={() => reconnect(config.id)} />
        <IconButton label="Close connection" icon="stop" disabled={state === 'CLOSED' || state === 'CLOSING'} onClick={() => closeConnection(config.id)} />
        <IconButton label="Duplicate" icon="duplicate" onClick={() => duplicateConnection(config.id)} />
        <IconButton label="Remove" icon="remove" onClick={() => removeConnection(config.id)} />
      </div>
    </li>
  );
}
