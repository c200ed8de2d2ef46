import { describe, expect, it } from 'vitest';
import { partsFromRanges, splitMatches } from './highlight';

describe('splitMatches', () => {
  it('cuts text around every match', () => {
    expect(splitMatches('say hello, Hello!', /hello/i)).toEqual([
      { text: 'say ', match: false },
      { text: 'hello', match: true },
      { text: ', ', match: false },
      { text: 'Hello', match: true },
      { text: '!', match: false },
    ]);
  });
  it('returns the text whole without a query, and skips empty matches', () => {
    expect(splitMatches('abc', null)).toEqual([{ text: 'abc', match: false }]);
    expect(splitMatches('abc', /x*/)).toEqual([{ text: 'abc', match: false }]);
  });
  it('the parts always join back to the text', () => {
    const text = '{"seq":12,"seq":123}';
    expect(splitMatches(text, /seq":\d+/).map((p) => p.text).join('')).toBe(text);
  });
});

describe('partsFromRanges', () => {
  it('cuts the text as splitMatches does, from ranges found elsewhere (the highlight Worker)', () => {
    const text = 'alpha beta alpha';
    expect(partsFromRanges(text, [[0, 5], [11, 16]])).toEqual(splitMatches(text, /alpha/));
    expect(partsFromRanges(text, [])).toEqual([{ text, match: false }]);
  });

  it('ignores ranges that overlap, go backwards or past the end', () => {
    expect(partsFromRanges('abcdef', [[1, 3], [2, 4], [5, 9], [4, 4]])).toEqual([
      { text: 'a', match: false },
      { text: 'bc', match: true },
      { text: 'def', match: false },
    ]);
  });
});
