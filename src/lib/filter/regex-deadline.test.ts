import { describe, expect, it } from 'vitest';
import { Watchdog, rangesOf, serveRegex, stoppedMessage } from './regex-deadline';
import type { RegexReply } from './regex-deadline';

describe('Watchdog', () => {
  it('counts silence from the send, or from the last word while busy', () => {
    const w = new Watchdog(1000);
    expect(w.remaining(0)).toBe(Infinity);
    expect(w.overdue(5000)).toBe(false);
    w.sent(100);
    expect(w.remaining(600)).toBe(500);
    expect(w.overdue(1099)).toBe(false);
    expect(w.overdue(1100)).toBe(true);
    w.heard(1050);
    expect(w.overdue(1100)).toBe(false);
    expect(w.remaining(1100)).toBe(950);
    // A second send while busy does not restart the count: the Worker is still on the first.
    w.sent(1500);
    expect(w.remaining(1500)).toBe(550);
    w.idle();
    expect(w.outstanding).toBe(false);
    expect(w.overdue(10_000)).toBe(false);
  });
});

describe('serveRegex', () => {
  it('tests texts and extras, and says `at` when time passed since it last spoke', () => {
    const replies: RegexReply[] = [];
    let t = 0;
    // Every clock read is 0.6 ms later: `at` about every second item.
    serveRegex({ type: 'test', id: 7, re: { source: '^a', flags: 'i' }, texts: ['Abc', 'b', 'c', 'a'], extras: [null, 'a summary', null, null], from: 0, exact: false }, (r) => replies.push(r), () => (t += 0.6), 1);
    const last = replies.at(-1);
    expect(last).toEqual({ type: 'test', id: 7, hits: new Uint8Array([1, 1, 0, 1]) });
    const ats = replies.filter((r) => r.type === 'at').map((r) => (r.type === 'at' ? r.index : -1));
    expect(ats).toEqual([1, 3]);
  });

  it('exact: `at` before every item from `from` on; ranges skip what is before `from`', () => {
    const replies: RegexReply[] = [];
    serveRegex({ type: 'ranges', id: 1, re: { source: 'o+', flags: 'g' }, texts: ['foo', 'boo moo', 'x'], max: 50, from: 1, exact: true }, (r) => replies.push(r), () => 0);
    expect(replies).toEqual([
      { type: 'at', id: 1, index: 1 },
      { type: 'at', id: 1, index: 2 },
      { type: 'ranges', id: 1, ranges: [[], [[1, 3], [5, 7]], []] },
    ]);
  });

  it('reports a regex the Worker cannot compile', () => {
    const replies: RegexReply[] = [];
    serveRegex({ type: 'test', id: 2, re: { source: '(', flags: '' }, texts: ['a'], extras: null, from: 0, exact: false }, (r) => replies.push(r));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.type).toBe('error');
  });
});

describe('rangesOf', () => {
  it('finds at most max matches and skips empty ones', () => {
    expect(rangesOf('a1b22c333', /\d+/, 2)).toEqual([
      [1, 2],
      [3, 5],
    ]);
    expect(rangesOf('abc', /x*/, 10)).toEqual([]);
  });
});

describe('stoppedMessage', () => {
  it('names the event, exactly or not, and the connection in a merged view', () => {
    expect(stoppedMessage({ seq: 1234, exact: true, deadlineMs: 1000 })).toBe(
      'Stopped: this regex took over 1 s on message #1,234 (catastrophic backtracking?). Edit the query to search again.',
    );
    expect(stoppedMessage({ seq: 5, exact: false, deadlineMs: 250, connection: 'feed' })).toBe(
      'Stopped: this regex took over 250 ms at or after message #5 of feed (catastrophic backtracking?). Edit the query to search again.',
    );
  });
});

describe('isLiteralQuery', () => {
  it('is true for a plain-text query only (those stay on the main thread)', async () => {
    const { compileQuery, isLiteralQuery } = await import('./query');
    const plain = compileQuery('(a+)+b', false, false);
    const regex = compileQuery('(a+)+b', true, false);
    expect(plain.ok && plain.re && isLiteralQuery(plain.re)).toBe(true);
    expect(regex.ok && regex.re && isLiteralQuery(regex.re)).toBe(false);
  });
});
