import { Suspense, useCallback, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConnectionId } from '../lib/ids';
import type { EventLog } from '../services/sockets/event-log';
import { getLog } from '../services/sockets/socket-service';
import { useStore } from '../store/store';
import { togglePause } from '../store/actions';
import { selectEvent, setInspectorWidth } from '../store/view-actions';
import type { SelectedEvent } from '../store/types';
import { formatCount } from '../lib/codecs';
import { Timeline } from '../features/timeline/components/timeline';
import { TimelineToolbar } from '../features/timeline/components/timeline-toolbar';
import { TimeFormatSelect } from '../features/timeline/components/time-format-select';
import { FilterBar } from '../features/search/components/filter-bar';
import { useTimelineView } from '../features/search/hooks/use-timeline-view';
import { usePairing } from '../features/pairing/hooks/use-pairing';
import { PairingControl } from '../features/pairing/components/pairing-control';
import { PairLinkBar } from '../features/pairing/components/pair-link-bar';
import { formatRtt } from '../features/pairing/utils/registry';
import { Inspector } from './lazy-parts';
import { ResizeHandle } from '../features/inspector/components/resize-handle';
import { connectionLabel } from '../features/connections/utils/connection-label';
import { rowHint } from '../features/learn/utils/explanations';

export type TimelineAreaProps = {
  /** one connection, or several for the merged view */
  ids: ConnectionId[];
  merged: boolean;
};

const MIN_INSPECTOR = 280;

/**
 * A timeline with everything that makes it readable: the filter bar, Pause,
 * the time format, pairing, the rows, and the inspector of the selected row.
 */
export function TimelineArea({ ids, merged }: TimelineAreaProps) {
  const filter = useStore((s) => s.filter);
  const timeFormat = useStore((s) => s.timeFormat);
  const selected = useStore((s) => s.selectedEvent);
  const width = useStore((s) => s.inspectorWidth);
  const pausedAt = useStore(useShallow((s) => ids.map((id) => s.pausedAt[id])));
  const configs = useStore(useShallow((s) => s.connections.filter((c) => ids.includes(c.id))));
  // A connection keeps its colour (its place in the connection list) whatever else is merged.
  const allIds = useStore(useShallow((s) => s.connections.map((c) => c.id)));
  const view = useTimelineView(ids, filter);
  const pairing = usePairing(ids);
  const [tailSignal, setTailSignal] = useState(0);
  const source = view.source;

  const labelOf = useCallback((id: ConnectionId) => {
    const config = configs.find((c) => c.id === id);
    return config ? connectionLabel(config) : String(id);
  }, [configs]);
  const tagOf = useMemo(() => (merged ? (id: ConnectionId) => ({ label: labelOf(id), color: Math.max(0, allIds.indexOf(id)) }) : undefined), [merged, allIds, labelOf]);
  const learn = useStore((s) => s.preferences.learn === true);
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
  };
  const evicted = ids.reduce((n, id) => n + getLog(id).counters.evictedEvents, 0);

  const inspected = selected && ids.includes(selected.connectionId) ? selected : null;
  const event = useMemo(() => (inspected ? getLog(inspected.connectionId).get(inspected.seq) : undefined), [inspected]);
  const link = inspected ? pairing.get(inspected.connectionId)?.linkOf(inspected.seq) : undefined;
  const onSelect = useCallback((s: SelectedEvent | null) => selectEvent(s), []);
  const single = ids.length === 1 ? ids[0] : undefined;
  const maxWidth = Math.max(MIN_INSPECTOR, (typeof window === 'undefined' ? 1200 : window.innerWidth) - 420);

  return (
    // Never squeezed below its bars plus a few rows: on a small screen with large text the
    // main column scrolls instead of drawing the bars over the composer.
    <div className="flex min-h-fit flex-1 flex-col">
      <FilterBar
        count={source.count}
        filtered={view.filtered}
        scanning={view.scanning}
        progress={view.progress}
        queryError={view.queryError}
        onNext={() => step(1)}
        onPrevious={() => step(-1)}
        onCleared={() => setTailSignal((n) => n + 1)}
      />
      <TimelineToolbar paused={paused} behind={behind} onTogglePause={onTogglePause}>
        <TimeFormatSelect />
        {single ? <PairingControl key={single} connectionId={single} index={pairing.get(single)} /> : null}
      </TimelineToolbar>
      {evicted > 0 ? (
        <p className="border-b border-amber-800 bg-amber-950/60 px-3 py-1 text-xs text-amber-100" role="status">
          {formatCount(evicted)} older events dropped; raise the limit in settings.
        </p>
      ) : null}
      {/* contain: size — the rows' height must not count in this area's fit-content minimum, or it grows with every event. */}
      <div className="flex min-h-40 flex-1 [contain:size]">
        <Timeline
          source={source}
          timeFormat={timeFormat}
          selected={inspected}
          onSelect={onSelect}
          highlight={view.highlight}
          tagOf={tagOf}
          annotate={annotate}
          tailSignal={tailSignal}
          emptyText={view.filtered ? (view.scanning ? 'Searching…' : 'No events match the filter.') : 'No events yet.'}
        />
        {inspected ? (
          <>
            <ResizeHandle width={Math.min(width, maxWidth)} min={MIN_INSPECTOR} max={maxWidth} onResize={setInspectorWidth} />
            <div className="flex min-h-0 shrink-0 flex-col border-l border-zinc-800" style={{ width: Math.min(width, maxWidth) }}>
              {event ? (
                <Suspense fallback={<p className="p-3 text-sm text-zinc-400">Loading the inspector…</p>}>
                  <Inspector
                    event={event}
                    connectionLabel={labelOf(inspected.connectionId)}
                    pair={link ? <PairLinkBar link={link} seq={inspected.seq} onGoTo={(seq) => selectEvent({ connectionId: inspected.connectionId, seq })} /> : null}
                    onClose={() => selectEvent(null)}
                  />
                </Suspense>
              ) : (
                <div className="flex flex-col gap-2 p-3 text-sm text-zinc-400">
                  <p>This event is no longer retained (dropped by the capture limit).</p>
                  <button type="button" className="self-start text-sky-300 underline" onClick={() => selectEvent(null)}>
                    Close inspector
                  </button>
                </div>
              )}
            </div>
          </>
        ) : null}
      </div>
    </div>
  );
}
