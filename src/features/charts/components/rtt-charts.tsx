import { useEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { formatCount } from '../../../lib/codecs';
import { histogram, rttCsv, rttSummary } from '../utils/rtt';
import type { RttSample } from '../utils/rtt';
import { axis, band, bars, chartHeight, interactions, timeAxis } from '../utils/chart-options';
import { lookKey } from '../utils/palette';
import { clockMs, rttText } from '../utils/format';
import { UPlotChart } from './uplot-chart';
import type { ChartContext } from './chart-context';

/** The pairs' round-trip times as samples, in reply-time order. */
function samplesOf(ctx: ChartContext): RttSample[] {
  const out: RttSample[] = [];
  for (const { log, pairs } of ctx.rttPairs()) {
    for (const p of pairs) {
      const time = log.timeAt(p.reply);
      if (time !== undefined) out.push({ time, rtt: p.rtt, reply: p.reply });
    }
  }
  if (ctx.logs.length > 1) out.sort((a, b) => a.time - b.time);
  return out;
}

/**
 * Points for a plot `columns` wide: every sample while they fit (twice the
 * columns), else the lowest and highest of each pixel column, so outliers stay.
 */
export function rttPoints(samples: readonly RttSample[], columns: number): { x: number[]; y: number[] } {
  if (samples.length <= columns * 2) return { x: samples.map((s) => s.time / 1000), y: samples.map((s) => s.rtt) };
  const first = samples[0]?.time ?? 0;
  const span = Math.max(1, (samples[samples.length - 1]?.time ?? first) - first);
  const x: number[] = [];
  const y: number[] = [];
  let col = -1;
  let lo: RttSample | null = null;
  let hi: RttSample | null = null;
  const flush = () => {
    if (!lo || !hi) return;
    const [a, b] = lo.time <= hi.time ? [lo, hi] : [hi, lo];
    x.push(a.time / 1000);
    y.push(a.rtt);
    if (b !== a) {
      x.push(b.time / 1000);
      y.push(b.rtt);
    }
  };
  for (const s of samples) {
    const c = Math.min(columns - 1, Math.floor(((s.time - first) / span) * columns));
    if (c !== col) {
      flush();
      col = c;
      lo = s;
      hi = s;
    } else {
      if (lo && s.rtt < lo.rtt) lo = s;
      if (hi && s.rtt > hi.rtt) hi = s;
    }
  }
  flush();
  return { x, y };
}

/** Round-trip time of request/reply pairs over time and its distribution, with min/median/p95/p99. */
export function RttCharts({ ctx }: { ctx: ChartContext }) {
  const { look, tick } = ctx;
  const [width, setWidth] = useState(600);
  const samples = useMemo(() => {
    void tick;
    return samplesOf(ctx);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ctx.logs, tick]);
  const stats = useMemo(() => rttSummary(samples), [samples]);
  const hist = useMemo(() => histogram(samples.map((s) => s.rtt)), [samples]);
  const points = useMemo(() => rttPoints(samples, Math.max(50, width - 100)), [samples, width]);
  const timeData = useMemo<uPlot.AlignedData>(() => [points.x, points.y], [points]);
  const step = (hist.edges[1] ?? 1) - (hist.edges[0] ?? 0);
  // An empty bin each side, so the bars have room (uPlot sizes bars by the spacing of x).
  const histData = useMemo<uPlot.AlignedData>(() => {
    const lo = hist.edges[0] ?? 0;
    return [[lo - step, ...hist.edges.slice(0, -1), (hist.edges[hist.edges.length - 1] ?? lo)], [0, ...hist.counts, 0]];
  }, [hist, step]);
  const summary = stats
    ? `${formatCount(stats.count)} samples (one per request/reply pair): min ${rttText(stats.min)}, median ${rttText(stats.median)}, p95 ${rttText(stats.p95)}, p99 ${rttText(stats.p99)}, max ${rttText(stats.max)}.`
    : 'No request/reply pairs yet. Pairing (in the toolbar) matches replies to requests by id: JSON-RPC, a JSON path, or the protocol lens.';
  const range = useRef(ctx.range);
  range.current = ctx.range;
  const chart = useRef<uPlot | null>(null);
  useEffect(() => chart.current?.redraw(false), [ctx.range]);
  const handlers = useRef(ctx);
  handlers.current = ctx;

  const timeOptions = useMemo(
    () => (w: number): uPlot.Options => {
      const inter = interactions({ onBrush: (a, b) => handlers.current.brush(a, b), onPick: (t) => handlers.current.pick(t) });
      return {
        width: w,
        height: chartHeight(look, true),
        padding: [12, 8, 0, 0],
        legend: { live: true },
        cursor: inter.cursor,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [timeAxis(look), axis(look, { label: 'RTT (ms)', labelSize: look.font + 6, size: 64 })],
        series: [
          { label: 'Reply at', value: (_u, v) => (v == null ? '–' : clockMs(v * 1000)) },
          { label: 'RTT', stroke: look.received, fill: look.received, paths: () => null, points: { show: true, size: 5, fill: look.received }, value: (_u, v) => (v == null ? '–' : rttText(v)) },
        ],
        hooks: {
          ...inter.hooks,
          drawClear: [
            (u) => {
              if (range.current) band(u, range.current.from, range.current.to, look.range);
            },
          ],
        },
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lookKey(look)],
  );
  const histOptions = useMemo(
    () => (w: number): uPlot.Options => ({
      width: w,
      height: chartHeight(look, true),
      padding: [12, 8, 0, 0],
      legend: { live: true },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false, range: (_u, min, max) => [min, max + step] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [axis(look, { label: 'RTT (ms)', labelSize: look.font + 2, labelGap: 0, size: look.font * 2 + 10, grid: { show: false } }), axis(look, { label: 'pairs', labelSize: look.font + 6, size: 52, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? formatCount(v) : '')) })],
      series: [
        { label: 'From', value: (_u, v) => (v == null ? '–' : `${rttText(v)} – ${rttText(v + step)}`) },
        { label: 'Pairs', stroke: look.received, fill: look.received, width: 0, paths: bars(0.9, 1), points: { show: false }, value: (_u, v) => (v == null ? '–' : formatCount(v)) },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lookKey(look), step],
  );
  const onTimeChart = (u: uPlot | null) => {
    chart.current = u;
    ctx.register(u ? { name: 'rtt', canvas: () => u.ctx.canvas, csv: () => rttCsv(samples) } : null);
  };
  const histTotal = hist.counts.reduce((a, b) => a + b, 0);
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <p className="text-xs text-zinc-300" data-testid="rtt-summary">
        {summary}
      </p>
      {stats ? (
        <div className="grid min-w-0 grid-cols-1 gap-2 xl:grid-cols-2">
          <UPlotChart options={timeOptions} optionsKey={lookKey(look)} data={timeData} label={`Round-trip time over time. ${summary}`} onChart={onTimeChart} onWidth={setWidth} />
          <div className="flex min-w-0 flex-col">
            <UPlotChart
              options={histOptions}
              optionsKey={`${lookKey(look)}|${step}`}
              data={histData}
              label={`Round-trip time histogram: ${formatCount(histTotal)} samples in ${hist.counts.length} bins of ${rttText(step)}.`}
            />
          </div>
        </div>
      ) : null}
      {stats ? <p className="text-xs text-zinc-400">Histogram: {formatCount(histTotal)} samples in {hist.counts.length} bins of {rttText(step)}.</p> : null}
      {ctx.showTable && stats ? (
        <div className="max-h-64 overflow-auto rounded border border-zinc-800">
          <table className="w-full text-right text-xs tabular-nums" aria-label="Round-trip time histogram">
            <thead className="sticky top-0 bg-zinc-900 text-zinc-300">
              <tr>
                <th scope="col" className="px-2 py-1 text-left">
                  Round trip
                </th>
                <th scope="col" className="px-2 py-1">
                  Pairs
                </th>
              </tr>
            </thead>
            <tbody>
              {hist.counts.map((c, i) => (
                <tr key={hist.edges[i]} className="border-t border-zinc-800">
                  <th scope="row" className="px-2 py-0.5 text-left font-normal">
                    {rttText(hist.edges[i] ?? 0)} – {rttText(hist.edges[i + 1] ?? 0)}
                  </th>
                  <td className="px-2">{formatCount(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

