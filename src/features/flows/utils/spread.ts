/** The timing spread of virtual users' runs: min, median, 90th percentile (nearest rank) and max. */
export interface Spread {
  min: number;
  median: number;
  p90: number;
  max: number;
}

export function timingSpread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: 0, median: 0, p90: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  return { min: sorted[0] ?? 0, median: rank(0.5), p90: rank(0.9), max: sorted[sorted.length - 1] ?? 0 };
}
