import { describe, expect, it } from 'vitest';
import type { DecodedMessage } from '../decode/types';
import { editDistance, jsonDifferences, textDifference } from './diff';
import { expandVariables, referencedVariables } from './expand';
import { parseJsonPath, readJsonPath } from './json-path';
import { applyCapture, closerThan, describeExpectation, evaluateMatcher, expandMatcher, matchMessage, VariableError } from './matchers';
import type { MessageView } from './matchers';
import { checkAgainstSchema, schemaError } from './schema';
import { flowForExport, maskSecrets, resolveVariables } from './environments';

const msg = (text: string): MessageView => ({ direction: 'in', text });
const fixed = { now: () => 1_700_000_000_123, uuid: () => 'u-u-i-d', random: () => 2 ** 32 + 5 };

describe('variables', () => {
  it('expands names, built-ins and the \\{{ escape; reports unknown names', () => {
    expect(expandVariables('id={{ id }} t={{timestamp}} {{uuid}} {{random}} {{user}}', { id: '7' }, fixed)).toEqual({ ok: true, text: 'id=7 t=1700000000123 u-u-i-d 5 0' });
    expect(expandVariables('\\{{id}} {{id}}', { id: 'x' })).toEqual({ ok: true, text: '{{id}} x' });
    expect(expandVariables('{{a}}{{b}}{{a}}', {})).toEqual({ ok: false, unknown: ['a', 'b'] });
    expect(expandVariables('{{user}}', { user: '3' })).toEqual({ ok: true, text: '3' });
    expect(expandVariables('{ {x} } {{ not a var }}', {})).toEqual({ ok: true, text: '{ {x} } {{ not a var }}' });
    expect(referencedVariables('{{a}} \\{{b}} {{c.d}}')).toEqual(['a', 'c.d']);
  });

  it('expands matchers but leaves schemas as written', () => {
    expect(expandMatcher({ path: '$.{{k}}', equals: { v: '{{v}}' } }, { k: 'a', v: '1' })).toEqual({ path: '$.a', equals: { v: '1' } });
    const schema = { schema: { const: '{{v}}' } };
    expect(expandMatcher(schema, { v: '1' })).toBe(schema);
    expect(() => expandMatcher({ contains: '{{nope}}' }, {})).toThrow(VariableError);
  });

  it('resolves environments and --var in order, and masks secrets', () => {
    const doc = { variables: { host: 'a', port: '1' }, environments: [{ name: 'staging', variables: { host: { value: 'b' }, token: { value: 's3cret', secret: true } } }] };
    const r = resolveVariables(doc, 'staging', { port: '2' });
    expect(r).toEqual({ ok: true, variables: { host: 'b', port: '2', token: 's3cret' }, secrets: ['token'] });
    expect(resolveVariables(doc, 'prod')).toEqual({ ok: false, error: 'unknown environment "prod": this flow has "staging"' });
    expect(maskSecrets('auth s3cret', { token: 's3cret' }, ['token'])).toBe('auth ••••');
    const exported = flowForExport({ version: 'sockpit-flow/1', name: 'x', connections: [], steps: [], environments: doc.environments });
    expect(exported.environments?.[0]?.variables.token).toEqual({ value: '', secret: true });
    expect(exported.environments?.[0]?.variables.host).toEqual({ value: 'b' });
  });
});

describe('JSON paths', () => {
  it('reads own properties and indexes, and refuses bad paths', () => {
    const v = { a: [{ b: 1 }, { 'odd key': 2 }] };
    const p = (s: string) => {
      const r = parseJsonPath(s);
      if (!r.ok) throw new Error(r.error);
      return r.segments;
    };
    expect(readJsonPath(v, p('$.a[0].b'))).toBe(1);
    expect(readJsonPath(v, p('a[1]["odd key"]'))).toBe(2);
    expect(readJsonPath(v, p('$'))).toBe(v);
    expect(readJsonPath({}, p('constructor'))).toBeUndefined();
    expect(parseJsonPath('$.a[x]')).toMatchObject({ ok: false });
    expect(parseJsonPath('')).toMatchObject({ ok: false });
  });
});

