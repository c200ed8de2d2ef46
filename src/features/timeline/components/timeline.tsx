import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { getLog } from '../../../services/sockets/socket-service';
import { formatCount } from '../../../lib/codecs';
import { Button } from '../../../components/ui/button';
import { TimelineRow } from './timeline-row';
import { TimelineToolbar } from './timeline-toolbar';

export const ROW_HEIGHT = 26;

export type TimelineProps = { connectionId: ConnectionId };

/**
 * The connection's events, virtualized: only the rows in view exist in the
 * DOM, whatever the log holds. Follows the newest event while the user is at
 * the end; scrolled up, it stays put and offers "Jump to latest".
 */
export function Timeline({ connectionId }: TimelineProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Re-render when this connection's log changed (at most once a frame).
  const version = useStore((s) => s.runtime[connectionId]?.version ?? 0);
  const pausedAt = useStore((s) => s.pausedAt[connectionId]);
  const log = getLog(connectionId);
  const start = log.start;
  // Paused, the view keeps its end while capture and counters go on.
  const end = pausedAt ?? log.end;
  const count = Math.max(0, end - start);
  const [atEnd, setAtEnd] = useState(true);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => start + index,
    overscan: 12,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: ROW_HEIGHT,
    onChange: (instance) => {
      const end = instance.isAtEnd();
      setAtEnd((was) => (was === end ? was : end));
    },
  });

  const evicted = log.counters.evictedEvents;
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <TimelineToolbar connectionId={connectionId} paused={pausedAt !== undefined} behind={log.end - end} />
      {evicted > 0 ? (
        <p className="border-b border-amber-800 bg-amber-950/60 px-3 py-1 text-xs text-amber-100" role="status">
          {formatCount(evicted)} older events dropped; raise the limit in settings.
        </p>
      ) : null}
      <div
        ref={scrollRef}
        role="log"
        aria-label="Timeline"
        aria-relevant="additions"
        data-version={version}
        tabIndex={0}
        className="min-h-0 flex-1 overflow-auto font-mono text-xs focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        {count === 0 ? <p className="p-3 font-sans text-sm text-zinc-400">No events yet.</p> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const event = log.get(start + item.index);
            if (!event) return null;
            return (
              <TimelineRow
                key={item.key}
                event={event}
                openTime={log.openTimeBefore(event.seq)}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: item.size, transform: `translateY(${item.start}px)` }}
              />
            );
          })}
        </div>
      </div>
      {!atEnd && count > 0 ? (
        <Button variant="primary" size="sm" className="absolute right-4 bottom-3 shadow-lg" onClick={() => virtualizer.scrollToEnd()}>
          Jump to latest ↓
        </Button>
      ) : null}
    </div>
  );
}
