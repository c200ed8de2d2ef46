export type SparklineProps = { values: number[]; width?: number; height?: number; label: string };

/** A tiny line plot of the last minute; 60 points of SVG, redrawn once a second. */
export function Sparkline({ values, width = 120, height = 24, label }: SparklineProps) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="shrink-0 overflow-visible">
      <rect width={width} height={height} className="fill-zinc-900" rx={3} />
      {values.length > 1 ? <polyline points={points} fill="none" className="stroke-sky-400" strokeWidth={1.5} /> : null}
    </svg>
  );
}
