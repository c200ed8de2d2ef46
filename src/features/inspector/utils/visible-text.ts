/**
 * Text as a console must show it: characters that are invisible or that change
 * how text around them is drawn (NUL and other controls, zero-width spaces,
 * bidirectional overrides such as U+202E, byte order marks, lone surrogates)
 * become visible marks, so what is on screen is what was sent. Line feeds and
 * tabs stay as they are; a carriage return is marked and kept.
 */

export type VisibleSegment = { kind: 'text'; text: string } | { kind: 'special'; code: number; mark: string; name: string };

export interface VisibleText {
  segments: VisibleSegment[];
  /** how many characters were marked */
  specials: number;
}

const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0xa0: 'NO-BREAK SPACE',
  0xad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

/** Characters to mark, as a regex over UTF-16 code units (lone surrogates included). */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u00a0\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function codeLabel(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** ASCII's own abbreviations of the C0 controls (plain letters: every font has them). */
const C0 = ['NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI', 'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US'];

function markOf(code: number): string {
  if (code < 0x20) return C0[code] ?? codeLabel(code);
  if (code === 0x7f) return 'DEL';
  return codeLabel(code);
}

export function specialName(code: number): string {
  const name = NAMES[code];
  if (name) return name;
  if (code >= 0xd800 && code <= 0xdfff) return 'LONE SURROGATE';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'CONTROL CHARACTER';
  return 'INVISIBLE FORMATTING CHARACTER';
}

/**
 * Splits `text` into plain runs and marked characters. Past `maxSegments`
 * marks, the rest is returned as one plain run with the marks written inline
 * as text (e.g. "⟨U+202E⟩"), so a pathological message cannot create
 * millions of elements.
 */
export function visibleText(text: string, maxSegments = 5000): VisibleText {
  const segments: VisibleSegment[] = [];
  let last = 0;
  let specials = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(text); m; m = SPECIAL.exec(text)) {
    const at = m.index;
    const code = text.charCodeAt(at);
    if (segments.length >= maxSegments) {
      const rest = text.slice(last).replace(SPECIAL, (ch) => {
        specials++;
        return `⟨${markOf(ch.charCodeAt(0))}⟩`;
      });
      segments.push({ kind: 'text', text: rest });
      return { segments, specials };
    }
    if (at > last) segments.push({ kind: 'text', text: text.slice(last, at) });
    segments.push({ kind: 'special', code, mark: markOf(code), name: specialName(code) });
    specials++;
    last = at + 1;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return { segments, specials };
}
