import type { TimelineColumn } from '../../../store/types';
import { cn } from '../../../components/ui/cn';
import { COLUMN_CLASS } from '../utils/columns';
import type { TimeFormatName } from '../utils/format-event';

export type TimelineHeaderProps = { hidden: string; timeFormat: TimeFormatName; tagged: boolean };

const TIME_LABEL: Record<TimeFormatName, string> = { clock: 'Time', 'since-open': 'Since open', 'since-previous': 'Since previous' };

/** Column labels over the rows, at the same widths (decoration: each row reads on its own). */
export function TimelineHeader({ hidden, timeFormat, tagged }: TimelineHeaderProps) {
  const col = (c: TimelineColumn, label: string, extra?: string) =>
    hidden.includes(c) ? null : (
      <span className={cn('shrink-0', COLUMN_CLASS[c], extra)}>{label}</span>
    );
  return (
    <div aria-hidden="true" className="flex h-6 shrink-0 items-center gap-2 border-b border-zinc-800 bg-zinc-900/70 px-3 font-mono text-[11px] font-semibold whitespace-nowrap text-zinc-400 select-none">
      {tagged ? <span className="w-28 shrink-0 font-sans">Connection</span> : null}
      {col('time', TIME_LABEL[timeFormat])}
      {col('since', timeFormat === 'clock' ? '+open' : '')}
      {col('direction', '')}
      {col('kind', 'Event')}
      {hidden.includes('size') ? null : (
        <span className={cn('flex shrink-0 justify-between', COLUMN_CLASS.size)}>
          <span>Type</span>
          <span>Size</span>
        </span>
      )}
      <span className="min-w-0 flex-1">Payload</span>
    </div>
  );
}
