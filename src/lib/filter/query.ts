import type { TimelineFilter } from './types';

/**
 * The text part of the filter: free text or a regular expression, case
 * sensitive or not, compiled once per query.
 */

export type CompiledQuery = { ok: true; re: RegExp | null } | { ok: false; error: string };

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

export function escapeRegExp(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

/** The RegExps compileQuery made from plain text (escaped): they match in linear time. */
const literals = new WeakSet<RegExp>();

/**
 * Whether `re` is a plain-text query's (compileQuery without `regex`): safe
 * to run on the main thread, as its time grows with the text only. Any
 * other regex may backtrack without end and runs in the regex Worker.
 */
export function isLiteralQuery(re: RegExp): boolean {
  return literals.has(re);
}

/** A RegExp for the query (null when the query is empty), or the reason a regex does not compile. */
export function compileQuery(query: string, regex: boolean, caseSensitive: boolean): CompiledQuery {
  if (query === '') return { ok: true, re: null };
  const flags = caseSensitive ? 'u' : 'iu';
  try {
    const re = new RegExp(regex ? query : escapeRegExp(query), flags);
    if (!regex) literals.add(re);
    return { ok: true, re };
  } catch (e) {
    // Without the u flag some patterns people type (e.g. "\-") are legal; try again before failing.
    if (regex) {
      try {
        return { ok: true, re: new RegExp(query, caseSensitive ? '' : 'i') };
      } catch {
        // fall through to the first error, which is the more precise one
      }
    }
    return { ok: false, error: e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e) };
  }
}

/** Whether the filter hides anything or has a query. */
export function isFilterActive(f: TimelineFilter): boolean {
  return (
    f.timeRange !== undefined ||
    f.query !== '' ||
    !f.directions.in ||
    !f.directions.out ||
    !f.kinds.open ||
    !f.kinds.message ||
    !f.kinds.error ||
    !f.kinds.close ||
    !f.kinds.note ||
    !f.payloads.text ||
    !f.payloads.json ||
    !f.payloads.binary
  );
}

/** Ranges [start, end) of every match of `re` in `text`, at most `max` (empty matches skipped). */
export function matchRanges(text: string, re: RegExp, max = 50): Array<[number, number]> {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const out: Array<[number, number]> = [];
  for (let m = g.exec(text); m && out.length < max; m = g.exec(text)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
