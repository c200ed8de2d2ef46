import type { Environment } from '../../../lib/flows/types';

/**
 * Environments: named variable sets (local, staging, …) whose values fill
 * `{{name}}` in a flow's URLs and messages. Values marked secret are masked
 * on screen, left out of localStorage unless the user asked to remember them
 * (as URLs' secrets are, lib/secrets.ts), and left out of exported files
 * unless the user opts in.
 */

export const MAX_ENVIRONMENTS = 50;
export const MAX_VARIABLES = 200;
const NAME = /^[A-Za-z_][\w.-]{0,63}$/;

export function variableNameError(name: string): string | undefined {
  if (name === '') return 'A variable needs a name';
  if (!NAME.test(name)) return 'Letters, digits, _ . - (starting with a letter or _), at most 64';
  return undefined;
}

/** The plain values of an environment, for running a flow. */
export function valuesOf(env: Environment | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!env) return out;
  for (const [k, v] of Object.entries(env.variables)) out[k] = v.value;
  return out;
}

/** A copy with every secret value emptied (the name and the secret mark stay, so the user sees what to fill in). */
export function withoutSecretValues(env: Environment): Environment {
  const variables: Environment['variables'] = {};
  for (const [k, v] of Object.entries(env.variables)) variables[k] = v.secret ? { value: '', secret: true } : { ...v };
  return { name: env.name, variables };
}

export function hasSecretValues(envs: readonly Environment[]): boolean {
  return envs.some((e) => Object.values(e.variables).some((v) => v.secret === true && v.value !== ''));
}

/** The text of an environments file: secret values only when `includeSecrets`. */
export function environmentsFile(envs: readonly Environment[], includeSecrets: boolean): string {
  const list = includeSecrets ? envs : envs.map(withoutSecretValues);
  return `${JSON.stringify({ environments: list }, null, 2)}\n`;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One environment read back from storage or a file; null when it is not one. */
export function normalizeEnvironment(v: unknown): Environment | null {
  if (!isObject(v) || typeof v.name !== 'string' || v.name.trim() === '' || !isObject(v.variables)) return null;
  const variables: Environment['variables'] = {};
  for (const [k, raw] of Object.entries(v.variables).slice(0, MAX_VARIABLES)) {
    if (variableNameError(k)) continue;
    if (typeof raw === 'string') variables[k] = { value: raw };
    else if (isObject(raw) && typeof raw.value === 'string') variables[k] = raw.secret === true ? { value: raw.value, secret: true } : { value: raw.value };
  }
  return { name: v.name.trim(), variables };
}

export function normalizeEnvironments(v: unknown): Environment[] {
  if (!Array.isArray(v)) return [];
  const seen = new Set<string>();
  const out: Environment[] = [];
  for (const item of v.slice(0, MAX_ENVIRONMENTS)) {
    const env = normalizeEnvironment(item);
    if (env && !seen.has(env.name)) {
      seen.add(env.name);
      out.push(env);
    }
  }
  return out;
}

/** Reads an environments file: `{ "environments": [...] }` or a bare list. */
export function parseEnvironmentsFile(text: string): { ok: true; environments: Environment[] } | { ok: false; error: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const list = isObject(body) ? body.environments : body;
  if (!Array.isArray(list)) return { ok: false, error: 'An environments file holds {"environments": [{"name": …, "variables": {…}}]}' };
  const environments = normalizeEnvironments(list);
  if (environments.length === 0) return { ok: false, error: 'The file has no usable environment (each needs a name and variables)' };
  return { ok: true, environments };
}
