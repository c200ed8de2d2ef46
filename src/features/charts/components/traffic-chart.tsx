import { useEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { formatBytes, formatCount } from '../../../lib/codecs';
import { combine, peakOf, ratePlot, sumOf, tableRows, trafficCsv } from '../utils/plot-data';
import type { Buckets } from '../utils/plot-data';
import { seriesOf } from '../utils/traffic-series';
import type { Gap, Mark } from '../utils/traffic-series';
import { axis, band, chartHeight, interactions, stepped, timeAxis, vline } from '../utils/chart-options';
import { lookKey } from '../utils/palette';
import type { Look } from '../utils/palette';
import { byteRate, clockMs, clockSeconds, duration, msgRate } from '../utils/format';
import { UPlotChart } from './uplot-chart';
import type { ChartContext } from './chart-context';

const MAX_TABLE_ROWS = 300;

/** The longest silences across the logs in view, longest first. */
export function topGaps(ctx: ChartContext): Array<Gap & { log: ChartContext['logs'][number] }> {
  return ctx.logs
    .flatMap((log) => seriesOf(log).gaps.map((g) => ({ ...g, log })))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
}

/**
 * The silences worth marking on the chart, with their rank in the list: a
 * second or more, and at least four times the mean spacing of the received
 * messages (a steady ticker's every gap is no news).
 */
function markedGaps(ctx: ChartContext, b: Buckets): Array<Gap & { rank: number }> {
  const received = sumOf(b.inMsgs, b.length);
  const span = b.length * b.width;
  const mean = received > 1 ? span / (received - 1) : Infinity;
  return topGaps(ctx)
    .map((g, i) => ({ ...g, rank: i + 1 }))
    .filter((g) => g.ms >= 1000 && g.ms >= 4 * mean);
}

function allMarks(ctx: ChartContext): Mark[] {
  return ctx.logs.flatMap((log) => seriesOf(log).marks);
}

/** The summary read out for the chart: the peaks with their times, and the totals. */
export function trafficSummary(b: Buckets): string {
  if (b.length === 0) return 'No messages yet.';
  const inPeak = peakOf(b, 'inMsgs');
  const outPeak = peakOf(b, 'outMsgs');
  const span = b.length * b.width;
  const part = (what: string, peak: ReturnType<typeof peakOf>, total: number, bytes: number) =>
    peak ? `${what}: peak ${msgRate(peak.rate)} at ${clockSeconds(peak.time)}, ${formatCount(total)} messages, ${formatBytes(bytes)}` : `${what}: none`;
  return [
    part('Received', inPeak, sumOf(b.inMsgs, b.length), sumOf(b.inBytes, b.length)),
    part('sent', outPeak, sumOf(b.outMsgs, b.length), sumOf(b.outBytes, b.length)),
    `over ${duration(span)} from ${clockSeconds(b.origin * b.width)}${b.width > 1000 ? ` (${duration(b.width)} buckets)` : ''}.`,
  ].join('; ');
}

const MARK_TEXT: Record<Mark['kind'], string> = { open: 'open', close: 'close', error: 'error', reconnect: 'reconnect' };

function markColor(look: Look, kind: Mark['kind']): string {
  return kind === 'open' ? look.open : kind === 'close' ? look.close : kind === 'error' ? look.error : look.reconnect;
}

/**
 * Messages/s and bytes/s, received and sent, on one time axis over the whole
 * capture; open, close, error and reconnect marked; the longest silences
 * shaded and numbered; the brushed range shaded. Drag to filter the timeline
 * to a range, click to select the nearest event, hover for exact values.
 */
export function TrafficChart({ ctx }: { ctx: ChartContext }) {
  const { look, tick } = ctx;
  const [width, setWidth] = useState(800);
  const buckets = useMemo(() => {
    void tick;
    return combine(ctx.logs.map((l) => seriesOf(l)));
  }, [ctx.logs, tick]);
  const plot = useMemo(() => ratePlot(buckets, Math.max(50, width - 120)), [buckets, width]);
  const data = useMemo<uPlot.AlignedData>(() => [plot.x, plot.inRate, plot.outRate, plot.inByteRate, plot.outByteRate], [plot]);
  const summary = trafficSummary(buckets);

  // What the draw hook reads (the options are built once per look).
  const overlay = useRef({ marks: [] as Mark[], gaps: [] as Array<Gap & { rank: number }>, range: ctx.range, look });
  overlay.current = { marks: allMarks(ctx), gaps: markedGaps(ctx, buckets), range: ctx.range, look };
  const chart = useRef<uPlot | null>(null);
  useEffect(() => {
    chart.current?.redraw(false);
  }, [ctx.range]);

  const handlers = useRef(ctx);
  handlers.current = ctx;
  const options = useMemo(
    () => (w: number): uPlot.Options => {
      const inter = interactions({ onBrush: (a, b) => handlers.current.brush(a, b), onPick: (t) => handlers.current.pick(t) });
      return {
        width: w,
        height: chartHeight(look),
        padding: [12, 8, 0, 0],
        legend: { live: true },
        cursor: inter.cursor,
        scales: { x: { time: true }, rate: { range: (_u, _min, max) => [0, Math.max(1, max * 1.08)] }, bytes: { range: (_u, _min, max) => [0, Math.max(1, max * 1.08)] } },
        axes: [
          timeAxis(look),
          axis(look, { scale: 'rate', label: 'msg/s', labelSize: look.font + 6, size: 60, values: (_u, splits) => splits.map((v) => formatCount(v)) }),
          axis(look, { scale: 'bytes', side: 1, label: 'bytes/s', labelSize: look.font + 6, size: 76, grid: { show: false }, values: (_u, splits) => splits.map((v) => formatBytes(v)) }),
        ],
        series: [
          { label: 'Time', value: (_u, v) => (v == null ? '–' : clockSeconds(v * 1000)) },
          { label: 'Received', scale: 'rate', stroke: look.received, width: 1.75, paths: stepped, points: { show: false }, value: (_u, v) => (v == null ? '–' : msgRate(v)) },
          { label: 'Sent', scale: 'rate', stroke: look.sent, width: 1.75, paths: stepped, points: { show: false }, value: (_u, v) => (v == null ? '–' : msgRate(v)) },
          { label: 'Received bytes', scale: 'bytes', stroke: look.received, width: 1, dash: [4, 3], paths: stepped, points: { show: false }, value: (_u, v) => (v == null ? '–' : byteRate(v)) },
          { label: 'Sent bytes', scale: 'bytes', stroke: look.sent, width: 1, dash: [4, 3], paths: stepped, points: { show: false }, value: (_u, v) => (v == null ? '–' : byteRate(v)) },
        ],
        hooks: {
          ...inter.hooks,
          drawClear: [
            (u) => {
              const o = overlay.current;
              if (o.range) band(u, o.range.from, o.range.to, o.look.range);
              o.gaps.forEach((g) => band(u, g.from, g.to, o.look.gap));
            },
          ],
          draw: [
            (u) => {
              const o = overlay.current;
              o.gaps.forEach((g) => vline(u, g.from + (g.to - g.from) / 2, o.look.error, `${g.rank}`, o.look));
              for (const m of o.marks) vline(u, m.time, markColor(o.look, m.kind), '', o.look);
            },
          ],
        },
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lookKey(look)],
  );

  const onChart = (u: uPlot | null) => {
    chart.current = u;
    ctx.register(u ? { name: 'traffic', canvas: () => u.ctx.canvas, csv: () => trafficCsv(buckets) } : null);
  };
  // Keep the CSV export on the latest buckets.
  useEffect(() => {
    const u = chart.current;
    if (u) ctx.register({ name: 'traffic', canvas: () => u.ctx.canvas, csv: () => trafficCsv(buckets) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buckets]);

  const marks = overlay.current.marks;
  const counts = { open: 0, close: 0, error: 0, reconnect: 0 };
  for (const m of marks) counts[m.kind]++;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <UPlotChart options={options} optionsKey={lookKey(look)} data={data} label={`Messages and bytes per second. ${summary}`} onChart={onChart} onWidth={setWidth} />
      <p className="text-xs text-zinc-300" data-testid="traffic-summary">
        {summary}
      </p>
      <ul aria-label="Marks on the chart" className="flex flex-wrap gap-x-3 text-xs text-zinc-400">
        {(Object.keys(counts) as Mark['kind'][]).map((k) => (
          <li key={k} className="flex items-center gap-1">
            <span aria-hidden="true" className={k === 'open' ? 'text-emerald-400' : k === 'close' ? 'text-zinc-400' : k === 'error' ? 'text-rose-400' : 'text-violet-400'}>
              ┆
            </span>
            {MARK_TEXT[k]} × {counts[k]}
          </li>
        ))}
        {overlay.current.gaps.length > 0 ? (
          <li className="flex items-center gap-1">
            <span aria-hidden="true" className="bg-rose-400/20 px-1 text-rose-400">
              {overlay.current.gaps[0]?.rank}
            </span>
            longest silences, shaded (Silences tab)
          </li>
        ) : null}
        {plot.pointMs > buckets.width ? <li>one point per {duration(plot.pointMs)}, its highest second</li> : null}
      </ul>
      {ctx.showTable ? <TrafficTable ctx={ctx} buckets={buckets} /> : null}
    </div>
  );
}

function TrafficTable({ ctx, buckets }: { ctx: ChartContext; buckets: Buckets }) {
  const rows = tableRows(buckets, MAX_TABLE_ROWS);
  const per = rows[0] && rows[0].ms > 1000 ? `mean per ${duration(rows[0].ms)}` : 'per second';
  return (
    <div className="max-h-64 overflow-auto rounded border border-zinc-800">
      <table className="w-full text-right text-xs tabular-nums" aria-label="Traffic table">
        <caption className="sr-only">Messages and bytes, {per}; choose a time to show only that span in the timeline</caption>
        <thead className="sticky top-0 bg-zinc-900 text-zinc-300">
          <tr>
            <th scope="col" className="px-2 py-1 text-left">
              Time
            </th>
            <th scope="col" className="px-2 py-1">
              Received msg/s
            </th>
            <th scope="col" className="px-2 py-1">
              Sent msg/s
            </th>
            <th scope="col" className="px-2 py-1">
              Received B/s
            </th>
            <th scope="col" className="px-2 py-1">
              Sent B/s
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const s = r.ms / 1000;
            return (
              <tr key={r.start} className="border-t border-zinc-800">
                <th scope="row" className="px-2 py-0.5 text-left font-normal">
                  <button
                    type="button"
                    className="rounded px-1 text-sky-300 hover:underline focus-visible:outline-2 focus-visible:outline-sky-400"
                    title="Show only this span in the timeline"
                    onClick={() => ctx.brush(r.start, r.start + r.ms - 0.001)}
                  >
                    {clockMs(r.start)}
                  </button>
                </th>
                <td className="px-2">{formatCount(Math.round((r.inMsgs / s) * 10) / 10)}</td>
                <td className="px-2">{formatCount(Math.round((r.outMsgs / s) * 10) / 10)}</td>
                <td className="px-2">{formatCount(Math.round(r.inBytes / s))}</td>
                <td className="px-2">{formatCount(Math.round(r.outBytes / s))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
