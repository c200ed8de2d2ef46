import type { ConnectionId } from '../../../lib/ids';
import { togglePause } from '../../../store/actions';
import { formatCount } from '../../../lib/codecs';
import { Button } from '../../../components/ui/button';

export type TimelineToolbarProps = { connectionId: ConnectionId; paused: boolean; behind: number };

/** Pause freezes the rows shown; capture and counters go on, and Resume catches up at once. */
export function TimelineToolbar({ connectionId, paused, behind }: TimelineToolbarProps) {
  return (
    <div className="flex items-center gap-3 border-b border-zinc-800 px-3 py-1">
      <Button size="sm" variant={paused ? 'primary' : 'secondary'} onClick={() => togglePause(connectionId)}>
        {paused ? 'Resume' : 'Pause'}
      </Button>
      <span className="text-xs text-zinc-400" role="status">
        {paused ? `View paused · ${formatCount(behind)} new events captured since` : 'Live'}
      </span>
    </div>
  );
}
