import { describe, expect, it } from 'vitest';
import { RowKeys } from './row-keys';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('RowKeys', () => {
  it('gives a first window keys 0..n-1', () => {
    expect(new RowKeys().assign(range(100, 104))).toEqual([0, 1, 2, 3]);
  });

  it('keeps the key of a row that stays in view, and gives a row that comes in the key of one that left', () => {
    const keys = new RowKeys();
    const a = keys.assign(range(100, 104));
    const b = keys.assign(range(102, 106));
    // 102 and 103 stay; 104 and 105 take the keys of 100 and 101.
    expect(b.slice(0, 2)).toEqual(a.slice(2));
    expect(new Set(b)).toEqual(new Set(a));
  });

  it('follows a tail for many frames with no new key (no element created)', () => {
    const keys = new RowKeys();
    let all = new Set(keys.assign(range(0, 30)));
    for (let end = 31; end < 2000; end += 7) {
      const k = keys.assign(range(end - 30, end));
      expect(new Set(k).size).toBe(30);
      for (const key of k) expect(all.has(key)).toBe(true);
      all = new Set(k);
    }
  });

  it('a window that grows takes new keys only for the rows beyond the old size, and one that shrinks keeps its keys unique', () => {
    const keys = new RowKeys();
    keys.assign(range(0, 10));
    const grown = keys.assign(range(5, 25));
    expect(new Set(grown).size).toBe(20);
    expect(Math.max(...grown)).toBe(19);
    const shrunk = keys.assign(range(1000, 1004));
    expect(new Set(shrunk).size).toBe(4);
    const again = keys.assign(range(2000, 2020));
    expect(new Set(again).size).toBe(20);
    expect(Math.max(...again)).toBeLessThan(20);
  });

  it('a jump to rows far away reuses every key', () => {
    const keys = new RowKeys();
    const a = keys.assign(range(0, 40));
    const b = keys.assign(range(1_000_000, 1_000_040));
    expect(new Set(b)).toEqual(new Set(a));
  });

  it('an empty window, then rows again', () => {
    const keys = new RowKeys();
    keys.assign(range(0, 5));
    expect(keys.assign([])).toEqual([]);
    expect(new Set(keys.assign(range(9, 14)))).toEqual(new Set([0, 1, 2, 3, 4]));
  });
});
