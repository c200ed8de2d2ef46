import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../core/event-log';
import type { SelectedEvent } from '../../../store/types';
import { Button } from '../../../components/ui/button';
import { useScrollWindow } from '../../../components/ui/use-scroll-window';
import { timeCell } from '../utils/format-event';
import type { TimeFormatName } from '../utils/format-event';
import type { TimelineSource } from '../utils/timeline-source';
import { RowKeys } from '../../../lib/row-keys';
import { TimelineRow } from './timeline-row';
import type { DecodedLine, SelectHow } from './timeline-row';
import { isSelected, selectedCount } from '../../../lib/row-selection';
import type { RowSelection } from '../../../lib/row-selection';
import { secretValuesVersion } from '../../../lib/secret-values';
import { useStore } from '../../../store/store';
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
  /** the rows selected beside the inspected one (Shift/Ctrl+click, Shift+↑/↓), as seq ranges */
  selection?: RowSelection | null | undefined;
  /** Shift+click, Shift+↑/↓ */
  onExtend?: ((to: SelectedEvent) => void) | undefined;
  /** Ctrl/⌘+click */
  onToggle?: ((at: SelectedEvent) => void) | undefined;
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
 * A windowed list of events (components/ui/use-scroll-window.ts): only the
 * rows in view exist in the DOM, and 10,000,000 rows scroll as well as ten. It
 * opens at the newest row and follows it while the user is at the end (also
 * when the rows come from somewhere new: another connection, a merged view, a
 * cleared filter); scrolled up, it stays put and offers "Jump to latest".
 * Clicking a row selects it; with the list focused, ↑/↓/PageUp/PageDown/
 * Home/End move the selection and Escape clears it.
 */
