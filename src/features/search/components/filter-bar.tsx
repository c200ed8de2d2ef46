import type { KeyboardEvent } from 'react';
import { useStore } from '../../../store/store';
import { clearFilter, setFilter } from '../../../store/view-actions';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { ToggleChip } from '../../../components/ui/chip-group';
import { formatCount } from '../../../lib/codecs';
import { FilterChips, hiddenCount } from './filter-chips';

export type FilterBarProps = {
  /** rows the filter keeps (all rows when it keeps everything) */
  count: number;
  /** protocol heartbeats the filter hides (Filters ▸ Show heartbeats); 0 or absent: nothing said */
  hiddenBeats?: number | undefined;
  filtered: boolean;
  scanning: boolean;
  progress: number;
  queryError: string | null;
  /** the regex was stopped past its deadline (services/search): why; the query stays as typed */
  stopped?: string | null | undefined;
  onNext: () => void;
  onPrevious: () => void;
  /** after the filter is cleared: back to the newest row */
  onCleared: () => void;
};

/**
 * One line: free text or regex (case toggle), and a Filters panel for
 * direction, kind and payload type with a badge counting what it hides. One
 * filter for every connection, remembered. Enter / Shift+Enter in the field go
 * to the next / previous match.
 */
export function FilterBar({ count, hiddenBeats = 0, filtered, scanning, progress, queryError, stopped = null, onNext, onPrevious, onCleared }: FilterBarProps) {
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
  const status = stopped ? `Stopped · ${formatCount(count)} ${count === 1 ? 'match' : 'matches'} so far` : scanning ? `Searching… ${Math.floor(progress * 100)}%` : filtered ? `${formatCount(count)} ${count === 1 ? 'match' : 'matches'}` : `${formatCount(count)} events`;
  const active = filtered || f.query !== '' || f.regex || f.caseSensitive;
  return (
    <div role="search" aria-label="Timeline filter" className="relative flex min-w-0 items-center gap-1">
      <label htmlFor={id} className="sr-only">
        Filter
      </label>
      <input
        id={id}
        type="search"
        className={cn(inputClass, 'h-7 w-40 py-0.5 font-mono text-xs xl:w-64')}
        placeholder={f.regex ? 'Regular expression' : 'Filter payloads'}
        value={f.query}
        onChange={(e) => setFilter({ query: e.target.value })}
        onKeyDown={onKeyDown}
        aria-invalid={queryError || stopped ? true : undefined}
        aria-describedby={fieldDescribedBy(id)}
        aria-keyshortcuts="Enter Shift+Enter"
        spellCheck={false}
        autoComplete="off"
      />
      <ToggleChip label="Regex" text=".*" checked={f.regex} onChange={(regex) => setFilter({ regex })} title="Regular expression" />
      <ToggleChip label="Match case" text="Aa" checked={f.caseSensitive} onChange={(caseSensitive) => setFilter({ caseSensitive })} />
      <FilterChips badge={hiddenCount(f)} />
      <span role="status" aria-live="polite" className="min-w-20 px-1 text-xs whitespace-nowrap text-zinc-300 tabular-nums">
        {status}
      </span>
      {hiddenBeats > 0 && f.heartbeats !== true ? (
        <button
          type="button"
          className="rounded px-1 text-xs whitespace-nowrap text-zinc-400 tabular-nums hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-400"
          onClick={() => setFilter({ heartbeats: true })}
          title="Heartbeats are captured and counted, and hidden from the timeline. Click to show them."
        >
          + {formatCount(hiddenBeats)} heartbeat{hiddenBeats === 1 ? '' : 's'} hidden
        </button>
      ) : null}
      <Button size="sm" variant="ghost" className="px-1.5" onClick={onPrevious} disabled={count === 0} aria-label="Previous match" aria-keyshortcuts="Shift+Enter" title="Previous match (Shift+Enter)">
        ↑
      </Button>
      <Button size="sm" variant="ghost" className="px-1.5" onClick={onNext} disabled={count === 0} aria-label="Next match" aria-keyshortcuts="Enter" title="Next match (Enter)">
        ↓
      </Button>
      {active ? (
        <Button
          size="sm"
          variant="ghost"
          className="whitespace-nowrap"
          onClick={() => {
            clearFilter();
            onCleared();
          }}
        >
          Clear filter
        </Button>
      ) : null}
      <div
        id={fieldDescribedBy(id)}
        role={queryError || stopped ? 'alert' : undefined}
        className={cn(queryError || stopped ? 'absolute top-full left-0 z-20 mt-1 max-w-md rounded border border-rose-800 bg-rose-950 px-2 py-1 text-xs text-rose-100 shadow-lg' : 'sr-only')}
      >
        {queryError ? `Not a valid regular expression: ${queryError}` : stopped ? stopped : 'Matches payload text, binary payloads as hex, close codes and reasons, and notes.'}
      </div>
    </div>
  );
}
