import { describe, expect, it } from 'vitest';
import { splitMatches } from './highlight';

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
