import { describe, expect, it } from 'vitest';
import { memoOnReads } from './memo-reads';

describe('memoOnReads', () => {
  it('returns the last result while the properties it read keep their values, and calls again when one changes', () => {
    let calls = 0;
    const list = [1, 2];
    const pick = memoOnReads((s: { list: number[]; n: number; other: number }) => {
      calls += 1;
      return { list: s.list.map((x) => x * 2), n: s.n };
    });
    const first = pick({ list, n: 1, other: 0 });
    expect(first).toEqual({ list: [2, 4], n: 1 });
    // A new object around the same values (as zustand's persist makes), and a property never read changing.
    expect(pick({ list, n: 1, other: 5 })).toBe(first);
    expect(calls).toBe(1);
    expect(pick({ list: [...list], n: 1, other: 5 })).not.toBe(first);
    expect(pick({ list, n: 2, other: 5 })).toEqual({ list: [2, 4], n: 2 });
    expect(calls).toBe(3);
  });

  it('tracks what this call read: a branch that reads more is watched once taken', () => {
    const f = memoOnReads((s: { on: boolean; a: string; b: string }) => (s.on ? s.a + s.b : s.a));
    expect(f({ on: false, a: 'x', b: '1' })).toBe('x');
    expect(f({ on: false, a: 'x', b: '2' })).toBe('x'); // b not read: same result
    expect(f({ on: true, a: 'x', b: '2' })).toBe('x2');
    expect(f({ on: true, a: 'x', b: '3' })).toBe('x3'); // b read now: changes count
  });
});
