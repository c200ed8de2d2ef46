import { Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConnectionId } from '../lib/ids';
import type { EventLog } from '../core/event-log';
import { getLog } from '../services/sockets/socket-service';
import { useStore } from '../store/store';
import { togglePause } from '../store/actions';
import { extendSelection, selectEvent, setChartsOpen, toggleSelection } from '../store/view-actions';
import { SelectionBar } from '../features/timeline/components/selection-bar';
import { requestRecord } from '../features/flows/flow-store';
import type { SelectedEvent } from '../store/types';
import { formatCount } from '../lib/codecs';
import { isFilterActive } from '../lib/filter/query';
import { DecodeProgress } from './decode-progress';
import { shortLabels } from '../lib/short-label';
import { useElementSize, useMediaQuery } from '../components/ui/use-element-size';
import { Timeline } from '../features/timeline/components/timeline';
import { TimelineToolbar } from '../features/timeline/components/timeline-toolbar';
import { TimeFormatSelect } from '../features/timeline/components/time-format-select';
import { rowHeightFor } from '../features/timeline/utils/columns';
import { FilterBar } from '../features/search/components/filter-bar';
import { useTimelineView } from '../features/search/hooks/use-timeline-view';
import { usePairing } from '../features/pairing/hooks/use-pairing';
import { PairingControl } from '../features/pairing/components/pairing-control';
import { PairLinkBar } from '../features/pairing/components/pair-link-bar';
import { formatRtt } from '../features/pairing/utils/registry';
import { rowHint } from '../features/learn/utils/row-hint';
import { InspectorPane } from './inspector-pane';
import { ChartsPane } from './lazy-parts';
import { TimeRangeChip } from '../features/charts/components/time-range-chip';
import type { RttInput } from '../features/charts/components/chart-context';
import { Button } from '../components/ui/button';
import { MIN_INSPECTOR_HEIGHT } from '../store/inspect-slice';
import { decodeIndexOf, decodeProgressOf, decodedLine, useDecodeVersion } from '../store/decode';

export type TimelineAreaProps = {
  /** one connection, or several for the merged view */
  ids: ConnectionId[];
  merged: boolean;
};

/**
 * What the timeline keeps when the inspector takes room: a useful width, and
 * its header, 8 whole rows wherever the scroll stops (so room for 9) and a
 * horizontal scrollbar.
 */
const KEEP_WIDTH = 360;
const keepHeight = (rowHeight: number) => 24 + 9 * rowHeight + 16;

/**
 * A timeline with everything that makes it readable: one toolbar line
 * (filter, Pause, time format, pairing), the rows, and the inspector of the
 * selected row docked right or below.
 */
