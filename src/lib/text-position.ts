/** A place in a text as people count it: 1-based line and column. */
export interface TextPosition {
  line: number;
  /** 1-based, in characters (code points): an emoji counts once, a tab once */
  column: number;
}

/**
 * The line and column of UTF-16 `offset` in `text`. Lines end at "\n", "\r\n"
 * or a lone "\r" (as the editor splits them); the column counts code points
 * from the start of the line.
 */
export function positionAt(text: string, offset: number): TextPosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = text.charCodeAt(i);
    // The second half of a surrogate pair does not start a character.
    const isLow = c >= 0xdc00 && c <= 0xdfff;
    const afterHigh = i > lineStart && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    if (!(isLow && afterHigh)) column++;
  }
  return { line, column };
}
