import { memo, useEffect, useState } from 'react';
import type { CSSProperties } from 'react';
import type { SockEvent } from '../../../services/sockets/events';
import { cn } from '../../../components/ui/cn';
import { describeEvent, formatClock, formatSince, previewBytes } from '../utils/format-event';
import type { RowTone } from '../utils/format-event';

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

export type TimelineRowProps = {
  event: SockEvent;
  /** time of the open this event follows, if any */
  openTime: number | undefined;
  style: CSSProperties;
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
export const TimelineRow = memo(function TimelineRow({ event, openTime, style }: TimelineRowProps) {
  const { label, tone, detail } = describeEvent(event);
  const blob = event.type === 'message' && event.format === 'binary' && event.data instanceof Blob ? event.data : null;
  return (
    <div style={style} className="flex items-center gap-3 border-b border-zinc-800/70 px-3 whitespace-nowrap hover:bg-zinc-800/60" data-seq={event.seq}>
      <time className="shrink-0 text-zinc-400 tabular-nums" dateTime={new Date(event.time).toISOString()}>
        {formatClock(event.time)}
      </time>{' '}
      <span className="w-20 shrink-0 text-right text-zinc-500 tabular-nums">{openTime === undefined ? '' : formatSince(event.time - openTime)}</span>{' '}
      <span className={cn('w-20 shrink-0 font-semibold', toneClass[tone])}>
        {arrow[tone] ?? '•'} {label}
      </span>{' '}
      <span className="min-w-0 truncate text-zinc-200">
        {detail}
        {blob ? <BlobHead blob={blob} /> : null}
      </span>
    </div>
  );
});
