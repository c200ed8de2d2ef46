import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { environmentsFromFlowsStorage, normalizeEnvironments, persistedEnvironments } from './environments-slice';
import { activeSecretValues, expandInEnvironment, FLOWS_STORAGE_KEY, repairEnvironments, setActiveEnvironment, setEnvironments } from './environment-actions';
import { checkConfig } from './actions';
import { STORAGE_KEY, useStore } from './store';
import { knownSecretValues, maskSecretValues } from '../lib/secret-values';

/** A flows store as features/flows/flow-store.ts wrote it before environments moved to the app's store. */
function flowsStorage(rememberSecrets: boolean): string {
  const doc = (envs: unknown) => JSON.stringify({ version: 'sockpit-flow/1', name: 'f', connections: [{ name: 'main', url: '{{base}}/echo' }], steps: [{ type: 'connect' }], environments: envs });
  return JSON.stringify({
    state: {
      flows: [
        { id: 'flow-a', name: 'A', text: doc([{ name: 'local', variables: { base: { value: 'ws://127.0.0.1:8787' }, token: { value: '', secret: true } } }]) },
        { id: 'flow-b', name: 'B', text: doc([{ name: 'local', variables: { base: { value: 'ws://other' }, route: { value: 'echo' } } }, { name: 'staging', variables: { base: { value: 'wss://staging.example' } } }]) },
        { id: 'flow-c', name: 'C', text: '{ not json' },
      ],
      ...(rememberSecrets ? { secrets: { 'flow-a': { local: { token: 'kept-token' } } } } : {}),
      rememberSecrets,
    },
    version: 1,
  });
}

const memory = new Map<string, string>();
const storage = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v), removeItem: (k: string) => void memory.delete(k) };

beforeEach(() => {
  memory.clear();
  vi.stubGlobal('localStorage', storage);
  useStore.setState({ environments: [], activeEnvironment: null, rememberEnvSecrets: false });
});
afterEach(() => vi.unstubAllGlobals());

describe('migration from sockpit-flows', () => {
  it('collects every flow’s environments once by name, the first flow giving each, later ones adding variables, secrets put back', () => {
    expect(environmentsFromFlowsStorage(flowsStorage(true))).toEqual([
      { name: 'local', variables: { base: { value: 'ws://127.0.0.1:8787' }, token: { value: 'kept-token', secret: true }, route: { value: 'echo' } } },
      { name: 'staging', variables: { base: { value: 'wss://staging.example' } } },
    ]);
    expect(environmentsFromFlowsStorage(flowsStorage(false))[0]?.variables.token).toEqual({ value: '', secret: true });
    expect(environmentsFromFlowsStorage(null)).toEqual([]);
    expect(environmentsFromFlowsStorage('not json')).toEqual([]);
  });

  it('runs at boot when the app store never stored environments, keeping Remember from the flows store', () => {
    memory.set(FLOWS_STORAGE_KEY, flowsStorage(true));
    memory.set(STORAGE_KEY, JSON.stringify({ state: { connections: [] }, version: 1 }));
    repairEnvironments();
    const s = useStore.getState();
    expect(s.environments.map((e) => e.name)).toEqual(['local', 'staging']);
    expect(s.rememberEnvSecrets).toBe(true);
    expect(knownSecretValues()).toEqual(['kept-token']);
  });

  it('does not run again once the app store holds environments (even none)', () => {
    memory.set(FLOWS_STORAGE_KEY, flowsStorage(true));
    memory.set(STORAGE_KEY, JSON.stringify({ state: { environments: [] }, version: 1 }));
    repairEnvironments();
    expect(useStore.getState().environments).toEqual([]);
  });
});

describe('the slice', () => {
  it('stores secret values only when remembered', () => {
    const envs = [{ name: 'local', variables: { token: { value: 'abc123', secret: true }, host: { value: 'h' } } }];
    expect(persistedEnvironments({ environments: envs, activeEnvironment: 'local', rememberEnvSecrets: false }).environments).toEqual([{ name: 'local', variables: { token: { value: '', secret: true }, host: { value: 'h' } } }]);
    expect(persistedEnvironments({ environments: envs, activeEnvironment: 'local', rememberEnvSecrets: true }).environments).toBe(envs);
  });

  it('checks what comes back from storage', () => {
    expect(normalizeEnvironments({ environments: [{ name: 'a', variables: { x: 'plain', y: { value: 'v', secret: true }, z: 3 } }, { name: 'a', variables: {} }, { nope: 1 }], activeEnvironment: 'gone', rememberEnvSecrets: 'yes' })).toEqual({
      environments: [{ name: 'a', variables: { x: { value: 'plain' }, y: { value: 'v', secret: true } } }],
      activeEnvironment: null,
      rememberEnvSecrets: false,
      stored: true,
    });
    expect(normalizeEnvironments({}).stored).toBe(false);
  });

  it('keeps the environment in use across a save when its name stays, and drops it when it goes', () => {
    setEnvironments([{ name: 'local', variables: {} }, { name: 'staging', variables: {} }]);
    setActiveEnvironment('staging');
    setEnvironments([{ name: 'staging', variables: { a: { value: '1' } } }]);
    expect(useStore.getState().activeEnvironment).toBe('staging');
    setEnvironments([{ name: 'prod', variables: {} }]);
    expect(useStore.getState().activeEnvironment).toBeNull();
    setActiveEnvironment('unknown');
    expect(useStore.getState().activeEnvironment).toBeNull();
  });
});

describe('URLs and messages in the environment in use', () => {
  beforeEach(() => {
    repairEnvironments();
    setEnvironments([
      { name: 'local', variables: { host: { value: '127.0.0.1:8787' }, route: { value: 'echo' }, token: { value: 'tok-local-1', secret: true } } },
      { name: 'staging', variables: { host: { value: '127.0.0.1:8788' }, route: { value: 'echo-deflate' } } },
    ]);
  });

  it('checks the URL with the variables filled in and shows it with the secret masked', () => {
    setActiveEnvironment('local');
    expect(checkConfig('ws://{{host}}/{{route}}?token={{token}}', '')).toEqual({
      ok: true,
      value: { url: 'ws://127.0.0.1:8787/echo?token=tok-local-1', shownUrl: 'ws://127.0.0.1:8787/echo?token=••••', protocols: [], notes: [] },
    });
    expect(activeSecretValues()).toEqual(['tok-local-1']);
    expect(maskSecretValues('sent tok-local-1')).toBe('sent ••••');
    setActiveEnvironment('staging');
    expect(checkConfig('ws://{{host}}/{{route}}', '')).toMatchObject({ ok: true, value: { url: 'ws://127.0.0.1:8788/echo-deflate' } });
  });

  it('gives an unknown variable as the URL field’s error (and the subprotocols’)', () => {
    setActiveEnvironment('staging');
    expect(checkConfig('ws://{{host}}/?t={{token}}', '{{proto}}')).toEqual({
      ok: false,
      errors: {
        url: 'Unknown variable "token": environment "staging" has "host", "route". Write \\{{ to keep braces as typed.',
        protocols: 'Unknown variable "proto": environment "staging" has "host", "route". Write \\{{ to keep braces as typed.',
      },
    });
    setActiveEnvironment(null);
    expect(expandInEnvironment('{{host}}')).toMatchObject({ ok: false, unknown: ['host'] });
  });
});