export function TimelineArea({ ids, merged }: TimelineAreaProps) {
  const filter = useStore((s) => s.filter);
  const timeFormat = useStore((s) => s.timeFormat);
  const selected = useStore((s) => s.selectedEvent);
  const rowSelection = useStore((s) => (s.rowSelection && ids.includes(s.rowSelection.connectionId) ? s.rowSelection : null));
  const recordable = useStore((s) => rowSelection !== null && s.connections.some((c) => c.id === rowSelection.connectionId && c.source !== 'import'));
  const large = useStore((s) => s.preferences.largeText === true || s.preferences.presentation === true);
  const presentation = useStore((s) => s.preferences.presentation === true);
  const dockPref = useStore((s) => s.preferences.inspectorDock ?? 'auto');
  // Presenting, the half-width timeline drops "since open" to leave the payload room.
  const hidden = useStore((s) => [...(s.preferences.hiddenColumns ?? []), ...(s.preferences.presentation ? ['since'] : [])].join(' '));
  const learn = useStore((s) => s.preferences.learn === true);
  const chartsOpen = useStore((s) => s.preferences.charts === true);
  const pausedAt = useStore(useShallow((s) => ids.map((id) => s.pausedAt[id])));
  const configs = useStore(useShallow((s) => s.connections.filter((c) => ids.includes(c.id))));
  // A connection keeps its colour (its place in the connection list) whatever else is merged.
  const allIds = useStore(useShallow((s) => s.connections.map((c) => c.id)));
  const wide = useMediaQuery('(min-width: 1200px)');
  const body = useRef<HTMLDivElement>(null);
  const room = useElementSize(body);
  const view = useTimelineView(ids, filter);
  const pairing = usePairing(ids);
  // The charts read the pairs when they redraw (a few times a second), not on every render of this area.
  const pairingRef = useRef(pairing);
  pairingRef.current = pairing;
  const idsKey = ids.join(',');
  const rttPairs = useCallback(
    (): RttInput[] =>
      idsKey
        .split(',')
        .map((id) => pairingRef.current.get(id as ConnectionId))
        .filter((p) => p !== undefined)
        .map((p) => ({ log: p.log, pairs: p.pairs() })),
    [idsKey],
  );
  const chartIds = useMemo(() => (idsKey === '' ? [] : (idsKey.split(',') as ConnectionId[])), [idsKey]);
  const [tailSignal, setTailSignal] = useState(0);
  const source = view.source;
  const rowHeight = rowHeightFor(large);

  const labels = useMemo(() => shortLabels(configs), [configs]);
  const labelOf = useCallback((id: ConnectionId) => labels[configs.findIndex((c) => c.id === id)] ?? String(id), [configs, labels]);
  const tagOf = useMemo(() => (merged ? (id: ConnectionId) => ({ label: labelOf(id), color: Math.max(0, allIds.indexOf(id)) }) : undefined), [merged, allIds, labelOf]);
  const annotate = useCallback(
    (log: EventLog, seq: number) => {
      const link = pairing.get(log.connectionId)?.linkOf(seq);
      if (link && link.reply === seq) return `RTT ${formatRtt(link.rtt)}`;
      // Teaching mode: a few words on lifecycle rows (the Explain tab has the rest).
      const event = learn ? log.get(seq) : undefined;
      return event ? rowHint(event) : undefined;
    },
    [pairing, learn],
  );

  const decodeVersion = useDecodeVersion(ids);
  // A user script decodes behind capture; its rows are shown once decoded (the progress line says how far).
  const decodingBehind = ids.some((id) => {
    const p = decodeProgressOf(id);
    return p !== null && p.decoded < p.total;
  });
  const decodeKey = configs.map((c) => c.decodeAs ?? 'auto').join(',');
  const decodedOf = useMemo(() => {
    void decodeVersion;
    void decodeKey;
    return (log: EventLog, seq: number) => {
      const messages = decodeIndexOf(log.connectionId).messagesAt(seq);
      // Plain JSON reads as well raw as decoded: its row keeps the payload (the inspector and field:value still use the lens).
      return messages && messages.length > 0 && messages.some((m) => m.protocol !== 'JSON' || m.error) ? decodedLine(messages) : undefined;
    };
  }, [decodeVersion, decodeKey]);

  const step = (delta: 1 | -1) => {
    if (source.count === 0) return;
    const at = selected ? source.indexOf(selected.connectionId, selected.seq) : -1;
    const next = at < 0 ? (delta === 1 ? 0 : source.count - 1) : Math.max(0, Math.min(source.count - 1, at + delta));
    const log = source.logAt(next);
    if (log) selectEvent({ connectionId: log.connectionId, seq: source.seqAt(next) });
  };

  const paused = pausedAt.some((p) => p !== undefined);
  const behind = ids.reduce((n, id, i) => n + (pausedAt[i] === undefined ? 0 : getLog(id).end - (pausedAt[i] ?? 0)), 0);
  const onTogglePause = () => {
    ids.forEach((id, i) => {
      if ((pausedAt[i] !== undefined) === paused) togglePause(id);
    });
    if (paused) setTailSignal((n) => n + 1);
  };
  const evicted = ids.reduce((n, id) => n + getLog(id).counters.evictedEvents, 0);

  const inspected = selected && ids.includes(selected.connectionId) && !presentation ? selected : null;
  const link = inspected ? pairing.get(inspected.connectionId)?.linkOf(inspected.seq) : undefined;
  const onSelect = useCallback((s: SelectedEvent | null) => selectEvent(s), []);
  const single = ids.length === 1 ? ids[0] : undefined;
  const dock = dockPref === 'auto' ? (wide ? 'right' : 'bottom') : dockPref;

  // Never crushed: the header and 8 rows, plus the inspector's minimum when it sits below.
  // When the page has less room than that (large text on a small screen), the main column scrolls.
  const minHeight = keepHeight(rowHeight) + (inspected && dock === 'bottom' ? MIN_INSPECTOR_HEIGHT + 6 : 0);
  return (
    <div className="flex flex-1 flex-col">
      {presentation ? (
        // Presentation hides the toolbar; a filter still at work must not go unsaid.
        isFilterActive(filter) ? (
          <div className="flex flex-wrap items-center gap-2 border-b border-zinc-800 px-3 py-1 text-xs text-zinc-300">
            <p role="status">
              Filtered: {formatCount(source.count)} {source.count === 1 ? 'event' : 'events'} shown
            </p>
            <TimeRangeChip onCleared={() => setTailSignal((n) => n + 1)} />
          </div>
        ) : null
      ) : (
        <TimelineToolbar paused={paused} behind={behind} onTogglePause={onTogglePause}>
          <FilterBar
            count={source.count}
            hiddenBeats={filter.heartbeats === true ? 0 : ids.reduce((n, id) => n + decodeIndexOf(id).heartbeatCount(), 0)}
            filtered={view.filtered}
            scanning={view.scanning}
            progress={view.progress}
            queryError={view.queryError}
            stopped={view.stopped}
            onNext={() => step(1)}
            onPrevious={() => step(-1)}
            onCleared={() => setTailSignal((n) => n + 1)}
          />
          <TimeRangeChip onCleared={() => setTailSignal((n) => n + 1)} />
          <TimeFormatSelect />
          {single ? <PairingControl key={single} connectionId={single} index={pairing.get(single)} /> : null}
          {/* One connection opens its charts from the rate readout of its stats line; the merged view has no stats line. */}
          {merged ? (
            <Button size="sm" variant={chartsOpen ? 'primary' : 'secondary'} aria-pressed={chartsOpen} onClick={() => setChartsOpen(!chartsOpen)} title="Traffic, bufferedAmount, sizes, round trips and silences over the whole capture">
              Charts
            </Button>
          ) : null}
        </TimelineToolbar>
      )}
      {evicted > 0 ? (
        <p className="border-b border-amber-800 bg-amber-950/60 px-3 py-1 text-xs text-amber-100" role="status">
          {formatCount(evicted)} older events dropped; raise the limit in settings.
        </p>
      ) : null}
      <DecodeProgress ids={ids} />
      {chartsOpen && !presentation ? (
        <Suspense fallback={<div className="h-56 shrink-0 border-b border-zinc-800" aria-busy="true" />}>
          <ChartsPane ids={chartIds} rttPairs={rttPairs} labelOf={labelOf} />
        </Suspense>
      ) : null}
      {/* contain: size — the rows' height must not count in this area's minimum, or it grows with every event; minHeight is what it keeps. */}
      <div ref={body} className={dock === 'right' ? 'flex flex-1 [contain:size]' : 'flex flex-1 flex-col [contain:size]'} style={{ minHeight }}>
        <Timeline
          source={source}
          timeFormat={timeFormat}
          rowHeight={rowHeight}
          hidden={hidden}
          selected={selected && ids.includes(selected.connectionId) ? selected : null}
          onSelect={onSelect}
          selection={rowSelection}
          onExtend={extendSelection}
          onToggle={toggleSelection}
          highlight={view.highlight}
          tagOf={tagOf}
          annotate={annotate}
          decodedOf={decodedOf}
          tailSignal={tailSignal}
          emptyText={view.filtered ? (view.scanning ? 'Searching…' : 'No events match the filter.') : decodingBehind ? 'Rows appear here as your script decodes them…' : 'No events yet.'}
        />
        {inspected ? (
          <InspectorPane
            inspected={inspected}
            dock={dock}
            room={room}
            keep={{ width: KEEP_WIDTH, height: keepHeight(rowHeight) }}
            label={labelOf(inspected.connectionId)}
            pair={link ? <PairLinkBar link={link} seq={inspected.seq} onGoTo={(seq) => selectEvent({ connectionId: inspected.connectionId, seq })} /> : null}
          />
        ) : null}
      </div>
      {presentation ? null : <SelectionBar selection={rowSelection} onRecord={recordable ? () => requestRecord() : undefined} onClear={() => selectEvent(null)} />}
    </div>
  );
}
