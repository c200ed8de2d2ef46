import { scanJson } from './json-scan';
import type { JsonError } from './json-scan';

export type JsonRewrite = { ok: true; text: string } | { ok: false; error: JsonError };

const CLOSE: Record<string, string> = { '{': '}', '[': ']' };

/**
 * Re-lays JSON out token by token: every string, number and key is copied
 * from the source as written (12345678901234567890 stays, "\u00e9" stays,
 * duplicate keys stay, in order); only the whitespace between tokens changes.
 * `indent` "" minifies.
 */
export function rewriteJson(text: string, indent: string): JsonRewrite {
  const scan = scanJson(text);
  if (!scan.ok) return scan;
  const { tokens } = scan;
  const parts: string[] = [];
  let depth = 0;
  const newline = () => (indent ? `\n${indent.repeat(depth)}` : '');
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const s = text.slice(t.start, t.end);
    if (t.type !== 'punct') {
      parts.push(s);
    } else if (s === '{' || s === '[') {
      const next = tokens[k + 1];
      if (next && text.slice(next.start, next.end) === CLOSE[s]) {
        parts.push(s, CLOSE[s]);
        k++;
        continue;
      }
      depth++;
      parts.push(s, newline());
    } else if (s === '}' || s === ']') {
      depth--;
      parts.push(newline(), s);
    } else if (s === ',') {
      parts.push(',', newline());
    } else {
      parts.push(indent ? ': ' : ':');
    }
  }
  return { ok: true, text: parts.join('') };
}

export const formatJson = (text: string): JsonRewrite => rewriteJson(text, '  ');
export const minifyJson = (text: string): JsonRewrite => rewriteJson(text, '');
