import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { parsePath, readPath } from '../../../lib/json-path';
import { PairingIndex, extractorsFor } from './pairing-index';

function logOf(events: Array<[Kind, number, string]>): EventLog {
  const log = new EventLog(asConnectionId('p'));
  for (const [kind, time, text] of events) log.append(kind, time, text.length, text);
  return log;
}

describe('json path', () => {
  it('parses the forms people write', () => {
    expect(parsePath('id')).toEqual({ ok: true, segments: ['id'] });
    expect(parsePath('$.id')).toEqual({ ok: true, segments: ['id'] });
    expect(parsePath('result.items[2].ref')).toEqual({ ok: true, segments: ['result', 'items', 2, 'ref'] });
    expect(parsePath('$["odd key"].x')).toEqual({ ok: true, segments: ['odd key', 'x'] });
    expect(parsePath(' requestId ')).toEqual({ ok: true, segments: ['requestId'] });
  });
  it('says what is wrong', () => {
    expect(parsePath('')).toMatchObject({ ok: false });
    expect(parsePath('$')).toMatchObject({ ok: false });
    expect(parsePath('a..b')).toMatchObject({ ok: false, error: 'Expected a field name at position 2' });
    expect(parsePath('a[x]')).toMatchObject({ ok: false });
  });
  it('reads own properties only', () => {
    const v: unknown = JSON.parse('{"a":{"b":[10,20]},"__proto__":{"x":1}}');
    expect(readPath(v, ['a', 'b', 1])).toBe(20);
    expect(readPath(v, ['__proto__', 'x'])).toBe(1);
    expect(readPath({}, ['constructor'])).toBeUndefined();
    expect(readPath({}, ['toString'])).toBeUndefined();
    expect(readPath([1], ['length'])).toBeUndefined();
    expect(readPath(v, ['a', 'b', 5])).toBeUndefined();
  });
});

describe('extractors', () => {
  it('JSON-RPC 2.0: requests need a method and an id; replies an id', () => {
    const ex = extractorsFor({ mode: 'jsonrpc', path: '' });
    if (!ex.ok) throw new Error(ex.error);
    expect(ex.sent('{"jsonrpc":"2.0","id":7,"method":"add","params":[1,2]}')).toBe('n7');
    expect(ex.sent('{"jsonrpc":"2.0","method":"notify"}')).toBeNull();
    expect(ex.sent('{"jsonrpc":"1.0","id":7,"method":"x"}')).toBeNull();
    expect(ex.sent('{"jsonrpc":"2.0","id":7}')).toBeNull();
    expect(ex.received('{"jsonrpc":"2.0","id":7,"result":3}')).toBe('n7');
    expect(ex.received('{"jsonrpc":"2.0","id":"7","result":3}')).toBe('s7');
    expect(ex.received('{"jsonrpc":"2.0","id":null,"error":{}}')).toBeNull();
    expect(ex.received('not json "jsonrpc"')).toBeNull();
  });
  it('JSON-RPC 2.0 batches: each member\'s key; notifications and members in error have none', () => {
    const ex = extractorsFor({ mode: 'jsonrpc', path: '' });
    if (!ex.ok) throw new Error(ex.error);
    expect(ex.sent('[{"jsonrpc":"2.0","id":1,"method":"a"},{"jsonrpc":"2.0","method":"n"},{"jsonrpc":"2.0","id":"x","method":"b"},{"jsonrpc":"1.0","id":3,"method":"c"}]')).toEqual(['n1', 'sx']);
    expect(ex.received('[{"jsonrpc":"2.0","id":1,"result":1},{"jsonrpc":"2.0","id":"x","error":{"code":-32601,"message":"Method not found"}},{"jsonrpc":"2.0","id":null,"error":{}}]')).toEqual(['n1', 'sx']);
    expect(ex.sent('[{"jsonrpc":"2.0","method":"n"},{"jsonrpc":"2.0","method":"m"}]')).toEqual([]);
    expect(ex.sent('[]')).toBeNull();
  });
  it('a path rule reads the path in any JSON object', () => {
    const ex = extractorsFor({ mode: 'path', path: 'meta.requestId' });
    if (!ex.ok) throw new Error(ex.error);
    expect(ex.sent('{"meta":{"requestId":"r1"}}')).toBe('sr1');
    expect(ex.received('{"meta":{"requestId":"r1"},"ok":true}')).toBe('sr1');
    expect(ex.received('{"meta":{}}')).toBeNull();
    expect(ex.received('[1,2]')).toBeNull();
    expect(extractorsFor({ mode: 'path', path: 'a..b' })).toMatchObject({ ok: false });
  });
});

