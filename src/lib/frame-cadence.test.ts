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

  it('never waits twice at 60 Hz: the frame after a wait is past the interval', () => {
    const frame = 1000 / 60;
    expect(deferPublish(frame, 5_000)).toBe(true);
    expect(deferPublish(2 * frame, 5_000)).toBe(false);
  });

  it('during a flood, a frame after an input paints the input alone, and the rows wait at most INPUT_WAIT_MS', () => {
    expect(deferPublish(FLOOD_INTERVAL_MS + 1, 10_000, true)).toBe(true);
    expect(deferPublish(INPUT_WAIT_MS - 0.1, 10_000, true)).toBe(true);
    expect(deferPublish(INPUT_WAIT_MS, 10_000, true)).toBe(false);
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
