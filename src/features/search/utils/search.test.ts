import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { EMPTY_FILTER } from '../../../store/inspect-slice';
import type { TimelineFilter } from '../../../store/types';
import { compileFilter } from '../../../lib/filter/matcher';
import type { Predicate } from '../../../lib/filter/matcher';
import { compileQuery, isFilterActive, matchRanges } from '../../../lib/filter/query';
import { ViewIndex } from './view-index';

function filter(patch: Partial<TimelineFilter>): TimelineFilter {
  return { ...EMPTY_FILTER, ...patch };
}

/** A small session: connecting, open, a mix of messages, a note, an error and a close. */
function session(name = 'c1', t0 = 1000): EventLog {
  const log = new EventLog(asConnectionId(name));
  log.append(Kind.Connecting, t0, 0, { url: 'ws://h/echo', protocols: [] });
  log.append(Kind.Open, t0 + 1, 0, { protocol: '', extensions: '' });
  log.append(Kind.OutText, t0 + 2, 11, 'Hello World');
  log.append(Kind.InText, t0 + 3, 11, 'hello world');
  log.append(Kind.OutText, t0 + 4, 22, '{"id":1,"method":"ping"}');
  log.append(Kind.InText, t0 + 5, 14, '{"id":1,"result":0}');
  log.append(Kind.InBinary, t0 + 6, 4, new Uint8Array([0xde, 0xad, 0xbe, 0xef]).buffer);
  log.append(Kind.Note, t0 + 7, 0, { level: 'warn', text: 'not sent: connection is CONNECTING' });
  log.append(Kind.Error, t0 + 8, 0, null);
  log.append(Kind.Close, t0 + 9, 0, { code: 4000, reason: 'bye', wasClean: true });
  return log;
}

function run(log: EventLog, f: TimelineFilter): number[] {
  const c = compileFilter(f);
  if (!c.ok) throw new Error(c.error);
  const index = new ViewIndex([log], c.predicate);
  while (!index.step(3));
  return Array.from({ length: index.count }, (_, i) => index.seqAt(i));
}

describe('query', () => {
  it('escapes free text and is case-insensitive unless asked', () => {
    const q = compileQuery('a.b (c)', false, false);
    expect(q.ok && q.re?.test('A.B (C)')).toBe(true);
    expect(q.ok && q.re?.test('axb (c)')).toBe(false);
    const cs = compileQuery('Hello', false, true);
    expect(cs.ok && cs.re?.test('hello')).toBe(false);
  });
  it('compiles a regex or says why not', () => {
    const q = compileQuery('^h.llo\\s', true, false);
    expect(q.ok && q.re?.test('Hello world')).toBe(true);
    const bad = compileQuery('(unclosed', true, false);
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toMatch(/Unterminated group/);
    expect(compileQuery('', true, false)).toEqual({ ok: true, re: null });
  });
  it('accepts escapes that only non-unicode regexes allow', () => {
    const q = compileQuery('a\\-b', true, false);
    expect(q.ok && q.re?.test('a-b')).toBe(true);
  });
  it('lists match ranges for highlighting, skipping empty matches', () => {
    const q = compileQuery('o', false, false);
    expect(q.ok && q.re && matchRanges('foo bOo', q.re)).toEqual([
      [1, 2],
      [2, 3],
      [5, 6],
      [6, 7],
    ]);
    const e = compileQuery('x*', true, false);
    expect(e.ok && e.re && matchRanges('axxb', e.re)).toEqual([[1, 3]]);
  });
  it('knows when a filter does nothing', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive(filter({ query: 'x' }))).toBe(true);
    expect(isFilterActive(filter({ kinds: { ...EMPTY_FILTER.kinds, note: false } }))).toBe(true);
  });
});

