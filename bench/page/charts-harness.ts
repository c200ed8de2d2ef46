import uPlot from 'uplot';
import { asConnectionId } from '../../src/lib/ids';
import { Kind } from '../../src/services/sockets/events';
import { getLog } from '../../src/services/sockets/socket-service';
import { useStore } from '../../src/store/store';
import { prefetchPanels } from '../../src/app/lazy-panels';
import { setChartsOpen } from '../../src/store/view-actions';
import { TrafficSeries } from '../../src/features/charts/utils/traffic-series';
import { ratePlot } from '../../src/features/charts/utils/plot-data';
import { axis, stepped, timeAxis } from '../../src/features/charts/utils/chart-options';
import { readLook } from '../../src/features/charts/utils/palette';
import { now, postResults, settleLikeAUser, readParams, waitUntilReady, watchLongTasks } from './common';

/**
 * `npm run bench` charts case, drawing part: the real app with one
 * connection holding `count` retained events (64-byte texts, half sent, half
 * received, over one hour with a burst in the middle), put straight into its
 * capture log. Measured:
 * - series: reading every event into the traffic series from scratch
 *   (TrafficSeries.step over the whole log; what opening Charts on a long
 *   capture costs once, in slices in the app);
 * - reduce: the series to one point per pixel column (ratePlot, 1,200 columns);
 * - first draw / redraw: a uPlot chart of the traffic view's four series
 *   (same axes and paths as the app's) created and drawn, then fed new data
 *   and drawn again (median of 10), each to the end of the draw (uPlot
 *   draws in a microtask);
 * - in the app: Charts opened → the traffic summary shown and the canvas
 *   there (chunk load, sliced series build, render, draw), and the longest
 *   main-thread gap meanwhile.
 */

const p = readParams();
const longTasks = watchLongTasks();
const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));
const microtask = (): Promise<void> => new Promise((r) => queueMicrotask(r));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;

function fill(count: number) {
  const id = asConnectionId('bench-charts');
  useStore.setState({ connections: [{ id, name: 'charts bench', url: 'ws://127.0.0.1:1/none', protocols: '', binaryType: 'arraybuffer' }], selectedId: id });
  const log = getLog(id);
  log.setLimits({ maxEvents: count + 10, maxBytes: 4 * 1024 ** 3 });
  const start = 1.7e12;
  const text = `{"seq":0,"pad":"${'x'.repeat(48)}"}`;
  const CHUNK = 50_000;
  for (let base = 0; base < count; base += CHUNK) {
    const n = Math.min(CHUNK, count - base);
    const kinds = new Uint8Array(n);
    const times = new Float64Array(n);
    const sizes = new Float64Array(n);
    const data: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const seq = base + i;
      kinds[i] = seq % 2 === 0 ? Kind.OutText : Kind.InText;
      // Over an hour, with 100,000 of them in one burst of ten seconds at half time.
      const burst = seq >= count / 2 && seq < count / 2 + 100_000;
      times[i] = burst ? start + 1_800_000 + (seq - count / 2) * 0.1 : start + seq * 3.6;
      sizes[i] = 64;
      data[i] = text;
    }
    log.appendColumns(n, kinds, times, sizes, data);
  }
  useStore.setState((s) => ({ runtime: { ...s.runtime, [id]: { readyState: 'CLOSED', bufferedAmount: 0, counters: { ...log.counters }, start: log.start, version: 1 } } }));
  return log;
}

function watchLag(): () => number {
  let last = performance.now();
  let max = 0;
  let on = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const t = performance.now();
    max = Math.max(max, t - last);
    last = t;
    if (on) setTimeout(() => channel.port2.postMessage(null), 0);
  };
  channel.port2.postMessage(null);
  return () => {
    on = false;
    channel.port1.close();
    return max;
  };
}

async function main(): Promise<void> {
  await waitUntilReady(p.run);
  // Let the app load what it prefetches at idle and settle, as it has when a person presses Connect.
  await settleLikeAUser(prefetchPanels());
  const count = p.count || 1_000_000;
  const log = fill(count);

  // Series from scratch, then the plot reduction.
  let t = performance.now();
  const series = new TrafficSeries(log);
  series.step(Number.MAX_SAFE_INTEGER);
  const seriesMs = performance.now() - t;
  t = performance.now();
  const plot = ratePlot(series, 1200);
  const reduceMs = performance.now() - t;

  // A uPlot chart like the traffic view's, in a box of the app's size.
  const look = readLook();
  const box = document.createElement('div');
  box.style.width = '1200px';
  document.body.append(box);
  const opts: uPlot.Options = {
    width: 1200,
    height: 170,
    scales: { x: { time: true }, rate: {}, bytes: {} },
    axes: [timeAxis(look), axis(look, { scale: 'rate', label: 'msg/s' }), axis(look, { scale: 'bytes', side: 1, label: 'bytes/s' })],
    series: [
      {},
      { scale: 'rate', stroke: look.received, paths: stepped },
      { scale: 'rate', stroke: look.sent, paths: stepped },
      { scale: 'bytes', stroke: look.received, dash: [4, 3], paths: stepped },
      { scale: 'bytes', stroke: look.sent, dash: [4, 3], paths: stepped },
    ],
  };
  const data: uPlot.AlignedData = [plot.x, plot.inRate, plot.outRate, plot.inByteRate, plot.outByteRate];
  t = performance.now();
  const u = new uPlot(opts, data, box);
  await microtask();
  const firstDrawMs = performance.now() - t;
  const redraws: number[] = [];
  for (let i = 0; i < 10; i++) {
    await nextFrame();
    t = performance.now();
    const again = ratePlot(series, 1200);
    u.setData([again.x, again.inRate, again.outRate, again.inByteRate, again.outByteRate]);
    await microtask();
    redraws.push(performance.now() - t);
  }
  u.destroy();
  box.remove();

  // In the app: open Charts over the million events, until the traffic chart is drawn.
  await nextFrame();
  const stopLag = watchLag();
  const from = now();
  t = performance.now();
  setChartsOpen(true);
  let appOpenMs = Number.NaN;
  let error: string | null = null;
  const deadline = performance.now() + 60_000;
  for (;;) {
    const summary = document.querySelector('[data-testid="traffic-summary"]')?.textContent ?? '';
    const canvas = document.querySelector('[aria-label="Charts"] canvas');
    if (canvas && summary.startsWith('Received: peak') && summary.includes(`${(count / 2).toLocaleString('en-US')} messages`)) {
      appOpenMs = performance.now() - t;
      break;
    }
    if (performance.now() > deadline) {
      error = `charts not drawn after 60 s: "${summary}"`;
      break;
    }
    await nextFrame();
  }
  const maxLagMs = stopLag();
  await postResults(p.run, {
    page: 'charts',
    count,
    buckets: series.length,
    points: plot.x.length,
    seriesMs,
    reduceMs,
    firstDrawMs,
    redrawMs: median(redraws),
    redrawMaxMs: Math.max(...redraws),
    appOpenMs,
    maxLagMs,
    longTasks: longTasks.between(from, now()),
    error,
  });
}

void main().catch((e: unknown) => postResults(p.run, { page: 'charts', error: e instanceof Error ? e.message : String(e) }));
