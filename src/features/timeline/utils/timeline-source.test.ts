import { describe, expect, it } from 'vitest';
import { ringSize } from './timeline-source';

describe('ringSize', () => {
  it('is the smallest power of two of at least the rows, and at least 16', () => {
    expect(ringSize(0)).toBe(16);
    expect(ringSize(16)).toBe(16);
    expect(ringSize(17)).toBe(32);
    expect(ringSize(42)).toBe(64);
    expect(ringSize(64)).toBe(64);
    expect(ringSize(65)).toBe(128);
  });

  it('gives distinct keys to any run of consecutive slots as long as the window', () => {
    for (const rows of [1, 15, 16, 40, 57, 100]) {
      const ring = ringSize(rows);
      for (const start of [0, 7, 1_000_003, 9_999_990]) {
        const keys = new Set(Array.from({ length: rows }, (_, i) => (start + i) % ring));
        expect(keys.size).toBe(rows);
      }
    }
  });
});
