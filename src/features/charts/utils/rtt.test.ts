import { describe, expect, it } from 'vitest';
import { histogram, niceStep, rttCsv, rttSummary } from './rtt';
import { rttPoints } from '../components/rtt-charts';
import { nearestEvent } from './nearest';
import { asConnectionId } from '../../../lib/ids';
import { EventLog } from '../../../services/sockets/event-log';
import { Kind } from '../../../services/sockets/events';
import { binLabel, duration, msgRate } from './format';

const samples = (rtts: number[]) => rtts.map((rtt, i) => ({ time: 1000 + i, rtt, reply: i }));

describe('rttSummary', () => {
  it('gives min, median, p95, p99 (nearest rank) and max', () => {
    const s = rttSummary(samples(Array.from({ length: 100 }, (_, i) => 100 - i)));
    expect(s).toEqual({ count: 100, min: 1, median: 50.5, p95: 95, p99: 99, max: 100 });
    expect(rttSummary(samples([7]))).toEqual({ count: 1, min: 7, median: 7, p95: 7, p99: 7, max: 7 });
    expect(rttSummary([])).toBeNull();
  });
});

describe('histogram', () => {
  it('puts every value in exactly one bin of a nice width', () => {
    const values = [0.4, 1.2, 1.9, 2.5, 9.99, 10, 3.3];
    const h = histogram(values, 5);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    expect(h.edges.length).toBe(h.counts.length + 1);
    const step = (h.edges[1] ?? 0) - (h.edges[0] ?? 0);
    expect([1, 2, 5, 10, 20]).toContain(step);
    for (const v of values) expect(v).toBeGreaterThanOrEqual(h.edges[0] ?? Infinity);
    expect(h.edges.at(-1)).toBeGreaterThanOrEqual(10);
  });

  it('handles one value, or all equal', () => {
    expect(histogram([5, 5, 5]).counts).toEqual([3]);
    expect(histogram([]).counts).toEqual([]);
  });

  it('niceStep picks 1, 2 or 5 × 10^k', () => {
    expect(niceStep(100, 10)).toBe(10);
    expect(niceStep(100, 24)).toBe(5);
    expect(niceStep(3, 24)).toBe(0.2);
    expect(niceStep(0, 10)).toBe(1);
  });
});

describe('rttPoints', () => {
  it('keeps every sample while they fit, else the lowest and highest of each pixel column', () => {
    const few = samples([3, 1, 2]);
    expect(rttPoints(few, 10).y).toEqual([3, 1, 2]);
    const many = Array.from({ length: 1000 }, (_, i) => ({ time: i, rtt: i === 500 ? 999 : i % 10, reply: i }));
    const p = rttPoints(many, 10);
    expect(p.x.length).toBeLessThanOrEqual(20);
    expect(Math.max(...p.y)).toBe(999);
    expect(Math.min(...p.y)).toBe(0);
    expect([...p.x].sort((a, b) => a - b)).toEqual(p.x);
  });
});

describe('rttCsv', () => {
  it('writes one line per pair', () => {
    expect(rttCsv([{ time: 0, rtt: 1.5, reply: 7 }])).toBe('time,epoch_ms,reply_seq,rtt_ms\n1970-01-01T00:00:00.000Z,0,7,1.5\n');
  });
});

describe('nearestEvent', () => {
  it('finds the event nearest a time across logs, earlier on a tie', () => {
    const a = new EventLog(asConnectionId('a'));
    const b = new EventLog(asConnectionId('b'));
    [0, 100, 200, 300].forEach((t) => a.append(Kind.InText, t, 1, 'x'));
    [149, 400].forEach((t) => b.append(Kind.InText, t, 1, 'x'));
    expect(nearestEvent([a], 149)).toMatchObject({ seq: 1, time: 100 });
    expect(nearestEvent([a], 150)).toMatchObject({ seq: 1, time: 100 });
    expect(nearestEvent([a], 151)).toMatchObject({ seq: 2, time: 200 });
    expect(nearestEvent([a, b], 150)).toMatchObject({ seq: 0, time: 149 });
    expect(nearestEvent([a], -50)).toMatchObject({ seq: 0 });
    expect(nearestEvent([a], 1e9)).toMatchObject({ seq: 3 });
    expect(nearestEvent([new EventLog(asConnectionId('e'))], 5)).toBeNull();
  });
});

describe('format', () => {
  it('labels size bins and rates', () => {
    expect(binLabel(0)).toBe('0 B');
    expect(binLabel(1)).toBe('1 B');
    expect(binLabel(7)).toBe('64–127 B');
    expect(binLabel(11)).toBe('1–2 KiB');
    expect(binLabel(21)).toBe('1–2 MiB');
    expect(msgRate(24310)).toBe('24,310 msg/s');
    expect(msgRate(2.5)).toBe('2.5 msg/s');
    expect(duration(3002)).toBe('3.00 s');
    expect(duration(850)).toBe('850 ms');
  });
});
