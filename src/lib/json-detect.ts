/**
 * JSON detection, in one place. Two questions, asked by different readers:
 * - `looksLikeJson`: is this whole text a JSON object or array? The first and
 *   last non-blank characters are {…} or […]. Cheap enough for a million
 *   events: the filter's "JSON" payload box, the JSON-family lenses'
 *   detection and decoding (lib/decode), the inspector's JSON view, a flow's
 *   matcher. Whoever needs the value parses for real after it.
 * - `startsLikeJson`: did the user start writing JSON? The first non-blank
 *   character opens an object or array (the composer checks a draft that is
 *   not finished yet).
 */

/** First and last non-blank characters (code points up to U+0020) are {…} or […]. */
export function looksLikeJson(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) <= 0x20) i++;
  let j = n - 1;
  while (j > i && text.charCodeAt(j) <= 0x20) j--;
  if (j <= i) return false;
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(j);
  return (a === 0x7b && b === 0x7d) || (a === 0x5b && b === 0x5d);
}

/** True when the first non-blank character is { or [: the text is meant as JSON. */
export function startsLikeJson(text: string): boolean {
  const m = /\S/.exec(text);
  return m !== null && (m[0] === '{' || m[0] === '[');
}
