import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { EventLog } from '../../../services/sockets/event-log';
import { Kind } from '../../../services/sockets/events';
import { binLow, MAX_BUCKETS, MAX_GAPS, sizeBin, TrafficSeries } from './traffic-series';
import { combine, peakOf, ratePlot, sumOf, tableRows, trafficCsv } from './plot-data';

const T0 = 1_700_000_000_000; // a whole second

function log(limits = { maxEvents: 10_000_000, maxBytes: 1e12 }) {
  return new EventLog(asConnectionId('c'), limits);
}

describe('sizeBin', () => {
  it('puts 0 B alone and each power of two at the start of its bin', () => {
    expect(sizeBin(0)).toBe(0);
    expect(sizeBin(1)).toBe(1);
    expect(sizeBin(2)).toBe(2);
    expect(sizeBin(3)).toBe(2);
    expect(sizeBin(4)).toBe(3);
    expect(sizeBin(1023)).toBe(10);
    expect(sizeBin(1024)).toBe(11);
    for (let b = 1; b < 30; b++) expect(sizeBin(binLow(b))).toBe(b);
  });
});

describe('TrafficSeries', () => {
  it('counts messages and bytes per second each way, exactly as the counters do', () => {
    const l = log();
    l.append(Kind.Connecting, T0, 0, { url: 'ws://x/', protocols: [] });
    l.append(Kind.Open, T0 + 5, 0, { protocol: '', extensions: '' });
    for (let i = 0; i < 20; i++) l.append(Kind.InText, T0 + 10 + i * 50, 10, 'x'.repeat(10));
    for (let i = 0; i < 3; i++) l.append(Kind.OutText, T0 + 2100 + i, 100, 'y');
    const s = new TrafficSeries(l);
    expect(s.step(1_000_000)).toBe(true);
    expect(s.width).toBe(1000);
    expect(s.origin * 1000).toBe(T0);
    expect(Array.from(s.inMsgs.subarray(0, s.length))).toEqual([20, 0, 0]);
    expect(Array.from(s.outMsgs.subarray(0, s.length))).toEqual([0, 0, 3]);
    expect(sumOf(s.inBytes, s.length)).toBe(l.counters.inBytes);
    expect(sumOf(s.outBytes, s.length)).toBe(l.counters.outBytes);
    expect(s.sizesIn[sizeBin(10)]).toBe(20);
    expect(s.sizesOut[sizeBin(100)]).toBe(3);
    expect(s.marks.map((m) => m.kind)).toEqual(['open']);
  });

  it('reads only new events on each step, within the budget', () => {
    const l = log();
    for (let i = 0; i < 10; i++) l.append(Kind.InText, T0 + i, 1, 'a');
    const s = new TrafficSeries(l);
    expect(s.step(4)).toBe(false);
    expect(s.pending()).toBe(6);
    expect(s.step(100)).toBe(true);
    for (let i = 0; i < 5; i++) l.append(Kind.InText, T0 + 1000 + i, 1, 'a');
    expect(s.pending()).toBe(5);
    s.step(100);
    expect(Array.from(s.inMsgs.subarray(0, s.length))).toEqual([10, 5]);
  });

  it('marks open, close, error and reconnect (a connecting after the first)', () => {
    const l = log();
    l.append(Kind.Connecting, T0, 0, { url: 'ws://x/', protocols: [] });
    l.append(Kind.Open, T0 + 1, 0, { protocol: '', extensions: '' });
    l.append(Kind.Error, T0 + 2, 0, null);
    l.append(Kind.Close, T0 + 3, 0, { code: 1006, reason: '', wasClean: false });
    l.append(Kind.Connecting, T0 + 500, 0, { url: 'ws://x/', protocols: [] });
    l.append(Kind.Open, T0 + 501, 0, { protocol: '', extensions: '' });
    l.append(Kind.Note, T0 + 502, 0, { level: 'info', text: 'hi' });
    const s = new TrafficSeries(l);
    s.step(100);
    expect(s.marks.map((m) => [m.kind, m.seq])).toEqual([
      ['open', 1],
      ['error', 2],
      ['close', 3],
      ['reconnect', 4],
      ['open', 5],
    ]);
  });

  it('keeps the longest silences between received messages, longest first, not across a close', () => {
    const l = log();
    const times = [0, 100, 3100, 3200, 3250, 9000];
    times.forEach((t) => l.append(Kind.InText, T0 + t, 1, 'a'));
    l.append(Kind.Close, T0 + 9001, 0, { code: 1000, reason: '', wasClean: true });
    l.append(Kind.InText, T0 + 60_000, 1, 'a');
    const s = new TrafficSeries(l);
    s.step(100);
    expect(s.gaps.map((g) => g.ms)).toEqual([5750, 3000, 100, 100, 50]);
    expect(s.gaps[1]).toMatchObject({ fromSeq: 1, toSeq: 2, from: T0 + 100, to: T0 + 3100 });
    // Sent messages are no arrival: they do not break a silence.
    const m = log();
    m.append(Kind.InText, T0, 1, 'a');
    m.append(Kind.OutText, T0 + 10, 1, 'b');
    m.append(Kind.InText, T0 + 20, 1, 'a');
    const t = new TrafficSeries(m);
    t.step(10);
    expect(t.gaps.map((g) => g.ms)).toEqual([20]);
  });

  it('keeps at most MAX_GAPS silences', () => {
    const l = log();
    for (let i = 0; i < 100; i++) l.append(Kind.InText, T0 + i * i, 1, 'a');
    const s = new TrafficSeries(l);
    s.step(1000);
    expect(s.gaps.length).toBe(MAX_GAPS);
    expect(s.gaps[0]?.ms).toBe(99 * 99 - 98 * 98);
    expect(s.gaps.map((g) => g.ms)).toEqual([...s.gaps.map((g) => g.ms)].sort((a, b) => b - a));
  });

  it('doubles the bucket width when a session outgrows MAX_BUCKETS, keeping every count', () => {
    const l = log();
    l.append(Kind.InText, T0, 1, 'a');
    l.append(Kind.InText, T0 + 1000, 1, 'a');
    l.append(Kind.InText, T0 + MAX_BUCKETS * 1000 + 500, 2, 'a');
    const s = new TrafficSeries(l);
    s.step(10);
    expect(s.width).toBe(2000);
    expect(s.length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(sumOf(s.inMsgs, s.length)).toBe(3);
    expect(sumOf(s.inBytes, s.length)).toBe(4);
    // The last event sits in the bucket its time falls in.
    expect(s.inMsgs[Math.floor((T0 + MAX_BUCKETS * 1000 + 500) / 2000) - s.origin]).toBe(1);
  });

  it('starts at the oldest retained event when older ones were evicted before it read them', () => {
    const l = log({ maxEvents: 10, maxBytes: 1e9 });
    for (let i = 0; i < 30; i++) l.append(Kind.InText, T0 + i * 1000, 1, 'a');
    const s = new TrafficSeries(l);
    s.step(100);
    expect(sumOf(s.inMsgs, s.length)).toBe(10);
    expect(s.origin * 1000).toBe(T0 + 20_000);
  });
});

describe('plot data', () => {
  function series(times: number[], kind: typeof Kind.InText | typeof Kind.OutText = Kind.InText) {
    const l = log();
    times.forEach((t) => l.append(kind, T0 + t, 8, 'a'));
    const s = new TrafficSeries(l);
    s.step(1e6);
    return s;
  }

  it('ratePlot gives one point per bucket while they fit, else the highest of each group', () => {
    const s = series([0, 1, 2, 1000, 5000, 5001, 5002, 5003, 9000]);
    const fit = ratePlot(s, 100);
    expect(fit.inRate).toEqual([3, 1, 0, 0, 0, 4, 0, 0, 0, 1, 0]);
    expect(fit.x[0]).toBe(T0 / 1000);
    expect(fit.x.at(-1)).toBe(T0 / 1000 + 10);
    const squeezed = ratePlot(s, 3);
    expect(squeezed.pointMs).toBe(4000);
    expect(squeezed.inRate).toEqual([3, 4, 1, 0]);
  });

  it('peakOf finds the highest second and its start', () => {
    const s = series([0, 1000, 1001, 1002, 3000]);
    expect(peakOf(s, 'inMsgs')).toEqual({ rate: 3, time: T0 + 1000 });
    expect(peakOf(s, 'outMsgs')).toBeNull();
  });

  it('combine sums series on one time base (the merged view)', () => {
    const a = series([0, 10, 2000]);
    const b = series([1500, 3500], Kind.OutText);
    const c = combine([a, b]);
    expect(c.origin * c.width).toBe(T0);
    expect(Array.from(c.inMsgs.subarray(0, c.length))).toEqual([2, 0, 1, 0]);
    expect(Array.from(c.outMsgs.subarray(0, c.length))).toEqual([0, 1, 0, 1]);
    expect(combine([a])).toBe(a);
  });

  it('tableRows groups buckets with exact sums; the CSV holds every bucket', () => {
    const s = series([0, 1000, 1500, 2000, 3000, 4000]);
    expect(tableRows(s, 10).map((r) => r.inMsgs)).toEqual([1, 2, 1, 1, 1]);
    const grouped = tableRows(s, 2);
    expect(grouped.map((r) => [r.inMsgs, r.ms])).toEqual([
      [4, 3000],
      [2, 2000],
    ]);
    const csv = trafficCsv(s).trim().split('\n');
    expect(csv.length).toBe(1 + 5);
    expect(csv[2]).toBe(`${new Date(T0 + 1000).toISOString()},${T0 + 1000},1000,2,0,16,0,2,0,16,0`);
  });
});
