import { describe, expect, it } from 'vitest';
import { BUSY_SHARE, DecodePacer, MAX_WAIT_MS } from './script-pace';
import type { PaceClock } from './script-pace';

function fakeClock(): PaceClock & { t: number } {
  return { t: 0, now() { return this.t; }, later: () => {} };
}

describe('DecodePacer', () => {
  it('waits so a batch takes BUSY_SHARE of the time while events arrive fast, not at all when they trickle', () => {
    const clock = fakeClock();
    const pacer = new DecodePacer(clock, 5_000);
    // 2,000 events in 100 ms (20,000/s): a 20 ms batch is followed by 180 ms.
    clock.t = 100;
    expect(pacer.waitAfter(20, 7_000)).toBeCloseTo((20 * (1 - BUSY_SHARE)) / BUSY_SHARE);
    // 50 events in the next second: quiet, no wait.
    clock.t = 1_100;
    expect(pacer.waitAfter(20, 7_050)).toBe(0);
  });

  it('counts what was there when it started as a backlog, not as arrivals, and never waits longer than MAX_WAIT_MS', () => {
    const clock = fakeClock();
    const pacer = new DecodePacer(clock, 1_000_000);
    clock.t = 50;
    expect(pacer.waitAfter(40, 1_000_000)).toBe(0);
    clock.t = 60;
    expect(pacer.waitAfter(500, 1_001_000)).toBe(MAX_WAIT_MS);
  });
});
