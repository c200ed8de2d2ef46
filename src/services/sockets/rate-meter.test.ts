import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter';

const counters = (inMessages: number, inBytes: number, outMessages = 0, outBytes = 0) => ({
  inMessages,
  inBytes,
  outMessages,
  outBytes,
  total: inMessages + outMessages,
  evictedEvents: 0,
  evictedBytes: 0,
});

describe('RateMeter', () => {
  it('reports zero on the first sample and per-second rates after', () => {
    const m = new RateMeter();
    expect(m.sample(1000, counters(0, 0)).inMessagesPerSec).toBe(0);
    const r = m.sample(1500, counters(500, 32_000, 10, 100));
    expect(r).toEqual({ inMessagesPerSec: 1000, inBytesPerSec: 64_000, outMessagesPerSec: 20, outBytesPerSec: 200 });
  });
  it('keeps a bounded history of total messages per second', () => {
    const m = new RateMeter(3);
    for (let i = 0; i <= 5; i++) m.sample(i * 1000, counters(i * 10, 0));
    expect(m.history).toEqual([10, 10, 10]);
  });
});
