/**
 * Environments (docs/flows.md): named variable sets such as local and
 * staging. A run's variables are, lowest first: the flow's `variables`, the
 * chosen environment, then values given for the run (the CLI's --var).
 */
import type { Environment, FlowDocument } from './types';

export type VariablesResolve = { ok: true; variables: Record<string, string>; secrets: string[] } | { ok: false; error: string };

/** The variables of a run with environment `envName` (from the flow's environments, then `extra`), and `overrides` on top. */
export function resolveVariables(
  doc: Pick<FlowDocument, 'variables' | 'environments'>,
  envName: string | undefined,
  overrides: Readonly<Record<string, string>> = {},
  extra: readonly Environment[] = [],
): VariablesResolve {
  const variables: Record<string, string> = { ...doc.variables };
  const secrets: string[] = [];
  if (envName !== undefined) {
    const all = [...(doc.environments ?? []), ...extra];
    const env = [...all].reverse().find((e) => e.name === envName);
    if (!env) {
      const names = [...new Set(all.map((e) => e.name))];
      return { ok: false, error: `unknown environment "${envName}": ${names.length ? `this flow has ${names.map((n) => `"${n}"`).join(', ')}` : 'this flow defines none (add "environments" to it or pass --env-file)'}` };
    }
    for (const [k, v] of Object.entries(env.variables)) {
      variables[k] = v.value;
      if (v.secret) secrets.push(k);
    }
  }
  Object.assign(variables, overrides);
  return { ok: true, variables, secrets };
}

/** The flow as a file to share: secret environment values left out (emptied) unless `includeSecrets`. */
export function flowForExport(doc: FlowDocument, includeSecrets = false): FlowDocument {
  if (includeSecrets || !doc.environments) return doc;
  return {
    ...doc,
    environments: doc.environments.map((env) => ({
      ...env,
      variables: Object.fromEntries(Object.entries(env.variables).map(([k, v]) => [k, v.secret ? { value: '', secret: true } : v])),
    })),
  };
}

/** A text with the values of secret variables masked (for the CLI's output and results shown to others). */
export function maskSecrets(text: string, variables: Readonly<Record<string, string>>, secrets: readonly string[]): string {
  let out = text;
  for (const name of secrets) {
    const v = variables[name];
    if (v && v.length >= 3) out = out.split(v).join('••••');
  }
  return out;
}
