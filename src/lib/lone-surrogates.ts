import { positionAt } from './text-position';
import type { TextPosition } from './text-position';

/** A UTF-16 code unit that is half of a surrogate pair with no other half: UTF-8 cannot encode it. */
export interface LoneSurrogate extends TextPosition {
  offset: number;
  /** "U+D800" */
  codeUnit: string;
}

export interface LoneSurrogateReport {
  /** how many lone surrogates the text has */
  count: number;
  first: LoneSurrogate;
  /** the UTF-8 bytes that go out around the first one, as hex: "61 62 63 [EF BF BD] 64" */
  bytesAround: string;
}

// Without the u flag a regex sees code units: a high half not followed by a low one, or a low half not preceded by a high one.
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** UTF-8 encoders (TextEncoder, WebSocket.send) replace each lone surrogate by U+FFFD: these bytes. */
export const REPLACEMENT_HEX = 'EF BF BD';

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/** Up to `n` whole characters (code points) before or after `offset`, never splitting a pair. */
function charsAround(text: string, offset: number, n: number): { before: string; after: string } {
  let start = offset;
  for (let k = 0; k < n && start > 0; k++) {
    start--;
    const c = text.charCodeAt(start);
    if (c >= 0xdc00 && c <= 0xdfff && start > 0 && /[\uD800-\uDBFF]/.test(text.charAt(start - 1))) start--;
  }
  let end = offset + 1;
  for (let k = 0; k < n && end < text.length; k++) {
    const c = text.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && /[\uDC00-\uDFFF]/.test(text.charAt(end + 1)) ? 2 : 1;
  }
  return { before: text.slice(start, offset), after: text.slice(offset + 1, end) };
}

/** The first lone surrogate in `text` and how it goes on the wire, or null when the text is well formed. */
export function findLoneSurrogates(text: string): LoneSurrogateReport | null {
  LONE.lastIndex = 0;
  const m = LONE.exec(text);
  if (!m) return null;
  let count = 1;
  while (LONE.exec(text)) count++;
  const offset = m.index;
  const unit = text.charCodeAt(offset);
  const { before, after } = charsAround(text, offset, 3);
  const enc = new TextEncoder();
  const parts = [toHex(enc.encode(before)), `[${REPLACEMENT_HEX}]`, toHex(enc.encode(after))].filter((p) => p !== '');
  return {
    count,
    first: { offset, codeUnit: `U+${unit.toString(16).toUpperCase()}`, ...positionAt(text, offset) },
    bytesAround: parts.join(' '),
  };
}

/** "U+D800 at line 1, column 4 is sent as EF BF BD (U+FFFD): 61 62 63 [EF BF BD] 64", plus how many more. */
export function describeLoneSurrogates(r: LoneSurrogateReport): string {
  const more = r.count > 1 ? ` (and ${r.count - 1} more)` : '';
  return `Lone surrogate ${r.first.codeUnit} at line ${r.first.line}, column ${r.first.column}${more} is sent as ${REPLACEMENT_HEX} (U+FFFD): ${r.bytesAround}`;
}
