import { useStore } from '../../../store/store';
import { setTimeRange } from '../../../store/view-actions';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const clock = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
};

export type TimeRangeChipProps = { onCleared?: () => void };

/** Says that the timeline shows only a brushed time range, and clears it. Part of the first bundle: no chart code. */
export function TimeRangeChip({ onCleared }: TimeRangeChipProps) {
  const range = useStore((s) => s.filter.timeRange);
  if (!range) return null;
  const text = `${clock(range.from)} – ${clock(range.to)}`;
  return (
    <span className="inline-flex items-center gap-1 rounded-full border border-sky-700 bg-sky-950 py-0.5 pr-0.5 pl-2 text-xs whitespace-nowrap text-sky-100 tabular-nums" data-testid="time-range-chip">
      <span>
        <span className="text-sky-300">Time</span> <time dateTime={new Date(range.from).toISOString()}>{clock(range.from)}</time> –{' '}
        <time dateTime={new Date(range.to).toISOString()}>{clock(range.to)}</time>
      </span>
      <button
        type="button"
        className="rounded-full px-1.5 hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-sky-400"
        aria-label={`Clear time range ${text}`}
        title="Show every time again"
        onClick={() => {
          setTimeRange(undefined);
          onCleared?.();
        }}
      >
        ✕
      </button>
    </span>
  );
}
