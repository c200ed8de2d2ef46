import type { TrafficSeries } from './traffic-series';

/**
 * What the traffic chart, its table and its CSV read: the buckets of one or
 * several series (the merged view) on one time base, and their reductions to
 * what a plot of N pixel columns can show.
 */

export interface Buckets {
  /** bucket width, ms */
  width: number;
  /** bucket number of slot 0 (start time = origin × width) */
  origin: number;
  length: number;
  inMsgs: Float64Array;
  outMsgs: Float64Array;
  inBytes: Float64Array;
  outBytes: Float64Array;
}

const EMPTY: Buckets = { width: 1000, origin: 0, length: 0, inMsgs: new Float64Array(0), outMsgs: new Float64Array(0), inBytes: new Float64Array(0), outBytes: new Float64Array(0) };

/** The buckets of several series summed on the coarsest width among them (one series: its own arrays, no copy). */
export function combine(series: readonly TrafficSeries[]): Buckets {
  const used = series.filter((s) => s.length > 0);
  const [only] = used;
  if (!only) return EMPTY;
  if (used.length === 1) return only;
  const width = Math.max(...used.map((s) => s.width));
  const startOf = (s: TrafficSeries) => Math.floor((s.origin * s.width) / width);
  const endOf = (s: TrafficSeries) => Math.floor(((s.origin + s.length - 1) * s.width) / width);
  const origin = Math.min(...used.map(startOf));
  const length = Math.max(...used.map(endOf)) - origin + 1;
  const out: Buckets = { width, origin, length, inMsgs: new Float64Array(length), outMsgs: new Float64Array(length), inBytes: new Float64Array(length), outBytes: new Float64Array(length) };
  for (const s of used) {
    for (let i = 0; i < s.length; i++) {
      const j = Math.floor(((s.origin + i) * s.width) / width) - origin;
      out.inMsgs[j] = (out.inMsgs[j] ?? 0) + (s.inMsgs[i] ?? 0);
      out.outMsgs[j] = (out.outMsgs[j] ?? 0) + (s.outMsgs[i] ?? 0);
      out.inBytes[j] = (out.inBytes[j] ?? 0) + (s.inBytes[i] ?? 0);
      out.outBytes[j] = (out.outBytes[j] ?? 0) + (s.outBytes[i] ?? 0);
    }
  }
  return out;
}

export interface RatePlot {
  /** start of each point, seconds (uPlot's time scale) */
  x: number[];
  inRate: number[];
  outRate: number[];
  inByteRate: number[];
  outByteRate: number[];
  /** how many ms one point covers */
  pointMs: number;
}

/**
 * Rates per second for a plot `columns` pixels wide: one point per bucket
 * while they fit, else one per group of buckets holding the group's highest
 * rate, so a one-second burst still shows at its height in an hour-long view.
 */
export function ratePlot(b: Buckets, columns: number): RatePlot {
  const group = Math.max(1, Math.ceil(b.length / Math.max(1, columns)));
  const perSec = 1000 / b.width;
  const plot: RatePlot = { x: [], inRate: [], outRate: [], inByteRate: [], outByteRate: [], pointMs: group * b.width };
  for (let g = 0; g < b.length; g += group) {
    let a = 0;
    let o = 0;
    let ab = 0;
    let ob = 0;
    const end = Math.min(b.length, g + group);
    for (let i = g; i < end; i++) {
      a = Math.max(a, b.inMsgs[i] ?? 0);
      o = Math.max(o, b.outMsgs[i] ?? 0);
      ab = Math.max(ab, b.inBytes[i] ?? 0);
      ob = Math.max(ob, b.outBytes[i] ?? 0);
    }
    plot.x.push(((b.origin + g) * b.width) / 1000);
    plot.inRate.push(a * perSec);
    plot.outRate.push(o * perSec);
    plot.inByteRate.push(ab * perSec);
    plot.outByteRate.push(ob * perSec);
  }
  // One more point at the end of the last bucket, so the last one has a width.
  if (b.length > 0) {
    plot.x.push(((b.origin + b.length) * b.width) / 1000);
    plot.inRate.push(0);
    plot.outRate.push(0);
    plot.inByteRate.push(0);
    plot.outByteRate.push(0);
  }
  return plot;
}

export interface Peak {
  /** per second */
  rate: number;
  /** start of the bucket, epoch ms */
  time: number;
}

/** The highest rate of a column (first bucket wins ties), null when it is all zero. */
export function peakOf(b: Buckets, column: 'inMsgs' | 'outMsgs' | 'inBytes' | 'outBytes'): Peak | null {
  const a = b[column];
  let best = -1;
  let max = 0;
  for (let i = 0; i < b.length; i++) {
    const v = a[i] ?? 0;
    if (v > max) {
      max = v;
      best = i;
    }
  }
  return best < 0 ? null : { rate: (max * 1000) / b.width, time: (b.origin + best) * b.width };
}

export function sumOf(a: Float64Array, length: number): number {
  let n = 0;
  for (let i = 0; i < length; i++) n += a[i] ?? 0;
  return n;
}

export interface TableRow {
  /** epoch ms */
  start: number;
  ms: number;
  inMsgs: number;
  outMsgs: number;
  inBytes: number;
  outBytes: number;
}

/** Rows of the text alternative: the buckets, grouped so there are at most `maxRows`; counts are exact sums. */
export function tableRows(b: Buckets, maxRows: number): TableRow[] {
  const group = Math.max(1, Math.ceil(b.length / Math.max(1, maxRows)));
  const rows: TableRow[] = [];
  for (let g = 0; g < b.length; g += group) {
    const end = Math.min(b.length, g + group);
    const row: TableRow = { start: (b.origin + g) * b.width, ms: (end - g) * b.width, inMsgs: 0, outMsgs: 0, inBytes: 0, outBytes: 0 };
    for (let i = g; i < end; i++) {
      row.inMsgs += b.inMsgs[i] ?? 0;
      row.outMsgs += b.outMsgs[i] ?? 0;
      row.inBytes += b.inBytes[i] ?? 0;
      row.outBytes += b.outBytes[i] ?? 0;
    }
    rows.push(row);
  }
  return rows;
}

/** CSV of every bucket: exact counts and the rates they make. */
export function trafficCsv(b: Buckets): string {
  const lines = ['time,epoch_ms,bucket_ms,received_messages,sent_messages,received_bytes,sent_bytes,received_msg_per_s,sent_msg_per_s,received_bytes_per_s,sent_bytes_per_s'];
  const perSec = 1000 / b.width;
  for (let i = 0; i < b.length; i++) {
    const t = (b.origin + i) * b.width;
    const a = b.inMsgs[i] ?? 0;
    const o = b.outMsgs[i] ?? 0;
    const ab = b.inBytes[i] ?? 0;
    const ob = b.outBytes[i] ?? 0;
    lines.push([new Date(t).toISOString(), t, b.width, a, o, ab, ob, a * perSec, o * perSec, ab * perSec, ob * perSec].join(','));
  }
  return `${lines.join('\n')}\n`;
}
