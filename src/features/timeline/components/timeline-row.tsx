import { memo, useEffect, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../core/event-log';
import { cn } from '../../../components/ui/cn';
import { describeEvent, previewBytes } from '../utils/format-event';
import type { RowTone } from '../utils/format-event';
import { TAG_COLORS } from '../utils/highlight';
import { MarkedText } from './marked-text';
import { COLUMN_CLASS } from '../utils/columns';

const toneClass: Record<RowTone, string> = {
  in: 'text-sky-300',
  out: 'text-emerald-300',
  open: 'text-lime-300',
  close: 'text-zinc-300',
  error: 'text-rose-300',
  note: 'text-zinc-300',
  neutral: 'text-zinc-400',
};

const glyph: Record<RowTone, string> = { in: '↓', out: '↑', open: '●', close: '●', error: '●', note: '·', neutral: '●' };

/** A subtle tint: sent and received apart, failures in the danger colour. */
const tint: Partial<Record<RowTone, string>> = { in: 'bg-sky-500/[0.05]', out: 'bg-emerald-500/[0.07]', error: 'bg-rose-500/10' };

export type TimelineRowProps = {
  log: EventLog;
  seq: number;
  /** px from the top of the list, and the row height */
  top: number;
  height: number;
  /** the <time> text, in the chosen format, and the column after it (or '') */
  timeText: string;
  sinceText: string;
  /** the row the inspector shows */
  selected: boolean;
  /** in the multi-selection (Shift/Ctrl+click), beside the inspected row */
  inSelection?: boolean | undefined;
  /** bumps when the secret values to mask change (lib/secret-values.ts), so the row redraws */
  secretsVersion?: number | undefined;
  highlight: RegExp | null;
  /** a connection's tag in a merged view: its label and colour index */
  tagLabel?: string | undefined;
  tagColor?: number | undefined;
  /** words in the badge column, e.g. "RTT 12.3 ms" on a reply */
  annotation?: string | undefined;
  /** the frame as its protocol lens reads it (lib/decode): the lens's name and the message summary */
  decodedProtocol?: string | undefined;
  decodedText?: string | undefined;
  decodeError?: boolean | undefined;
  /** hidden columns, as `TimelineColumn`s joined by spaces (a string, so memo compares it by value) */
  hidden: string;
  /** a click: alone, Shift (extend the range) or Ctrl/⌘ (toggle) */
  onSelect: (connectionId: ConnectionId, seq: number, how: SelectHow) => void;
};

export type SelectHow = 'one' | 'extend' | 'toggle';

export interface DecodedLine {
  protocol: string;
  text: string;
  error: boolean;
}

/** A Blob's first bytes, read when the row is shown. */
function BlobHead({ blob }: { blob: Blob }) {
  const [hex, setHex] = useState('…');
  useEffect(() => {
    let live = true;
    void blob
      .slice(0, 25)
      .arrayBuffer()
      .then((buf) => {
        if (live) setHex(previewBytes(new Uint8Array(buf)));
      });
    return () => {
      live = false;
    };
  }, [blob]);
  return <span> {hex}</span>;
}

/** The row's own classes, merged once per look (a flood redraws rows every frame; cn merges per call). */
const rowClassCache = new Map<string, string>();
function rowClass(tone: RowTone, colors: (typeof TAG_COLORS)[number] | undefined, inSelection: boolean, selected: boolean): string {
  const key = `${tone}|${colors?.border ?? ''}|${inSelection ? 1 : 0}|${selected ? 1 : 0}`;
  let c = rowClassCache.get(key);
  if (c === undefined) {
    c = cn(
      'flex cursor-default items-center gap-2 border-b border-zinc-800/60 px-3 whitespace-nowrap hover:bg-zinc-800/60',
      tint[tone],
      colors && ['border-l-4', colors.border],
      inSelection && 'bg-sky-900/70 shadow-[inset_3px_0_0_var(--color-sky-500)] hover:bg-sky-900/70',
      selected && 'bg-sky-950 outline outline-1 -outline-offset-1 outline-sky-500 hover:bg-sky-950',
      selected && inSelection && 'bg-sky-900 hover:bg-sky-900',
    );
    rowClassCache.set(key, c);
  }
  return c;
}

/** The cells' classes for a set of hidden columns and a tone. */
const cellClassCache = new Map<string, { time: string; since: string; direction: string; kind: string; size: string }>();
function cellClasses(hidden: string, tone: RowTone) {
  const key = `${hidden}|${tone}`;
  let c = cellClassCache.get(key);
  if (c === undefined) {
    c = {
      time: cn('shrink-0 text-zinc-400 tabular-nums', COLUMN_CLASS.time, hidden.includes('time') && 'sr-only'),
      since: cn('shrink-0 text-zinc-400 tabular-nums', COLUMN_CLASS.since),
      direction: cn('shrink-0', COLUMN_CLASS.direction, toneClass[tone]),
      kind: cn('shrink-0 font-semibold', COLUMN_CLASS.kind, toneClass[tone]),
      size: cn('flex shrink-0 justify-between gap-1 text-zinc-400', COLUMN_CLASS.size),
    };
    cellClassCache.set(key, c);
  }
  return c;
}

/**
 * One event on one line, in fixed columns. All props are plain values or
 * stable objects (the log), so memo holds while the row does not change.
 * Everything from the server is rendered as text.
 */
export const TimelineRow = memo(function TimelineRow({ log, seq, top, height, timeText, sinceText, selected, inSelection, highlight, tagLabel, tagColor, annotation, decodedProtocol, decodedText, decodeError, hidden, onSelect }: TimelineRowProps) {
  const event = log.get(seq);
  if (!event) return null;
  const row = describeEvent(event);
  const tone: RowTone = row.failed ? 'error' : row.tone;
  const previewAt = row.previewAt ?? 0;
  const preview = row.detail.slice(previewAt);
  const blob = event.type === 'message' && event.format === 'binary' && event.data instanceof Blob ? event.data : null;
  const colors = tagColor === undefined ? undefined : TAG_COLORS[tagColor % TAG_COLORS.length];
  const off = (c: string) => hidden.includes(c);
  const cells = cellClasses(hidden, tone);
  return (
    <div
      style={{ position: 'absolute', top: 0, left: 0, width: '100%', height, transform: `translateY(${top}px)` }}
      className={rowClass(tone, colors, inSelection === true, selected)}
      data-seq={seq}
      data-tone={tone}
      data-selected={inSelection ? 'true' : undefined}
      aria-current={selected ? 'true' : undefined}
      onClick={(e) => onSelect(event.connectionId, seq, e.shiftKey ? 'extend' : e.ctrlKey || e.metaKey ? 'toggle' : 'one')}
      onMouseDown={(e) => {
        // Shift+click selects rows, not the text between them.
        if (e.shiftKey) e.preventDefault();
      }}
    >
      {inSelection && !selected ? <span className="sr-only">selected: </span> : null}
      {tagLabel && colors ? <span title={tagLabel} className={cn('w-28 shrink-0 truncate rounded px-1.5 font-sans text-[11px] font-medium', colors.pill)}>{tagLabel}</span> : null}{' '}
      <time className={cells.time} dateTime={new Date(event.time).toISOString()}>
        {timeText}
      </time>{' '}
      {off('since') ? null : <span className={cells.since}>{sinceText}</span>}{' '}
      {off('direction') ? null : <span aria-hidden="true" className={cells.direction}>{glyph[tone]}</span>}{' '}
      {off('kind') ? null : <span className={cells.kind}>{row.label}</span>}{' '}
      {off('size') ? null : (
        <span className={cells.size}>
          <span>{row.format ?? ''}</span> <span className="tabular-nums">{row.size ?? ''}</span>
        </span>
      )}{' '}
      <span className="min-w-0 flex-1 truncate text-zinc-200">
        {decodedText !== undefined ? (
          <>
            <span className="rounded-sm bg-indigo-900/70 px-1 font-sans text-[11px] font-medium text-indigo-100">{decodedProtocol}</span>{' '}
            <span className={decodeError ? 'text-rose-300' : 'text-zinc-100'}>
              {decodeError ? '⚠ ' : ''}
              {decodedText}
            </span>
            <span className="text-zinc-400"> · </span>
          </>
        ) : null}
        {event.type === 'message' ? null : row.detail.slice(0, previewAt)}
        <MarkedText text={preview} highlight={highlight} />
        {blob ? <BlobHead blob={blob} /> : null}
      </span>{' '}
      {annotation ? <span className="shrink-0 rounded bg-violet-900/70 px-1.5 text-violet-100 tabular-nums">{annotation}</span> : null}
    </div>
  );
});