describe('filter', () => {
  it('keeps everything when nothing is set', () => {
    expect(compileFilter(EMPTY_FILTER)).toEqual({ ok: true, predicate: null });
  });
  it('matches text, case-insensitively by default', () => {
    expect(run(session(), filter({ query: 'hello' }))).toEqual([2, 3]);
    expect(run(session(), filter({ query: 'Hello', caseSensitive: true }))).toEqual([2]);
  });
  it('matches a regex over payloads, close reasons and notes', () => {
    expect(run(session(), filter({ query: '"id":\\d', regex: true }))).toEqual([4, 5]);
    expect(run(session(), filter({ query: '^4000 bye$', regex: true }))).toEqual([9]);
    expect(run(session(), filter({ query: 'CONNECTING', caseSensitive: true }))).toEqual([7]);
  });
  it('matches binary payloads by their hex', () => {
    expect(run(session(), filter({ query: 'ad be' }))).toEqual([6]);
  });
  it('filters by direction (messages only)', () => {
    expect(run(session(), filter({ directions: { in: false, out: true } }))).toEqual([0, 1, 2, 4, 7, 8, 9]);
    expect(run(session(), filter({ directions: { in: true, out: false }, kinds: { open: false, message: true, error: false, close: false, note: false } }))).toEqual([
      3, 5, 6,
    ]);
  });
  it('filters by kind', () => {
    const only = (k: keyof TimelineFilter['kinds']) => filter({ kinds: { open: false, message: false, error: false, close: false, note: false, [k]: true } });
    expect(run(session(), only('open'))).toEqual([0, 1]);
    expect(run(session(), only('error'))).toEqual([8]);
    expect(run(session(), only('close'))).toEqual([9]);
    expect(run(session(), only('note'))).toEqual([7]);
    expect(run(session(), only('message'))).toEqual([2, 3, 4, 5, 6]);
  });
  it('filters by payload type: text, JSON, binary', () => {
    const messages = { open: false, message: true, error: false, close: false, note: false };
    expect(run(session(), filter({ kinds: messages, payloads: { text: false, json: true, binary: false } }))).toEqual([4, 5]);
    expect(run(session(), filter({ kinds: messages, payloads: { text: true, json: false, binary: false } }))).toEqual([2, 3]);
    expect(run(session(), filter({ kinds: messages, payloads: { text: false, json: false, binary: true } }))).toEqual([6]);
  });
  it('combines the query with the other filters', () => {
    expect(run(session(), filter({ query: 'hello', directions: { in: true, out: false } }))).toEqual([3]);
  });
  it('an invalid regex is an error, not a crash', () => {
    expect(compileFilter(filter({ query: '[', regex: true }))).toMatchObject({ ok: false });
  });
  it('the JSON payload box keeps text that looks like a JSON object or array (lib/json-detect)', () => {
    expect(run(session(), filter({ payloads: { text: false, json: true, binary: false } }))).toEqual([0, 1, 4, 5, 7, 8, 9]);
  });
});

