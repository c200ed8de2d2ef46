import { describe, expect, it } from 'vitest';
import { looksLikeJson, startsLikeJson } from './json-detect';

describe('looksLikeJson', () => {
  it('accepts objects and arrays, with surrounding blanks', () => {
    expect(looksLikeJson('{"a":1}')).toBe(true);
    expect(looksLikeJson('  [1, 2]\n')).toBe(true);
    expect(looksLikeJson(' {"a":1} ')).toBe(true);
    expect(looksLikeJson('{}')).toBe(true);
  });
  it('rejects scalars, plain text and mismatched or missing brackets', () => {
    expect(looksLikeJson('42')).toBe(false);
    expect(looksLikeJson('"s"')).toBe(false);
    expect(looksLikeJson('hello')).toBe(false);
    expect(looksLikeJson('{]')).toBe(false);
    expect(looksLikeJson('{"a":1')).toBe(false);
    expect(looksLikeJson('{')).toBe(false);
    expect(looksLikeJson('')).toBe(false);
  });
});

describe('startsLikeJson', () => {
  it('is true when the first non-blank character opens an object or array', () => {
    expect(startsLikeJson('  \n{')).toBe(true);
    expect(startsLikeJson('[x')).toBe(true);
    expect(startsLikeJson('hello {')).toBe(false);
    expect(startsLikeJson('42')).toBe(false);
    expect(startsLikeJson('')).toBe(false);
  });
});
