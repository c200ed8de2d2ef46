import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { hexLine, hexLineCount } from '../utils/hex-dump';

const LINE_HEIGHT = 18;

export type HexViewProps = { bytes: Uint8Array };

/** Offset, 16 bytes of hex and their ASCII per line; only the lines in view are drawn. */
export function HexView({ bytes }: HexViewProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const lines = hexLineCount(bytes.length);
  const virtualizer = useVirtualizer({
    count: lines,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });
  if (bytes.length === 0) return <p className="p-3 text-sm text-zinc-400">No bytes: the payload is empty.</p>;
  return (
    <div
      ref={scrollRef}
      role="table"
      aria-label="Hex dump"
      aria-rowcount={lines + 1}
      tabIndex={0}
      className="min-h-0 flex-1 overflow-auto font-mono text-xs focus-visible:outline-2 focus-visible:outline-sky-400"
    >
      <div role="row" aria-rowindex={1} className="sticky top-0 z-10 flex gap-3 border-b border-zinc-800 bg-zinc-900 px-3 py-0.5 text-zinc-400">
        <span role="columnheader" className="w-16 shrink-0">
          Offset
        </span>
        <span role="columnheader" className="w-[48ch] shrink-0">
          Hex
        </span>
        <span role="columnheader">ASCII</span>
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: 'max-content' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = hexLine(bytes, item.index);
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className="absolute left-0 flex gap-3 px-3 whitespace-pre"
              style={{ top: 0, height: LINE_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              <span role="cell" className="w-16 shrink-0 text-zinc-400">
                {line.offset}
              </span>
              <span role="cell" className="w-[48ch] shrink-0 text-zinc-100">
                {line.hex}
              </span>
              <span role="cell" className="text-emerald-200">
                {line.ascii}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
