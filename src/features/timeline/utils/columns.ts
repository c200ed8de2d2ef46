import type { TimelineColumn } from '../../../store/types';

/**
 * The timeline's fixed columns, in `ch` of the monospace font so every row
 * puts the payload preview at the same x. Widths hold the longest value a
 * column shows: 12:34:56.789, +1234.567 s, "connecting", "binary", 195.3 KiB.
 */
export const COLUMN_CLASS: Record<TimelineColumn, string> = {
  time: 'w-[12.5ch]',
  since: 'w-[11ch] text-right',
  direction: 'w-[2ch] text-center',
  kind: 'w-[10ch]',
  size: 'w-[16ch]',
};

export const COLUMN_LABEL: Record<TimelineColumn, string> = {
  time: 'Time',
  since: 'Since open',
  direction: 'Direction',
  kind: 'Event',
  size: 'Type and size',
};

/** Row height in px: fixed, so the list never measures rows. Large text scales it with the font. */
export function rowHeightFor(largeText: boolean): number {
  return largeText ? 28 : 22;
}
