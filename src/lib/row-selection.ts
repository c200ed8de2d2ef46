/**
 * A multi-selection of timeline rows as ranges of event seqs on one
 * connection, never a per-row list: a selection of 10,000,000 rows is one
 * range. Ranges are inclusive, sorted, disjoint and not touching (they are
 * merged). Pure; the store keeps one (inspect-slice.ts).
 *
 * - click: `selectOnly(id, seq)`
 * - Shift+click, Shift+↑/↓: `extendTo(sel, seq)` (the anchor to seq; other ranges dropped)
 * - Ctrl/⌘+click: `toggle(sel, seq)` (the anchor moves there)
 */
import type { ConnectionId } from './ids';

/** [from, to], inclusive. */
export type SeqRange = readonly [number, number];

export interface RowSelection {
  connectionId: ConnectionId;
  /** where Shift extends from: the last row clicked alone or toggled */
  anchor: number;
  ranges: readonly SeqRange[];
}

export function selectOnly(connectionId: ConnectionId, seq: number): RowSelection {
  return { connectionId, anchor: seq, ranges: [[seq, seq]] };
}

/** The range from the anchor to `seq` (either way). */
export function extendTo(sel: RowSelection, seq: number): RowSelection {
  return { ...sel, ranges: [[Math.min(sel.anchor, seq), Math.max(sel.anchor, seq)]] };
}

/** Sorted, merged (overlapping or adjacent ranges become one). */
export function normalizeRanges(ranges: readonly SeqRange[]): SeqRange[] {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The index of the range holding `seq`, or -1 (binary search). */
function rangeIndex(ranges: readonly SeqRange[], seq: number): number {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (!r) break;
    if (seq < r[0]) hi = mid - 1;
    else if (seq > r[1]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function isSelected(sel: RowSelection | null, connectionId: ConnectionId, seq: number): boolean {
  return sel !== null && sel.connectionId === connectionId && rangeIndex(sel.ranges, seq) >= 0;
}

/** Adds `seq` when it is not selected, takes it out when it is (splitting its range); the anchor moves to it. */
export function toggle(sel: RowSelection, seq: number): RowSelection {
  const at = rangeIndex(sel.ranges, seq);
  if (at < 0) return { ...sel, anchor: seq, ranges: normalizeRanges([...sel.ranges, [seq, seq]]) };
  const r = sel.ranges[at] as SeqRange;
  const parts: SeqRange[] = [];
  if (r[0] < seq) parts.push([r[0], seq - 1]);
  if (seq < r[1]) parts.push([seq + 1, r[1]]);
  return { ...sel, anchor: seq, ranges: [...sel.ranges.slice(0, at), ...parts, ...sel.ranges.slice(at + 1)] };
}

/** How many seqs the selection holds. */
export function selectedCount(sel: RowSelection | null): number {
  if (!sel) return 0;
  let n = 0;
  for (const [a, b] of sel.ranges) n += b - a + 1;
  return n;
}

/** The selection within [start, end) (the seqs a log still holds). */
export function clampSelection(sel: RowSelection, start: number, end: number): RowSelection {
  const ranges: SeqRange[] = [];
  for (const [a, b] of sel.ranges) {
    const from = Math.max(a, start);
    const to = Math.min(b, end - 1);
    if (from <= to) ranges.push([from, to]);
  }
  return { ...sel, ranges };
}

/** Every selected seq in [start, end), in order. */
export function* selectedSeqs(sel: RowSelection, start = 0, end = Number.MAX_SAFE_INTEGER): Generator<number> {
  for (const [a, b] of sel.ranges) for (let s = Math.max(a, start); s <= Math.min(b, end - 1); s++) yield s;
}
