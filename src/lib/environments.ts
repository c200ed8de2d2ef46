/**
 * Environments everywhere (docs/flows.md, "Environments"): named variable
 * sets such as local and staging, chosen once for the whole app, that fill
 * `{{name}}` in connection URLs and subprotocols, in composer messages and in
 * flows. Values marked secret are masked on screen (`••••`), left out of
 * storage unless the user asks to remember them, and out of exports and links
 * unless the user includes them.
 *
 * Expansion is the flows' plain search-and-replace (lib/flows/expand.ts):
 * nothing is ever evaluated. `\{{` stands for a literal `{{`.
 *
 * Pure: no React, no store (src/store/environments-slice.ts holds the state).
 */
import type { Environment } from './flows/types';
import { expandVariables, liveBuiltins, referencedVariables } from './flows/expand';
import type { BuiltinSource } from './flows/expand';

export type { Environment } from './flows/types';

/** What a secret value is shown as. */
export const SECRET_MASK = '••••';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Why a variable name cannot be used, or undefined when it can. */
export function variableNameError(name: string): string | undefined {
  if (name === '') return 'A variable needs a name';
  if (!NAME.test(name)) return 'Letters, digits, _ . - (starting with a letter or _)';
  return undefined;
}

/** The problems of a list of environments (names missing or twice, bad variable names), first one first. */
export function environmentProblems(envs: readonly Environment[]): string[] {
  const out: string[] = [];
  const names = new Set<string>();
  envs.forEach((e, i) => {
    const n = e.name.trim();
    if (n === '') out.push(`Environment ${i + 1} needs a name`);
    else if (names.has(n)) out.push(`Two environments are named "${n}"`);
    names.add(n);
    for (const v of Object.keys(e.variables)) {
      const err = variableNameError(v);
      if (err) out.push(`${n || `Environment ${i + 1}`}: variable "${v}": ${err}`);
    }
  });
  return out;
}

/** An environment's values by name, and the names of its secret ones. */
export function variablesOf(env: Environment | undefined): { variables: Record<string, string>; secrets: string[] } {
  const variables: Record<string, string> = {};
  const secrets: string[] = [];
  if (!env) return { variables, secrets };
  for (const [k, v] of Object.entries(env.variables)) {
    variables[k] = v.value;
    if (v.secret === true) secrets.push(k);
  }
  return { variables, secrets };
}

/** The values of every secret variable of these environments that are worth masking (3 characters or more), longest first. */
export function secretValuesOf(envs: readonly Environment[]): string[] {
  const found = new Set<string>();
  for (const e of envs) for (const v of Object.values(e.variables)) if (v.secret === true && v.value.length >= 3) found.add(v.value);
  return [...found].sort((a, b) => b.length - a.length);
}

/** A secret value and the variable that holds it. */
export interface SecretVariable {
  name: string;
  value: string;
}

/**
 * The secret variables worth finding in captured text (values of 3
 * characters or more), longest value first; where two environments hold the
 * same value, the active one names it.
 */
export function secretVariablesOf(envs: readonly Environment[], active: string | null): SecretVariable[] {
  const byValue = new Map<string, string>();
  const ordered = [...envs].sort((a, b) => Number(b.name === active) - Number(a.name === active));
  for (const e of ordered) for (const [name, v] of Object.entries(e.variables)) if (v.secret === true && v.value.length >= 3 && !byValue.has(v.value)) byValue.set(v.value, name);
  return [...byValue].map(([value, name]) => ({ name, value })).sort((a, b) => b.value.length - a.value.length);
}

/**
 * Captured text made into flow text: a literal `{{` is escaped as `\{{` (so
 * it is sent as it was), then every secret value becomes `{{name}}` (so the
 * flow keeps the variable, never the value).
 */
export function templateSecrets(text: string, secrets: readonly SecretVariable[]): string {
  let out = text.split('{{').join('\\{{');
  for (const s of secrets) if (out.includes(s.value)) out = out.split(s.value).join(`{{${s.name}}}`);
  return out;
}

/** The text with every one of `values` replaced by the mask (longest first, so a value inside another is not left half shown). */
export function maskValues(text: string, values: readonly string[], mask = SECRET_MASK): string {
  let out = text;
  for (const v of values) if (v !== '' && out.includes(v)) out = out.split(v).join(mask);
  return out;
}

/** What a text means in an environment: the text to use, the same with secrets masked for the screen, or the unknown names. */
export type EnvExpansion = { ok: true; text: string; shown: string; used: string[] } | { ok: false; unknown: string[]; error: string };

/** Words for unknown names: `unknown variable "host"` with what the environment offers. */
export function unknownVariablesError(unknown: readonly string[], env: Environment | undefined): string {
  const list = unknown.map((n) => `"${n}"`).join(', ');
  const head = unknown.length === 1 ? `Unknown variable ${list}` : `Unknown variables ${list}`;
  if (!env) return `${head}: no environment is chosen (Env ▾ in the header). Write \\{{ to keep braces as typed.`;
  const names = Object.keys(env.variables);
  return `${head}: environment "${env.name}" ${names.length > 0 ? `has ${names.map((n) => `"${n}"`).join(', ')}` : 'has no variables'}. Write \\{{ to keep braces as typed.`;
}

export interface ExpandOptions {
  /** more values, under the environment's (the composer's {{counter}}) */
  extra?: Readonly<Record<string, string>>;
  builtins?: BuiltinSource;
}

/**
 * Expands `{{name}}`. Precedence, highest first: the environment's
 * variables, then `extra` (the composer's `counter`), then the built-ins
 * (timestamp, isoTime, uuid, random): an environment may define its own
 * `timestamp`. `shown` is the same text with the secret values as `••••`.
 */
export function expandWithEnvironment(text: string, env: Environment | undefined, options: ExpandOptions = {}): EnvExpansion {
  if (!text.includes('{{')) return { ok: true, text, shown: text, used: [] };
  const { variables, secrets } = variablesOf(env);
  const all = { ...options.extra, ...variables };
  const drawn = recordingBuiltins(options.builtins ?? liveBuiltins);
  const real = expandVariables(text, all, drawn.record);
  if (!real.ok) return { ok: false, unknown: real.unknown, error: unknownVariablesError(real.unknown, env) };
  const masked: Record<string, string> = { ...all };
  for (const s of secrets) masked[s] = SECRET_MASK;
  // The same built-in values on screen as on the wire: replay what the real expansion drew.
  const shown = expandVariables(text, masked, drawn.replay());
  return { ok: true, text: real.text, shown: shown.ok ? shown.text : real.text, used: referencedVariables(text) };
}

/** Built-ins that record what they return, and replay the same values in order (so two expansions agree). */
function recordingBuiltins(source: BuiltinSource): { record: BuiltinSource; replay: () => BuiltinSource } {
  const now = source.now();
  const uuids: string[] = [];
  const randoms: number[] = [];
  return {
    record: {
      now: () => now,
      uuid: () => {
        const u = source.uuid();
        uuids.push(u);
        return u;
      },
      random: () => {
        const r = source.random();
        randoms.push(r);
        return r;
      },
    },
    replay: () => {
      let u = 0;
      let r = 0;
      return { now: () => now, uuid: () => uuids[u++] ?? '', random: () => randoms[r++] ?? 0 };
    },
  };
}

/** Whether a text refers to any variable (so the URL line says what it expands to). */
export function hasVariables(text: string): boolean {
  return referencedVariables(text).length > 0;
}
