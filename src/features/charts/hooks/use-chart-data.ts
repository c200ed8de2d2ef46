import { useEffect, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { getLog, onFrame } from '../../../services/sockets/socket-service';
import { runSliced } from '../../../lib/slices';
import { seriesOf } from '../utils/traffic-series';

/** The charts redraw at most this often while traffic comes in. */
export const REDRAW_MS = 250;

/**
 * Keeps the traffic series of these connections caught up with their logs,
 * outside React render: after a change (heard from the socket service once a
 * frame), at most every REDRAW_MS, the new events are read in time slices
 * (lib/slices.ts), then the returned number bumps so the charts redraw. A
 * flood thus costs the charts a few redraws a second, not one per frame.
 */
export function useChartTick(ids: readonly ConnectionId[]): number {
  const [tick, setTick] = useState(0);
  const key = ids.join(',');
  useEffect(() => {
    const list = key === '' ? [] : (key.split(',') as ConnectionId[]);
    let cancelled = false;
    let running = false;
    let dirty = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const catchUp = async () => {
      running = true;
      dirty = false;
      for (const id of list) {
        const s = seriesOf(getLog(id));
        if (s.pending() === 0) continue;
        await runSliced({ step: (budget) => s.step(budget), cancelled: () => cancelled }, 50_000);
      }
      running = false;
      if (cancelled) return;
      setTick((t) => t + 1);
      if (dirty) schedule();
    };
    const schedule = () => {
      if (running) {
        dirty = true;
        return;
      }
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void catchUp();
      }, REDRAW_MS);
    };
    void catchUp();
    const stop = onFrame((changed) => {
      if (list.some((id) => changed.has(id))) schedule();
    });
    return () => {
      cancelled = true;
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [key]);
  return tick;
}
