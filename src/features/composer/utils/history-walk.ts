/**
 * Up/Down through the sent history in an empty composer, as a shell does:
 * Up shows the newest message sent, then older ones; Down goes back towards
 * the newest, then to the empty composer.
 *
 * `index` is the position shown: null = the composer's own (empty) text,
 * 0 = the newest entry, 1 = the one before it… The result is the next index,
 * null for the empty composer, or undefined when there is nowhere to go.
 */
export function stepHistory(length: number, index: number | null, key: 'up' | 'down'): number | null | undefined {
  if (length === 0) return undefined;
  if (key === 'up') {
    if (index === null) return 0;
    return index + 1 < length ? index + 1 : undefined;
  }
  if (index === null) return undefined;
  return index === 0 ? null : index - 1;
}
