import { describe, expect, it } from 'vitest';
import { environmentProblems, expandWithEnvironment, maskValues, secretValuesOf, secretVariablesOf, SECRET_MASK, templateSecrets, unknownVariablesError } from './environments';
import type { Environment } from './environments';
import { isVariableReference, maskUrl, stripSecrets, withoutSecretsForStorage } from './secrets';

const fixed = { now: () => 1_700_000_000_000, uuid: () => 'u-1', random: () => 7 };
const local: Environment = { name: 'local', variables: { host: { value: '127.0.0.1:8787' }, token: { value: 's3cret-value', secret: true }, timestamp: { value: 'mine' } } };

describe('expandWithEnvironment', () => {
  it('fills variables of the environment, the built-ins and extra values, and masks secrets in what is shown', () => {
    const e = expandWithEnvironment('ws://{{host}}/echo?token={{ token }}&n={{counter}}&t={{isoTime}}&id={{uuid}}', local, { extra: { counter: '3' }, builtins: fixed });
    expect(e).toEqual({
      ok: true,
      text: 'ws://127.0.0.1:8787/echo?token=s3cret-value&n=3&t=2023-11-14T22:13:20.000Z&id=u-1',
      shown: `ws://127.0.0.1:8787/echo?token=${SECRET_MASK}&n=3&t=2023-11-14T22:13:20.000Z&id=u-1`,
      used: ['host', 'token', 'counter', 'isoTime', 'uuid'],
    });
  });

  it('shows the same uuid and random values it sends', () => {
    let n = 0;
    const e = expandWithEnvironment('{{uuid}} {{uuid}} {{token}}', local, { builtins: { ...fixed, uuid: () => `u-${++n}` } });
    expect(e).toMatchObject({ ok: true, text: 'u-1 u-2 s3cret-value', shown: `u-1 u-2 ${SECRET_MASK}` });
  });

  it('lets an environment variable win over a built-in and an extra value of the same name', () => {
    expect(expandWithEnvironment('{{timestamp}}', local, { extra: { timestamp: 'x' }, builtins: fixed })).toMatchObject({ ok: true, text: 'mine' });
  });

  it('names unknown variables, with what the environment has, and replaces nothing', () => {
    const e = expandWithEnvironment('{{host}}/{{route}}/{{nope}}', local, { builtins: fixed });
    expect(e).toEqual({ ok: false, unknown: ['route', 'nope'], error: 'Unknown variables "route", "nope": environment "local" has "host", "token", "timestamp". Write \\{{ to keep braces as typed.' });
    expect(expandWithEnvironment('{{host}}', undefined)).toMatchObject({ ok: false, error: expect.stringContaining('Unknown variable "host": no environment is chosen') });
  });

  it('keeps text without braces as it is, and \\{{ as literal braces', () => {
    expect(expandWithEnvironment('plain', undefined)).toEqual({ ok: true, text: 'plain', shown: 'plain', used: [] });
    expect(expandWithEnvironment('\\{{host}} {{host}}', local, { builtins: fixed })).toMatchObject({ ok: true, text: '{{host}} 127.0.0.1:8787' });
  });

  it('words a single unknown variable of an environment without variables', () => {
    expect(unknownVariablesError(['x'], { name: 'empty', variables: {} })).toBe('Unknown variable "x": environment "empty" has no variables. Write \\{{ to keep braces as typed.');
  });
});

describe('secret values', () => {
  it('lists the secret values worth masking, longest first, and masks them in text', () => {
    const envs: Environment[] = [local, { name: 'staging', variables: { a: { value: 'ab', secret: true }, b: { value: 's3cret-value-longer', secret: true }, c: { value: 'open' } } }];
    const values = secretValuesOf(envs);
    expect(values).toEqual(['s3cret-value-longer', 's3cret-value']);
    expect(maskValues('x s3cret-value-longer y s3cret-value open', values)).toBe(`x ${SECRET_MASK} y ${SECRET_MASK} open`);
  });

  it('finds the problems of a list of environments', () => {
    expect(environmentProblems([{ name: ' ', variables: {} }, local, { name: 'local', variables: { '1x': { value: '' } } }])).toEqual([
      'Environment 1 needs a name',
      'Two environments are named "local"',
      'local: variable "1x": Letters, digits, _ . - (starting with a letter or _)',
    ]);
  });
});

describe('URLs with {{references}} (lib/secrets.ts)', () => {
  it('treats a credential parameter whose value is only a reference as no secret: shown and stored as typed', () => {
    expect(isVariableReference('{{token}}')).toBe(true);
    expect(isVariableReference('{{user}}:{{pass}}')).toBe(true);
    expect(isVariableReference('abc{{token}}')).toBe(false);
    const url = 'wss://{{user}}:{{pass}}@{{host}}/ws?token={{token}}&key=raw';
    expect(maskUrl(url)).toBe('wss://{{user}}:{{pass}}@{{host}}/ws?token={{token}}&key=•••');
    expect(stripSecrets(url)).toBe('wss://{{user}}:{{pass}}@{{host}}/ws?token={{token}}&key=');
    expect(withoutSecretsForStorage({ url: 'ws://{{host}}/?token={{token}}' })).toEqual({ url: 'ws://{{host}}/?token={{token}}' });
  });
});

describe('secret variables for recording', () => {
  it('lists secret values of 3+ characters, longest first, named by the active environment where two share one', () => {
    const envs: Environment[] = [
      { name: 'staging', variables: { key: { value: 'abc123', secret: true }, host: { value: 'h' }, pin: { value: '12', secret: true } } },
      { name: 'local', variables: { apiKey: { value: 'abc123', secret: true }, long: { value: 'longer-secret', secret: true } } },
    ];
    expect(secretVariablesOf(envs, 'local')).toEqual([
      { name: 'long', value: 'longer-secret' },
      { name: 'apiKey', value: 'abc123' },
    ]);
    expect(secretVariablesOf(envs, 'staging')[1]).toEqual({ name: 'key', value: 'abc123' });
  });

  it('templateSecrets escapes {{ and names the secret', () => {
    expect(templateSecrets('x {{y}} abc123', [{ name: 'k', value: 'abc123' }])).toBe('x \\{{y}} {{k}}');
    expect(templateSecrets('plain', [])).toBe('plain');
  });
});
