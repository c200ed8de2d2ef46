import { scanJson } from '../../../lib/json-scan';
import { startsLikeJson } from '../../../lib/json-detect';
import { positionAt } from '../../../lib/text-position';
import { describeLoneSurrogates, findLoneSurrogates } from '../../../lib/lone-surrogates';

/** Texts longer than this are not checked as you type (Format and Minify still check on click). */
export const LIVE_CHECK_MAX_CHARS = 1_000_000;

export type JsonState =
  | { kind: 'text' }
  | { kind: 'json' }
  | { kind: 'invalid'; offset: number; message: string };

/** What the text is, as JSON: valid JSON (highlighted, Format/Minify on), meant as JSON but broken (marked), or plain text. */
export function jsonStateOf(text: string): JsonState {
  if (text.length > LIVE_CHECK_MAX_CHARS || text.trim() === '') return { kind: 'text' };
  const scan = scanJson(text, false);
  if (scan.ok) return { kind: 'json' };
  if (!startsLikeJson(text)) return { kind: 'text' };
  const { line, column } = positionAt(text, scan.error.offset);
  return { kind: 'invalid', offset: scan.error.offset, message: `JSON error at line ${line}, column ${column}: ${scan.error.message}` };
}

export interface SurrogateWarning {
  offset: number;
  message: string;
}

/** A lone surrogate goes out as U+FFFD: where the first one is and the bytes sent for it. */
export function surrogateWarningOf(text: string): SurrogateWarning | null {
  if (text.length > LIVE_CHECK_MAX_CHARS) return null;
  const r = findLoneSurrogates(text);
  return r ? { offset: r.first.offset, message: describeLoneSurrogates(r) } : null;
}
