import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay, backoffRange } from './backoff';

const middle = () => 0.5;

describe('backoffDelay', () => {
  it('doubles from 500 ms without jitter at the midpoint', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, DEFAULT_BACKOFF, middle))).toEqual([500, 1000, 2000, 4000, 8000, 16000]);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(7, DEFAULT_BACKOFF, middle)).toBe(30000);
    expect(backoffDelay(1000, DEFAULT_BACKOFF, () => 0.999)).toBe(30000);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, DEFAULT_BACKOFF, middle)).toBe(30000);
  });

  it('spreads by ±20 %', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(400);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 1)).toBe(600);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.25)).toBe(1800);
    // at the ceiling, jitter can only bring it down
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0)).toBe(24000);
  });

  it('stays within the range for random values', () => {
    for (let n = 1; n <= 10; n++) {
      const [lo, hi] = backoffRange(n);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(n);
        expect(d).toBeGreaterThanOrEqual(lo);
        expect(d).toBeLessThanOrEqual(hi);
      }
    }
  });

  it('treats attempt 0 or less as the first', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, middle)).toBe(500);
    expect(backoffDelay(-3, DEFAULT_BACKOFF, middle)).toBe(500);
  });

  it('honours a custom policy and clamps silly values', () => {
    expect(backoffDelay(3, { baseMs: 100, factor: 3, maxMs: 10_000, jitter: 0 }, () => 0)).toBe(900);
    expect(backoffDelay(3, { baseMs: 100, factor: 0.5, maxMs: 10_000, jitter: 5 }, () => 1)).toBe(200);
  });
});
