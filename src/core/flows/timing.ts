/** The spread of a set of durations: min, median, 95th percentile (nearest rank), max. */
export interface Spread {
  count: number;
  min: number;
  median: number;
  p95: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const v = [...values].sort((a, b) => a - b);
  const rank = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))] ?? 0;
  const mid = v.length >> 1;
  const median = v.length % 2 === 1 ? (v[mid] ?? 0) : ((v[mid - 1] ?? 0) + (v[mid] ?? 0)) / 2;
  return { count: v.length, min: v[0] ?? 0, median, p95: rank(0.95), max: v[v.length - 1] ?? 0 };
}
