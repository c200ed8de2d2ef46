const PREVIEW_CHARS = 240;

/**
 * A one-line, printable preview of text: line breaks and tabs become visible
 * symbols, other control and invisible characters become their code point.
 */
export function previewText(text: string, max = PREVIEW_CHARS): string {
  const head = text.length > max ? text.slice(0, max) : text;
  // eslint-disable-next-line no-control-regex
  const visible = head.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, (ch) => {
    if (ch === '\n') return '⏎';
    if (ch === '\r') return '␍';
    if (ch === '\t') return '⇥';
    return `\\u{${ch.codePointAt(0)?.toString(16).padStart(4, '0')}}`;
  });
  return text.length > max ? `${visible}…` : visible;
}
