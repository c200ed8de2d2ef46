import { useCallback, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { formatCount } from '../../../lib/codecs';
import { maskUrl } from '../../../lib/secrets';
import { useStore } from '../../../store/store';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { useDialogOpener } from '../../../components/ui/dialog-openers';
import { eventCount, exportFileName, exportParts, MIME_TYPES } from '../utils/exporters';
import { exportInput } from '../utils/collect';
import { buildBlob, ExportCancelled, saveBlob } from '../utils/download';
import type { ExportFormat, ExportScope } from '../utils/schema';
import { ChoiceList, ConnectionChecklist, ExportProgress, SecretsChoice } from './export-parts';
import type { ExportPhase } from './export-parts';

export type ExportDialogProps = {
  /** the scope chosen when the dialog opens */
  initialScope?: ExportScope;
  triggerLabel?: string;
  triggerVariant?: 'ghost' | 'secondary';
  /** render the trigger button; without it, open the dialog with openDialog('export') (unless initialScope is 'workspace') */
  trigger?: boolean;
};

const FORMATS: { value: ExportFormat; label: string; about: string }[] = [
  { value: 'sockpit', label: 'Sockpit JSON', about: 'everything, with exact counters; opens again in Sockpit' },
  { value: 'ndjson', label: 'NDJSON', about: 'one event per line, for jq and other line tools' },
  { value: 'har', label: 'HAR 1.2', about: 'messages as Chrome DevTools writes them; opens in HAR viewers' },
];

/** Export a connection, chosen connections or the whole workspace as Sockpit JSON, NDJSON or HAR; secrets left out unless asked. */
export function ExportDialog({ initialScope = 'connection', triggerLabel = 'Export…', triggerVariant = 'ghost', trigger = true }: ExportDialogProps) {
  const dialog = useDialog();
  const abort = useRef<AbortController | null>(null);
  const connections = useStore((s) => s.connections);
  const selectedId = useStore((s) => s.selectedId);
  const [scope, setScope] = useState<ExportScope>(initialScope);
  const [chosen, setChosen] = useState<ConnectionId[]>([]);
  const [format, setFormat] = useState<ExportFormat>('sockpit');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [phase, setPhase] = useState<ExportPhase>({ kind: 'idle' });
  const uid = `export-${initialScope}`;
  const selected = connections.find((c) => c.id === selectedId);

  const ids: ConnectionId[] = scope === 'workspace' ? connections.map((c) => c.id) : scope === 'connection' ? (selected ? [selected.id] : []) : chosen;
  const input = exportInput(scope, ids, includeSecrets);
  const events = eventCount(input.connections);
  const evicted = input.connections.reduce((n, c) => n + c.log.counters.evictedEvents, 0);
  const nothing = input.connections.length === 0 && scope !== 'workspace';
  const templatesIn = input.templates.filter((t) => t.connectionId === null || ids.includes(t.connectionId)).length;

  const open = useCallback(() => {
    const { merged, selectedId: current, connections: all } = useStore.getState();
    const hasSelected = all.some((c) => c.id === current);
    setScope(initialScope === 'connection' && !hasSelected ? 'workspace' : initialScope);
    setChosen(merged.active && merged.ids.length > 0 ? merged.ids : hasSelected && current ? [current] : []);
    setIncludeSecrets(false);
    setPhase({ kind: 'idle' });
    dialog.open();
  }, [dialog, initialScope]);
  // The workspace dialog's "Export workspace…" is a second copy: 'export' names the header's.
  useDialogOpener(initialScope === 'workspace' ? null : 'export', open);

  const close = () => {
    abort.current?.abort();
    dialog.close();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (nothing || phase.kind === 'writing') return;
    const fresh = exportInput(scope, ids, includeSecrets);
    const total = eventCount(fresh.connections);
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'writing', events: 0, total });
    try {
      const blob = await buildBlob(exportParts(format, fresh), MIME_TYPES[format], (n) => setPhase({ kind: 'writing', events: n, total }), controller.signal);
      const name = exportFileName(format, scope, fresh.now);
      saveBlob(blob, name);
      setPhase({ kind: 'done', message: `Saved ${name}: ${formatCount(total)} events, ${blob.size.toLocaleString('en-US')} bytes.` });
    } catch (err) {
      if (err instanceof ExportCancelled) setPhase({ kind: 'idle' });
      else setPhase({ kind: 'error', message: `Export failed: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      abort.current = null;
    }
  };

  const toggle = (id: ConnectionId, on: boolean) => setChosen((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
  const writing = phase.kind === 'writing';

  return (
    <>
      {trigger ? (
        <Button size="sm" variant={triggerVariant} className="whitespace-nowrap" onClick={open}>
          {triggerLabel}
        </Button>
      ) : null}
      <Dialog
        handle={dialog}
        id={uid}
        title="Export"
        size="lg"
        onSubmit={(e) => void onSubmit(e)}
        onCancel={() => abort.current?.abort()}
        footer={
          <>
            <Button onClick={close}>{writing ? 'Cancel export' : phase.kind === 'done' ? 'Close' : 'Cancel'}</Button>
            <Button type="submit" variant="primary" disabled={nothing || writing}>
              Export
            </Button>
          </>
        }
      >
        <ChoiceList
          legend="What"
          name={`${uid}-scope`}
          value={scope}
          onChange={setScope}
          options={[
            { value: 'connection', label: 'This connection', about: selected ? selected.name || maskUrl(selected.url) : 'none selected', disabled: !selected },
            { value: 'selection', label: 'Chosen connections', disabled: connections.length === 0 },
            { value: 'workspace', label: 'The whole workspace', about: 'connections, saved messages and settings' },
          ]}
        />
        {scope === 'selection' ? <ConnectionChecklist connections={connections} chosen={chosen} onToggle={toggle} /> : null}
        <ChoiceList legend="Format" name={`${uid}-format`} value={format} onChange={setFormat} options={FORMATS} />
        <SecretsChoice id={`${uid}-secrets`} value={includeSecrets} onChange={setIncludeSecrets} />
        <p className="text-xs text-zinc-300" aria-live="polite">
          {nothing
            ? 'Choose at least one connection.'
            : `${input.connections.length} ${input.connections.length === 1 ? 'connection' : 'connections'} · ${formatCount(events)} events${
                evicted > 0 ? ` (${formatCount(evicted)} older ones were dropped by the capture limit: counted, not included)` : ''
              }${format === 'sockpit' ? ` · ${templatesIn} saved ${templatesIn === 1 ? 'message' : 'messages'}` : ''}${format === 'har' ? ' · HAR keeps messages only' : ''}`}
        </p>
        <ExportProgress phase={phase} />
      </Dialog>
    </>
  );
}