describe('PairingIndex', () => {
  it('pairs JSON-RPC requests with replies and measures round trips', () => {
    const log = logOf([
      [Kind.OutText, 100, '{"jsonrpc":"2.0","id":1,"method":"a"}'],
      [Kind.OutText, 110, '{"jsonrpc":"2.0","id":2,"method":"b"}'],
      [Kind.InText, 125, '{"jsonrpc":"2.0","id":2,"result":"B"}'],
      [Kind.InText, 140, '{"jsonrpc":"2.0","method":"event"}'],
      [Kind.InText, 150, '{"jsonrpc":"2.0","id":1,"result":"A"}'],
      [Kind.InText, 160, '{"jsonrpc":"2.0","id":1,"result":"again"}'],
    ]);
    const index = new PairingIndex(log, { mode: 'jsonrpc', path: 'id' });
    expect(index.step(1000)).toBe(true);
    expect(index.linkOf(0)).toEqual({ request: 0, reply: 4, rtt: 50 });
    expect(index.linkOf(4)).toEqual({ request: 0, reply: 4, rtt: 50 });
    expect(index.linkOf(2)).toEqual({ request: 1, reply: 2, rtt: 15 });
    expect(index.linkOf(5)).toBeUndefined();
    expect(index.stats()).toEqual({ count: 2, min: 15, median: 32.5, p95: 50, sample: 2 });
    // The pairs in reply order, once each (the charts' RTT samples).
    expect(index.pairs()).toEqual([
      { request: 1, reply: 2, rtt: 15 },
      { request: 0, reply: 4, rtt: 50 },
    ]);
  });

  it('pairs each member of a JSON-RPC batch, in a batch reply or alone; a batch row keeps its first pair', () => {
    const log = logOf([
      [Kind.OutText, 100, '[{"jsonrpc":"2.0","id":1,"method":"a"},{"jsonrpc":"2.0","method":"n"},{"jsonrpc":"2.0","id":2,"method":"b"},{"jsonrpc":"2.0","id":3,"method":"c"}]'],
      [Kind.InText, 120, '[{"jsonrpc":"2.0","id":2,"result":"B"},{"jsonrpc":"2.0","id":1,"result":"A"}]'],
      [Kind.InText, 150, '{"jsonrpc":"2.0","id":3,"result":"C"}'],
    ]);
    const index = new PairingIndex(log, { mode: 'auto', path: '' });
    expect(index.step(1000)).toBe(true);
    expect(index.linkOf(0)).toEqual({ request: 0, reply: 1, rtt: 20 });
    expect(index.linkOf(1)).toEqual({ request: 0, reply: 1, rtt: 20 });
    expect(index.linkOf(2)).toEqual({ request: 0, reply: 2, rtt: 50 });
    expect(index.stats()).toMatchObject({ count: 3, min: 20 });
    expect(index.pairs()).toEqual([
      { request: 0, reply: 1, rtt: 20 },
      { request: 0, reply: 1, rtt: 20 },
      { request: 0, reply: 2, rtt: 50 },
    ]);
  });

  it('works incrementally and in slices', () => {
    const log = new EventLog(asConnectionId('s'));
    const index = new PairingIndex(log, { mode: 'path', path: 'requestId' });
    for (let i = 0; i < 100; i++) {
      log.append(Kind.OutText, i * 10, 10, `{"requestId":${i}}`);
      log.append(Kind.InText, i * 10 + 1 + (i % 5), 10, `{"requestId":${i},"ok":1}`);
    }
    let slices = 0;
    while (!index.step(7)) slices++;
    expect(slices).toBeGreaterThan(20);
    const s = index.stats();
    expect(s).toMatchObject({ count: 100, min: 1, median: 3, p95: 5 });
    log.append(Kind.OutText, 5000, 10, '{"requestId":"late"}');
    log.append(Kind.InText, 5002.5, 10, '{"requestId":"late"}');
    expect(index.pending()).toBe(2);
    index.step(100);
    expect(index.linkOf(201)?.rtt).toBe(2.5);
  });

  it('pairs the newest request when a key repeats, and ignores non-JSON and binary', () => {
    const log = logOf([
      [Kind.OutText, 0, '{"id":"x"}'],
      [Kind.OutText, 10, '{"id":"x"}'],
      [Kind.InText, 12, 'plain text'],
      [Kind.InText, 15, '{"id":"x"}'],
    ]);
    log.append(Kind.InBinary, 20, 3, new ArrayBuffer(3));
    const index = new PairingIndex(log, { mode: 'path', path: 'id' });
    index.step(100);
    expect(index.linkOf(3)).toEqual({ request: 1, reply: 3, rtt: 5 });
    expect(index.linkOf(0)).toBeUndefined();
  });

  it('off does nothing; a bad path is reported', () => {
    const log = logOf([[Kind.OutText, 0, '{"id":1}']]);
    expect(new PairingIndex(log, { mode: 'off', path: 'id' }).active).toBe(false);
    const bad = new PairingIndex(log, { mode: 'path', path: '[' });
    expect(bad.active).toBe(false);
    expect(bad.error).toMatch(/Expected/);
  });

  it('__proto__ in a message is data, and the prototype stays clean', () => {
    const log = logOf([
      [Kind.OutText, 0, '{"__proto__":{"id":5},"id":5}'],
      [Kind.InText, 3, '{"__proto__":{"polluted":1},"id":5}'],
    ]);
    const index = new PairingIndex(log, { mode: 'path', path: '__proto__.id' });
    index.step(10);
    expect(index.linkOf(0)).toBeUndefined();
    const byId = new PairingIndex(log, { mode: 'path', path: 'id' });
    byId.step(10);
    expect(byId.linkOf(1)?.rtt).toBe(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('forgets pairs whose events were evicted', () => {
    const log = new EventLog(asConnectionId('e'), { maxEvents: 4, maxBytes: 1e9 });
    const index = new PairingIndex(log, { mode: 'path', path: 'id' });
    log.append(Kind.OutText, 0, 8, '{"id":1}');
    log.append(Kind.InText, 1, 8, '{"id":1}');
    index.step(10);
    expect(index.linkOf(1)).toBeDefined();
    for (let i = 0; i < 4; i++) log.append(Kind.InText, 10 + i, 1, 'x');
    index.step(10);
    expect(index.linkOf(0)).toBeUndefined();
    expect(index.linkOf(1)).toBeUndefined();
    expect(index.pairs()).toEqual([]);
    expect(index.stats()?.count).toBe(1);
  });
});
