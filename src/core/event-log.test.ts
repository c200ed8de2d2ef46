import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../lib/ids';
import { EventLog } from './event-log';
import { Kind } from './events';

const id = asConnectionId('c1');

function fill(log: EventLog, n: number, size = 10): void {
  for (let i = 0; i < n; i++) log.append(Kind.InText, 1000 + i, size, `m${i}`);
}

describe('EventLog', () => {
  it('appends and reads back events as the union, by seq', () => {
    const log = new EventLog(id);
    log.append(Kind.Connecting, 1, 0, { url: 'ws://x/', protocols: ['a'] });
    log.append(Kind.Open, 2, 0, { protocol: 'a', extensions: '' });
    log.append(Kind.OutText, 3, 5, 'hello');
    log.append(Kind.InBinary, 4, 3, new Uint8Array([0, 255, 16]).buffer);
    log.append(Kind.Close, 5, 0, { code: 4000, reason: 'bye', wasClean: true });
    expect(log.size).toBe(5);
    expect(log.get(0)).toEqual({ seq: 0, time: 1, connectionId: id, type: 'connecting', url: 'ws://x/', protocols: ['a'] });
    expect(log.get(2)).toMatchObject({ type: 'message', direction: 'out', format: 'text', size: 5, text: 'hello' });
    const bin = log.get(3);
    expect(bin).toMatchObject({ type: 'message', direction: 'in', format: 'binary', size: 3 });
    expect(bin?.type === 'message' && bin.format === 'binary' && new Uint8Array(bin.data as ArrayBuffer)).toEqual(new Uint8Array([0, 255, 16]));
    expect(log.get(4)).toMatchObject({ type: 'close', code: 4000, reason: 'bye', wasClean: true });
    expect(log.get(5)).toBeUndefined();
    expect(log.get(-1)).toBeUndefined();
  });

  it('counts messages and bytes each way exactly', () => {
    const log = new EventLog(id);
    log.append(Kind.OutText, 1, 5, 'hello');
    log.append(Kind.InText, 2, 5, 'hello');
    log.append(Kind.InBinary, 3, 7, new ArrayBuffer(7));
    log.append(Kind.Error, 4, 0, null);
    expect(log.counters).toMatchObject({ inMessages: 2, inBytes: 12, outMessages: 1, outBytes: 5, total: 4, evictedEvents: 0 });
  });

  it('reads across chunk boundaries', () => {
    const log = new EventLog(id);
    fill(log, 10_000);
    for (const seq of [0, 4095, 4096, 8191, 8192, 9999]) {
      expect(log.get(seq)).toMatchObject({ seq, text: `m${seq}`, time: 1000 + seq });
    }
  });

  it('evicts the oldest events past the event limit, exactly, and keeps counting', () => {
    const log = new EventLog(id, { maxEvents: 1000, maxBytes: Number.MAX_SAFE_INTEGER });
    fill(log, 10_000, 4);
    expect(log.size).toBe(1000);
    expect(log.start).toBe(9000);
    expect(log.end).toBe(10_000);
    expect(log.get(8999)).toBeUndefined();
    expect(log.get(9000)).toMatchObject({ text: 'm9000' });
    expect(log.counters).toMatchObject({ inMessages: 10_000, inBytes: 40_000, evictedEvents: 9000, evictedBytes: 36_000 });
    expect(log.bytesRetained).toBe(4000);
    expect(log.counters.evictedEvents + log.size).toBe(log.counters.total);
  });

  it('evicts by payload bytes', () => {
    const log = new EventLog(id, { maxEvents: 1_000_000, maxBytes: 1000 });
    fill(log, 500, 10);
    expect(log.size).toBe(100);
    expect(log.bytesRetained).toBe(1000);
    expect(log.counters.evictedBytes).toBe(4000);
    expect(log.start).toBe(400);
  });

  it('keeps the newest event even when it alone is over the byte limit', () => {
    const log = new EventLog(id, { maxEvents: 10, maxBytes: 100 });
    fill(log, 3, 10);
    log.append(Kind.InBinary, 9, 5000, new ArrayBuffer(0));
    expect(log.size).toBe(1);
    expect(log.get(3)).toMatchObject({ size: 5000 });
  });

  it('applies lowered limits at once', () => {
    const log = new EventLog(id);
    fill(log, 5000);
    log.setLimits({ maxEvents: 10, maxBytes: Number.MAX_SAFE_INTEGER });
    expect(log.size).toBe(10);
    expect(log.get(4990)).toMatchObject({ text: 'm4990' });
  });

  it('appends columns from a batch', () => {
    const log = new EventLog(id);
    log.appendColumns(3, new Uint8Array([Kind.Open, Kind.InText, Kind.InText]), new Float64Array([1, 2, 3]), new Float64Array([0, 1, 2]), [
      { protocol: '', extensions: '' },
      'a',
      'bb',
    ]);
    expect(log.counters).toMatchObject({ total: 3, inMessages: 2, inBytes: 3 });
    expect(log.get(2)).toMatchObject({ text: 'bb' });
  });

  it('knows the time of the open that precedes an event', () => {
    const log = new EventLog(id);
    log.append(Kind.Connecting, 1, 0, { url: 'ws://x/', protocols: [] });
    expect(log.openTimeBefore(0)).toBeUndefined();
    log.append(Kind.Open, 10, 0, { protocol: '', extensions: '' });
    log.append(Kind.InText, 15, 1, 'a');
    log.append(Kind.Close, 20, 0, { code: 1000, reason: '', wasClean: true });
    log.append(Kind.Open, 30, 0, { protocol: '', extensions: '' });
    log.append(Kind.InText, 35, 1, 'b');
    expect(log.openTimeBefore(2)).toBe(10);
    expect(log.openTimeBefore(5)).toBe(30);
  });

  it('restores an exported log: same seqs and the exact counters, evicted included', () => {
    const source = new EventLog(id, { maxEvents: 5, maxBytes: 1e9 });
    source.append(Kind.Open, 1, 0, { protocol: '', extensions: '' });
    for (let i = 0; i < 9; i++) source.append(i % 2 ? Kind.OutText : Kind.InText, 2 + i, 3, `m${i}`);
    expect(source.start).toBe(5);
    const copy = new EventLog(asConnectionId('c2'));
    copy.beginAt(source.start);
    for (let seq = source.start; seq < source.end; seq++) {
      const e = source.get(seq);
      if (e?.type !== 'message' || e.format !== 'text') throw new Error('expected text');
      copy.append(e.direction === 'in' ? Kind.InText : Kind.OutText, e.time, e.size, e.text);
    }
    copy.restoreCounters(source.counters);
    expect(copy.counters).toEqual(source.counters);
    expect(copy.start).toBe(source.start);
    expect(copy.end).toBe(source.end);
    expect(copy.get(7)).toMatchObject({ seq: 7, text: 'm6' });
    expect(copy.get(4)).toBeUndefined();
  });

  it('adds evictions made while importing to the restored counts', () => {
    const copy = new EventLog(id, { maxEvents: 2, maxBytes: 1e9 });
    copy.beginAt(10);
    for (let i = 0; i < 4; i++) copy.append(Kind.InText, i, 1, 'x');
    copy.restoreCounters({ inMessages: 4, inBytes: 4, outMessages: 0, outBytes: 0, total: 14, evictedEvents: 10, evictedBytes: 10 });
    expect(copy.counters).toMatchObject({ total: 14, evictedEvents: 12, evictedBytes: 12, inMessages: 4 });
    expect(copy.start).toBe(12);
  });

  it('refuses a total that does not match, and beginAt on a used log', () => {
    const log = new EventLog(id);
    log.append(Kind.InText, 1, 1, 'x');
    expect(() => log.beginAt(3)).toThrow(/empty/);
    expect(() => log.restoreCounters({ inMessages: 1, inBytes: 1, outMessages: 0, outBytes: 0, total: 2, evictedEvents: 0, evictedBytes: 0 })).toThrow(/total/);
    expect(() => new EventLog(id).beginAt(-1)).toThrow(/bad seq/);
  });

  it('holds eviction while an export reads, then applies the limits', () => {
    const log = new EventLog(id, { maxEvents: 3, maxBytes: 1e9 });
    fill(log, 3);
    const release = log.hold();
    fill(log, 4);
    expect(log.start).toBe(0);
    expect(log.get(0)).toMatchObject({ text: 'm0' });
    release();
    release(); // twice is harmless
    expect(log.start).toBe(4);
    expect(log.counters.evictedEvents).toBe(4);
  });
});
