import { formatBytes, formatCount } from '../../../lib/codecs';
import { binLow, SIZE_BINS } from './traffic-series';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 10:42:03 (local time). */
export function clockSeconds(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 10:42:03.125 (local time), as the timeline's clock column shows it. */
export function clockMs(epochMs: number): string {
  return `${clockSeconds(epochMs)}.${pad(new Date(epochMs).getMilliseconds(), 3)}`;
}

/** "850 ms", "3.02 s", "2 min 5 s", "1 h 3 min". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** "24,310 msg/s", "2.5 msg/s". */
export function msgRate(perSec: number): string {
  const r = perSec >= 100 || Number.isInteger(perSec) ? Math.round(perSec) : Math.round(perSec * 10) / 10;
  return `${formatCount(r)} msg/s`;
}

export function byteRate(perSec: number): string {
  return `${formatBytes(perSec)}/s`;
}

/** "12.3 ms", "1.20 s", "850 µs". */
export function rttText(ms: number): string {
  if (!Number.isFinite(ms)) return '? ms';
  const a = Math.abs(ms);
  if (a < 1) return `${Math.round(ms * 1000)} µs`;
  if (a < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A size bin's label: "0 B", "1 B", "2–3 B", "1–2 KiB" (upper end exclusive). */
export function binLabel(bin: number): string {
  if (bin === 0) return '0 B';
  if (bin === 1) return '1 B';
  const lo = binLow(bin);
  if (bin === SIZE_BINS - 1) return `≥ ${formatBytes(lo)}`;
  const hi = binLow(bin + 1);
  if (hi <= 1024) return `${lo}–${hi - 1} B`;
  const [u, unit] = lo < 2 ** 20 ? [1024, 'KiB'] : lo < 2 ** 30 ? [2 ** 20, 'MiB'] : [2 ** 30, 'GiB'];
  return `${lo / u}–${hi / u} ${unit}`;
}
