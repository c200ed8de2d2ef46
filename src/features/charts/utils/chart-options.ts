import uPlot from 'uplot';
import type { Look } from './palette';
import { clockMs, clockSeconds } from './format';

/** Plot height, CSS px: normal and Large text. */
export const chartHeight = (look: Look, small = false) => {
  const h = small ? (look.large ? 170 : 140) : look.large ? 210 : 170;
  return look.compact ? Math.round(h * 0.72) : h;
};

export function fontOf(look: Look, bold = false): string {
  const family = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
  return `${bold ? '600 ' : ''}${look.font}px ${family}`;
}

/** An axis in the chart's look; `label` names the unit. */
export function axis(look: Look, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: look.dim,
    font: fontOf(look),
    labelFont: fontOf(look, true),
    grid: { stroke: look.grid, width: 1 },
    ticks: { stroke: look.grid, width: 1 },
    ...extra,
  };
}

/** Tick steps of the time axis, seconds. */
const TIME_INCRS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The time axis: wall clock, as the timeline shows it. */
export function timeAxis(look: Look): uPlot.Axis {
  return axis(look, {
    label: 'local time',
    labelSize: look.font + 2,
    labelGap: 0,
    size: look.font * 2 + 10,
    // Room for "10:42:03" (or with ms) per tick, at steps people read: ms, seconds, minutes, hours.
    space: look.font * 7,
    incrs: TIME_INCRS,
    values: (_u, splits) => splits.map((s) => (Number.isInteger(Math.round(s * 1000) / 1000) ? clockSeconds(s * 1000) : clockMs(s * 1000))),
  });
}

export interface Interaction {
  /** a range was brushed: epoch ms, both ends included */
  onBrush?: (from: number, to: number) => void;
  /** a point was clicked (no drag): epoch ms under the cursor */
  onPick?: (time: number) => void;
}

/**
 * Brushing (drag along x) and picking (a click without a drag) on a time
 * chart. The brushed range is handed on and the selection box cleared: the
 * range then shows as the filter's band (drawn by the chart's draw hook).
 */
export function interactions(i: Interaction): Pick<uPlot.Options, 'cursor' | 'hooks'> {
  let downX = Number.NaN;
  return {
    cursor: {
      drag: { x: true, y: false, setScale: false },
      points: { size: 7 },
    },
    hooks: {
      setSelect: [
        (u) => {
          const { left, width } = u.select;
          if (width < 4 || !i.onBrush) return;
          const from = u.posToVal(left, 'x') * 1000;
          const to = u.posToVal(left + width, 'x') * 1000;
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          i.onBrush(Math.floor(from), Math.ceil(to));
        },
      ],
      ready: [
        (u) => {
          u.over.addEventListener('mousedown', (e) => {
            downX = e.clientX;
          });
          u.over.addEventListener('click', (e) => {
            if (!i.onPick || Math.abs(e.clientX - downX) > 3) return;
            const left = e.clientX - u.over.getBoundingClientRect().left;
            i.onPick(u.posToVal(left, 'x') * 1000);
          });
        },
      ],
    },
  };
}

/** Draws a band over [from, to] (epoch ms) across the plot. */
export function band(u: uPlot, from: number, to: number, fill: string): void {
  const x0 = u.valToPos(from / 1000, 'x', true);
  const x1 = u.valToPos(to / 1000, 'x', true);
  const { top, height, left, width } = u.bbox;
  const a = Math.max(left, Math.min(x0, x1));
  const b = Math.min(left + width, Math.max(x0, x1));
  if (b <= a) return;
  u.ctx.save();
  u.ctx.fillStyle = fill;
  u.ctx.fillRect(a, top, Math.max(1, b - a), height);
  u.ctx.restore();
}

/** A vertical line at `time` (epoch ms), with a short label at its top. */
export function vline(u: uPlot, time: number, stroke: string, label: string, look: Look): void {
  const x = Math.round(u.valToPos(time / 1000, 'x', true));
  const { top, height, left, width } = u.bbox;
  if (x < left || x > left + width) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = stroke;
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(x + 0.5, top);
  ctx.lineTo(x + 0.5, top + height);
  ctx.stroke();
  if (label) {
    ctx.setLineDash([]);
    ctx.fillStyle = stroke;
    ctx.font = fontOf({ ...look, font: Math.round(look.font * 0.9 * devicePixelRatio) });
    ctx.textBaseline = 'top';
    ctx.fillText(label, x + 3 * devicePixelRatio, top + 2 * devicePixelRatio);
  }
  ctx.restore();
}

export const stepped = uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined;
export const bars = (size: number, align: -1 | 0 | 1 = 0) => (uPlot.paths.bars ? uPlot.paths.bars({ size: [size, 60], align }) : undefined);
