import { useMemo } from 'react';
import type uPlot from 'uplot';
import { formatCount } from '../../../lib/codecs';
import { seriesOf, SIZE_BINS } from '../utils/traffic-series';
import { axis, bars, chartHeight } from '../utils/chart-options';
import { lookKey } from '../utils/palette';
import { binLabel } from '../utils/format';
import { UPlotChart } from './uplot-chart';
import type { ChartContext } from './chart-context';

interface SizeData {
  bins: number[];
  received: number[];
  sent: number[];
}

function sizeData(ctx: ChartContext): SizeData {
  const inAll = new Float64Array(SIZE_BINS);
  const outAll = new Float64Array(SIZE_BINS);
  for (const log of ctx.logs) {
    const s = seriesOf(log);
    for (let i = 0; i < SIZE_BINS; i++) {
      inAll[i] = (inAll[i] ?? 0) + (s.sizesIn[i] ?? 0);
      outAll[i] = (outAll[i] ?? 0) + (s.sizesOut[i] ?? 0);
    }
  }
  let lo = SIZE_BINS;
  let hi = -1;
  for (let i = 0; i < SIZE_BINS; i++) {
    if ((inAll[i] ?? 0) + (outAll[i] ?? 0) > 0) {
      lo = Math.min(lo, i);
      hi = Math.max(hi, i);
    }
  }
  const bins: number[] = [];
  for (let i = lo; i <= hi; i++) bins.push(i);
  return { bins, received: bins.map((i) => inAll[i] ?? 0), sent: bins.map((i) => outAll[i] ?? 0) };
}

function mode(d: SizeData, which: 'received' | 'sent'): string {
  const values = d[which];
  let best = -1;
  values.forEach((v, i) => {
    if (v > 0 && (best < 0 || v > (values[best] ?? 0))) best = i;
  });
  const total = values.reduce((a, b) => a + b, 0);
  if (best < 0) return `${which === 'received' ? 'Received' : 'sent'}: none`;
  return `${which === 'received' ? 'Received' : 'sent'}: ${formatCount(total)} messages, most ${binLabel(d.bins[best] ?? 0)} (${formatCount(values[best] ?? 0)})`;
}

export function sizesCsv(d: SizeData): string {
  const lines = ['bin,from_bytes,to_bytes_exclusive,received,sent'];
  d.bins.forEach((b, i) => lines.push([JSON.stringify(binLabel(b)), b === 0 ? 0 : 2 ** (b - 1), b === 0 ? 1 : 2 ** b, d.received[i], d.sent[i]].join(',')));
  return `${lines.join('\n')}\n`;
}

/** Message sizes in power-of-two bins, received and sent side by side. */
export function SizesChart({ ctx }: { ctx: ChartContext }) {
  const { look, tick } = ctx;
  const d = useMemo(() => {
    void tick;
    return sizeData(ctx);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ctx.logs, tick]);
  // uPlot needs numeric x: the bins' positions, labelled by size, with an empty bin each side so bars have room.
  const plotBins = useMemo(() => {
    const first = d.bins[0];
    const last = d.bins[d.bins.length - 1];
    if (first === undefined || last === undefined) return [];
    return [...(first > 0 ? [first - 1] : []), ...d.bins, ...(last < SIZE_BINS - 1 ? [last + 1] : [])];
  }, [d]);
  const data = useMemo<uPlot.AlignedData>(
    () => [plotBins.map((_, i) => i), plotBins.map((b) => d.received[d.bins.indexOf(b)] ?? 0), plotBins.map((b) => d.sent[d.bins.indexOf(b)] ?? 0)],
    [d, plotBins],
  );
  const summary = d.bins.length === 0 ? 'No messages yet.' : `${mode(d, 'received')}; ${mode(d, 'sent')}.`;
  const binsRef = { current: plotBins };
  const options = useMemo(
    () => (w: number): uPlot.Options => ({
      width: w,
      height: chartHeight(look),
      padding: [12, 8, 0, 0],
      legend: { live: true },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.08)] } },
      axes: [
        axis(look, { label: 'message size', labelSize: look.font + 2, labelGap: 0, size: look.font * 2 + 10, grid: { show: false }, splits: () => binsRef.current.map((_, i) => i), values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? binLabel(binsRef.current[v] ?? 0) : '')) }),
        axis(look, { label: 'messages', labelSize: look.font + 6, size: 60, values: (_u, splits) => splits.map((v) => formatCount(v)) }),
      ],
      series: [
        { label: 'Size', value: (_u, v) => (v == null ? '–' : binLabel(binsRef.current[v] ?? 0)) },
        { label: 'Received', stroke: look.received, fill: look.received, width: 0, paths: bars(0.4, -1), points: { show: false }, value: (_u, v) => (v == null ? '–' : formatCount(v)) },
        { label: 'Sent', stroke: look.sent, fill: look.sent, width: 0, paths: bars(0.4, 1), points: { show: false }, value: (_u, v) => (v == null ? '–' : formatCount(v)) },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lookKey(look), plotBins.join(',')],
  );
  const onChart = (u: uPlot | null) => ctx.register(u ? { name: 'sizes', canvas: () => u.ctx.canvas, csv: () => sizesCsv(d) } : null);
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <UPlotChart options={options} optionsKey={`${lookKey(look)}|${plotBins.join(',')}`} data={data} label={`Message sizes. ${summary}`} onChart={onChart} />
      <p className="text-xs text-zinc-300">{summary}</p>
      {ctx.showTable ? (
        <div className="max-h-64 overflow-auto rounded border border-zinc-800">
          <table className="w-full text-right text-xs tabular-nums" aria-label="Sizes table">
            <caption className="sr-only">Messages by size</caption>
            <thead className="sticky top-0 bg-zinc-900 text-zinc-300">
              <tr>
                <th scope="col" className="px-2 py-1 text-left">
                  Size
                </th>
                <th scope="col" className="px-2 py-1">
                  Received
                </th>
                <th scope="col" className="px-2 py-1">
                  Sent
                </th>
              </tr>
            </thead>
            <tbody>
              {d.bins.map((b, i) => (
                <tr key={b} className="border-t border-zinc-800">
                  <th scope="row" className="px-2 py-0.5 text-left font-normal">
                    {binLabel(b)}
                  </th>
                  <td className="px-2">{formatCount(d.received[i] ?? 0)}</td>
                  <td className="px-2">{formatCount(d.sent[i] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
