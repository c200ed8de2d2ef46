import { memo, useEffect, useState } from 'react';
import type { CSSProperties } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import type { SockEvent } from '../../../services/sockets/events';
import { cn } from '../../../components/ui/cn';
import { describeEvent, previewBytes } from '../utils/format-event';
import type { RowTone } from '../utils/format-event';
import { TAG_COLORS, splitMatches } from '../utils/highlight';

const toneClass: Record<RowTone, string> = {
  in: 'text-sky-300',
  out: 'text-emerald-300',
  open: 'text-lime-300',
  close: 'text-orange-300',
  error: 'text-rose-300',
  note: 'text-zinc-300',
  neutral: 'text-zinc-400',
};

const arrow: Partial<Record<RowTone, string>> = { in: '↓', out: '↑' };

/** A connection's tag in a merged view. */
export interface RowTag {
  label: string;
  /** index into TAG_COLORS */
  color: number;
}

export type TimelineRowProps = {
  event: SockEvent;
  /** the <time> text, in the chosen format */
  timeText: string;
  /** the column after it (time since open next to the wall clock), or '' */
  sinceText: string;
  style: CSSProperties;
  selected: boolean;
  highlight: RegExp | null;
  tag?: RowTag | undefined;
  /** extra words after the label, e.g. "RTT 12.3 ms" on a reply */
  annotation?: string | undefined;
  onSelect: (connectionId: ConnectionId, seq: number) => void;
};

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

/** One event on one line. Everything from the server is rendered as text. */
export const TimelineRow = memo(function TimelineRow({ event, timeText, sinceText, style, selected, highlight, tag, annotation, onSelect }: TimelineRowProps) {
  const { label, tone, detail, previewAt = 0 } = describeEvent(event);
  const blob = event.type === 'message' && event.format === 'binary' && event.data instanceof Blob ? event.data : null;
  const colors = tag ? TAG_COLORS[tag.color % TAG_COLORS.length] : undefined;
  return (
    <div
      style={style}
      className={cn(
        'flex cursor-default items-center gap-3 border-b border-zinc-800/70 px-3 whitespace-nowrap hover:bg-zinc-800/60',
        colors && ['border-l-4', colors.border],
        selected && 'bg-sky-950 outline outline-1 -outline-offset-1 outline-sky-500 hover:bg-sky-950',
      )}
      data-seq={event.seq}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(event.connectionId, event.seq)}
    >
      {tag && colors ? <span title={tag.label} className={cn('w-24 shrink-0 truncate rounded px-1.5 font-sans text-[11px] font-medium', colors.pill)}>{tag.label}</span> : null}{' '}
      <time className="shrink-0 text-zinc-400 tabular-nums" dateTime={new Date(event.time).toISOString()}>
        {timeText}
      </time>{' '}
      {sinceText ? <span className="w-20 shrink-0 text-right text-zinc-400 tabular-nums">{sinceText}</span> : null}{' '}
      <span className={cn('w-20 shrink-0 font-semibold', toneClass[tone])}>
        {arrow[tone] ?? '•'} {label}
      </span>{' '}
      {annotation ? <span className="shrink-0 rounded bg-violet-900/70 px-1.5 text-violet-100 tabular-nums">{annotation}</span> : null}{' '}
      <span className="min-w-0 truncate text-zinc-200">
        {detail.slice(0, previewAt)}
        {splitMatches(detail.slice(previewAt), highlight).map((part, i) =>
          part.match ? (
            <mark key={i} className="rounded-sm bg-amber-300 text-zinc-950">
              {part.text}
            </mark>
          ) : (
            part.text
          ),
        )}
        {blob ? <BlobHead blob={blob} /> : null}
      </span>
    </div>
  );
});
