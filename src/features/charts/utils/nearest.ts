import type { EventLog } from '../../../services/sockets/event-log';

/**
 * The retained event nearest in time to `time` across some logs, by binary
 * search on each log's time column (times rise with seq; a hair of disorder
 * between the host's clocks only moves the answer by as much). Ties go to the
 * earlier event.
 */
export function nearestEvent(logs: readonly EventLog[], time: number): { log: EventLog; seq: number; time: number } | null {
  let best: { log: EventLog; seq: number; time: number } | null = null;
  for (const log of logs) {
    let lo = log.start;
    let hi = log.end;
    if (hi <= lo) continue;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((log.timeAt(mid) ?? 0) < time) lo = mid + 1;
      else hi = mid;
    }
    for (const seq of [lo - 1, lo]) {
      const t = log.timeAt(seq);
      if (t === undefined) continue;
      if (!best || Math.abs(t - time) < Math.abs(best.time - time)) best = { log, seq, time: t };
    }
  }
  return best;
}
