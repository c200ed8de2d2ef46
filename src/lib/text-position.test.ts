import { describe, expect, it } from 'vitest';
import { positionAt } from './text-position';

describe('positionAt', () => {
  it('counts lines and 1-based columns', () => {
    expect(positionAt('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('abc', 3)).toEqual({ line: 1, column: 4 });
    expect(positionAt('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
  });
  it('treats \\r\\n as one line break and a lone \\r as one', () => {
    expect(positionAt('a\r\nb', 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt('a\rb', 2)).toEqual({ line: 2, column: 1 });
  });
  it('counts a surrogate pair as one column, a lone surrogate as one', () => {
    expect(positionAt('😀x', 2)).toEqual({ line: 1, column: 2 });
    expect(positionAt('\uD800x', 1)).toEqual({ line: 1, column: 2 });
  });
  it('clamps offsets past the end', () => {
    expect(positionAt('ab', 10)).toEqual({ line: 1, column: 3 });
  });
});
