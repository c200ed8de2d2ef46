import type { DetectHint } from '../../types';
import { looksLikeJson } from '../../fields';

/** JSON when the first text frames look like JSON objects or arrays. */
export function detectJson(hint: DetectHint): number {
  const texts = hint.frames.filter((f) => f.format === 'text');
  if (texts.length === 0) return 0;
  return texts.every((f) => f.format === 'text' && looksLikeJson(f.text)) ? 1 : 0;
}
