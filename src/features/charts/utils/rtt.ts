/**
 * Round-trip times from request/reply pairs (features/pairing, read through
 * the app): percentiles, a histogram, a CSV. Pure.
 */

export interface RttSample {
  /** the reply's time, epoch ms */
  time: number;
  /** ms */
  rtt: number;
  /** the reply's seq */
  reply: number;
}

export interface RttSummary {
  count: number;
  min: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

/** The value below which `q` of the sorted samples lie (nearest rank). */
function rank(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;
}

export function rttSummary(samples: readonly RttSample[]): RttSummary | null {
  if (samples.length === 0) return null;
  const sorted = Float64Array.from(samples, (s) => s.rtt).sort();
  const n = sorted.length;
  const mid = n >> 1;
  const median = n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { count: n, min: sorted[0] ?? 0, median, p95: rank(sorted, 0.95), p99: rank(sorted, 0.99), max: sorted[n - 1] ?? 0 };
}

export interface Histogram {
  /** lower edge of each bin; bin i is [edges[i], edges[i+1]) and the last one includes its upper edge */
  edges: number[];
  counts: number[];
}

/** A "nice" step (1, 2 or 5 × 10^k) so that about `bins` of them cover `span`. */
export function niceStep(span: number, bins: number): number {
  if (!(span > 0)) return 1;
  const raw = span / bins;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** Linear bins of a nice width from the smallest to the largest value; every value lands in one bin. */
export function histogram(values: readonly number[], bins = 24): Histogram {
  if (values.length === 0) return { edges: [], counts: [] };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const step = niceStep(max - min, bins);
  const lo = Math.floor(min / step) * step;
  const n = Math.max(1, Math.floor((max - lo) / step) + 1);
  const counts = new Array<number>(n).fill(0);
  for (const v of values) {
    const i = Math.min(n - 1, Math.floor((v - lo) / step));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const edges = Array.from({ length: n + 1 }, (_, i) => lo + i * step);
  return { edges, counts };
}

export function rttCsv(samples: readonly RttSample[]): string {
  const lines = ['time,epoch_ms,reply_seq,rtt_ms'];
  for (const s of samples) lines.push([new Date(s.time).toISOString(), s.time, s.reply, s.rtt].join(','));
  return `${lines.join('\n')}\n`;
}

export function histogramCsv(h: Histogram, unit: string): string {
  const lines = [`from_${unit},to_${unit},count`];
  h.counts.forEach((c, i) => lines.push([h.edges[i], h.edges[i + 1], c].join(',')));
  return `${lines.join('\n')}\n`;
}
