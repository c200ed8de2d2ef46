import type { Environment } from '../lib/environments';
import { expandWithEnvironment, secretValuesOf } from '../lib/environments';
import type { EnvExpansion, ExpandOptions } from '../lib/environments';
import { setSecretValues } from '../lib/secret-values';
import { STORAGE_KEY, useStore } from './store';
import type { SockpitState } from './store';
import { environmentsFromFlowsStorage, MAX_ENVIRONMENTS, normalizeEnvironment, normalizeEnvironments } from './environments-slice';

/**
 * Actions of the environments slice (environments-slice.ts): edit them,
 * choose one, expand `{{name}}` with it. Components call these.
 */

const { setState, getState } = useStore;

/** Where flows kept their environments before they moved here (features/flows/flow-store.ts). */
export const FLOWS_STORAGE_KEY = 'sockpit-flows';

/** The environment in use, or undefined. */
export function activeEnvironmentOf(s: Pick<SockpitState, 'environments' | 'activeEnvironment'>): Environment | undefined {
  return s.activeEnvironment === null ? undefined : s.environments.find((e) => e.name === s.activeEnvironment);
}

/** The secret values of the environment in use, longest first. */
export function activeSecretValues(s: Pick<SockpitState, 'environments' | 'activeEnvironment'> = getState()): string[] {
  const env = activeEnvironmentOf(s);
  if (!env) return [];
  return Object.values(env.variables)
    .filter((v) => v.secret === true && v.value !== '')
    .map((v) => v.value)
    .sort((a, b) => b.length - a.length);
}

/** Expands `{{name}}` in `text` with the environment in use (and `extra`, and the built-ins). */
export function expandInEnvironment(text: string, options: ExpandOptions = {}, s: Pick<SockpitState, 'environments' | 'activeEnvironment'> = getState()): EnvExpansion {
  return expandWithEnvironment(text, activeEnvironmentOf(s), options);
}

/** Replaces every environment (the Environments dialog's Save); the one in use stays chosen if its name is still there. */
export function setEnvironments(envs: readonly Environment[]): void {
  const environments: Environment[] = [];
  for (const e of envs.slice(0, MAX_ENVIRONMENTS)) {
    const n = normalizeEnvironment(e);
    if (n && !environments.some((x) => x.name === n.name)) environments.push(n);
  }
  setState((s) => ({ environments, activeEnvironment: environments.some((e) => e.name === s.activeEnvironment) ? s.activeEnvironment : null }));
}

/** Chooses the environment in use; null = none. */
export function setActiveEnvironment(name: string | null): void {
  setState((s) => ({ activeEnvironment: name !== null && s.environments.some((e) => e.name === name) ? name : null }));
}

export function setRememberEnvSecrets(rememberEnvSecrets: boolean): void {
  setState({ rememberEnvSecrets });
}

function storedState(key: string): Record<string, unknown> | null {
  try {
    const raw = localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (typeof parsed === 'object' && parsed !== null && 'state' in parsed) {
      const state = (parsed as { state: unknown }).state;
      return typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : null;
    }
  } catch {
    // Unreadable storage: nothing stored.
  }
  return null;
}

/**
 * At boot: checks what came back from storage and, the first time (the app's
 * store has never stored environments), copies in the environments of the
 * flows saved in `sockpit-flows`, with the secret values they remembered.
 * Then keeps lib/secret-values.ts in step with the environments.
 */
export function repairEnvironments(): void {
  const stored = storedState(STORAGE_KEY);
  const hasStored = stored !== null && Array.isArray(stored.environments);
  const checked = normalizeEnvironments(getState());
  if (!hasStored && checked.environments.length === 0) {
    const flows = typeof localStorage === 'undefined' ? null : localStorage.getItem(FLOWS_STORAGE_KEY);
    const migrated = environmentsFromFlowsStorage(flows);
    const rememberedInFlows = storedState(FLOWS_STORAGE_KEY)?.rememberSecrets === true;
    setState({ environments: migrated, activeEnvironment: null, rememberEnvSecrets: rememberedInFlows || checked.rememberEnvSecrets });
  } else setState({ environments: checked.environments, activeEnvironment: checked.activeEnvironment, rememberEnvSecrets: checked.rememberEnvSecrets });
  syncSecretValues();
}

let unsubscribe: (() => void) | null = null;

/** Keeps the page's table of secret values (timeline, inspector, exports mask them) in step with the store. */
export function syncSecretValues(): void {
  setSecretValues(secretValuesOf(getState().environments));
  unsubscribe ??= useStore.subscribe((s, prev) => {
    if (s.environments !== prev.environments) setSecretValues(secretValuesOf(s.environments));
  });
}
