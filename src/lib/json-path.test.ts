import { describe, expect, it } from 'vitest';
import { childPath, formatPath, parsePath, readPath } from './json-path';

describe('JSON paths', () => {
  it('names paths with dots, brackets and quoted odd keys (the inspector)', () => {
    expect(childPath('$', 'id')).toBe('$.id');
    expect(childPath('$.a', 3)).toBe('$.a[3]');
    expect(childPath('$', 'odd key')).toBe('$["odd key"]');
    expect(childPath('$', '__proto__')).toBe('$.__proto__');
    expect(formatPath(['result', 'items', 0, 'a"b'])).toBe('$.result.items[0]["a\\"b"]');
  });

  it('reads back every path the inspector writes', () => {
    const doc = { result: { items: [{ 'a"b': 1, 'odd key': [true, null] }] }, $x: 'dollar' };
    const cases: [readonly (string | number)[], unknown][] = [
      [['result', 'items', 0, 'a"b'], 1],
      [['result', 'items', 0, 'odd key', 1], null],
      [['$x'], 'dollar'],
    ];
    for (const [segments, value] of cases) {
      const parsed = parsePath(formatPath(segments));
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parsed.segments).toEqual(segments);
      expect(readPath(doc, parsed.segments)).toBe(value);
    }
  });

  it('reads own properties only', () => {
    const parsed = parsePath('$.constructor');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(readPath({}, parsed.segments)).toBeUndefined();
  });
});