describe('matchers', () => {
  const tick = msg('{"type":"tick","seq":3,"price":12.5,"tags":["a"]}');

  it('contains, equals, regex', () => {
    expect(evaluateMatcher({ contains: 'tick' }, tick).ok).toBe(true);
    expect(evaluateMatcher({ contains: 'tock' }, tick)).toEqual({ ok: false, difference: 'does not contain "tock"' });
    expect(evaluateMatcher({ equals: 'hello' }, msg('hello')).ok).toBe(true);
    expect(evaluateMatcher({ equals: 'hello world' }, msg('hello word')).difference).toBe('after "hello wor": - "l" + "", then "d"');
    expect(evaluateMatcher({ regex: '^HEL', flags: 'i' }, msg('hello')).ok).toBe(true);
    expect(evaluateMatcher({ regex: '^x' }, msg('hello')).ok).toBe(false);
    expect(evaluateMatcher({ contains: 'a' }, { direction: 'in' }).difference).toBe('a binary message, not text');
  });

  it('JSON path equals, exists, matches', () => {
    expect(evaluateMatcher({ path: '$.seq', equals: 3 }, tick).ok).toBe(true);
    expect(evaluateMatcher({ path: '$.seq', equals: 4 }, tick)).toEqual({ ok: false, difference: '$.seq: expected 4, got 3' });
    expect(evaluateMatcher({ path: '$.tags', equals: ['a'] }, tick).ok).toBe(true);
    expect(evaluateMatcher({ path: '$', equals: { type: 'tock', seq: 3 } }, tick).difference).toBe('$.type: expected "tock", got "tick"');
    expect(evaluateMatcher({ path: '$.price', exists: true }, tick).ok).toBe(true);
    expect(evaluateMatcher({ path: '$.nope' }, tick)).toEqual({ ok: false, difference: '$.nope: missing' });
    expect(evaluateMatcher({ path: '$.seq', exists: false }, tick).difference).toBe('$.seq: present (3), expected absent');
    expect(evaluateMatcher({ path: '$.price', matches: '^12\\.' }, tick).ok).toBe(true);
    expect(evaluateMatcher({ path: '$.type', matches: '^x' }, tick).difference).toBe('$.type: tick does not match /^x/');
    expect(evaluateMatcher({ path: '$.a', exists: true }, msg('not json')).difference).toBe('not JSON');
  });

  it('JSON Schema, by a validator that generates no code', () => {
    const schema = { type: 'object', required: ['seq'], properties: { seq: { type: 'integer', minimum: 1 }, type: { const: 'tick' } } };
    expect(schemaError(schema)).toBeUndefined();
    expect(evaluateMatcher({ schema }, tick).ok).toBe(true);
    const r = evaluateMatcher({ schema }, msg('{"type":"tick","seq":0}'));
    expect(r.ok).toBe(false);
    expect(r.difference).toContain('#/seq');
    expect(checkAgainstSchema({ type: 'string' }, 3)).toMatchObject({ ok: false });
  });

  it('decoded fields, as the filter reads a lens\'s keys', () => {
    const decoded: DecodedMessage[] = [{ protocol: 'Socket.IO', type: 'EVENT', summary: 'event "chat"', fields: [], keys: [['event', 'chat'], ['namespace', '/']] }];
    const m: MessageView = { direction: 'in', text: '42["chat","hi"]', decoded };
    expect(evaluateMatcher({ field: 'event', equals: 'chat' }, m).ok).toBe(true);
    expect(evaluateMatcher({ field: 'type', equals: 'EVENT' }, m).ok).toBe(true);
    expect(evaluateMatcher({ field: 'namespace', matches: '^/' }, m).ok).toBe(true);
    expect(evaluateMatcher({ field: 'event', equals: 'chat2' }, m).ok).toBe(false);
    expect(evaluateMatcher({ field: 'room' }, m).difference).toBe('no decoded field "room"');
    expect(evaluateMatcher({ field: 'event' }, msg('x')).difference).toBe('not decoded by a lens');
  });

  it('ranks near misses: more matchers held, then the smaller edit distance', () => {
    const ms = [{ contains: 'hello' }, { regex: 'world$' }];
    const a = matchMessage(ms, msg('hello there'));
    const b = matchMessage(ms, msg('goodbye world'));
    const c = matchMessage(ms, msg('hello world'));
    expect([a.satisfied, b.satisfied, c.ok]).toEqual([1, 1, true]);
    const x = matchMessage([{ equals: 'abc' }], msg('abd'));
    const y = matchMessage([{ equals: 'abc' }], msg('xyz'));
    expect(closerThan(x, y)).toBe(true);
    expect(closerThan(y, x)).toBe(false);
    expect(describeExpectation([{ path: '$.type', equals: 'tick' }, { path: '$.seq', exists: true }], true)).toBe(
      'the next received message where $.type equals "tick" and $.seq exists',
    );
  });
});

describe('captures', () => {
  it('takes a JSON path value or a regex group', () => {
    const m = msg('{"id":"abc","n":4,"o":{"k":1}} id=77');
    expect(applyCapture({ var: 'x', path: '$.id' }, msg('{"id":"abc"}'))).toEqual({ ok: true, value: 'abc' });
    expect(applyCapture({ var: 'x', path: '$.n' }, msg('{"n":4}'))).toEqual({ ok: true, value: '4' });
    expect(applyCapture({ var: 'x', path: '$.o' }, msg('{"o":{"k":1}}'))).toEqual({ ok: true, value: '{"k":1}' });
    expect(applyCapture({ var: 'x', regex: 'id=(\\d+)' }, m)).toEqual({ ok: true, value: '77' });
    expect(applyCapture({ var: 'x', regex: 'id=(?<num>\\d+)', group: 'num' }, m)).toEqual({ ok: true, value: '77' });
    expect(applyCapture({ var: 'x', regex: 'id=\\d+' }, m)).toEqual({ ok: true, value: 'id=77' });
    expect(applyCapture({ var: 'x', path: '$.missing' }, msg('{}'))).toEqual({ ok: false, error: 'cannot capture x: $.missing is missing' });
    expect(applyCapture({ var: 'x', regex: 'zz(\\d)' }, m)).toMatchObject({ ok: false });
    expect(applyCapture({ var: 'x', path: '$.a' }, msg('nope'))).toMatchObject({ ok: false });
  });
});

describe('differences', () => {
  it('edit distance, JSON paths that differ, a short text diff', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(jsonDifferences({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3] }, extra: true })).toEqual([{ path: '$.b.c[1]', expected: 2, actual: 3 }]);
    expect(jsonDifferences({ a: 1 }, {})).toEqual([{ path: '$.a', expected: 1, actual: undefined }]);
    expect(textDifference('abcdef', 'abXdef')).toBe('after "ab": - "c" + "X", then "def"');
  });
});
