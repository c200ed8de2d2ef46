import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { mergedIds, setMerged } from '../../../store/view-actions';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { useDialogOpener } from '../../../components/ui/dialog-openers';
import { maskUrl } from '../../../lib/secrets';
import { TAG_COLORS } from '../utils/highlight';

function labelOf(c: { name: string; url: string }): string {
  return c.name.trim() || maskUrl(c.url);
}

/**
 * Chooses the connections of the merged timeline: some, or all (new ones
 * included). The merged view shows their events interleaved by time, each
 * row tagged with its connection's colour.
 */
export type MergePickerProps = {
  /** render the "Merge timelines…" button; without it, open the dialog with openDialog('merge') */
  trigger?: boolean;
};

export function MergePicker({ trigger = true }: MergePickerProps) {
  const dialog = useDialog();
  const connections = useStore((s) => s.connections);
  const activeCount = useStore((s) => (s.merged.active ? mergedIds(s).length : 0));
  const [all, setAll] = useState(false);
  const [ids, setIds] = useState<ConnectionId[]>([]);
  const [tried, setTried] = useState(false);
  const chosen = all ? connections.length : ids.length;
  const error = tried && chosen < 2 ? 'Choose at least two connections (or All).' : undefined;

  const open = useCallback(() => {
    const { merged, connections: all } = useStore.getState();
    setAll(merged.all);
    setIds(merged.ids.length ? merged.ids : all.map((c) => c.id));
    setTried(false);
    dialog.open();
  }, [dialog]);
  useDialogOpener('merge', open);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (chosen < 2) return;
    setMerged({ active: true, all, ids });
    dialog.close();
  };
  const toggle = (id: ConnectionId, on: boolean) => setIds((prev) => (on ? [...prev.filter((x) => x !== id), id] : prev.filter((x) => x !== id)));

  const dialogPart = (
    <Dialog
      handle={dialog}
      id="merge"
      title="Merged timeline"
      size="sm"
      onSubmit={onSubmit}
      footer={
        <>
          <Button onClick={dialog.close}>Cancel</Button>
          <Button type="submit" variant="primary">
            Show merged timeline
          </Button>
        </>
      }
    >
      <p className="text-xs text-zinc-400">One timeline with the events of several connections, in time order; each row is tagged with its connection.</p>
      <fieldset className="flex flex-col gap-1" aria-describedby="merge-error" aria-invalid={error ? true : undefined}>
        <legend className="mb-1 text-xs font-medium text-zinc-300">Connections</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
          All connections (new ones too)
        </label>
        {connections.map((c, i) => (
          <label key={c.id} className={cn('flex items-center gap-2 text-sm', all && 'text-zinc-400')}>
            <input type="checkbox" disabled={all} checked={all || ids.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
            <span className={cn('inline-block h-3 w-3 shrink-0 rounded-sm border-l-4', TAG_COLORS[i % TAG_COLORS.length]?.border, TAG_COLORS[i % TAG_COLORS.length]?.pill)} aria-hidden="true" />
            <span className="truncate">{labelOf(c)}</span>
          </label>
        ))}
        <p id="merge-error" className="min-h-4 text-xs text-rose-300">
          {error ?? ''}
        </p>
      </fieldset>
    </Dialog>
  );
  if (!trigger) return dialogPart;

  return (
    <div className="border-t border-zinc-800 p-2">
      <div className="flex items-center gap-2">
        <Button size="sm" variant={activeCount ? 'primary' : 'secondary'} className="flex-1" onClick={open} disabled={connections.length < 2}>
          {activeCount ? `Merged timeline: ${activeCount} connections…` : 'Merge timelines…'}
        </Button>
      </div>
      {dialogPart}
    </div>
  );
}
