/**
 * Texts of a report moved across a thread as one string. Handing a page
 * thousands of short strings per report costs a structured clone of each; one
 * string of all of them is one copy, and the page cuts it up again with
 * `substring` (which engines answer with a view of the joined string, not a
 * copy). Measured with the bench's bare Worker page in Firefox 140: 0.80 ->
 * 0.89 of the bare page's rate for 64 B texts, 0.86 -> 0.99 for 1 KiB.
 *
 * A text over PACK_MAX_CHARS stays a string of its own: a cut of the joined
 * string keeps all of it alive, and a large text evicted from the capture
 * must not stay in memory for a small one received beside it.
 */

import { Kind } from './events';

export const PACK_MAX_CHARS = 64 * 1024;

const isText = (kind: number | undefined): boolean => kind === Kind.InText || kind === Kind.OutText;

export interface PackedTexts {
  /** the packed texts, joined */
  text: string;
  /** where each packed text ends in `text`, in the order of `data` */
  ends: Uint32Array;
}

/**
 * Takes the texts of the text events (InText, OutText) of `data` (up to
 * PACK_MAX_CHARS each) out into one joined string, leaving `null` in their
 * place; null if there is none to pack. `kinds[i]` is the kind of `data[i]`.
 */
export function packTexts(kinds: ArrayLike<number>, data: unknown[]): PackedTexts | null {
  const parts: string[] = [];
  for (let i = 0; i < data.length; i++) {
    const d = data[i];
    if (!isText(kinds[i]) || typeof d !== 'string' || d.length > PACK_MAX_CHARS) continue;
    parts.push(d);
    data[i] = null;
  }
  if (parts.length === 0) return null;
  const ends = new Uint32Array(parts.length);
  let at = 0;
  for (let j = 0; j < parts.length; j++) {
    at += (parts[j] as string).length;
    ends[j] = at;
  }
  return { text: parts.join(''), ends };
}

/** Puts the packed texts back in place of the text events' `null`s in `data`, in order. */
export function unpackTexts(kinds: ArrayLike<number>, data: unknown[], packed: PackedTexts): void {
  let j = 0;
  let from = 0;
  for (let i = 0; i < data.length && j < packed.ends.length; i++) {
    if (data[i] !== null || !isText(kinds[i])) continue;
    const to = packed.ends[j++] ?? from;
    data[i] = packed.text.substring(from, to);
    from = to;
  }
}
