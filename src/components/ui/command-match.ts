/**
 * Which commands a palette query matches, best first. Case-insensitive;
 * every word of the query must occur in the title. Titles that start with
 * the query come first, then titles where every word starts a word, then
 * the rest; enabled before disabled; otherwise in registry order.
 */
export interface Matchable {
  title: string;
  disabledReason?: string | undefined;
}

function wordsOf(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** Whether `word` occurs in `title` at the start of one of its words. */
function startsAWord(title: string, word: string): boolean {
  for (let at = title.indexOf(word); at >= 0; at = title.indexOf(word, at + 1)) {
    if (!isWordChar(title[at - 1]) || !isWordChar(word[0])) return true;
  }
  return false;
}

/** 0: prefix, 1: every word starts a word, 2: every word is in the title; null: no match. */
export function matchRank(title: string, query: string): number | null {
  const words = wordsOf(query);
  const t = title.toLowerCase();
  if (!words.every((w) => t.includes(w))) return null;
  if (words.length === 0 || t.startsWith(words.join(' '))) return 0;
  return words.every((w) => startsAWord(t, w)) ? 1 : 2;
}

export function matchCommands<T extends Matchable>(items: readonly T[], query: string): T[] {
  const ranked: { item: T; rank: number; index: number }[] = [];
  items.forEach((item, index) => {
    const rank = matchRank(item.title, query);
    if (rank !== null) ranked.push({ item, rank: rank + (item.disabledReason === undefined ? 0 : 10), index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.map((r) => r.item);
}
