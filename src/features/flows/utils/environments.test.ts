import { describe, expect, it } from 'vitest';
import { hasSecretValues, joinSecrets, splitSecrets, variableNameError } from './environments';
import { flowFileName } from './flow-file';

describe('environments in the panel', () => {
  it('checks variable names as the flow format does', () => {
    expect(variableNameError('base')).toBeUndefined();
    expect(variableNameError('a.b-c_1')).toBeUndefined();
    expect(variableNameError('')).toMatch(/needs a name/);
    expect(variableNameError('1x')).toMatch(/starting with a letter/);
  });

  it('keeps secret values apart from the flow and puts them back', () => {
    const doc = { version: 'sockpit-flow/1', environments: [{ name: 'local', variables: { base: { value: 'ws://x' }, token: { value: 'abc', secret: true } } }] };
    const split = splitSecrets(doc);
    expect(split.changed).toBe(true);
    expect(split.secrets).toEqual({ local: { token: 'abc' } });
    const stored = split.doc as typeof doc;
    expect(stored.environments[0]?.variables).toEqual({ base: { value: 'ws://x' }, token: { value: '', secret: true } });
    expect(doc.environments[0]?.variables.token.value).toBe('abc');
    expect(hasSecretValues(doc.environments)).toBe(true);
    expect(hasSecretValues(stored.environments)).toBe(false);
    expect(joinSecrets(stored, split.secrets)).toEqual(doc);
    // Nothing secret, or no environments: the same object back.
    const plain = { name: 'x', environments: [{ name: 'a', variables: { v: { value: '1' } } }] };
    expect(splitSecrets(plain)).toEqual({ doc: plain, secrets: {}, changed: false });
    expect(joinSecrets(plain, { a: { v: '2' } })).toEqual(plain);
    expect(splitSecrets('text')).toEqual({ doc: 'text', secrets: {}, changed: false });
  });

  it('names export files after the flow', () => {
    expect(flowFileName('Echo capture')).toBe('echo-capture.sockpit-flow.json');
    expect(flowFileName('  Ünïcode / slashes! ')).toBe('unicode-slashes.sockpit-flow.json');
    expect(flowFileName('???')).toBe('flow.sockpit-flow.json');
  });
});
