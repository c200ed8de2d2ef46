import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../core/event-log';
import type { SelectedEvent } from '../../../store/types';
import { Button } from '../../../components/ui/button';
import { timeCell } from '../utils/format-event';
import type { TimeFormatName } from '../utils/format-event';
import type { TimelineSource } from '../utils/timeline-source';
import { TimelineRow } from './timeline-row';
import type { DecodedLine } from './timeline-row';
import { TimelineHeader } from './timeline-header';

/** A connection's tag in a merged view. */
export interface RowTag {
  label: string;
  /** index into TAG_COLORS */
  color: number;
}

export type TimelineProps = {
  source: TimelineSource;
  timeFormat: TimeFormatName;
  rowHeight: number;
  /** hidden columns, space-separated */
  hidden: string;
  selected: SelectedEvent | null;
  onSelect: (selected: SelectedEvent | null) => void;
  /** matches of the filter's query, marked in the rows */
  highlight: RegExp | null;
  /** a connection's tag, in a merged view */
  tagOf?: ((connectionId: ConnectionId) => RowTag | undefined) | undefined;
  /** extra words for a row, e.g. the RTT on a reply */
  annotate?: ((log: EventLog, seq: number) => string | undefined) | undefined;
  /** a frame's decoded summary (lib/decode), shown before its raw preview */
  decodedOf?: ((log: EventLog, seq: number) => DecodedLine | undefined) | undefined;
  /** when this changes, the view goes back to the newest row and follows it */
  tailSignal: number;
  emptyText: string;
};

/**
 * A virtualized list of events: only the rows in view exist in the DOM. It
 * opens at the newest row and follows it while the user is at the end (also
 * when the rows come from somewhere new: another connection, a merged view, a
 * cleared filter); scrolled up, it stays put and offers "Jump to latest".
 * Clicking a row selects it; with the list focused, ↑/↓/Home/End move the
 * selection and Escape clears it.
 */
export function Timeline({ source, timeFormat, rowHeight, hidden, selected, onSelect, highlight, tagOf, annotate, decodedOf, tailSignal, emptyText }: TimelineProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  const count = source.count;
  // The list recomputes every row's position when this function changes, so it
  // changes only with the rows (a new version), and keys are plain numbers.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const getItemKey = useCallback((index: number) => source.keyAt(index), [source.origin, source.version, count]);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    overscan: 12,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: rowHeight,
    onChange: (instance) => {
      const end = instance.isAtEnd();
      setAtEnd((was) => (was === end ? was : end));
    },
  });

  // New rows from somewhere else, or asked to (the filter was cleared, the view resumed): show the newest.
  const shown = useRef<{ origin: object | null; signal: number }>({ origin: null, signal: tailSignal });
  useLayoutEffect(() => {
    if (shown.current.origin === source.origin && shown.current.signal === tailSignal) return;
    shown.current = { origin: source.origin, signal: tailSignal };
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    virtualizer.scrollToEnd();
    setAtEnd(true);
  }, [source.origin, tailSignal, virtualizer]);

  // When the list gets shorter or taller (the inspector opens below it, the window
  // resizes), a view that was at the newest row stays there, and the selected row stays in view.
  const atEndRef = useRef(atEnd);
  atEndRef.current = atEnd;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const sourceRef = useRef(source);
  sourceRef.current = source;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    let height = el.clientHeight;
    const observer = new ResizeObserver(() => {
      if (el.clientHeight === height) return;
      height = el.clientHeight;
      const sel = selectedRef.current;
      const rows = sourceRef.current;
      const index = sel ? rows.indexOf(sel.connectionId, sel.seq) : -1;
      if (atEndRef.current && (index < 0 || index >= rows.count - 2)) el.scrollTop = el.scrollHeight;
      else if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [virtualizer]);

  // Large text changes the row height: every row moves, and a view at the newest row stays there.
  const measuredHeight = useRef(rowHeight);
  useEffect(() => {
    if (measuredHeight.current === rowHeight) return;
    measuredHeight.current = rowHeight;
    virtualizer.measure();
    if (atEndRef.current) requestAnimationFrame(() => virtualizer.scrollToEnd());
  }, [rowHeight, virtualizer]);

  const selectedIndex = useCallback((): number => (selected ? source.indexOf(selected.connectionId, selected.seq) : -1), [selected, source]);

  // Keep the selected row in view when the selection moves.
  const selectedKey = selected ? `${selected.connectionId}:${selected.seq}` : '';
  useEffect(() => {
    if (!selectedKey) return;
    const index = selectedIndex();
    if (index < 0) return;
    const items = virtualizer.getVirtualItems();
    const first = items[0]?.index ?? 0;
    const last = items[items.length - 1]?.index ?? 0;
    // Inside the overscan band counts as out of view.
    if (index <= first + 1 || index >= last - 1) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only when the selection itself changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedKey]);

  const selectAt = (index: number) => {
    const clamped = Math.max(0, Math.min(count - 1, index));
    const log = source.logAt(clamped);
    if (log) onSelect({ connectionId: log.connectionId, seq: source.seqAt(clamped) });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const current = selectedIndex();
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = current < 0 ? count - 1 : current + 1;
    else if (e.key === 'ArrowUp') next = current < 0 ? count - 1 : current - 1;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    else if (e.key === 'Escape' && selected) {
      e.preventDefault();
      onSelect(null);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    selectAt(next);
  };

  const onRowSelect = useCallback((connectionId: ConnectionId, seq: number) => onSelect({ connectionId, seq }), [onSelect]);

  return (
    <div className="relative flex min-h-0 min-w-0 flex-1 flex-col">
      <TimelineHeader hidden={hidden} timeFormat={timeFormat} tagged={tagOf !== undefined} />
      <div
        ref={scrollRef}
        role="log"
        aria-label="Timeline"
        aria-relevant="additions"
        aria-describedby="timeline-keys"
        data-version={source.version}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="min-h-0 flex-1 overflow-auto font-mono text-xs focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-400"
      >
        {count === 0 ? <p className="p-3 font-sans text-sm text-zinc-400">{emptyText}</p> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const log = source.logAt(item.index);
            const seq = source.seqAt(item.index);
            const time = log?.timeAt(seq);
            if (!log || time === undefined) return null;
            const previous = item.index > 0 ? source.logAt(item.index - 1)?.timeAt(source.seqAt(item.index - 1)) : undefined;
            const cell = timeCell(timeFormat, time, log.openTimeBefore(seq), previous);
            const tag = tagOf?.(log.connectionId);
            const decoded = decodedOf?.(log, seq);
            return (
              <TimelineRow
                key={item.key}
                log={log}
                seq={seq}
                top={item.start}
                height={item.size}
                timeText={cell.primary}
                sinceText={cell.secondary}
                selected={selected !== null && selected.connectionId === log.connectionId && selected.seq === seq}
                highlight={highlight}
                tagLabel={tag?.label}
                tagColor={tag?.color}
                annotation={annotate?.(log, seq)}
                decodedProtocol={decoded?.protocol}
                decodedText={decoded?.text}
                decodeError={decoded?.error}
                hidden={hidden}
                onSelect={onRowSelect}
              />
            );
          })}
        </div>
      </div>
      <p id="timeline-keys" className="sr-only">
        Click a row to inspect it. With the timeline focused, arrow keys, Home and End move the selection; Escape closes the inspector.
      </p>
      {!atEnd && count > 0 ? (
        <Button variant="primary" size="sm" className="absolute right-4 bottom-3 shadow-lg" onClick={() => virtualizer.scrollToEnd()}>
          Jump to latest ↓
        </Button>
      ) : null}
    </div>
  );
}
