import { describe, expect, it } from 'vitest';
import { hasSecretValues, textWithoutSecrets, variableNameError } from './environments';
import { flowFileName } from './flow-file';

describe('environments in the panel', () => {
  it('checks variable names as the flow format does', () => {
    expect(variableNameError('base')).toBeUndefined();
    expect(variableNameError('a.b-c_1')).toBeUndefined();
    expect(variableNameError('')).toMatch(/needs a name/);
    expect(variableNameError('1x')).toMatch(/starting with a letter/);
  });

  it('empties secret values for storage and keeps every other text as it is', () => {
    const doc = { version: 'sockpit-flow/1', environments: [{ name: 'local', variables: { base: { value: 'ws://x' }, token: { value: 'abc', secret: true } } }] };
    const stored = JSON.parse(textWithoutSecrets(JSON.stringify(doc))) as typeof doc;
    expect(stored.environments[0]?.variables).toEqual({ base: { value: 'ws://x' }, token: { value: '', secret: true } });
    expect(hasSecretValues(doc.environments)).toBe(true);
    expect(hasSecretValues(stored.environments)).toBe(false);
    const typing = '{"environments": [{"name": "x", "variables": {"t": {"value": "abc", "secret": true}}}';
    expect(textWithoutSecrets(typing)).toBe(typing);
    const none = '{\n  "name": "kept as typed"\n}';
    expect(textWithoutSecrets(none)).toBe(none);
  });

  it('names export files after the flow', () => {
    expect(flowFileName('Echo capture')).toBe('echo-capture.sockpit-flow.json');
    expect(flowFileName('  Ünïcode / slashes! ')).toBe('unicode-slashes.sockpit-flow.json');
    expect(flowFileName('???')).toBe('flow.sockpit-flow.json');
  });
});
