import type { Environment } from '../lib/environments';

/**
 * Store slice for environments (docs/flows.md, "Environments"): named
 * variable sets used in connection URLs, composer messages and flows, and the
 * one in use. They persist; secret values only when the user ticked
 * "Remember secret values in this browser" (otherwise they stay in memory for
 * the session). Flows saved before environments moved here kept them in
 * their documents and in `sockpit-flows`: `migrateFlowEnvironments` copies
 * them in once.
 */
export interface EnvironmentsSlice {
  environments: Environment[];
  /** the environment in use; null = none */
  activeEnvironment: string | null;
  /** keep secret values in localStorage */
  rememberEnvSecrets: boolean;
}

export function createEnvironmentsSlice(): EnvironmentsSlice {
  return { environments: [], activeEnvironment: null, rememberEnvSecrets: false };
}

export const MAX_ENVIRONMENTS = 100;

/** The environments as stored: secret values emptied unless remembered. */
export function persistedEnvironments(s: EnvironmentsSlice): EnvironmentsSlice {
  return {
    environments: s.rememberEnvSecrets ? s.environments : s.environments.map(withoutSecretValues),
    activeEnvironment: s.activeEnvironment,
    rememberEnvSecrets: s.rememberEnvSecrets,
  };
}

export function withoutSecretValues(e: Environment): Environment {
  return { name: e.name, variables: Object.fromEntries(Object.entries(e.variables).map(([k, v]) => [k, v.secret === true ? { value: '', secret: true } : v])) };
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One environment read back from storage or a file, or null when it is not one. */
export function normalizeEnvironment(v: unknown): Environment | null {
  if (!isObject(v) || typeof v.name !== 'string' || v.name.trim() === '' || !isObject(v.variables)) return null;
  const variables: Environment['variables'] = {};
  for (const [k, x] of Object.entries(v.variables)) {
    if (typeof x === 'string') variables[k] = { value: x };
    else if (isObject(x) && typeof x.value === 'string') variables[k] = x.secret === true ? { value: x.value, secret: true } : { value: x.value };
  }
  return { name: v.name.trim(), variables };
}

/** What came back from localStorage, checked; `undefined` environments means "never stored" (a migration may fill them). */
export function normalizeEnvironments(s: Partial<Record<keyof EnvironmentsSlice, unknown>>): EnvironmentsSlice & { stored: boolean } {
  const stored = Array.isArray(s.environments);
  const environments: Environment[] = [];
  if (Array.isArray(s.environments))
    for (const e of s.environments.slice(0, MAX_ENVIRONMENTS)) {
      const n = normalizeEnvironment(e);
      if (n && !environments.some((x) => x.name === n.name)) environments.push(n);
    }
  const active = typeof s.activeEnvironment === 'string' && environments.some((e) => e.name === s.activeEnvironment) ? s.activeEnvironment : null;
  return { environments, activeEnvironment: active, rememberEnvSecrets: s.rememberEnvSecrets === true, stored };
}

/**
 * The environments of flows saved before they moved to the app's store: each
 * flow's document (`sockpit-flows` in localStorage: its `flows[].text`) may
 * hold `environments`, whose secret values were kept apart in `secrets[flow
 * id][env][variable]` when remembered. The first flow that names an
 * environment gives it; later flows add the variables it lacks.
 */
export function environmentsFromFlowsStorage(raw: string | null): Environment[] {
  if (!raw) return [];
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return [];
  }
  const state = isObject(stored) && isObject(stored.state) ? stored.state : null;
  if (!state || !Array.isArray(state.flows)) return [];
  const secrets = isObject(state.secrets) ? state.secrets : {};
  const out: Environment[] = [];
  for (const f of state.flows) {
    if (!isObject(f) || typeof f.text !== 'string' || !f.text.includes('environments')) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(f.text);
    } catch {
      continue;
    }
    if (!isObject(doc) || !Array.isArray(doc.environments)) continue;
    const mine = typeof f.id === 'string' && isObject(secrets[f.id]) ? (secrets[f.id] as Loose) : {};
    for (const e of doc.environments) {
      const env = normalizeEnvironment(e);
      if (!env) continue;
      const kept = isObject(mine[env.name]) ? (mine[env.name] as Loose) : {};
      for (const [k, v] of Object.entries(env.variables)) {
        const value = kept[k];
        if (v.secret === true && v.value === '' && typeof value === 'string') env.variables[k] = { value, secret: true };
      }
      const have = out.find((x) => x.name === env.name);
      if (!have) out.push(env);
      else for (const [k, v] of Object.entries(env.variables)) if (!(k in have.variables)) have.variables[k] = v;
    }
  }
  return out.slice(0, MAX_ENVIRONMENTS);
}
