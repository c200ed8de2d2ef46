import { describe, expect, it } from 'vitest';
import { scanJson } from './json-scan';

const error = (text: string) => {
  const r = scanJson(text, false);
  return r.ok ? null : r.error;
};

describe('scanJson', () => {
  it('accepts every kind of JSON value, at any depth', () => {
    for (const t of ['{}', '[]', '0', '-0.5e+10', '"a\\u00e9\\n"', 'true', 'false', 'null', ' {"a":[1,{"b":null}],"a":2} ', '[[[[[[[[[[1]]]]]]]]]]']) {
      expect(scanJson(t).ok, t).toBe(true);
    }
    expect(scanJson('['.repeat(100_000) + ']'.repeat(100_000)).ok).toBe(true);
  });

  it('agrees with JSON.parse on what is JSON', () => {
    const samples = ['{"a":1,}', '[1,]', '01', '1.', '.5', '-', '+1', '1e', '"\\x"', "'a'", 'nul', '{"a" 1}', '{a:1}', '[1 2]', '"a\tb"', '{}{}', '', '  ', '1 2', '"\\u12"', '[-01]', '{"a":1}', '2e-3', '"\\/"'];
    for (const t of samples) {
      let parses = true;
      try {
        JSON.parse(t);
      } catch {
        parses = false;
      }
      expect(scanJson(t).ok, t).toBe(parses);
    }
  });

  it('points at the exact character with a message', () => {
    expect(error('{"a": 1,\n "b": 2\n "c": 3}')).toEqual({ offset: 18, message: 'expected , or }' });
    expect(error('[1 2]')).toEqual({ offset: 3, message: 'expected , or ]' });
    expect(error('{"a" 1}')).toEqual({ offset: 5, message: 'expected :' });
    expect(error('{"a":1,}')).toEqual({ offset: 7, message: 'expected a string key' });
    expect(error('{a:1}')).toEqual({ offset: 1, message: 'expected a string key or }' });
    expect(error('[1,]')).toEqual({ offset: 3, message: 'expected a value' });
    expect(error('[')).toEqual({ offset: 1, message: 'expected a value or ]' });
    expect(error('{"a":')).toEqual({ offset: 5, message: 'expected a value' });
    expect(error('{} x')).toEqual({ offset: 3, message: 'expected the end of the text after the JSON value' });
  });

  it('explains numbers, strings and escapes', () => {
    expect(error('[01]')).toEqual({ offset: 2, message: 'a number cannot have leading zeros' });
    expect(error('[1.]')).toEqual({ offset: 3, message: 'expected a digit after .' });
    expect(error('[1e+]')).toEqual({ offset: 4, message: 'expected a digit in the exponent' });
    expect(error('[-x]')).toEqual({ offset: 2, message: 'expected a digit' });
    expect(error('["ab')).toEqual({ offset: 4, message: 'unterminated string: expected "' });
    expect(error('["a\\q"]')).toEqual({ offset: 3, message: 'invalid escape \\q' });
    expect(error('["\\u12x4"]')).toEqual({ offset: 6, message: 'expected 4 hex digits after \\u' });
    expect(error('["a\u0001"]')).toEqual({ offset: 3, message: 'control character U+0001 in a string: escape it' });
    expect(error('["a\nb"]')?.offset).toBe(3);
  });

  it('gives tokens as slices of the source', () => {
    const text = '{"n": 12345678901234567890}';
    const r = scanJson(text);
    expect(r.ok && r.tokens.map((t) => [t.type, text.slice(t.start, t.end)])).toEqual([
      ['punct', '{'],
      ['string', '"n"'],
      ['punct', ':'],
      ['number', '12345678901234567890'],
      ['punct', '}'],
    ]);
  });
});

