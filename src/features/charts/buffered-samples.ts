import type { ConnectionId } from '../../lib/ids';
import { onConnectionRemoved, onFrame } from '../../services/sockets/socket-service';

/**
 * bufferedAmount over time, per connection: the socket host reports it with
 * every batch (LiveFacts), the page sees it once a frame; this keeps the
 * points where it changed (a step function), from the app's start, so the
 * Charts view can draw the whole session. At most MAX_SAMPLES per connection:
 * past that every other point is dropped and the spacing doubles.
 * Started from main.tsx; small on purpose (it is in the initial bundle, the
 * charts are not).
 */

export const MAX_SAMPLES = 20_000;

export interface BufferedSamples {
  /** epoch ms */
  times: number[];
  values: number[];
  /** bumps on every new point */
  version: number;
}

const samples = new Map<ConnectionId, BufferedSamples>();
let stop: (() => void) | null = null;

/** Records one reading; exported for tests and for the bench. */
export function recordBuffered(id: ConnectionId, time: number, value: number): void {
  let s = samples.get(id);
  if (!s) {
    if (value === 0) return;
    s = { times: [], values: [], version: 0 };
    samples.set(id, s);
  }
  const last = s.values[s.values.length - 1];
  if (last === value) return;
  // A step function: the previous value holds until now.
  if (last !== undefined && s.times.length > 0) {
    s.times.push(time);
    s.values.push(last);
  }
  s.times.push(time);
  s.values.push(value);
  if (s.times.length > MAX_SAMPLES) {
    s.times = s.times.filter((_, i) => i % 2 === 0);
    s.values = s.values.filter((_, i) => i % 2 === 0);
  }
  s.version++;
}

export function bufferedSamplesOf(id: ConnectionId): BufferedSamples | undefined {
  return samples.get(id);
}

export function forgetBuffered(id: ConnectionId): void {
  samples.delete(id);
}

onConnectionRemoved(forgetBuffered);

export function startBufferedSamples(): () => void {
  stop ??= onFrame((changed) => {
    const now = performance.timeOrigin + performance.now();
    for (const [id, facts] of changed) recordBuffered(id, now, facts.bufferedAmount);
  });
  return () => {
    stop?.();
    stop = null;
  };
}
