import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../services/sockets/event-log';
import { getLog } from '../../../services/sockets/socket-service';
import { useStore } from '../../../store/store';
import { selectEvent, setChartsOpen, setTimeRange } from '../../../store/view-actions';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { useChartTick } from '../hooks/use-chart-data';
import { lookKey, readLook, watchLook } from '../utils/palette';
import { nearestEvent } from '../utils/nearest';
import { canvasPng, fileStamp, saveBlob } from '../utils/download';
import { clockMs } from '../utils/format';
import type { ChartContext, Exporter, RttInput } from './chart-context';
import { TrafficChart } from './traffic-chart';
import { BufferedChart } from './buffered-chart';
import { SizesChart } from './sizes-chart';
import { RttCharts } from './rtt-charts';
import { SilencesList } from './silences-list';
import './charts.css';

export type { RttInput } from './chart-context';

/** A time as the status line shows it, with its exact value (ISO, ms) for machines. */
function Stamp({ t }: { t: number }) {
  return <time dateTime={new Date(t).toISOString()}>{clockMs(t)}</time>;
}

const TABS = ['traffic', 'buffered', 'sizes', 'rtt', 'silences'] as const;
type Tab = (typeof TABS)[number];
const LABELS: Record<Tab, string> = { traffic: 'Traffic', buffered: 'bufferedAmount', sizes: 'Sizes', rtt: 'Round trip', silences: 'Silences' };

export type ChartsPaneProps = {
  ids: readonly ConnectionId[];
  /** the request/reply pairs of each connection (features/pairing), read when the charts redraw */
  rttPairs: () => RttInput[];
  labelOf: (id: ConnectionId) => string;
};

/**
 * The Charts view over the timeline: traffic, bufferedAmount, sizes, round
 * trips and silences of the whole capture, for one connection or the merged
 * view. Brushing a time chart filters the timeline to the range (a chip in
 * the toolbar says so and clears it); clicking selects the nearest event.
 * Each chart has its summary as text, a table of its series, and PNG and
 * CSV exports.
 */
export const ChartsPane = memo(function ChartsPane({ ids, rttPairs, labelOf }: ChartsPaneProps) {
  const id = useId();
  const [tab, setTab] = useState<Tab>('traffic');
  const [showTable, setShowTable] = useState(false);
  const [look, setLook] = useState(readLook);
  const [status, setStatus] = useState<ReactNode>('');
  const range = useStore((s) => s.filter.timeRange);
  const tick = useChartTick(ids);
  const key = ids.join(',');
  const logs = useMemo(() => {
    void tick;
    return key === '' ? [] : key.split(',').map((x) => getLog(x as ConnectionId));
  }, [key, tick]);
  // Keep the same array while the logs are the same ones, so the charts' memos hold.
  const stable = useRef<EventLog[]>(logs);
  if (stable.current.length !== logs.length || stable.current.some((l, i) => l !== logs[i])) stable.current = logs;

  useEffect(() => {
    const update = () => setLook((old) => {
      const next = readLook();
      return lookKey(next) === lookKey(old) ? old : next;
    });
    const stop = watchLook(update);
    // Short windows get shorter charts.
    window.addEventListener('resize', update);
    return () => {
      stop();
      window.removeEventListener('resize', update);
    };
  }, []);

  const exporter = useRef<Exporter | null>(null);
  const [exportable, setExportable] = useState({ png: false, csv: false });
  const register = useCallback((e: Exporter | null) => {
    exporter.current = e;
    const png = e !== null && e.canvas() !== null;
    const csv = e !== null;
    setExportable((old) => (old.png === png && old.csv === csv ? old : { png, csv }));
  }, []);

  const ctx: ChartContext = {
    ids,
    logs: stable.current,
    labelOf,
    tick,
    look,
    range,
    brush: (from, to) => {
      setTimeRange({ from, to });
      setStatus(`Timeline shows ${clockMs(from)} to ${clockMs(to)} only.`);
    },
    pick: (time) => {
      const hit = nearestEvent(stable.current, time);
      if (!hit) return;
      selectEvent({ connectionId: hit.log.connectionId, seq: hit.seq });
      setStatus(
        <>
          Selected the event nearest <Stamp t={time} />: <Stamp t={hit.time} />.
        </>,
      );
    },
    go: (log, seq) => {
      selectEvent({ connectionId: log.connectionId, seq });
      const t = log.timeAt(seq);
      setStatus(t === undefined ? 'That event is no longer retained.' : `Selected the event at ${clockMs(t)}.`);
    },
    rttPairs,
    showTable,
    register,
  };

  const tabs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(at + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(at + TABS.length - 1) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabs.current[next]?.focus();
  };

  const exportPng = async () => {
    const e = exporter.current;
    const canvas = e?.canvas();
    if (!e || !canvas) return;
    try {
      saveBlob(await canvasPng(canvas, look.background), fileStamp(e.name, 'png'));
      setStatus(`Saved the ${LABELS[tab]} chart as PNG.`);
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    }
  };
  const exportCsv = () => {
    const e = exporter.current;
    if (!e) return;
    saveBlob(new Blob([e.csv()], { type: 'text/csv' }), fileStamp(e.name, 'csv'));
    setStatus(`Saved the ${LABELS[tab]} series as CSV.`);
  };

  return (
    <section aria-label="Charts" className="sockpit-charts flex shrink-0 flex-col gap-1 border-b border-zinc-800 px-3 pt-1 pb-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 className="text-xs font-semibold tracking-wide text-zinc-300 uppercase">Charts</h2>
        <div role="tablist" aria-label="Charts" className="flex min-w-0 flex-wrap gap-1" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t}
              ref={(el) => {
                tabs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${t}`}
              aria-selected={tab === t}
              aria-controls={`${id}-panel`}
              tabIndex={tab === t ? 0 : -1}
              onClick={() => setTab(t)}
              className={cn(
                'rounded-t border-b-2 px-2 py-1 text-xs font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-sky-400',
                tab === t ? 'border-sky-400 text-zinc-50' : 'border-transparent text-zinc-400 hover:text-zinc-100',
              )}
            >
              {LABELS[t]}
            </button>
          ))}
        </div>
        <p role="status" aria-live="polite" className="min-w-0 flex-1 truncate text-xs text-zinc-400">
          {status}
        </p>
        <div className="ml-auto flex items-center gap-1">
          <Button size="sm" variant="ghost" aria-pressed={showTable} onClick={() => setShowTable((v) => !v)}>
            Table
          </Button>
          <Button size="sm" variant="ghost" disabled={!exportable.png} onClick={() => void exportPng()}>
            Export PNG
          </Button>
          <Button size="sm" variant="ghost" disabled={!exportable.csv} onClick={exportCsv}>
            Export CSV
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setChartsOpen(false)} aria-label="Close charts">
            ✕
          </Button>
        </div>
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} className="min-w-0">
        {tab === 'traffic' ? (
          <TrafficChart ctx={ctx} />
        ) : tab === 'buffered' ? (
          <BufferedChart ctx={ctx} />
        ) : tab === 'sizes' ? (
          <SizesChart ctx={ctx} />
        ) : tab === 'rtt' ? (
          <RttCharts ctx={ctx} />
        ) : (
          <SilencesList ctx={ctx} />
        )}
      </div>
    </section>
  );
});
