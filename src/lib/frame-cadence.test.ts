import { describe, expect, it } from 'vitest';
import { FLOOD_BYTES, FLOOD_EVENTS, FLOOD_INTERVAL_MS, INPUT_WAIT_MS, deferPublish } from './frame-cadence';

describe('deferPublish', () => {
  it('publishes every frame while events come slower than a window of rows a frame', () => {
    expect(deferPublish(16.7, FLOOD_EVENTS - 1)).toBe(false);
    expect(deferPublish(1, 0)).toBe(false);
  });

  it('during a flood, waits for the next frame until the interval has passed', () => {
    expect(deferPublish(16.7, FLOOD_EVENTS)).toBe(true);
    expect(deferPublish(FLOOD_INTERVAL_MS - 0.1, 10_000)).toBe(true);
    expect(deferPublish(FLOOD_INTERVAL_MS, 10_000)).toBe(false);
  });

  it('at 60 Hz a flood is drawn about 10 times a second: the first frame past the interval publishes', () => {
    // rAF timestamps jitter by a fraction of a millisecond.
    const frame = 1000 / 60;
    const jitter = [0.3, -0.4, 0.1, -0.2];
    let published = 0;
    let last = 0;
    for (let f = 1; f <= 60; f++) {
      const at = f * frame + (jitter[f % jitter.length] ?? 0);
      if (deferPublish(at - last, 5_000)) continue;
      published++;
      last = at;
    }
    expect(published).toBe(10);
  });

  it('during a flood, the frame after an input paints the input alone, and the rows wait INPUT_WAIT_MS longer at most', () => {
    expect(deferPublish(FLOOD_INTERVAL_MS + 1, 10_000, true)).toBe(true);
    expect(deferPublish(FLOOD_INTERVAL_MS + INPUT_WAIT_MS - 0.1, 10_000, true)).toBe(true);
    expect(deferPublish(FLOOD_INTERVAL_MS + INPUT_WAIT_MS, 10_000, true)).toBe(false);
    // The next frame, with no input since the previous one, goes back to the interval.
    expect(deferPublish(FLOOD_INTERVAL_MS + 17, 10_000, false)).toBe(false);
  });

  it('an input outside a flood waits for nothing', () => {
    expect(deferPublish(1, FLOOD_EVENTS - 1, true)).toBe(false);
  });

  it('a few large frames a frame count as a flood by their bytes', () => {
    expect(deferPublish(16.7, 3, false, FLOOD_BYTES)).toBe(true);
    expect(deferPublish(16.7, 3, false, FLOOD_BYTES - 1)).toBe(false);
    expect(deferPublish(FLOOD_INTERVAL_MS, 3, false, 10 * FLOOD_BYTES)).toBe(false);
  });
});
