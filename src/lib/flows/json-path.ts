/**
 * JSON paths in flows: the one syntax of src/lib/json-path.ts (`$.id`, `id`,
 * `result.id`, `params[0].ref`, `$["odd key"]`), plus `$` alone for the whole
 * message (a matcher may compare all of it).
 */
import { childPath, parsePath, readPath } from '../json-path';
import type { PathParse, PathSegment } from '../json-path';

export type { PathParse, PathSegment };

export function parseJsonPath(input: string): PathParse {
  if (input.trim() === '$') return { ok: true, segments: [] };
  return parsePath(input);
}

export const readJsonPath: (value: unknown, segments: readonly PathSegment[]) => unknown = readPath;

/** A path as text, `$.a[0]["b c"]`, as the inspector writes it. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((p, s) => childPath(p, s), '$');
}
