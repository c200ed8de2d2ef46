import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type UPlotChartProps = {
  /** the chart's options for a plot this wide (CSS px) */
  options: (width: number) => uPlot.Options;
  /** a new key makes a new chart (theme, text size, series changed); otherwise data changes only call setData */
  optionsKey: string;
  data: uPlot.AlignedData;
  /** the accessible name of the picture: its summary */
  label: string;
  /** the chart, for exports and brushing; null when it goes */
  onChart?: (u: uPlot | null) => void;
  /** told the plot's width on creation and on every resize (to reduce data to one point per pixel column) */
  onWidth?: (width: number) => void;
};

/**
 * One uPlot canvas chart, as wide as its box: created on mount and when
 * `optionsKey` changes, resized with the box, fed with setData otherwise
 * (cheap: the data is already reduced to about one point per pixel column).
 * uPlot draws on a canvas and sets element styles through the CSSOM only,
 * so it runs under the page's CSP (no eval, no inline <style>).
 */
export function UPlotChart({ options, optionsKey, data, label, onChart, onWidth }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef({ options, data, onChart, onWidth });
  latest.current = { options, data, onChart, onWidth };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = Math.max(200, Math.floor(el.clientWidth));
    const u = new uPlot(latest.current.options(width), latest.current.data, el);
    chart.current = u;
    latest.current.onChart?.(u);
    latest.current.onWidth?.(width);
    let last = width;
    const ro = new ResizeObserver(() => {
      const w = Math.max(200, Math.floor(el.clientWidth));
      if (w === last) return;
      last = w;
      u.setSize({ width: w, height: u.height });
      latest.current.onWidth?.(w);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      latest.current.onChart?.(null);
      u.destroy();
      chart.current = null;
    };
  }, [optionsKey]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div ref={box} role="img" aria-label={label} className="min-w-0 flex-1 text-xs text-zinc-300 [&_.u-legend]:text-left [&_.u-legend]:text-xs" />;
}
