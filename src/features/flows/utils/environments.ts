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

/**
 * A flow's text for storage: when it is JSON whose environments hold secret
 * values, the same document with those values emptied (re-indented); any
 * other text as it is.
 */
export function textWithoutSecrets(text: string): string {
  if (!text.includes('"secret"')) return text;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isObject(doc) || !Array.isArray(doc.environments)) return text;
  let changed = false;
  const environments = doc.environments.map((env: unknown) => {
    if (!isObject(env) || !isObject(env.variables)) return env;
    const variables: Loose = {};
    for (const [k, v] of Object.entries(env.variables)) {
      if (isObject(v) && v.secret === true && v.value !== '') {
        variables[k] = { ...v, value: '' };
        changed = true;
      } else variables[k] = v;
    }
    return { ...env, variables };
  });
  return changed ? `${JSON.stringify({ ...doc, environments }, null, 2)}\n` : text;
}
