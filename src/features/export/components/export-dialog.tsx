import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { formatCount } from '../../../lib/codecs';
import { maskUrl } from '../../../lib/secrets';
import { useStore } from '../../../store/store';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { eventCount, exportFileName, exportParts, MIME_TYPES } from '../utils/exporters';
import { exportInput } from '../utils/collect';
import { buildBlob, ExportCancelled, saveBlob } from '../utils/download';
import type { ExportFormat, ExportScope } from '../utils/schema';

export type ExportDialogProps = {
  /** the scope chosen when the dialog opens */
  initialScope?: ExportScope;
  triggerLabel?: string;
  triggerVariant?: 'ghost' | 'secondary';
};

const FORMATS: { value: ExportFormat; label: string; about: string }[] = [
  { value: 'sockpit', label: 'Sockpit JSON', about: 'everything, with exact counters; opens again in Sockpit' },
  { value: 'ndjson', label: 'NDJSON', about: 'one event per line, for jq and other line tools' },
  { value: 'har', label: 'HAR 1.2', about: 'messages as Chrome DevTools writes them; opens in HAR viewers' },
];

type Phase = { kind: 'idle' } | { kind: 'writing'; events: number; total: number } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

function ChoiceList<T extends string>({ legend, name, options, value, onChange }: { legend: string; name: string; options: { value: T; label: string; about?: string; disabled?: boolean }[]; value: T; onChange: (v: T) => void }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-medium text-zinc-300">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={cn('flex items-start gap-2 text-sm', o.disabled ? 'text-zinc-500' : 'text-zinc-100')}>
          <input type="radio" className="mt-1 accent-sky-500" name={name} value={o.value} checked={value === o.value} disabled={o.disabled} onChange={() => onChange(o.value)} />
          <span>
            {o.label}
            {o.about ? <span className="text-xs text-zinc-400"> — {o.about}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Export a connection, chosen connections or the whole workspace as Sockpit JSON, NDJSON or HAR; secrets left out unless asked. */
export function ExportDialog({ initialScope = 'connection', triggerLabel = 'Export…', triggerVariant = 'ghost' }: ExportDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const abort = useRef<AbortController | null>(null);
  const connections = useStore((s) => s.connections);
  const selectedId = useStore((s) => s.selectedId);
  const [scope, setScope] = useState<ExportScope>(initialScope);
  const [chosen, setChosen] = useState<ConnectionId[]>([]);
  const [format, setFormat] = useState<ExportFormat>('sockpit');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const uid = `export-${initialScope}`;
  const selected = connections.find((c) => c.id === selectedId);

  const ids: ConnectionId[] = scope === 'workspace' ? connections.map((c) => c.id) : scope === 'connection' ? (selected ? [selected.id] : []) : chosen;
  const input = exportInput(scope, ids, includeSecrets);
  const events = eventCount(input.connections);
  const evicted = input.connections.reduce((n, c) => n + c.log.counters.evictedEvents, 0);
  const nothing = input.connections.length === 0 && scope !== 'workspace';
  const templatesIn = input.templates.filter((t) => t.connectionId === null || ids.includes(t.connectionId)).length;

  const open = () => {
    const merged = useStore.getState().merged;
    setScope(initialScope === 'connection' && !selected ? 'workspace' : initialScope);
    setChosen(merged.active && merged.ids.length > 0 ? merged.ids : selected ? [selected.id] : []);
    setIncludeSecrets(false);
    setPhase({ kind: 'idle' });
    dialog.current?.showModal();
  };

  const close = () => {
    abort.current?.abort();
    dialog.current?.close();
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
      <Button size="sm" variant={triggerVariant} className="whitespace-nowrap" onClick={open}>
        {triggerLabel}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${uid}-title`}
        onCancel={() => abort.current?.abort()}
        className="m-auto w-[36rem] max-w-[95vw] rounded-lg border border-zinc-700 bg-zinc-900 p-0 text-zinc-100 backdrop:bg-black/60"
      >
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex flex-col gap-3 p-4">
          <h2 id={`${uid}-title`} className="text-base font-semibold">
            Export
          </h2>
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
          {scope === 'selection' ? (
            <fieldset className="flex max-h-32 flex-col gap-1 overflow-y-auto rounded border border-zinc-700 p-2">
              <legend className="sr-only">Connections to export</legend>
              {connections.map((c) => (
                <label key={c.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" className="accent-sky-500" checked={chosen.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                  <span className="truncate">{c.name || maskUrl(c.url)}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <ChoiceList legend="Format" name={`${uid}-format`} value={format} onChange={setFormat} options={FORMATS} />
          <div className="flex flex-col gap-1">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="accent-amber-500" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.target.checked)} aria-describedby={`${uid}-secrets`} />
              Include secrets
            </label>
            <p id={`${uid}-secrets`} className={cn('text-xs', includeSecrets ? 'text-amber-200' : 'text-zinc-400')}>
              {includeSecrets
                ? 'The file will hold tokens, passwords and subprotocol values as they are. Share it only with people who may use them.'
                : 'Tokens and keys in URLs, user names and passwords, and token-like subprotocol values are written as REDACTED. Message contents are kept as they are.'}
            </p>
          </div>
          <p className="text-xs text-zinc-300" aria-live="polite">
            {nothing
              ? 'Choose at least one connection.'
              : `${input.connections.length} ${input.connections.length === 1 ? 'connection' : 'connections'} · ${formatCount(events)} events${
                  evicted > 0 ? ` (${formatCount(evicted)} older ones were dropped by the capture limit: counted, not included)` : ''
                }${format === 'sockpit' ? ` · ${templatesIn} saved ${templatesIn === 1 ? 'message' : 'messages'}` : ''}${format === 'har' ? ' · HAR keeps messages only' : ''}`}
          </p>
          {writing ? (
            <div className="flex items-center gap-2 text-xs text-zinc-300">
              <progress className="h-2 flex-1" max={Math.max(1, phase.total)} value={phase.events} aria-label="Export progress" />
              <span role="status">
                Writing {formatCount(phase.events)} of {formatCount(phase.total)} events…
              </span>
            </div>
          ) : phase.kind === 'done' ? (
            <p role="status" className="text-xs text-emerald-300">
              {phase.message}
            </p>
          ) : phase.kind === 'error' ? (
            <p role="alert" className="text-xs text-rose-300">
              {phase.message}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button onClick={close}>{writing ? 'Cancel export' : phase.kind === 'done' ? 'Close' : 'Cancel'}</Button>
            <Button type="submit" variant="primary" disabled={nothing || writing}>
              Export
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
