/** A row's text cut into plain and matched parts, for <mark>ing what the filter found. */
export type TextPart = { text: string; match: boolean };

export function splitMatches(text: string, re: RegExp | null, max = 50): TextPart[] {
  if (!re || text === '') return [{ text, match: false }];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const parts: TextPart[] = [];
  let last = 0;
  let found = 0;
  for (let m = g.exec(text); m && found < max; m = g.exec(text)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    if (m.index > last) parts.push({ text: text.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
    found++;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/** The text cut at the given match ranges (sorted, not overlapping, as a regex finds them). */
export function partsFromRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): TextPart[] {
  if (ranges.length === 0) return [{ text, match: false }];
  const parts: TextPart[] = [];
  let last = 0;
  for (const [a, b] of ranges) {
    if (a < last || b > text.length || b <= a) continue;
    if (a > last) parts.push({ text: text.slice(last, a), match: false });
    parts.push({ text: text.slice(a, b), match: true });
    last = b;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/** Tag colours of connections in a merged view, by position. */
export const TAG_COLORS = [
  { border: 'border-l-sky-400', pill: 'bg-sky-900/80 text-sky-100' },
  { border: 'border-l-amber-400', pill: 'bg-amber-900/80 text-amber-100' },
  { border: 'border-l-fuchsia-400', pill: 'bg-fuchsia-900/80 text-fuchsia-100' },
  { border: 'border-l-lime-400', pill: 'bg-lime-900/80 text-lime-100' },
  { border: 'border-l-rose-400', pill: 'bg-rose-900/80 text-rose-100' },
  { border: 'border-l-teal-400', pill: 'bg-teal-900/80 text-teal-100' },
  { border: 'border-l-violet-400', pill: 'bg-violet-900/80 text-violet-100' },
  { border: 'border-l-orange-400', pill: 'bg-orange-900/80 text-orange-100' },
] as const;
