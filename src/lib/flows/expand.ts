/**
 * `{{name}}` variables in a flow's strings (docs/flows.md). A name is a
 * letter or `_`, then letters, digits, `_`, `.` or `-`; spaces inside the
 * braces are allowed (`{{ id }}`). `\{{` stands for a literal `{{` (in a JSON
 * file the backslash is written twice: `"\\{{"`). Expansion is a plain
 * search-and-replace: nothing in a flow is ever evaluated as code.
 *
 * Built-in variables, known in every flow: `timestamp` (epoch ms), `isoTime`,
 * `uuid`, `random` (0–4294967295, a new one each time), and `user` (the
 * virtual user's number from 0; 0 in a single run).
 */

export const BUILTIN_VARIABLES = ['timestamp', 'isoTime', 'uuid', 'random', 'user'] as const;

/** `\{{` (escape) or `{{ name }}` (a variable); anything else between braces is not a variable. */
const TOKEN = /\\\{\{|\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** The variable names `text` refers to, each once, in order of first use. */
export function referencedVariables(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const name = m[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Where built-in values come from: injectable so tests are deterministic. */
export interface BuiltinSource {
  now(): number;
  uuid(): string;
  random(): number;
}

export const liveBuiltins: BuiltinSource = {
  now: () => Date.now(),
  uuid: () => crypto.randomUUID(),
  random: () => {
    const one = new Uint32Array(1);
    crypto.getRandomValues(one);
    return one[0] ?? 0;
  },
};

export type Expanded = { ok: true; text: string } | { ok: false; unknown: string[] };

/**
 * The text with every variable replaced by its value (`variables` first, then
 * the built-ins) and every `\{{` by `{{`. Names with no value are returned
 * as `unknown` and nothing is replaced.
 */
export function expandVariables(
  text: string,
  variables: Readonly<Record<string, string>>,
  builtins: BuiltinSource = liveBuiltins,
): Expanded {
  const unknown: string[] = [];
  const out = text.replace(TOKEN, (whole: string, name: string | undefined) => {
    if (name === undefined) return '{{';
    if (Object.hasOwn(variables, name)) return variables[name] ?? '';
    switch (name) {
      case 'timestamp':
        return String(Math.floor(builtins.now()));
      case 'isoTime':
        return new Date(builtins.now()).toISOString();
      case 'uuid':
        return builtins.uuid();
      case 'random':
        return String(builtins.random() >>> 0);
      case 'user':
        return '0';
      default:
        if (!unknown.includes(name)) unknown.push(name);
        return whole;
    }
  });
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, text: out };
}
