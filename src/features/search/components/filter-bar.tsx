import type { KeyboardEvent, ReactNode } from 'react';
import { useStore } from '../../../store/store';
import { clearFilter, setFilter } from '../../../store/view-actions';
import type { DirectionFilter, KindFilter, PayloadFilter } from '../../../store/types';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { formatCount } from '../../../lib/codecs';

export type FilterBarProps = {
  /** rows the filter keeps (all rows when it keeps everything) */
  count: number;
  filtered: boolean;
  scanning: boolean;
  progress: number;
  queryError: string | null;
  onNext: () => void;
  onPrevious: () => void;
  /** after the filter is cleared: back to the newest row */
  onCleared: () => void;
};

const DIRECTIONS: { key: DirectionFilter; label: string }[] = [
  { key: 'out', label: 'Sent' },
  { key: 'in', label: 'Received' },
];
const KINDS: { key: KindFilter; label: string }[] = [
  { key: 'open', label: 'Open' },
  { key: 'message', label: 'Message' },
  { key: 'error', label: 'Error' },
  { key: 'close', label: 'Close' },
  { key: 'note', label: 'Note' },
];
const PAYLOADS: { key: PayloadFilter; label: string }[] = [
  { key: 'text', label: 'Text' },
  { key: 'json', label: 'JSON' },
  { key: 'binary', label: 'Binary' },
];

function Chip({ label, checked, onChange, option = false }: { label: string; checked: boolean; onChange: (checked: boolean) => void; option?: boolean }) {
  return (
    <label
      className={cn(
        'cursor-pointer rounded border px-1.5 py-0.5 text-[11px] font-medium select-none has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-400',
        checked ? 'border-sky-700 bg-sky-900/70 text-sky-100' : cn('border-zinc-700 bg-zinc-900 text-zinc-400', !option && 'text-zinc-400 line-through'),
      )}
    >
      <input type="checkbox" className="sr-only" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="flex items-center gap-1">
      <legend className="sr-only">{legend}</legend>
      <span aria-hidden="true" className="text-[11px] text-zinc-400">
        {legend}
      </span>
      {children}
    </fieldset>
  );
}

/**
 * Free text or regex (case toggle), direction, kind and payload type. One
 * filter for every connection, remembered across reloads. Enter / Shift+Enter
 * in the field go to the next / previous match.
 */
export function FilterBar({ count, filtered, scanning, progress, queryError, onNext, onPrevious, onCleared }: FilterBarProps) {
  const f = useStore((s) => s.filter);
  const id = 'timeline-filter';
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (e.shiftKey) onPrevious();
      else onNext();
    } else if (e.key === 'Escape' && f.query !== '') {
      e.preventDefault();
      setFilter({ query: '' });
    }
  };
  const status = scanning ? `Searching… ${Math.floor(progress * 100)}%` : filtered ? `${formatCount(count)} ${count === 1 ? 'match' : 'matches'}` : `${formatCount(count)} events`;
  return (
    <div role="search" aria-label="Timeline filter" className="flex flex-col gap-1 border-b border-zinc-800 px-3 py-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Filter
        </label>
        <input
          id={id}
          type="search"
          className={cn(inputClass, 'h-7 w-64 py-0.5 font-mono text-xs')}
          placeholder={f.regex ? 'Regular expression' : 'Filter payloads'}
          value={f.query}
          onChange={(e) => setFilter({ query: e.target.value })}
          onKeyDown={onKeyDown}
          aria-invalid={queryError ? true : undefined}
          aria-describedby={fieldDescribedBy(id)}
          aria-keyshortcuts="Enter Shift+Enter"
          spellCheck={false}
          autoComplete="off"
        />
        <Chip option label="Regex" checked={f.regex} onChange={(regex) => setFilter({ regex })} />
        <Chip option label="Match case" checked={f.caseSensitive} onChange={(caseSensitive) => setFilter({ caseSensitive })} />
        <span role="status" aria-live="polite" className="min-w-24 text-xs text-zinc-300 tabular-nums">
          {status}
        </span>
        <Button size="sm" variant="ghost" onClick={onPrevious} disabled={count === 0} aria-keyshortcuts="Shift+Enter" title="Previous match (Shift+Enter)">
          ↑ Previous match
        </Button>
        <Button size="sm" variant="ghost" onClick={onNext} disabled={count === 0} aria-keyshortcuts="Enter" title="Next match (Enter)">
          ↓ Next match
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            clearFilter();
            onCleared();
          }}
          disabled={!filtered && f.query === '' && !f.regex && !f.caseSensitive}
        >
          Clear filter
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <Group legend="Direction">
          {DIRECTIONS.map((d) => (
            <Chip key={d.key} label={d.label} checked={f.directions[d.key]} onChange={(v) => setFilter({ directions: { ...f.directions, [d.key]: v } })} />
          ))}
        </Group>
        <Group legend="Kind">
          {KINDS.map((k) => (
            <Chip key={k.key} label={k.label} checked={f.kinds[k.key]} onChange={(v) => setFilter({ kinds: { ...f.kinds, [k.key]: v } })} />
          ))}
        </Group>
        <Group legend="Payload">
          {PAYLOADS.map((p) => (
            <Chip key={p.key} label={p.label} checked={f.payloads[p.key]} onChange={(v) => setFilter({ payloads: { ...f.payloads, [p.key]: v } })} />
          ))}
        </Group>
      </div>
      <div id={fieldDescribedBy(id)} className={cn('text-xs', queryError ? 'text-rose-300' : 'sr-only')}>
        {queryError ? `Not a valid regular expression: ${queryError}` : 'Matches payload text, binary payloads as hex, close codes and reasons, and notes.'}
      </div>
    </div>
  );
}
