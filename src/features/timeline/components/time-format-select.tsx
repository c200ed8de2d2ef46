import { useStore } from '../../../store/store';
import { setTimeFormat } from '../../../store/view-actions';
import type { TimeFormat } from '../../../store/types';

const OPTIONS: { value: TimeFormat; label: string }[] = [
  { value: 'clock', label: 'Wall clock (ms)' },
  { value: 'since-open', label: 'Since open' },
  { value: 'since-previous', label: 'Since previous' },
];

/** How rows show time; one choice for every timeline, remembered. */
export function TimeFormatSelect() {
  const value = useStore((s) => s.timeFormat);
  return (
    <label className="flex items-center gap-1 text-xs text-zinc-400">
      Time
      <select
        className="rounded border border-zinc-700 bg-zinc-900 px-1 py-0.5 text-xs text-zinc-100 focus:border-sky-400 focus:outline-none"
        value={value}
        onChange={(e) => setTimeFormat(e.target.value as TimeFormat)}
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
