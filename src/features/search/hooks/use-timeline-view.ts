import { useEffect, useMemo, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../core/event-log';
import { getLog, onConnectionRemoved } from '../../../services/sockets/socket-service';
import { useStore } from '../../../store/store';
import type { TimelineFilter } from '../../../store/types';
import { compileFilter } from '../../../lib/filter/matcher';
import type { DecodeLookup, Predicate } from '../../../lib/filter/matcher';
import { decodeIndexOf, useDecodeVersion } from '../../../store/decode';
import { parseFieldQuery } from '../../../lib/decode/field-query';
import { lensInfo } from '../../../lib/decode/registry';
import { compileQuery, isFilterActive } from '../../../lib/filter/query';
import { runSliced } from '../../../lib/slices';
import { IndexSource, LogSource } from '../utils/sources';
import { ViewIndex } from '../utils/view-index';
import { withTimeRange, withoutTimeRange } from '../utils/time-range';

/** New events up to this many are indexed at once while rendering; more go to sliced scanning. */
const SYNC_BUDGET = 20_000;
const CACHE_SIZE = 4;
/** How often a running scan redraws its progress. */
const PROGRESS_MS = 150;

interface Cached {
  key: string;
  logs: EventLog[];
  index: ViewIndex;
}

/** Recent indexes, so switching back to a connection or a query is instant. */
const cache: Cached[] = [];
/** Indexes with a sliced scan under way, with the scan limits (Pause) it reads before every slice. */
const scanning = new Map<ViewIndex, { limits: (number | undefined)[] }>();
/** Who to tell when a slice is done. */
const listeners = new Map<ViewIndex, Set<() => void>>();

/** A removed connection's log leaves every cached view that reads it (a running scan stops: it is no longer cached). */
onConnectionRemoved((id) => {
  for (let i = cache.length - 1; i >= 0; i--) if (cache[i]?.logs.some((l) => l.connectionId === id)) cache.splice(i, 1);
});

/** Whether a cached view reads this connection's log. */
export function hasCachedView(id: ConnectionId): boolean {
  return cache.some((c) => c.logs.some((l) => l.connectionId === id));
}

/** The cached view index of these logs under this key, made on first use (the hook's cache). */
export function cachedViewIndex(key: string, logs: EventLog[], predicate: Predicate | null): ViewIndex {
  return indexFor(key, logs, predicate);
}

function notify(index: ViewIndex): void {
  for (const l of listeners.get(index) ?? []) l();
}

/**
 * Starts a sliced scan of `index` unless one runs. It stops early when no view
 * shows the index any more (typing a query makes an index per keystroke; only
 * the latest is scanned) or it leaves the cache.
 */
function startScan(index: ViewIndex, limits: (number | undefined)[]): void {
  const running = scanning.get(index);
  if (running) {
    running.limits = limits;
    return;
  }
  const state = { limits };
  scanning.set(index, state);
  // Redraw a few times a second while scanning: every redraw of a list of a
  // million rows costs a pass over them, so not after every slice.
  let shown = performance.now();
  void runSliced({
    step: (budget) => index.step(budget, state.limits),
    onSlice: () => {
      const t = performance.now();
      if (t - shown < PROGRESS_MS) return;
      shown = t;
      notify(index);
    },
    // Nobody shows it any more (the query changed again): stop; coming back to it resumes from where it stopped.
    cancelled: () => !listeners.has(index) || !cache.some((c) => c.index === index),
  }).finally(() => {
    scanning.delete(index);
    notify(index);
  });
}

function indexFor(key: string, logs: EventLog[], predicate: Predicate | null): ViewIndex {
  const at = cache.findIndex((c) => c.key === key && c.logs.length === logs.length && c.logs.every((l, i) => l === logs[i]));
  if (at >= 0) {
    const [hit] = cache.splice(at, 1);
    if (hit) {
      cache.unshift(hit);
      return hit.index;
    }
  }
  const index = new ViewIndex(logs, predicate);
  cache.unshift({ key, logs, index });
  cache.length = Math.min(cache.length, CACHE_SIZE);
  return index;
}

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
  const [, setTick] = useState(0);
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
  const compiled = useMemo(() => withTimeRange(compileFilter(withoutTimeRange(query.ok ? filter : { ...filter, query: '' }), decodeLookup), filter.timeRange), [filter, query.ok, decodeLookup]);
  const predicate = compiled.ok ? compiled.predicate : null;
  const filterKey = useMemo(() => `${JSON.stringify(query.ok ? filter : { ...filter, query: '' })}|${lensKey}`, [filter, query.ok, lensKey]);

  const logs = ids.map((id) => getLog(id));
  // A filter that reads decoding scans only what is decoded; the rest follows as the decoder catches up.
  const limits = pausedKey.split(',').map((v, i) => {
    const paused = v === '' ? undefined : Number(v);
    if (!decodeLookup || predicate === null) return paused;
    const decoded = decoders[i]?.decodedEnd();
    return decoded === undefined ? paused : Math.min(paused ?? Infinity, decoded);
  });
  const plain = logs.length === 1 && predicate === null;
  const index = plain ? null : indexFor(`${ids.join(',')}|${filterKey}`, logs, predicate);

  // Small catch-ups happen right here, so a new row shows in the same frame.
  const pending = index ? index.pending(limits) : 0;
  if (index && pending > 0 && pending <= SYNC_BUDGET && !scanning.has(index)) index.step(pending, limits);
  const big = index !== null && pending > SYNC_BUDGET;

  useEffect(() => {
    if (!index) return;
    const listener = () => setTick((t) => t + 1);
    let set = listeners.get(index);
    if (!set) {
      set = new Set();
      listeners.set(index, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(index);
    };
  }, [index]);

  // After the listener above is registered (effects run in order): a scan with no listener stops.
  useEffect(() => {
    if (index && big) startScan(index, limits);
    // limits follow pausedKey and the decoders; a running scan reads them again before every slice
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, big, pausedKey]);

  const first = logs[0];
  const source = index ? new IndexSource(index) : new LogSource(first ?? getLog(ids[0] as ConnectionId), limits[0]);
  return {
    source,
    filtered: isFilterActive(filter) && predicate !== null,
    scanning: index !== null && (scanning.has(index) || big),
    progress: index ? index.progress(limits) : 1,
    queryError: query.ok ? null : query.error,
    highlight: query.ok ? query.re : null,
    paused: pausedKey.split(',').some((v) => v !== ''),
  };
}
