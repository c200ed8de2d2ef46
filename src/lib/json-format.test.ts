import { describe, expect, it } from 'vitest';
import { formatJson, minifyJson } from './json-format';

const ok = (r: ReturnType<typeof formatJson>) => (r.ok ? r.text : `error ${r.error.offset}: ${r.error.message}`);

describe('formatJson / minifyJson', () => {
  it('indents by two spaces, one member per line, empty containers kept short', () => {
    expect(ok(formatJson('{"a":[1,2,{}],"b":{"c":[]}}'))).toBe('{\n  "a": [\n    1,\n    2,\n    {}\n  ],\n  "b": {\n    "c": []\n  }\n}');
  });

  it('minifies to no whitespace between tokens, and keeps whitespace inside strings', () => {
    expect(ok(minifyJson('{\n  "a b" : [ 1 , "x  y" ]\n}\n'))).toBe('{"a b":[1,"x  y"]}');
  });

  it('keeps numbers, escapes, key order and duplicate keys exactly as written', () => {
    const text = '{"z":12345678901234567890,"a":1.50E+3,"z":"\\u00e9\\/","k":-0}';
    expect(ok(minifyJson(text))).toBe(text);
    expect(ok(minifyJson(ok(formatJson(text))))).toBe(text);
    expect(ok(formatJson(text))).toContain('"z": 12345678901234567890,');
  });

  it('formats scalars as they are', () => {
    expect(ok(formatJson('  "x" '))).toBe('"x"');
    expect(ok(formatJson('1e5'))).toBe('1e5');
  });

  it('refuses invalid JSON with the position', () => {
    expect(formatJson('{"a":1,}')).toEqual({ ok: false, error: { offset: 7, message: 'expected a string key' } });
  });

  it('matches JSON.stringify for ordinary JSON', () => {
    const value = { a: [1, 'two', null, true, { b: false }], c: {}, d: [] };
    const text = JSON.stringify(value);
    expect(ok(formatJson(text))).toBe(JSON.stringify(value, null, 2));
  });
});
