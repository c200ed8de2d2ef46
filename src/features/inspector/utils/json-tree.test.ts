import { describe, expect, it } from 'vitest';
import { isUnsafeNumber, lineColumn, nodeSummary, parseJson, prettyJson, treeRows } from './json-tree';
import type { JsonNode } from './json-tree';

function ok(text: string, limits?: Parameters<typeof parseJson>[1]) {
  const r = parseJson(text, limits);
  if (!r.ok) throw new Error(`expected valid JSON: ${r.error}`);
  return r;
}

/** Back to plain JS values, for comparing with JSON.parse (no prototype setters: defineProperty). */
function toValue(node: JsonNode | null): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) Object.defineProperty(o, e.key, { value: toValue(e.value), enumerable: true, writable: true, configurable: true });
      return o;
    }
    case 'array':
      return node.items.map(toValue);
    case 'string':
      return node.value;
    case 'number':
      return Number(node.raw);
    case 'boolean':
      return node.value;
    case 'null':
      return null;
    case 'deep':
      return { deep: node.raw };
  }
}

describe('parseJson', () => {
  it('agrees with JSON.parse on ordinary documents', () => {
    for (const text of [
      '{"type":"tick","seq":1,"time":"2026-11-24T05:25:26.596Z","symbol":"SOCK","price":123.27}',
      '[1, -2.5e3, 0, true, false, null, "x\\n\\"y\\" \\u00e9 \\ud83e\\udde6", {"a": [[]], "b": {}}]',
      ' \n\t{ "nested" : { "deeper" : [ 1 , 2 ] } } ',
      '"just a string"',
      '3.14',
    ]) {
      expect(toValue(ok(text).root)).toEqual(JSON.parse(text));
    }
  });

  it('keeps numbers as written, however large', () => {
    const r = ok('{"big":123456789012345678901234567890,"huge":1e400,"neg":-0.0}');
    const root = r.root;
    expect(root?.kind).toBe('object');
    if (root?.kind !== 'object') return;
    expect(root.entries.map((e) => e.value)).toEqual([
      { kind: 'number', raw: '123456789012345678901234567890' },
      { kind: 'number', raw: '1e400' },
      { kind: 'number', raw: '-0.0' },
    ]);
    expect(isUnsafeNumber('123456789012345678901234567890')).toBe(true);
    expect(isUnsafeNumber('1e400')).toBe(true);
    expect(isUnsafeNumber('9007199254740991')).toBe(false);
    expect(isUnsafeNumber('1.5')).toBe(false);
  });

  it('keeps __proto__ and constructor as ordinary keys and never touches a prototype', () => {
    const r = ok('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}');
    expect(r.root).toEqual({
      kind: 'object',
      entries: [
        { key: '__proto__', value: { kind: 'object', entries: [{ key: 'polluted', value: { kind: 'number', raw: '1' } }] } },
        {
          key: 'constructor',
          value: { kind: 'object', entries: [{ key: 'prototype', value: { kind: 'object', entries: [{ key: 'polluted', value: { kind: 'number', raw: '2' } }] } }] },
        },
      ],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keeps duplicate keys in order', () => {
    const r = ok('{"a":1,"a":2}');
    expect(r.root?.kind === 'object' && r.root.entries.map((e) => e.key)).toEqual(['a', 'a']);
  });

  it('survives 100,000 levels of nesting: the part past the depth limit stays raw text', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    const r = ok(text, { maxDepth: 100, maxNodes: 1000 });
    expect(r.depthLimited).toBe(true);
    let node = r.root;
    let levels = 0;
    while (node?.kind === 'array') {
      node = node.items[0] ?? null;
      levels++;
    }
    expect(levels).toBe(100);
    expect(node?.kind).toBe('deep');
    expect(node?.kind === 'deep' && node.raw.length).toBe(2 * (depth - 100));
  });

  it('reports an unclosed deep document as an error instead of crashing', () => {
    const r = parseJson('{"a":'.repeat(50_000));
    expect(r.ok).toBe(false);
  });

  it('builds no tree past the node budget, but still validates', () => {
    const text = JSON.stringify(Array.from({ length: 1000 }, (_, i) => i));
    const r = ok(text, { maxDepth: 10, maxNodes: 100 });
    expect(r.root).toBeNull();
    expect(parseJson(`${text.slice(0, -1)},]`, { maxDepth: 10, maxNodes: 100 }).ok).toBe(false);
  });

  it('gives the position, line and column of an error', () => {
    const r = parseJson('{\n  "a": 1,\n  "b": ,\n}');
    expect(r).toMatchObject({ ok: false, position: 19, line: 3, column: 8 });
    expect(!r.ok && r.error).toMatch(/Unexpected "," at position 19: expected a value/);
  });

  it('rejects what JSON.parse rejects', () => {
    for (const bad of ['{"a":1,}', '[1,]', '{a:1}', "{'a':1}", '[01]', '[1.]', '[.5]', '[-]', '["\\x"]', '["a\nb"]', '[1] x', '{"a" 1}', '[tru]', 'NaN', '', '[', '"open']) {
      expect(() => JSON.parse(bad), bad).toThrow();
      expect(parseJson(bad).ok, bad).toBe(false);
    }
  });

  it('lineColumn counts from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('prettyJson', () => {
  it('indents like JSON.stringify(…, null, 2)', () => {
    const text = '{"a":[1,2,{"b":null}],"c":{},"d":[],"e":"x, y: {z}"}';
    expect(prettyJson(text).text).toBe(JSON.stringify(JSON.parse(text), null, 2));
  });
  it('copies numbers and escapes as written', () => {
    expect(prettyJson('[1e400,"\\u0041\\"]"]').text).toBe('[\n  1e400,\n  "\\u0041\\"]"\n]');
  });
  it('caps indentation and output size for deep documents', () => {
    const text = '['.repeat(10_000) + ']'.repeat(10_000);
    const p = prettyJson(text, 2, 100_000, 8);
    expect(p.truncated).toBe(true);
    expect(p.text.length).toBe(100_000);
    expect(Math.max(...p.text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(17);
  });
});

describe('tree rows', () => {
  it('lists open containers depth first, and toggling collapses or opens one', () => {
    const root = ok('{"a":{"b":[1,{"c":{"d":1}}]},"e":2}').root;
    if (!root) throw new Error('no tree');
    const paths = treeRows(root, new Set()).map((r) => r.path);
    // Depth 3 ($.a.b[1]) starts closed.
    expect(paths).toEqual(['$', '$.a', '$.a.b', '$.a.b[0]', '$.a.b[1]', '$.e']);
    expect(treeRows(root, new Set(['$.a'])).map((r) => r.path)).toEqual(['$', '$.a', '$.e']);
    expect(treeRows(root, new Set(['$.a.b[1]'])).map((r) => r.path)).toContain('$.a.b[1].c');
  });

  it('summarises values on one line', () => {
    expect(nodeSummary({ kind: 'object', entries: [] })).toBe('{…} 0 keys');
    expect(nodeSummary({ kind: 'array', items: [{ kind: 'null' }] })).toBe('[…] 1 item');
    expect(nodeSummary({ kind: 'string', value: 'a"b' })).toBe('"a\\"b"');
    expect(nodeSummary({ kind: 'string', value: 'x'.repeat(300) }, 5)).toBe('"xxxxx…"');
  });
});
