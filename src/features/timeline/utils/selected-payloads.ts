import type { EventLog } from '../../../core/event-log';
import type { RowSelection } from '../../../lib/row-selection';
import { clampSelection, selectedCount, selectedSeqs } from '../../../lib/row-selection';
import { formatHex } from '../../../lib/codecs';
import { maskSecretValues } from '../../../lib/secret-values';

/** Copy selected stops here: a clipboard of a million payloads helps nobody. */
export const MAX_COPY_ROWS = 100_000;

/**
 * "Copy selected": the payloads of the selected messages, one per line, in
 * order; text as it is (secret environment values masked, as on screen),
 * binary as hex. Rows that are not messages (open, close, notes) are left
 * out.
 */
export function selectedPayloads(log: EventLog, selection: RowSelection): string | { error: string } {
  const kept = clampSelection(selection, log.start, log.end);
  const n = selectedCount(kept);
  if (n > MAX_COPY_ROWS) return { error: `${n.toLocaleString('en-US')} rows selected: Copy selected takes up to ${MAX_COPY_ROWS.toLocaleString('en-US')}` };
  const lines: string[] = [];
  for (const seq of selectedSeqs(kept)) {
    const e = log.get(seq);
    if (!e || e.type !== 'message') continue;
    if (e.format === 'text') lines.push(maskSecretValues(e.text));
    else if (e.data instanceof ArrayBuffer) lines.push(formatHex(new Uint8Array(e.data)));
    else lines.push(`(a Blob of ${e.size} bytes)`);
  }
  return lines.length === 0 ? { error: 'No messages among the selected rows' } : lines.join('\n');
}
