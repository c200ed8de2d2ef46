import { useCallback, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import { useStore } from '../../../store/store';
import { ContextMenu } from '../../../components/ui/context-menu';
import { closeConnection, duplicateConnection, reconnect, removeConnection, selectConnection } from '../../../store/actions';
import type { ConnectionConfig } from '../../../store/types';
import { IconButton } from '../../../components/ui/icon-button';
import { cn } from '../../../components/ui/cn';
import { formatCount } from '../../../lib/codecs';
import { ConnectionStatus } from '../../../components/ui/connection-status';
import { maskUrl } from '../../../lib/secrets';

export type ConnectionItemProps = {
  config: ConnectionConfig;
  /** what tells it apart from the others: its name, or its path and query */
  label: string;
};

/**
 * One connection on two short lines (44 px): its label, then status and
 * counters. Actions show on hover and focus; they are always in the tab order.
 */
export function ConnectionItem({ config, label }: ConnectionItemProps) {
  const selected = useStore((s) => s.selectedId === config.id);
  const state = useStore((s) => s.runtime[config.id]?.readyState ?? 'CLOSED');
  const outcome = useStore((s) => s.runtime[config.id]?.outcome);
  const inMessages = useStore((s) => s.runtime[config.id]?.counters.inMessages ?? 0);
  const outMessages = useStore((s) => s.runtime[config.id]?.counters.outMessages ?? 0);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenuAt(null), []);
  const url = maskUrl(config.url);
  // The accessible name is the full name or URL: it contains the visible label.
  const name = config.name.trim() || url;
  const onContextMenu = (e: MouseEvent<HTMLLIElement>) => {
    e.preventDefault();
    const box = e.currentTarget.getBoundingClientRect();
    setMenuAt({ x: Math.min(e.clientX - box.left, box.width - 120), y: e.clientY - box.top });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      setMenuAt({ x: 16, y: 36 });
    }
  };
  const closed = state === 'CLOSED' || state === 'CLOSING';
  return (
    <li onContextMenu={onContextMenu} className={cn('group relative mb-0.5 h-11 rounded-md border text-sm', selected ? 'border-sky-600 bg-zinc-800/80' : 'border-transparent hover:bg-zinc-800/50')}>
      <button
        type="button"
        aria-label={name}
        aria-current={selected ? 'true' : undefined}
        aria-haspopup="menu"
        aria-keyshortcuts="Shift+F10"
        title={url}
        onKeyDown={onKeyDown}
        onClick={() => selectConnection(config.id)}
        className="flex h-full w-full min-w-0 flex-col justify-center rounded-md px-2 text-left focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-400"
      >
        <span className="flex w-full min-w-0 items-center gap-1.5">
          <span className="truncate font-mono text-[13px] text-zinc-100">{label}</span>
          {config.source === 'import' ? <span className="ml-auto shrink-0 rounded border border-amber-700 px-1 text-[10px] text-amber-100">imported</span> : null}
        </span>{' '}
        <span className="flex w-full min-w-0 items-center gap-2 text-[11px] text-zinc-400 tabular-nums">
          <ConnectionStatus state={state} outcome={outcome} className="min-w-0" />{' '}
          <span className="ml-auto shrink-0">
            {formatCount(inMessages)} in · {formatCount(outMessages)} out
          </span>
        </span>
        {label === url ? null : <span className="sr-only"> {url}</span>}
      </button>
      <div className="absolute top-0.5 right-1 flex gap-0.5 rounded bg-zinc-800 opacity-0 shadow group-focus-within:opacity-100 group-hover:opacity-100">
        <IconButton iconOnly label="Reconnect" icon="reconnect" onClick={() => reconnect(config.id)} />
        <IconButton iconOnly label="Close connection" icon="stop" disabled={state === 'CLOSED' || state === 'CLOSING'} onClick={() => closeConnection(config.id)} />
        <IconButton iconOnly label="Duplicate" icon="duplicate" onClick={() => duplicateConnection(config.id)} />
        <IconButton iconOnly label="Remove" icon="remove" onClick={() => removeConnection(config.id)} />
      </div>
      {menuAt ? (
        <ContextMenu
          label={`Actions for ${name}`}
          at={menuAt}
          onClose={closeMenu}
          actions={[
            { label: 'Reconnect', run: () => reconnect(config.id) },
            { label: 'Close connection', run: () => closeConnection(config.id), disabled: closed },
            { label: 'Duplicate', run: () => duplicateConnection(config.id) },
            { label: 'Remove', run: () => removeConnection(config.id) },
          ]}
        />
      ) : null}
    </li>
  );
}
