import { useEffect, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { Button } from '../../../components/ui/button';
import { cancelReconnect, stopRepeat } from '../utils/automation';

export type AutomationStatusProps = { connectionId: ConnectionId };

/** Re-renders every 100 ms while `active`, for a countdown. */
function useClock(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** On the connection's header: a running repeat with Stop, a reconnect countdown with Cancel, and whether auto-reconnect is on. */
export function AutomationStatus({ connectionId }: AutomationStatusProps) {
  const repeat = useStore((s) => s.repeats[connectionId]);
  const wait = useStore((s) => s.reconnectWaits[connectionId]);
  const auto = useStore((s) => s.connections.find((c) => c.id === connectionId)?.autoReconnect?.enabled === true);
  const now = useClock(wait !== undefined);
  if (!repeat && !wait && !auto) return null;
  return (
    <div className="flex shrink-0 items-center gap-2 text-xs">
      {repeat ? (
        <span className="flex items-center gap-1 rounded border border-sky-700 bg-sky-950/60 px-1.5 py-0.5 text-sky-100">
          <span role="status">
            Repeating {repeat.sent.toLocaleString('en-US')}
            {repeat.count === null ? '' : `/${repeat.count.toLocaleString('en-US')}`} · every {repeat.everyMs.toLocaleString('en-US')} ms
          </span>
          <Button size="sm" variant="ghost" className="h-5 px-1" onClick={() => stopRepeat(connectionId)}>
            Stop repeat
          </Button>
        </span>
      ) : null}
      {wait ? (
        <span className="flex items-center gap-1 rounded border border-amber-700 bg-amber-950/60 px-1.5 py-0.5 text-amber-100">
          <span role="status">Reconnect attempt {wait.attempt}</span>
          <span className="tabular-nums">
            in {Math.max(0, (wait.at - now) / 1000).toFixed(1)} s
          </span>
          <Button size="sm" variant="ghost" className="h-5 px-1" onClick={() => cancelReconnect(connectionId)}>
            Cancel reconnect
          </Button>
        </span>
      ) : auto ? (
        <span className="rounded border border-zinc-700 px-1.5 py-0.5 text-zinc-300">Auto-reconnect on</span>
      ) : null}
    </div>
  );
}
