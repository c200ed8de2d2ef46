import { describe, expect, it } from 'vitest';
import { describeLoneSurrogates, findLoneSurrogates } from './lone-surrogates';

describe('findLoneSurrogates', () => {
  it('finds nothing in well-formed text, pairs included', () => {
    expect(findLoneSurrogates('')).toBeNull();
    expect(findLoneSurrogates('héllo 😀 \uD83D\uDE00')).toBeNull();
  });

  it('reports the first lone high surrogate with its position and the bytes that go out', () => {
    const r = findLoneSurrogates('abc\uD800d');
    expect(r).toEqual({ count: 1, first: { offset: 3, codeUnit: 'U+D800', line: 1, column: 4 }, bytesAround: '61 62 63 [EF BF BD] 64' });
    expect(r && describeLoneSurrogates(r)).toBe('Lone surrogate U+D800 at line 1, column 4 is sent as EF BF BD (U+FFFD): 61 62 63 [EF BF BD] 64');
  });

  it('finds a lone low surrogate and counts every lone one', () => {
    const r = findLoneSurrogates('x\n\uDC00\uD800');
    expect(r?.count).toBe(2);
    expect(r?.first).toEqual({ offset: 2, codeUnit: 'U+DC00', line: 2, column: 1 });
    expect(r && describeLoneSurrogates(r)).toMatch(/^Lone surrogate U\+DC00 at line 2, column 1 \(and 1 more\) is sent as EF BF BD/);
  });

  it('shows whole neighbouring characters, pairs not split, and matches what TextEncoder sends', () => {
    const text = '😀\uD800é';
    const r = findLoneSurrogates(text);
    expect(r?.bytesAround).toBe('F0 9F 98 80 [EF BF BD] C3 A9');
    const sent = Array.from(new TextEncoder().encode(text), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    expect(sent).toBe('F0 9F 98 80 EF BF BD C3 A9');
  });
});