export function Timeline({ source, timeFormat, rowHeight, hidden, selected, onSelect, selection = null, onExtend, onToggle, highlight, tagOf, annotate, decodedOf, tailSignal, emptyText }: TimelineProps) {
  const count = source.count;
  const view = useScrollWindow({ count, rowHeight, overscan: 8, followEnd: true });
  const { scrollToEnd, scrollToIndex, scrollByPages } = view;

  // New rows from somewhere else, or asked to (the filter was cleared, the view resumed): show the newest.
  const shown = useRef<{ origin: object | null; signal: number }>({ origin: null, signal: tailSignal });
  useLayoutEffect(() => {
    if (shown.current.origin === source.origin && shown.current.signal === tailSignal) return;
    shown.current = { origin: source.origin, signal: tailSignal };
    scrollToEnd();
  }, [source.origin, tailSignal, scrollToEnd]);

  // When the list gets shorter or taller (the inspector opens below it, the window resizes)
  // the selected row stays in view, unless the view follows the newest row.
  const viewport = view.geometry.viewport;
  const followingRef = useRef(view.atEnd);
  followingRef.current = view.atEnd;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const lastViewport = useRef(viewport);
  useLayoutEffect(() => {
    if (lastViewport.current === viewport) return;
    lastViewport.current = viewport;
    const sel = selectedRef.current;
    const rows = sourceRef.current;
    const index = sel ? rows.indexOf(sel.connectionId, sel.seq) : -1;
    if (index >= 0 && !(followingRef.current && index >= rows.count - 2)) scrollToIndex(index, 'auto');
  }, [viewport, scrollToIndex]);

  const selectedIndex = useCallback((): number => (selected ? source.indexOf(selected.connectionId, selected.seq) : -1), [selected, source]);

  // Keep the selected row in view when the selection moves.
  const selectedKey = selected ? `${selected.connectionId}:${selected.seq}` : '';
  useEffect(() => {
    if (!selectedKey) return;
    const index = selectedIndex();
    if (index >= 0) scrollToIndex(index, 'auto');
    // Only when the selection itself changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedKey]);

  const selectAt = (index: number, extend = false) => {
    const clamped = Math.max(0, Math.min(count - 1, index));
    const log = source.logAt(clamped);
    if (!log) return;
    const at = { connectionId: log.connectionId, seq: source.seqAt(clamped) };
    if (extend && onExtend) onExtend(at);
    else onSelect(at);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (count === 0) return;
    const current = selectedIndex();
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = current < 0 ? count - 1 : current + 1;
    else if (e.key === 'ArrowUp') next = current < 0 ? count - 1 : current - 1;
    else if (e.key === 'PageDown' || e.key === 'PageUp') {
      const step = e.key === 'PageDown' ? 1 : -1;
      e.preventDefault();
      // Nothing selected: the view moves by a page, as a scrolled list does.
      if (current < 0) scrollByPages(step);
      else selectAt(current + step * page);
      return;
    } else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    else if (e.key === 'Escape' && (selected || selection)) {
      e.preventDefault();
      onSelect(null);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    selectAt(next, e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp'));
  };

  const onRowSelect = useCallback(
    (connectionId: ConnectionId, seq: number, how: SelectHow) => {
      if (how === 'extend' && onExtend) onExtend({ connectionId, seq });
      else if (how === 'toggle' && onToggle) onToggle({ connectionId, seq });
      else onSelect({ connectionId, seq });
    },
    [onSelect, onExtend, onToggle],
  );
  // Secret environment values are masked in the rows: redraw them when those change.
  useStore((s) => s.environments);
  const secretsVersion = secretValuesVersion();
  const multi = selectedCount(selection) > 1;

  // Rows are keyed so that their elements stay (lib/row-keys.ts): a row in view keeps its key and a
  // row that comes in takes the key, and so the element, of one that went out. A flood followed at
  // its tail then updates a few rows' text in place each frame instead of creating, styling and
  // collecting their elements.
  const keysRef = useRef<RowKeys | null>(null);
  keysRef.current ??= new RowKeys();
  const slots: number[] = [];
  for (let index = view.first; index < view.end; index++) slots.push(source.slotAt(index));
  const keys = keysRef.current.assign(slots);
  const rows = [];
  for (let index = view.first; index < view.end; index++) {
    const log = source.logAt(index);
    const seq = source.seqAt(index);
    const time = log?.timeAt(seq);
    if (!log || time === undefined) continue;
    const previous = index > 0 ? source.logAt(index - 1)?.timeAt(source.seqAt(index - 1)) : undefined;
    const cell = timeCell(timeFormat, time, log.openTimeBefore(seq), previous);
    const tag = tagOf?.(log.connectionId);
    const decoded = decodedOf?.(log, seq);
    rows.push(
      <TimelineRow
        key={keys[index - view.first]}
        log={log}
        seq={seq}
        top={view.rowTop(index)}
        height={rowHeight}
        timeText={cell.primary}
        sinceText={cell.secondary}
        selected={selected !== null && selected.connectionId === log.connectionId && selected.seq === seq}
        inSelection={multi && isSelected(selection, log.connectionId, seq)}
        secretsVersion={secretsVersion}
        highlight={highlight}
        tagLabel={tag?.label}
        tagColor={tag?.color}
        annotation={annotate?.(log, seq)}
        decodedProtocol={decoded?.protocol}
        decodedText={decoded?.text}
        decodeError={decoded?.error}
        hidden={hidden}
        onSelect={onRowSelect}
      />,
    );
  }

  return (
    <div className="relative flex min-h-0 min-w-0 flex-1 flex-col">
      <TimelineHeader hidden={hidden} timeFormat={timeFormat} tagged={tagOf !== undefined} />
      <div
        ref={view.ref}
        onScroll={view.onScroll}
        role="log"
        aria-label="Timeline"
        aria-relevant="additions"
        aria-describedby="timeline-keys"
        data-version={source.version}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="min-h-0 flex-1 overflow-auto font-mono text-xs [contain:strict] [overflow-anchor:none] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-400"
      >
        {count === 0 ? <p className="p-3 font-sans text-sm text-zinc-400">{emptyText}</p> : null}
        <div ref={view.spaceRef} style={view.spaceStyle}>
          <div style={view.layerStyle}>
            <div style={view.rowsStyle}>{rows}</div>
          </div>
        </div>
      </div>
      <p id="timeline-keys" className="sr-only">
        Click a row to inspect it; Shift+click selects the rows up to it, Ctrl+click (⌘ on a Mac) adds or removes one. With the timeline focused, arrow keys, Page Up, Page Down, Home and End move the selection, Shift+Up and Shift+Down extend it; Escape clears it and closes the inspector.
      </p>
      {!view.atEnd && count > 0 ? (
        <Button variant="primary" size="sm" className="absolute right-4 bottom-3 shadow-lg" onClick={scrollToEnd}>
          Jump to latest ↓
        </Button>
      ) : null}
    </div>
  );
}

