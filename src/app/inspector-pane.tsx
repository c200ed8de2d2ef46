import { Suspense, useMemo } from 'react';
import type { ReactNode } from 'react';
import { getLog } from '../services/sockets/socket-service';
import { selectEvent, setInspectorHeight, setInspectorWidth } from '../store/view-actions';
import { useStore } from '../store/store';
import { MIN_INSPECTOR_HEIGHT, MIN_INSPECTOR_WIDTH } from '../store/inspect-slice';
import type { SelectedEvent } from '../store/types';
import { ResizeHandle } from '../components/ui/resize-handle';
import { Inspector } from './lazy-parts';
import { decodedAt, useDecodeVersion } from '../store/decode';
import { maskSecretValues } from '../lib/secret-values';

export type InspectorPaneProps = {
  inspected: SelectedEvent;
  dock: 'right' | 'bottom';
  /** the room the timeline and the inspector share */
  room: { width: number; height: number };
  /** what the timeline keeps at least, across (px) and down (px) */
  keep: { width: number; height: number };
  label: string;
  pair: ReactNode;
};

/** The inspector docked right or below the timeline, resizable by drag and keys, never crushing either side. */
export function InspectorPane({ inspected, dock, room, keep, label, pair }: InspectorPaneProps) {
  const width = useStore((s) => s.inspectorWidth);
  const height = useStore((s) => s.inspectorHeight);
  // Secret environment values are masked on screen (lib/secret-values.ts): the inspector reads a masked copy of a text event.
  const environments = useStore((s) => s.environments);
  const event = useMemo(() => {
    void environments;
    const e = getLog(inspected.connectionId).get(inspected.seq);
    if (!e) return e;
    if (e.type === 'message' && e.format === 'text') {
      const text = maskSecretValues(e.text);
      return text === e.text ? e : { ...e, text };
    }
    if (e.type === 'connecting') {
      const url = maskSecretValues(e.url);
      return url === e.url ? e : { ...e, url };
    }
    return e;
  }, [inspected, environments]);
  const decodeVersion = useDecodeVersion([inspected.connectionId]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const decoded = useMemo(() => decodedAt(inspected.connectionId, inspected.seq), [inspected, decodeVersion]);
  const right = dock === 'right';
  const min = right ? MIN_INSPECTOR_WIDTH : MIN_INSPECTOR_HEIGHT;
  const max = Math.max(min, (right ? room.width - keep.width : room.height - keep.height) || min);
  const size = Math.max(min, Math.min(max, right ? width : height));
  return (
    <>
      <ResizeHandle orientation={right ? 'vertical' : 'horizontal'} size={size} min={min} max={max} onResize={right ? setInspectorWidth : setInspectorHeight} label="Resize inspector" />
      <div className={right ? 'flex min-h-0 shrink-0 flex-col border-l border-zinc-800' : 'flex min-h-0 shrink-0 flex-col border-t border-zinc-800'} style={right ? { width: size } : { height: size }}>
        {event ? (
          <Suspense fallback={<p className="p-3 text-sm text-zinc-400">Loading the inspector…</p>}>
            <Inspector event={event} connectionLabel={label} pair={pair} compact={!right} decoded={decoded} onClose={() => selectEvent(null)} />
          </Suspense>
        ) : (
          <div className="flex flex-col gap-2 p-3 text-sm text-zinc-400">
            <p>This event is no longer retained (dropped by the capture limit).</p>
            <button type="button" className="self-start text-sky-300 underline" onClick={() => selectEvent(null)}>
              Close inspector
            </button>
          </div>
        )}
      </div>
    </>
  );
}
