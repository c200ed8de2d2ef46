import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { formatBytes, formatCount } from '../../../lib/codecs';
import { setChartsOpen } from '../../../store/view-actions';

export type StatsBarProps = { connectionId: ConnectionId };

function perSec(n: number): string {
  return formatCount(Math.round(n));
}

/** Exact counters (from the capture log) and rates sampled once a second. */
export function StatsBar({ connectionId }: StatsBarProps) {
  const rt = useStore((s) => s.runtime[connectionId]);
  const stats = useStore((s) => s.stats[connectionId]);
  const c = rt?.counters;
  const r = stats?.rates;
  const chartsOpen = useStore((s) => s.preferences.charts === true);
  const now = (r?.inMessagesPerSec ?? 0) + (r?.outMessagesPerSec ?? 0);
  return (
    <dl className="flex min-w-0 flex-nowrap items-center gap-x-4 overflow-hidden text-xs whitespace-nowrap text-zinc-300 tabular-nums" aria-label="Statistics">
      <div className="flex items-center gap-1">
        <dt className="sr-only">rate now</dt>
        <dd>
          <button
            type="button"
            className="inline-flex items-center gap-1 rounded border border-zinc-700 px-1.5 text-zinc-200 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-sky-400"
            aria-pressed={chartsOpen}
            title={chartsOpen ? 'Close the charts' : 'Messages per second, both ways, over the last second; opens the charts of the whole capture'}
            onClick={() => setChartsOpen(!chartsOpen)}
          >
            <span className="tabular-nums">{perSec(now)} msg/s</span>
            <span className="text-sky-300">Charts</span>
          </button>
        </dd>
      </div>
      <div className="flex gap-1">
        <dt className="text-zinc-500">received</dt>
        <dd>
          {formatCount(c?.inMessages ?? 0)} · {formatBytes(c?.inBytes ?? 0)} · {perSec(r?.inMessagesPerSec ?? 0)} msg/s · {formatBytes(r?.inBytesPerSec ?? 0)}/s
        </dd>
      </div>
      <div className="flex gap-1">
        <dt className="text-zinc-500">sent</dt>
        <dd>
          {formatCount(c?.outMessages ?? 0)} · {formatBytes(c?.outBytes ?? 0)} · {perSec(r?.outMessagesPerSec ?? 0)} msg/s
        </dd>
      </div>
      <div className="flex gap-1" title="Bytes sent but not yet handed to the network; 0 once a send has drained">
        <dt className="text-zinc-500">bufferedAmount</dt>
        <dd className={(rt?.bufferedAmount ?? 0) > 0 ? 'text-amber-200' : undefined}>{formatBytes(rt?.bufferedAmount ?? 0)}</dd>
      </div>
      {c && c.evictedEvents > 0 ? (
        <div className="flex gap-1 text-amber-200">
          <dt>evicted</dt>
          <dd>{formatCount(c.evictedEvents)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
