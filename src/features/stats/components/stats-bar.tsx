import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { formatBytes, formatCount } from '../../../lib/codecs';
import { Sparkline } from './sparkline';

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
  const history = stats?.history ?? [];
  const latest = history.at(-1) ?? 0;
  return (
    <dl className="flex min-w-0 flex-nowrap items-center gap-x-4 overflow-hidden text-xs whitespace-nowrap text-zinc-300 tabular-nums" aria-label="Statistics">
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
      <div className="flex items-center gap-1">
        <dt className="sr-only">messages per second, last minute</dt>
        <dd>
          <Sparkline values={history} label={`Messages per second over the last minute; now ${perSec(latest)}`} />
        </dd>
      </div>
    </dl>
  );
}