describe('ViewIndex', () => {
  it('picks up new events incrementally, scanning only the new range', () => {
    const log = session();
    const c = compileFilter(filter({ query: 'world' }));
    if (!c.ok) throw new Error('bad');
    let calls = 0;
    const counting: Predicate = (l, s) => {
      calls++;
      return c.predicate?.(l, s) ?? true;
    };
    const index = new ViewIndex([log], counting);
    expect(index.step(1000)).toBe(true);
    expect(index.count).toBe(2);
    expect(calls).toBe(10);
    log.append(Kind.InText, 2000, 5, 'world');
    log.append(Kind.InText, 2001, 5, 'other');
    expect(index.pending()).toBe(2);
    index.step(1000);
    expect(calls).toBe(12);
    expect(index.count).toBe(3);
    expect(index.seqAt(2)).toBe(10);
    expect(index.indexOf(0, 10)).toBe(2);
    expect(index.indexOf(0, 11)).toBe(-1);
  });

  it('scans in slices and reports progress', () => {
    const log = new EventLog(asConnectionId('big'));
    for (let i = 0; i < 10_000; i++) log.append(Kind.InText, i, 3, i % 100 === 0 ? 'hit' : 'no');
    const c = compileFilter(filter({ query: 'hit' }));
    if (!c.ok) throw new Error('bad');
    const index = new ViewIndex([log], c.predicate);
    let slices = 0;
    while (!index.step(1000)) {
      slices++;
      expect(index.progress()).toBeCloseTo(slices / 10);
    }
    expect(slices).toBe(9);
    expect(index.count).toBe(100);
  });

  it('stops at the paused end', () => {
    const log = session();
    const index = new ViewIndex([log], null);
    index.step(100, [5]);
    expect(index.count).toBe(5);
    index.step(100, [undefined]);
    expect(index.count).toBe(10);
  });

  it('drops evicted events from the front', () => {
    const log = new EventLog(asConnectionId('small'), { maxEvents: 5, maxBytes: 1e9 });
    const index = new ViewIndex([log], null);
    for (let i = 0; i < 4; i++) log.append(Kind.InText, i, 1, 'x');
    index.step(100);
    expect(index.count).toBe(4);
    for (let i = 4; i < 8; i++) log.append(Kind.InText, i, 1, 'x');
    index.step(100);
    expect(index.count).toBe(5);
    expect(index.seqAt(0)).toBe(3);
  });

  it('merges several logs by time, and late arrivals land in order', () => {
    const a = new EventLog(asConnectionId('a'));
    const b = new EventLog(asConnectionId('b'));
    a.append(Kind.InText, 10, 1, 'a0');
    a.append(Kind.InText, 30, 1, 'a1');
    b.append(Kind.InText, 20, 1, 'b0');
    const index = new ViewIndex([a, b], null);
    index.step(100);
    const rows = () => Array.from({ length: index.count }, (_, i) => `${index.logIndexAt(i) === 0 ? 'a' : 'b'}${index.seqAt(i)}`);
    expect(rows()).toEqual(['a0', 'b0', 'a1']);
    // b's next event is older than a's newest: it goes before it.
    b.append(Kind.InText, 25, 1, 'b1');
    a.append(Kind.InText, 40, 1, 'a2');
    index.step(100);
    expect(rows()).toEqual(['a0', 'b0', 'b1', 'a1', 'a2']);
    expect(index.indexOf(1, 1)).toBe(2);
    expect(index.indexOf(0, 2)).toBe(4);
  });

  it('merges in slices to the same result as in one go', () => {
    const mk = (name: string, offset: number) => {
      const log = new EventLog(asConnectionId(name));
      for (let i = 0; i < 500; i++) log.append(Kind.InText, i * 3 + offset, 1, `${name}${i}`);
      return log;
    };
    const logs = [mk('a', 0), mk('b', 1), mk('c', 2)];
    const whole = new ViewIndex(logs, null);
    whole.step(1e9);
    const sliced = new ViewIndex(logs, null);
    while (!sliced.step(37));
    expect(sliced.count).toBe(1500);
    const list = (ix: ViewIndex) => Array.from({ length: ix.count }, (_, i) => [ix.logIndexAt(i), ix.seqAt(i)]);
    expect(list(sliced)).toEqual(list(whole));
    expect(list(whole).slice(0, 4)).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
    ]);
  });

  it('compacts evicted entries of a merged view', () => {
    const a = new EventLog(asConnectionId('a'), { maxEvents: 2, maxBytes: 1e9 });
    const b = new EventLog(asConnectionId('b'));
    for (let i = 0; i < 3; i++) {
      a.append(Kind.InText, i * 2, 1, 'a');
      b.append(Kind.InText, i * 2 + 1, 1, 'b');
    }
    const index = new ViewIndex([a, b], null);
    index.step(100);
    expect(index.count).toBe(5);
    a.append(Kind.InText, 10, 1, 'a');
    index.step(100);
    expect(index.count).toBe(5);
    expect(Array.from({ length: index.count }, (_, i) => index.logIndexAt(i))).toEqual([1, 1, 0, 1, 0]);
  });
});
