import { describe, expect, it } from 'vitest';
import type { ConnectionId } from './ids';
import { clampSelection, extendTo, isSelected, normalizeRanges, selectedCount, selectedSeqs, selectOnly, toggle } from './row-selection';

const A = 'c-a' as ConnectionId;
const B = 'c-b' as ConnectionId;

describe('row selection as seq ranges', () => {
  it('selects one row, extends from the anchor either way, and replaces the range on the next extend', () => {
    const one = selectOnly(A, 10);
    expect(one).toEqual({ connectionId: A, anchor: 10, ranges: [[10, 10]] });
    expect(extendTo(one, 14).ranges).toEqual([[10, 14]]);
    expect(extendTo(extendTo(one, 14), 7).ranges).toEqual([[7, 10]]);
    expect(extendTo(one, 14).anchor).toBe(10);
  });

  it('toggles rows in and out, splitting and merging ranges, and moves the anchor', () => {
    let s = extendTo(selectOnly(A, 10), 14);
    s = toggle(s, 12);
    expect(s.ranges).toEqual([[10, 11], [13, 14]]);
    expect(s.anchor).toBe(12);
    expect(selectedCount(s)).toBe(4);
    s = toggle(s, 12);
    expect(s.ranges).toEqual([[10, 14]]);
    s = toggle(toggle(s, 10), 14);
    expect(s.ranges).toEqual([[11, 13]]);
    s = toggle(s, 20);
    expect(s.ranges).toEqual([[11, 13], [20, 20]]);
    s = toggle(toggle(s, 11), 20);
    expect(s.ranges).toEqual([[12, 13]]);
  });

  it('answers membership by binary search, per connection', () => {
    const s = { connectionId: A, anchor: 0, ranges: normalizeRanges([[50, 60], [0, 0], [2, 4], [5, 9], [100, 9_999_999]]) };
    expect(s.ranges).toEqual([[0, 0], [2, 9], [50, 60], [100, 9_999_999]]);
    expect([0, 1, 2, 9, 10, 49, 50, 60, 61, 100, 5_000_000, 9_999_999, 10_000_000].map((q) => isSelected(s, A, q))).toEqual([true, false, true, true, false, false, true, true, false, true, true, true, false]);
    expect(isSelected(s, B, 0)).toBe(false);
    expect(isSelected(null, A, 0)).toBe(false);
    expect(selectedCount(s)).toBe(1 + 8 + 11 + 9_999_900);
  });

  it('keeps ten million rows as one range and clamps to what the log still holds', () => {
    const s = extendTo(selectOnly(A, 0), 9_999_999);
    expect(s.ranges).toHaveLength(1);
    expect(selectedCount(s)).toBe(10_000_000);
    const kept = clampSelection(s, 9_999_990, 10_000_000);
    expect(kept.ranges).toEqual([[9_999_990, 9_999_999]]);
    expect([...selectedSeqs(kept)]).toHaveLength(10);
    expect([...selectedSeqs({ connectionId: A, anchor: 0, ranges: [[1, 3], [7, 8]] }, 2, 8)]).toEqual([2, 3, 7]);
  });
});
