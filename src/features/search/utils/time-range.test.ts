import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { EMPTY_FILTER } from '../../../store/inspect-slice';
import { compileFilter } from '../../../lib/filter/matcher';
import { isFilterActive } from '../../../lib/filter/query';
import { ViewIndex } from './view-index';
import { timeRangePredicate, withTimeRange, withoutTimeRange } from './time-range';

function log(): EventLog {
  const l = new EventLog(asConnectionId('t'));
  for (let i = 0; i < 100; i++) l.append(i % 2 ? Kind.InText : Kind.OutText, 1000 + i * 10 + 0.5, 4, `m${i}`);
  return l;
}

describe('time range filter', () => {
  it('keeps exactly the events whose time is in [from, to]', () => {
    const l = log();
    const p = timeRangePredicate({ from: 1100.5, to: 1200.5 });
    const kept = [];
    for (let seq = l.start; seq < l.end; seq++) if (p(l, seq)) kept.push(seq);
    expect(kept).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('narrows the rest of the filter, and the index built on it', () => {
    const l = log();
    const received = { ...EMPTY_FILTER, directions: { in: true, out: false } };
    const compiled = withTimeRange(compileFilter(received), { from: 1000, to: 1100 });
    expect(compiled.ok).toBe(true);
    const index = new ViewIndex([l], compiled.ok ? compiled.predicate : null);
    index.step(1000);
    const seqs = Array.from({ length: index.count }, (_, i) => index.seqAt(i));
    expect(seqs).toEqual([1, 3, 5, 7, 9]);
    // Alone, it is the whole predicate.
    const alone = withTimeRange(compileFilter(EMPTY_FILTER), { from: 0, to: 1000.5 });
    expect(alone.ok && alone.predicate !== null && alone.predicate(l, 0)).toBe(true);
    expect(alone.ok && alone.predicate !== null && alone.predicate(l, 1)).toBe(false);
    // An error stays the error.
    const bad = withTimeRange({ ok: false, error: 'x' }, { from: 0, to: 1 });
    expect(bad).toEqual({ ok: false, error: 'x' });
  });

  it('counts as an active filter, and comes off for the other parts', () => {
    const f = { ...EMPTY_FILTER, timeRange: { from: 1, to: 2 } };
    expect(isFilterActive(f)).toBe(true);
    expect(isFilterActive(withoutTimeRange(f))).toBe(false);
    expect(withoutTimeRange(EMPTY_FILTER)).toBe(EMPTY_FILTER);
  });
});
