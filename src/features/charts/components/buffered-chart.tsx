import { useMemo, useRef, useEffect } from 'react';
import type uPlot from 'uplot';
import { formatBytes } from '../../../lib/codecs';
import { bufferedSamplesOf } from '../buffered-samples';
import { axis, band, chartHeight, interactions, stepped, timeAxis } from '../utils/chart-options';
import { lookKey } from '../utils/palette';
import { clockMs, clockSeconds } from '../utils/format';
import { UPlotChart } from './uplot-chart';
import type { ChartContext } from './chart-context';

/** The samples of each connection on one time axis (a step function each; null before a connection's first sample). */
export function bufferedData(series: ReadonlyArray<{ times: readonly number[]; values: readonly number[] }>): { x: number[]; ys: (number | null)[][] } {
  const all = [...new Set(series.flatMap((s) => s.times))].sort((a, b) => a - b);
  const ys = series.map((s) => {
    const out: (number | null)[] = [];
    let j = -1;
    for (const t of all) {
      while (j + 1 < s.times.length && (s.times[j + 1] ?? Infinity) <= t) j++;
      out.push(j < 0 ? null : (s.values[j] ?? 0));
    }
    return out;
  });
  return { x: all, ys };
}

/** bufferedAmount over time while sending: how much the socket held back, sampled once a frame. */
export function BufferedChart({ ctx }: { ctx: ChartContext }) {
  const { look, tick } = ctx;
  const withSamples = ctx.ids.filter((id) => bufferedSamplesOf(id));
  const d = useMemo(() => {
    void tick;
    return bufferedData(withSamples.map((id) => bufferedSamplesOf(id) ?? { times: [], values: [] }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [withSamples.join(','), tick]);
  const data = useMemo<uPlot.AlignedData>(() => [d.x.map((t) => t / 1000), ...d.ys], [d]);
  let peak = 0;
  let peakAt = 0;
  d.ys.forEach((ys) =>
    ys.forEach((v, i) => {
      if (v !== null && v > peak) {
        peak = v;
        peakAt = d.x[i] ?? 0;
      }
    }),
  );
  const summary = withSamples.length === 0 ? 'Nothing has waited in the send buffer yet: bufferedAmount stayed 0.' : `Peak bufferedAmount ${formatBytes(peak)} at ${clockSeconds(peakAt)}; ${d.x.length} samples.`;
  const range = useRef(ctx.range);
  range.current = ctx.range;
  const chart = useRef<uPlot | null>(null);
  useEffect(() => chart.current?.redraw(false), [ctx.range]);
  const handlers = useRef(ctx);
  handlers.current = ctx;
  const names = withSamples.map((id) => ctx.labelOf(id)).join('|');
  const options = useMemo(
    () => (w: number): uPlot.Options => {
      const inter = interactions({ onBrush: (a, b) => handlers.current.brush(a, b), onPick: (t) => handlers.current.pick(t) });
      return {
        width: w,
        height: chartHeight(look),
        padding: [12, 8, 0, 0],
        legend: { live: true },
        cursor: inter.cursor,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1024, max * 1.08)] } },
        axes: [timeAxis(look), axis(look, { label: 'bytes', labelSize: look.font + 6, size: 76, values: (_u, splits) => splits.map((v) => formatBytes(v)) })],
        series: [
          { label: 'Time', value: (_u, v) => (v == null ? '–' : clockMs(v * 1000)) },
          ...names.split('|').filter(Boolean).map((name, i) => ({
            label: ctx.ids.length > 1 ? name : 'bufferedAmount',
            stroke: i % 2 === 0 ? look.sent : look.received,
            width: 1.75,
            paths: stepped,
            points: { show: false },
            value: (_u: uPlot, v: number | null) => (v == null ? '–' : formatBytes(v)),
          })),
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
    [lookKey(look), names],
  );
  const onChart = (u: uPlot | null) => {
    chart.current = u;
    ctx.register(u ? { name: 'buffered', canvas: () => u.ctx.canvas, csv: () => bufferedCsv(d, names.split('|')) } : null);
  };
  return (
    <div className="flex min-w-0 flex-col gap-1">
      {withSamples.length > 0 ? <UPlotChart options={options} optionsKey={`${lookKey(look)}|${names}`} data={data} label={`bufferedAmount over time. ${summary}`} onChart={onChart} /> : null}
      <p className="text-xs text-zinc-300">{summary}</p>
      <p className="text-xs text-zinc-400">Bytes handed to send() that the browser has not yet written to the network. It rises when you send faster than the connection carries, and falls back to 0 as it drains.</p>
      {ctx.showTable && withSamples.length > 0 ? (
        <div className="max-h-64 overflow-auto rounded border border-zinc-800">
          <table className="w-full text-right text-xs tabular-nums" aria-label="bufferedAmount table">
            <caption className="sr-only">bufferedAmount samples</caption>
            <thead className="sticky top-0 bg-zinc-900 text-zinc-300">
              <tr>
                <th scope="col" className="px-2 py-1 text-left">
                  Time
                </th>
                {names.split('|').map((n) => (
                  <th key={n} scope="col" className="px-2 py-1">
                    {ctx.ids.length > 1 ? n : 'bufferedAmount'}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.x.slice(-500).map((t, k) => {
                const i = Math.max(0, d.x.length - 500) + k;
                return (
                  <tr key={`${t}-${i}`} className="border-t border-zinc-800">
                    <th scope="row" className="px-2 py-0.5 text-left font-normal">
                      {clockMs(t)}
                    </th>
                    {d.ys.map((ys, j) => (
                      <td key={j} className="px-2">
                        {ys[i] == null ? '–' : formatBytes(ys[i] ?? 0)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function bufferedCsv(d: { x: number[]; ys: (number | null)[][] }, names: string[]): string {
  const lines = [['time', 'epoch_ms', ...names.map((n) => `buffered_amount_bytes${names.length > 1 ? `_${n.replace(/[^\w.-]+/g, '_')}` : ''}`)].join(',')];
  d.x.forEach((t, i) => lines.push([new Date(t).toISOString(), t, ...d.ys.map((ys) => ys[i] ?? '')].join(',')));
  return `${lines.join('\n')}\n`;
}
