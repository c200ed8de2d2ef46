import type { ConnectionId } from '../../../lib/ids';
import { formatCount } from '../../../lib/codecs';
import { maskUrl } from '../../../lib/secrets';
import { cn } from '../../../components/ui/cn';

export type ExportPhase = { kind: 'idle' } | { kind: 'writing'; events: number; total: number } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

export type ChoiceListProps<T extends string> = { legend: string; name: string; options: { value: T; label: string; about?: string; disabled?: boolean }[]; value: T; onChange: (v: T) => void };

/** Radios, one per line, each with a short note. */
export function ChoiceList<T extends string>({ legend, name, options, value, onChange }: ChoiceListProps<T>) {
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

/** While writing: a progress bar and the count; after: what was saved, or what went wrong. */
export function ExportProgress({ phase }: { phase: ExportPhase }) {
  if (phase.kind === 'writing') {
    return (
      <div className="flex items-center gap-2 text-xs text-zinc-300">
        <progress className="h-2 flex-1" max={Math.max(1, phase.total)} value={phase.events} aria-label="Export progress" />
        <span role="status">
          Writing {formatCount(phase.events)} of {formatCount(phase.total)} events…
        </span>
      </div>
    );
  }
  if (phase.kind === 'done') {
    return (
      <p role="status" className="text-xs text-emerald-300">
        {phase.message}
      </p>
    );
  }
  if (phase.kind === 'error') {
    return (
      <p role="alert" className="text-xs text-rose-300">
        {phase.message}
      </p>
    );
  }
  return null;
}

export type SecretsChoiceProps = { id: string; value: boolean; onChange: (on: boolean) => void };

/** "Include secrets", with what it means either way. */
export function SecretsChoice({ id, value, onChange }: SecretsChoiceProps) {
  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="accent-amber-500" checked={value} onChange={(e) => onChange(e.target.checked)} aria-describedby={id} />
        Include secrets
      </label>
      <p id={id} className={cn('text-xs', value ? 'text-amber-200' : 'text-zinc-400')}>
        {value
          ? 'The file will hold tokens, passwords and subprotocol values as they are. Share it only with people who may use them.'
          : 'Tokens and keys in URLs, user names and passwords, and token-like subprotocol values are written as REDACTED. Message contents are kept as they are.'}
      </p>
    </div>
  );
}

export type ConnectionChecklistProps = {
  connections: readonly { id: ConnectionId; name: string; url: string }[];
  chosen: readonly ConnectionId[];
  onToggle: (id: ConnectionId, on: boolean) => void;
};

/** A checkbox per connection, for "Chosen connections". */
export function ConnectionChecklist({ connections, chosen, onToggle }: ConnectionChecklistProps) {
  return (
    <fieldset className="flex max-h-32 flex-col gap-1 overflow-y-auto rounded border border-zinc-700 p-2">
      <legend className="sr-only">Connections to export</legend>
      {connections.map((c) => (
        <label key={c.id} className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="accent-sky-500" checked={chosen.includes(c.id)} onChange={(e) => onToggle(c.id, e.target.checked)} />
          <span className="truncate">{c.name || maskUrl(c.url)}</span>
        </label>
      ))}
    </fieldset>
  );
}
