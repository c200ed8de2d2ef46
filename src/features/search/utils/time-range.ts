import type { TimeRange, TimelineFilter } from '../../../store/types';
import type { CompiledFilter, Predicate } from '../../../lib/filter/matcher';

/**
 * The time range of the filter (brushed on a chart): keeps events whose time
 * is in [from, to], both ends included, read from the log's time column.
 */
export function timeRangePredicate(range: TimeRange): Predicate {
  const { from, to } = range;
  return (log, seq) => {
    const t = log.timeAt(seq);
    return t !== undefined && t >= from && t <= to;
  };
}

/** `compiled` narrowed to the time range, if there is one (an error stays the error). */
export function withTimeRange(compiled: CompiledFilter, range: TimeRange | undefined): CompiledFilter {
  if (!range || !compiled.ok) return compiled;
  const inRange = timeRangePredicate(range);
  const rest = compiled.predicate;
  return { ok: true, predicate: rest ? (log, seq) => inRange(log, seq) && rest(log, seq) : inRange };
}

/** The filter without its time range (what the other parts of the filter compile from). */
export function withoutTimeRange(filter: TimelineFilter): TimelineFilter {
  if (!filter.timeRange) return filter;
  const { timeRange: _range, ...rest } = filter;
  return rest;
}
