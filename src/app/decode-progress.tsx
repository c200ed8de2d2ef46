import type { ConnectionId } from '../lib/ids';
import { decodeProgressOf, useDecodeVersion } from '../store/decode';
import { formatCount } from '../lib/codecs';

export type DecodeProgressProps = { ids: readonly ConnectionId[] };

/**
 * How far user scripts have decoded the connections shown (a script decodes
 * behind capture, in the sandbox's Worker): a line over the timeline while
 * rows wait to be decoded (they are shown once decoded, as a stateful lens's
 * are), gone when every row is decoded. Not a live region: it
 * changes with every batch, and a screen reader would hear nothing else.
 */
export function DecodeProgress({ ids }: DecodeProgressProps) {
  useDecodeVersion(ids);
  let decoded = 0;
  let total = 0;
  for (const id of ids) {
    const p = decodeProgressOf(id);
    if (!p) continue;
    decoded += p.decoded;
    total += p.total;
  }
  if (total === 0 || decoded >= total) return null;
  return (
    <p className="flex items-center gap-2 border-b border-zinc-800 px-3 py-1 text-xs text-zinc-300">
      <span>
        Decoding with your script: {formatCount(decoded)} of {formatCount(total)} events
      </span>
      <progress className="h-1.5 w-32" max={total} value={decoded} aria-label="Decoded by the script" />
    </p>
  );
}
