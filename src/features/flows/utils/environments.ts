import type { Environment } from '../../../lib/flows/types';

/**
 * Environments live in the flow document (`environments`, docs/flows.md), so
 * the panel and the CLI's `--env NAME` read the same file. Values marked
 * secret are masked on screen, emptied in exports unless the user includes
 * them, and emptied in this browser's storage unless the user asked to
 * remember them (as URLs' secrets are, lib/secrets.ts).
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function variableNameError(name: string): string | undefined {
  if (name === '') return 'A variable needs a name';
  if (!NAME.test(name)) return 'Letters, digits, _ . - (starting with a letter or _)';
  return undefined;
}

export function hasSecretValues(envs: readonly Environment[] | undefined): boolean {
  return (envs ?? []).some((e) => Object.values(e.variables).some((v) => v.secret === true && v.value !== ''));
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Secret values kept apart from a flow's text: by environment name, then variable name. */
export type SecretValues = Record<string, Record<string, string>>;

/**
 * Takes the secret values out of a parsed flow: the same document with each
 * secret value emptied (the name and the mark stay), and the values apart.
 * Anything that is not a flow with environments comes back as it was.
 */
export function splitSecrets(doc: unknown): { doc: unknown; secrets: SecretValues; changed: boolean } {
  const secrets: SecretValues = {};
  if (!isObject(doc) || !Array.isArray(doc.environments)) return { doc, secrets, changed: false };
  let changed = false;
  const environments = doc.environments.map((env: unknown) => {
    if (!isObject(env) || typeof env.name !== 'string' || !isObject(env.variables)) return env;
    const variables: Loose = {};
    for (const [k, v] of Object.entries(env.variables)) {
      if (isObject(v) && v.secret === true && typeof v.value === 'string' && v.value !== '') {
        (secrets[env.name] ??= {})[k] = v.value;
        variables[k] = { ...v, value: '' };
        changed = true;
      } else variables[k] = v;
    }
    return { ...env, variables };
  });
  return { doc: changed ? { ...doc, environments } : doc, secrets, changed };
}

/** The document with the secret values put back (for a run, the Environments dialog, an export that includes them). */
export function joinSecrets<T>(doc: T, secrets: SecretValues | undefined): T {
  if (!secrets || !isObject(doc) || !Array.isArray(doc.environments)) return doc;
  const environments = doc.environments.map((env: unknown) => {
    if (!isObject(env) || typeof env.name !== 'string' || !isObject(env.variables)) return env;
    const mine = secrets[env.name];
    if (!mine) return env;
    const variables: Loose = {};
    for (const [k, v] of Object.entries(env.variables)) variables[k] = isObject(v) && v.secret === true && mine[k] !== undefined ? { ...v, value: mine[k] } : v;
    return { ...env, variables };
  });
  return { ...doc, environments } as T;
}
