import { useMemo } from 'react';
import type { KeyboardEvent } from 'react';
import { secretByteMask, secretValuesVersion } from '../../../lib/secret-values';
import { useScrollWindow } from '../../../components/ui/use-scroll-window';
import { hexLine, hexLineCount } from '../utils/hex-dump';

const LINE_HEIGHT = 18;
/** the sticky column header's height */
const HEADER_HEIGHT = 20;
/** offset, hex and ASCII columns with their gaps and padding */
const LINE_WIDTH = 'calc(4rem + 64ch + 3rem)';

export type HexViewProps = { bytes: Uint8Array; /** show the bytes of a known secret value as •• (binary payloads; a text's bytes come from its masked text) */ maskSecrets?: boolean };

/**
 * Offset, 16 bytes of hex and their ASCII per line; only the lines in view
 * are drawn, in the scaled window of components/ui/use-scroll-window.ts, so
 * every line of a 50 MiB payload (3.3 M lines) is reachable.
 */
export function HexView({ bytes, maskSecrets = false }: HexViewProps) {
  const secrets = secretValuesVersion();
  // `secrets` is the version of the secret values: a new environment masks again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const mask = useMemo(() => (maskSecrets ? secretByteMask(bytes) : null), [bytes, maskSecrets, secrets]);
  const lines = hexLineCount(bytes.length);
  const view = useScrollWindow({ count: lines, rowHeight: LINE_HEIGHT, overscan: 10, inset: HEADER_HEIGHT, minWidth: LINE_WIDTH });
  if (bytes.length === 0) return <p className="p-3 text-sm text-zinc-400">No bytes: the payload is empty.</p>;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = e.key === 'PageDown' ? 1 : e.key === 'PageUp' ? -1 : 0;
    if (page !== 0) view.scrollByPages(page);
    else if (e.key === 'Home') view.scrollToIndex(0, 'start');
    else if (e.key === 'End') view.scrollToIndex(lines - 1, 'end');
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') view.scrollToIndex(Math.floor(view.position / LINE_HEIGHT) + (e.key === 'ArrowDown' ? 1 : -1), 'start');
    else return;
    e.preventDefault();
  };
  const rows = [];
  for (let index = view.first; index < view.end; index++) {
    const line = hexLine(bytes, index, mask);
    rows.push(
      <div
        key={index}
        role="row"
        aria-rowindex={index + 2}
        className="absolute left-0 flex gap-3 px-3 whitespace-pre"
        style={{ top: 0, height: LINE_HEIGHT, transform: `translateY(${view.rowTop(index)}px)` }}
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
      </div>,
    );
  }
  return (
    <div
      ref={view.ref}
      onScroll={view.onScroll}
      onKeyDown={onKeyDown}
      role="table"
      aria-label="Hex dump"
      aria-rowcount={lines + 1}
      tabIndex={0}
      className="min-h-0 flex-1 overflow-auto font-mono text-xs [overflow-anchor:none] focus-visible:outline-2 focus-visible:outline-sky-400"
    >
      <div role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT, minWidth: LINE_WIDTH }} className="sticky top-0 z-10 flex items-center gap-3 border-b border-zinc-800 bg-zinc-900 px-3 text-zinc-400">
        <span role="columnheader" className="w-16 shrink-0">
          Offset
        </span>
        <span role="columnheader" className="w-[48ch] shrink-0">
          Hex
        </span>
        <span role="columnheader">ASCII</span>
      </div>
      <div ref={view.spaceRef} style={view.spaceStyle}>
        <div style={view.layerStyle}>
          <div style={view.rowsStyle}>{rows}</div>
        </div>
      </div>
    </div>
  );
}
