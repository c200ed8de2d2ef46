import type { ReactNode } from 'react';
import { formatCount } from '../../../lib/codecs';
import { Button } from '../../../components/ui/button';

export type TimelineToolbarProps = {
  paused: boolean;
  /** events captured since the view was paused */
  behind: number;
  onTogglePause: () => void;
  /** the filter (first), then the time format and pairing */
  children?: ReactNode;
};

/**
 * One line over the timeline (it wraps on narrow screens). Pause freezes the
 * rows shown; capture and counters go on, and Resume catches up at once.
 */
export function TimelineToolbar({ paused, behind, onTogglePause, children }: TimelineToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-800 px-3 py-1">
      {children}
      <div className="ml-auto flex items-center gap-2">
        <Button size="sm" variant={paused ? 'primary' : 'secondary'} onClick={onTogglePause}>
          {paused ? 'Resume' : 'Pause'}
        </Button>
        <span className="text-xs whitespace-nowrap text-zinc-400" role="status">
          {paused ? `Paused · ${formatCount(behind)} new` : 'Live'}
        </span>
      </div>
    </div>
  );
}
