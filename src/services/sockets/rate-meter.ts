import type { LogCounters } from '../../core/event-log';

export interface Rates {
  inMessagesPerSec: number;
  inBytesPerSec: number;
  outMessagesPerSec: number;
  outBytesPerSec: number;
}

export const ZERO_RATES: Rates = { inMessagesPerSec: 0, inBytesPerSec: 0, outMessagesPerSec: 0, outBytesPerSec: 0 };

/** Rates from two samples of the exact counters; keeps a short history for a plot. */
export class RateMeter {
  private last: { time: number; inMessages: number; inBytes: number; outMessages: number; outBytes: number } | null = null;
  readonly history: number[] = [];

  constructor(private readonly historyLength = 60) {}

  sample(timeMs: number, c: LogCounters): Rates {
    const prev = this.last;
    this.last = { time: timeMs, inMessages: c.inMessages, inBytes: c.inBytes, outMessages: c.outMessages, outBytes: c.outBytes };
    if (!prev || timeMs <= prev.time) return ZERO_RATES;
    const dt = (timeMs - prev.time) / 1000;
    const rates: Rates = {
      inMessagesPerSec: (c.inMessages - prev.inMessages) / dt,
      inBytesPerSec: (c.inBytes - prev.inBytes) / dt,
      outMessagesPerSec: (c.outMessages - prev.outMessages) / dt,
      outBytesPerSec: (c.outBytes - prev.outBytes) / dt,
    };
    this.history.push(rates.inMessagesPerSec + rates.outMessagesPerSec);
    if (this.history.length > this.historyLength) this.history.shift();
    return rates;
  }
}
