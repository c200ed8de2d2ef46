import { describe, expect, it } from 'vitest';
import { MAX_FIELD_CHILDREN, preview, valueFields } from './fields';

describe('valueFields', () => {
  it('JSON values: unchanged behaviour', () => {
    expect(valueFields(JSON.parse('{"a":1,"b":[true,null],"c":{"d":"x"}}'))).toEqual([
      { name: 'a', value: 1 },
      { name: 'b', note: '2 items', children: [{ name: '0', value: true }, { name: '1', value: null }] },
      { name: 'c', note: '1 key', children: [{ name: 'd', value: 'x' }] },
    ]);
    expect(valueFields(5)).toEqual([{ name: 'value', value: 5 }]);
    const many = valueFields(Array.from({ length: MAX_FIELD_CHILDREN + 3 }, (_, i) => i));
    expect(many).toHaveLength(MAX_FIELD_CHILDREN + 1);
    expect(many.at(-1)).toEqual({ name: '…', note: '3 more' });
  });
  it('Map keys that are not strings are named by their text', () => {
    const m = new Map<unknown, unknown>([
      [1, 'a'],
      [null, 'b'],
      [new Uint8Array([10, 11]), 'c'],
      [[1, 2], 'd'],
    ]);
    expect(valueFields(m).map((f) => f.name)).toEqual(['1', 'null', "h'0a0b'", '[1,2]']);
    expect(preview(m)).toBe(`{"1":"a","null":"b","h'0a0b'":"c","[1,2]":"d"}`);
  });
  it('annotate: a leaf with a note, or a wrapper around a container', () => {
    class Wrap {
      constructor(readonly inner: unknown) {}
    }
    const annotate = (v: unknown) => (v instanceof Wrap ? { note: 'wrapped', inner: v.inner } : v === 'secret' ? { value: '***', note: 'hidden' } : undefined);
    expect(valueFields({ a: new Wrap([1]), b: 'secret', c: new Wrap(new Wrap(2)) }, annotate)).toEqual([
      { name: 'a', note: 'wrapped · 1 item', children: [{ name: '0', value: 1 }] },
      { name: 'b', value: '***', note: 'hidden' },
      { name: 'c', value: 2, note: 'wrapped · wrapped' },
    ]);
    expect(valueFields(new Wrap({ x: 1 }), annotate)).toEqual([{ name: 'value', note: 'wrapped · 1 key', children: [{ name: 'x', value: 1 }] }]);
  });
});
