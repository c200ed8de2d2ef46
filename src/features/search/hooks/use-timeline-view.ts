import { useCallback, useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../core/event-log';
import { getLog, onConnectionRemoved, onFrame } from '../../../services/sockets/socket-service';
import { RegexScan } from '../../../services/search/regex-scan';
import { stoppedMessage } from '../../../lib/filter/regex-deadline';
import { useStore } from '../../../store/store';
import type { TimelineFilter } from '../../../store/types';
import { compileFilter } from '../../../lib/filter/matcher';
import type { DecodeLookup, Predicate } from '../../../lib/filter/matcher';
import { decodeIndexOf, useDecodeVersion } from '../../../store/decode';
import { decodedSearchText, parseFieldQuery } from '../../../lib/decode/field-query';
import { lensInfo } from '../../../lib/decode/registry';
import { compileQuery, isFilterActive } from '../../../lib/filter/query';
import { runSliced } from '../../../lib/slices';
import { IndexSource, LogSource } from '../utils/sources';
import { ViewIndex } from '../utils/view-index';
import { withTimeRange, withoutTimeRange } from '../utils/time-range';

const CACHE_SIZE = 4;
/** How often a long scan redraws its progress. */
const PROGRESS_MS = 150;
/** A backlog this big (after the first scan) shows as "Searching…". */
const SHOW_SCANNING = 20_000;

/**
 * A view index and what drives it. The index is stepped outside React render:
 * when a log changes (onFrame, before the frame's render), when results come
 * back from the regex Worker, and when a view starts showing it; a slice at
 * once, a backlog in further slices (lib/slices.ts). Render only reads it and
 * redraws on `tick` (useSyncExternalStore).
 */
interface Cached {
  key: string;
  logs: EventLog[];
  index: ViewIndex;
  /** the regex part of the filter, matched in the regex Worker (regex queries only) */
  scan: RegexScan | null;
  /** the scan limits of the view (Pause, decoded ends), set by the hook */
  limits: (number | undefined)[];
  listeners: Set<() => void>;
  /** views showing it (counted from their layout effect, before they subscribe) */
  mounted: number;
  tick: number;
  catching: boolean;
  /** the first scan is done (later backlogs are small unless big) */
  caughtUp: boolean;
  budget: { value: number };
  shown: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/** Recent indexes, so switching back to a connection or a query is instant. */
const cache: Cached[] = [];

function drop(c: Cached): void {
  c.scan?.pause();
  if (c.timer !== null) clearTimeout(c.timer);
  c.timer = null;
}

/** A removed connection's log leaves every cached view that reads it (a running scan stops: it is no longer cached). */
onConnectionRemoved((id) => {
  for (let i = cache.length - 1; i >= 0; i--) {
    const c = cache[i];
    if (c?.logs.some((l) => l.connectionId === id)) {
      cache.splice(i, 1);
      drop(c);
    }
  }
});

/** A log changed: the views reading it catch up now, before the frame's render. */
onFrame((changed) => {
  for (const c of cache) if (shown(c) && c.logs.some((l) => changed.has(l.connectionId))) drive(c);
});

/** Whether a cached view reads this connection's log. */
export function hasCachedView(id: ConnectionId): boolean {
  return cache.some((c) => c.logs.some((l) => l.connectionId === id));
}

/** The cached view index of these logs under this key, made on first use (the hook's cache). */
export function cachedViewIndex(key: string, logs: EventLog[], predicate: Predicate | null): ViewIndex {
  return entryFor(key, logs, () => ({ predicate, scan: null })).index;
}

function notify(c: Cached): void {
  if (c.timer !== null) clearTimeout(c.timer);
  c.timer = null;
  c.shown = performance.now();
  c.tick++;
  for (const l of c.listeners) l();
}

/** Redraws now, or within PROGRESS_MS when the last redraw was recent (every redraw of a long list costs). */
function notifySoon(c: Cached): void {
  const wait = c.shown + PROGRESS_MS - performance.now();
  if (wait <= 0) notify(c);
  else c.timer ??= setTimeout(() => notify(c), wait);
}

/** Where the index may scan to: the view's limits, and no further than the regex Worker has matched. */
function indexLimits(c: Cached): (number | undefined)[] {
  const scan = c.scan;
  if (!scan) return c.limits;
  return c.logs.map((_, i) => Math.min(c.limits[i] ?? Infinity, scan.scannedEnd(i)));
}

function busy(c: Cached): boolean {
  return (c.scan !== null && c.scan.stop === null && c.scan.error === null && c.scan.pending(c.limits) > 0) || c.index.pending(indexLimits(c)) > 0;
}

function shown(c: Cached): boolean {
  return c.mounted > 0 || c.listeners.size > 0;
}

/** Moves the view on: the regex scan (if any) and the index. */
function drive(c: Cached): void {
  if (!shown(c)) return;
  c.scan?.run(c.limits);
  catchUp(c);
}

/**
 * Steps the index over what is pending: the first slice now, the rest in
 * slices yielding to the page. It stops when no view shows the index any more
 * (typing a query makes an index per keystroke; only the latest is scanned) or
 * it leaves the cache; coming back resumes from where it stopped.
 */
function catchUp(c: Cached): void {
  if (c.catching || !shown(c) || c.index.pending(indexLimits(c)) === 0) {
    if (!c.catching && !busy(c) && !c.caughtUp) {
      c.caughtUp = true;
      notify(c);
    }
    return;
  }
  c.catching = true;
  const pendingBefore = c.index.pending(indexLimits(c));
  void runSliced(
    {
      step: (budget) => c.index.step(budget, indexLimits(c)),
      onSlice: () => notifySoon(c),
      cancelled: () => !shown(c) || !cache.includes(c),
      learned: c.budget,
    },
    c.budget.value,
  ).finally(() => {
    c.catching = false;
    if (!busy(c)) {
      c.caughtUp = true;
      notify(c);
    } else {
      notifySoon(c);
      const left = c.index.pending(indexLimits(c));
      if (left > 0 && left < pendingBefore) catchUp(c);
    }
  });
}

function entryFor(key: string, logs: EventLog[], build: () => { predicate: Predicate | null; scan: RegexScan | null }): Cached {
  const at = cache.findIndex((c) => c.key === key && c.logs.length === logs.length && c.logs.every((l, i) => l === logs[i]));
  if (at >= 0) {
    const [hit] = cache.splice(at, 1);
    if (hit) {
      cache.unshift(hit);
      return hit;
    }
  }
  const { predicate, scan } = build();
  const c: Cached = {
    key,
    logs,
    index: new ViewIndex(logs, predicate),
    scan,
    limits: logs.map(() => undefined),
    listeners: new Set(),
    mounted: 0,
    tick: 0,
    catching: false,
    caughtUp: false,
    budget: { value: 20_000 },
    shown: 0,
    timer: null,
  };
  scan?.onChange(() => {
    if (scan.stop || scan.error) notify(c);
    catchUp(c);
  });
  cache.unshift(c);
  for (const old of cache.splice(CACHE_SIZE)) drop(old);
  return c;
}

/** The regex of a regex query is matched in the Worker; the rest of the filter (and plain text, linear) on the page. */
function buildFilter(
  logs: EventLog[],
  ids: readonly ConnectionId[],
  filter: TimelineFilter,
  re: RegExp | null,
  decodeLookup: DecodeLookup | undefined,
): { predicate: Predicate | null; scan: RegexScan | null } {
  if (!filter.regex || re === null) {
    const compiled = withTimeRange(compileFilter(withoutTimeRange(re === null ? { ...filter, query: '' } : filter), decodeLookup), filter.timeRange);
    return { predicate: compiled.ok ? compiled.predicate : null, scan: null };
  }
  const pre = withTimeRange(compileFilter(withoutTimeRange({ ...filter, query: '' }), decodeLookup), filter.timeRange);
  const scan = new RegexScan(logs, re, {
    pre: pre.ok ? pre.predicate : null,
    extraOf: decodeLookup
      ? (log, seq) => {
          const m = decodeLookup.messagesAt(log, seq);
          return m && m.length > 0 ? decodedSearchText(m) : null;
        }
      : undefined,
    nameOf: (i) => {
      const id = ids[i];
      return id === undefined ? undefined : (useStore.getState().connections.find((c) => c.id === id)?.name ?? String(id));
    },
  });
  const at = new Map(logs.map((l, i) => [l, i]));
  return { predicate: (log, seq) => scan.matches(at.get(log as EventLog) ?? -1, seq), scan };
}

const noop = () => () => undefined;

export interface TimelineView {
  source: LogSource | IndexSource;
  /** the filter narrows the rows (count = matches) */
  filtered: boolean;
  /** a first scan is still running */
  scanning: boolean;
  /** 0..1 of the first scan */
  progress: number;
  /** the query's regex error, shown next to the field; the rest of the filter still applies */
  queryError: string | null;
  /** the regex ran past its deadline in the Worker and was stopped: why, shown next to the field */
  stopped: string | null;
  highlight: RegExp | null;
  /** when the rows end (Pause), per connection */
  paused: boolean;
}

/**
 * The rows of a timeline over one or several connections under the filter:
 * the log itself when nothing filters a single connection, otherwise an
 * index built incrementally. A new query over a big log scans in slices
 * (see slices.ts); new events are indexed as they arrive, only the new range.
 */
export function useTimelineView(ids: readonly ConnectionId[], filter: TimelineFilter): TimelineView {
  // Re-render when any of these logs changed (once a frame at most) or Pause moved.
  useStore((s) => ids.map((id) => s.runtime[id]?.version ?? 0).join(','));
  const pausedKey = useStore((s) => ids.map((id) => s.pausedAt[id] ?? '').join(','));
  useDecodeVersion(ids);

  // Connections a protocol lens reads: the filter hides their heartbeats and knows `field:value`.
  const decoders = ids.map((id) => decodeIndexOf(id));
  // A lens with heartbeats or kept state (not JSON, JSON-RPC) always shapes the filter; a lazy one only for field:value terms.
  const fieldTerms = !filter.regex && parseFieldQuery(filter.query).terms.length > 0;
  const lensKey = decoders
    .map((d) => {
      const status = d.status();
      // A user script decodes (and may mark heartbeats) like a stateful lens.
      if (status.script) return `script:${status.script.name}`;
      const lens = status.lens;
      return lens && (fieldTerms || lensInfo(lens)?.lazy !== true) ? lens : '';
    })
    .join(',');
  const decodeLookup = useMemo<DecodeLookup | undefined>(
    () =>
      lensKey.replace(/,/g, '') === ''
        ? undefined
        : {
            messagesAt: (log, seq) => decodeIndexOf(log.connectionId).messagesAt(seq),
            isHeartbeat: (log, seq) => decodeIndexOf(log.connectionId).isHeartbeat(seq),
          },
    [lensKey],
  );
  const query = useMemo(() => compileQuery(filter.query, filter.regex, filter.caseSensitive), [filter.query, filter.regex, filter.caseSensitive]);
  const effective = useMemo(() => (query.ok ? filter : { ...filter, query: '' }), [filter, query.ok]);
  const hasPredicate = useMemo(() => {
    const compiled = compileFilter(withoutTimeRange(effective), decodeLookup);
    return effective.timeRange !== undefined || (compiled.ok && compiled.predicate !== null);
  }, [effective, decodeLookup]);
  const filterKey = useMemo(() => `${JSON.stringify(effective)}|${lensKey}`, [effective, lensKey]);

  const logs = ids.map((id) => getLog(id));
  // A filter that reads decoding scans only what is decoded; the rest follows as the decoder catches up.
  const limits = pausedKey.split(',').map((v, i) => {
    const paused = v === '' ? undefined : Number(v);
    if (!decodeLookup || !hasPredicate) return paused;
    const decoded = decoders[i]?.decodedEnd();
    return decoded === undefined ? paused : Math.min(paused ?? Infinity, decoded);
  });
  const limitsKey = limits.join(',');
  const plain = logs.length === 1 && !hasPredicate;
  const entry = plain ? null : entryFor(`${ids.join(',')}|${filterKey}`, logs, () => buildFilter(logs, ids, effective, query.ok ? query.re : null, decodeLookup));

  const subscribe = useCallback(
    (changed: () => void) => {
      if (!entry) return () => undefined;
      entry.listeners.add(changed);
      return () => {
        entry.listeners.delete(changed);
        if (!shown(entry)) entry.scan?.pause();
      };
    },
    [entry],
  );
  useSyncExternalStore(entry ? subscribe : noop, () => entry?.tick ?? 0);

  // Layout effects: the first slice runs before the browser paints the new query's rows.
  useLayoutEffect(() => {
    if (!entry) return;
    entry.mounted++;
    return () => {
      entry.mounted--;
      if (!shown(entry)) entry.scan?.pause();
    };
  }, [entry]);
  useLayoutEffect(() => {
    if (!entry) return;
    entry.limits = limitsKey.split(',').map((v) => (v === '' ? undefined : Number(v)));
    drive(entry);
  }, [entry, limitsKey]);

  const first = logs[0];
  const index = entry?.index ?? null;
  const source = index ? new IndexSource(index) : new LogSource(first ?? getLog(ids[0] as ConnectionId), limits[0]);
  const scan = entry?.scan ?? null;
  const stopped = scan?.stop ? stoppedMessage(scan.stop) : null;
  const pending = entry && !stopped ? Math.max(entry.index.pending(indexLimits(entry)), scan && !scan.error ? scan.pending(limits) : 0) : 0;
  return {
    source,
    filtered: isFilterActive(filter) && hasPredicate,
    scanning: entry !== null && !stopped && (!entry.caughtUp || pending > SHOW_SCANNING),
    progress: index ? index.progress(limits) : 1,
    queryError: query.ok ? (scan?.error ?? null) : query.error,
    stopped,
    highlight: query.ok ? query.re : null,
    paused: pausedKey.split(',').some((v) => v !== ''),
  };
}
