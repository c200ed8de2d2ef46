import { describe, expect, it } from 'vitest';
import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { asConnectionId } from '../../../lib/ids';
import { PART_EVENTS, logParts, readWithProgress, timelineHead, transferablesOf } from './import-wire';

const id = asConnectionId('c1');

function sampleLog(n: number, limits = { maxEvents: 10_000_000, maxBytes: 1 << 30 }): EventLog {
  const log = new EventLog(id, limits);
  log.beginAt(7);
  log.append(Kind.Connecting, 1, 0, { url: 'ws://x', protocols: [] });
  log.append(Kind.Open, 2, 0, { protocol: '', extensions: '' });
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) log.append(Kind.InBinary, 3 + i, 2, new Uint8Array([i & 255, 1]).buffer);
    else log.append(i % 2 ? Kind.InText : Kind.OutText, 3 + i, 1, `m${i}`);
  }
  log.restoreCounters({ inMessages: log.counters.inMessages, inBytes: log.counters.inBytes, outMessages: log.counters.outMessages, outBytes: log.counters.outBytes, evictedEvents: 7, evictedBytes: 70 });
  return log;
}

/** What the page does with the parts (import-actions.ts importInWorker). */
function rebuild(source: EventLog): EventLog {
  const head = timelineHead({ originalId: 'x', config: { id, name: '', url: 'ws://x', protocols: '', binaryType: 'arraybuffer' }, log: source, events: 0 });
  const log = new EventLog(id, { maxEvents: 10_000_000, maxBytes: 1 << 30 });
  log.beginAt(head.start);
  for (const part of logParts(source, 0)) log.appendColumns(part.n, part.kinds, part.times, part.sizes, part.data);
  log.restoreCounters(head.counters);
  return log;
}

describe('moving an imported log from the Worker to the page in parts', () => {
  it('rebuilds the same events, seqs and counters across several parts', () => {
    const source = sampleLog(PART_EVENTS * 2 + 5);
    const parts = [...logParts(source, 0)];
    expect(parts).toHaveLength(3);
    expect(parts.reduce((n, p) => n + p.n, 0)).toBe(source.size);
    const copy = rebuild(source);
    expect(copy.start).toBe(source.start);
    expect(copy.end).toBe(source.end);
    expect(copy.counters).toEqual(source.counters);
    for (const seq of [7, 8, 9, 10, 11, source.end - 1, 7 + PART_EVENTS, 7 + PART_EVENTS + 1]) {
      const a = source.get(seq);
      const b = copy.get(seq);
      expect(b?.type).toBe(a?.type);
      expect(b?.time).toBe(a?.time);
      if (a?.type === 'message' && b?.type === 'message') {
        expect(b.size).toBe(a.size);
        if (a.format === 'text' && b.format === 'text') expect(b.text).toBe(a.text);
        if (a.format === 'binary' && b.format === 'binary') expect(new Uint8Array(b.data as ArrayBuffer)).toEqual(new Uint8Array(a.data as ArrayBuffer));
      }
    }
  });

  it('keeps the counters exact when the Worker’s log already evicted events (retention limits)', () => {
    const source = sampleLog(1000, { maxEvents: 100, maxBytes: 1 << 30 });
    expect(source.size).toBe(100);
    const copy = rebuild(source);
    expect(copy.size).toBe(100);
    expect(copy.start).toBe(source.start);
    expect(copy.counters).toEqual(source.counters);
  });

  it('an empty log gives no parts', () => {
    const log = new EventLog(id);
    expect([...logParts(log, 0)]).toHaveLength(0);
  });

  it('columns() copies and clamps to what is retained', () => {
    const log = sampleLog(10);
    const c = log.columns(0, 1000);
    expect(c.n).toBe(12);
    expect(c.kinds[0]).toBe(Kind.Connecting);
    expect(c.times[11]).toBe(12);
    expect(log.columns(12, 15).n).toBe(3);
    expect(log.columns(100, 50).n).toBe(0);
  });

  it('transfers binary payloads only', () => {
    const buf = new ArrayBuffer(3);
    expect(transferablesOf(['a', buf, { url: 'x' }, null])).toEqual([buf]);
  });

  it('reads a file in parts, telling the bytes so far, and decodes UTF-8 split across parts', async () => {
    const text = '{"a":"héllo ✓ 🧦"}'.repeat(5000);
    const seen: number[] = [];
    const out = await readWithProgress(new Blob([text]), (b) => seen.push(b));
    expect(out).toBe(text);
    expect(seen.at(-1)).toBe(new TextEncoder().encode(text).length);
    expect(seen.every((b, i) => i === 0 || b > (seen[i - 1] ?? 0))).toBe(true);
  });
});
