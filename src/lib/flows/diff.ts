/**
 * How close a message came to what an `expect` wanted, and how it differs:
 * edit distance for text, the differing paths for JSON.
 */
import { formatJsonPath } from './json-path';
import type { PathSegment } from './json-path';

/** Levenshtein distance, capped: texts longer than `cap` are compared by their first `cap` characters. */
export function editDistance(a: string, b: string, cap = 2000): number {
  const s = a.slice(0, cap);
  const t = b.slice(0, cap);
  if (s === t) return Math.abs(a.length - b.length);
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return (prev[t.length] ?? 0) + Math.abs(a.length - s.length - (b.length - t.length));
}

export interface JsonDifference {
  path: string;
  expected: unknown;
  /** undefined: missing */
  actual: unknown;
}

const show = (v: unknown) => (v === undefined ? '(missing)' : JSON.stringify(v));

/** The paths where `actual` differs from `expected` (keys only in `actual` are not differences), at most `max`. */
export function jsonDifferences(expected: unknown, actual: unknown, max = 10, at: PathSegment[] = []): JsonDifference[] {
  const out: JsonDifference[] = [];
  const walk = (e: unknown, a: unknown, path: PathSegment[]) => {
    if (out.length >= max) return;
    if (Array.isArray(e) && Array.isArray(a)) {
      for (let i = 0; i < e.length; i++) walk(e[i], a[i], [...path, i]);
      if (a.length !== e.length && out.length < max) out.push({ path: `${formatJsonPath(path)}.length`, expected: e.length, actual: a.length });
      return;
    }
    if (typeof e === 'object' && e !== null && !Array.isArray(e) && typeof a === 'object' && a !== null && !Array.isArray(a)) {
      for (const k of Object.keys(e)) {
        walk((e as Record<string, unknown>)[k], Object.hasOwn(a, k) ? (a as Record<string, unknown>)[k] : undefined, [...path, k]);
      }
      return;
    }
    if (!sameJson(e, a)) out.push({ path: formatJsonPath(path), expected: e, actual: a });
  };
  walk(expected, actual, at);
  return out;
}

export function formatDifferences(diffs: readonly JsonDifference[]): string {
  return diffs.map((d) => `${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}`).join('\n');
}

/** Deep equality of JSON values (object key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * A short diff of two texts: the common start and end kept as context (up
 * to 20 characters), the differing middle shown as - expected / + actual.
 */
export function textDifference(expected: string, actual: string): string {
  if (expected === actual) return '';
  let start = 0;
  while (start < expected.length && start < actual.length && expected[start] === actual[start]) start++;
  let end = 0;
  while (end < expected.length - start && end < actual.length - start && expected[expected.length - 1 - end] === actual[actual.length - 1 - end]) end++;
  const clip = (s: string, max = 80) => (s.length > max ? `${s.slice(0, max)}…` : s);
  const before = expected.slice(Math.max(0, start - 20), start);
  const after = expected.slice(expected.length - end, expected.length - end + 20);
  const where = start === 0 ? 'at the start' : `after ${JSON.stringify(before)}`;
  const tail = end > 0 ? `, then ${JSON.stringify(after)}` : '';
  return `${where}: - ${JSON.stringify(clip(expected.slice(start, expected.length - end)))} + ${JSON.stringify(clip(actual.slice(start, actual.length - end)))}${tail}`;
}
