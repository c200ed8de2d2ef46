/**
 * Matchers and captures (docs/flows.md): tests on one message and values
 * taken out of it, all data, never code. A regex is compiled with `RegExp`;
 * a JSON path is read by `json-path.ts`; a schema is interpreted by
 * `schema.ts`; a decoded field is read from the lens's `DecodedMessage.keys`,
 * as the timeline filter's `field:value` reads them.
 */
import type { DecodedMessage } from '../decode/types';
import { editDistance, formatDifferences, jsonDifferences, sameJson, textDifference } from './diff';
import { expandVariables } from './expand';
import type { BuiltinSource } from './expand';
import { formatJsonPath, parseJsonPath, readJsonPath } from './json-path';
import { checkAgainstSchema } from './schema';
import type { Capture, JsonValue, Matcher } from './types';

/** One message as matchers see it. */
export interface MessageView {
  direction: 'in' | 'out';
  /** a text frame's text; undefined for a binary frame */
  text?: string;
  /** the frame decoded by the connection's lens, when a field matcher asks */
  decoded?: readonly DecodedMessage[];
}

export type MatcherKind = 'contains' | 'equals' | 'regex' | 'path' | 'schema' | 'field' | 'script';

/** Which test a matcher is (decided by its keys: script, path, field, schema, regex, contains, equals). */
export function matcherKind(m: object): MatcherKind | undefined {
  if ('script' in m) return 'script';
  if ('path' in m) return 'path';
  if ('field' in m) return 'field';
  if ('schema' in m) return 'schema';
  if ('regex' in m) return 'regex';
  if ('contains' in m) return 'contains';
  if ('equals' in m) return 'equals';
  return undefined;
}

export const matcherDirection = (m: Matcher): 'in' | 'out' => m.direction ?? 'in';

function expandString(s: string, vars: Readonly<Record<string, string>>, builtins?: BuiltinSource): string {
  const e = expandVariables(s, vars, builtins);
  if (!e.ok) throw new VariableError(e.unknown);
  return e.text;
}

/** A variable a step refers to has no value (validation catches this before a run). */
export class VariableError extends Error {
  constructor(readonly unknown: string[]) {
    super(`unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`);
    this.name = 'VariableError';
  }
}

function expandJson(v: JsonValue, vars: Readonly<Record<string, string>>, builtins?: BuiltinSource): JsonValue {
  if (typeof v === 'string') return expandString(v, vars, builtins);
  if (Array.isArray(v)) return v.map((x) => expandJson(x, vars, builtins));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = expandJson(x, vars, builtins);
    return out;
  }
  return v;
}

/** The matcher with `{{variables}}` expanded in its strings (a schema is left as written). Throws VariableError. */
export function expandMatcher(m: Matcher, vars: Readonly<Record<string, string>>, builtins?: BuiltinSource): Matcher {
  const x = (s: string) => expandString(s, vars, builtins);
  const dir = m.direction ? { direction: m.direction } : {};
  if ('script' in m) return { script: m.script, ...dir };
  if ('path' in m) {
    return {
      path: x(m.path),
      ...(m.equals !== undefined ? { equals: expandJson(m.equals, vars, builtins) } : {}),
      ...(m.exists !== undefined ? { exists: m.exists } : {}),
      ...(m.matches !== undefined ? { matches: x(m.matches) } : {}),
      ...dir,
    };
  }
  if ('field' in m) {
    return { field: x(m.field), ...(m.equals !== undefined ? { equals: x(m.equals) } : {}), ...(m.matches !== undefined ? { matches: x(m.matches) } : {}), ...dir };
  }
  if ('schema' in m) return m;
  if ('regex' in m) return { regex: x(m.regex), ...(m.flags !== undefined ? { flags: m.flags } : {}), ...dir };
  if ('contains' in m) return { contains: x(m.contains), ...dir };
  return { equals: x(m.equals), ...dir };
}

const regexCache = new Map<string, RegExp>();
/** A compiled regex (cached); throws SyntaxError when it does not compile. */
export function compileRegex(source: string, flags = ''): RegExp {
  const k = `${flags}/${source}`;
  let r = regexCache.get(k);
  if (!r) {
    r = new RegExp(source, flags.replace(/g|y/g, ''));
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(k, r);
  }
  return r;
}

/** Why a regex does not compile, or undefined. */
export function regexError(source: string, flags = ''): string | undefined {
  if (!/^[dgimsuyv]*$/.test(flags) || new Set(flags).size !== flags.length) return `bad flags "${flags}": use any of d g i m s u v y, each once`;
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

type Parsed = { ok: true; value: unknown } | { ok: false };
const parsedCache = new WeakMap<MessageView, Parsed>();
function parsedJson(msg: MessageView): Parsed {
  let p = parsedCache.get(msg);
  if (!p) {
    if (msg.text === undefined) p = { ok: false };
    else {
      try {
        p = { ok: true, value: JSON.parse(msg.text) as unknown };
      } catch {
        p = { ok: false };
      }
    }
    parsedCache.set(msg, p);
  }
  return p;
}

const fieldValues = (decoded: readonly DecodedMessage[] | undefined, field: string): string[] => {
  const out: string[] = [];
  const name = field.toLowerCase();
  for (const d of decoded ?? []) {
    if (name === 'type') out.push(d.type);
    else if (name === 'protocol') out.push(d.protocol);
    for (const [k, v] of d.keys ?? []) if (k.toLowerCase() === name) out.push(v);
  }
  return out;
};

const valueText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export interface MatcherOutcome {
  ok: boolean;
  /** why not, in words ("$.id: expected 3, got 4") */
  difference?: string;
}

/**
 * One matcher (already expanded) on one message. Direction is not checked
 * here. A script matcher holds here: the flow engine calls the script's
 * check in the sandbox (asynchronously) once the others hold.
 */
export function evaluateMatcher(m: Matcher, msg: MessageView): MatcherOutcome {
  const text = msg.text;
  if ('script' in m) return { ok: true };
  if ('path' in m) {
    const path = parseJsonPath(m.path);
    if (!path.ok) return { ok: false, difference: `bad path ${m.path}: ${path.error}` };
    const p = parsedJson(msg);
    const where = formatJsonPath(path.segments);
    if (!p.ok) return { ok: false, difference: text === undefined ? 'a binary message, not JSON' : 'not JSON' };
    const v = readJsonPath(p.value, path.segments);
    if (m.equals !== undefined) {
      if (sameJson(m.equals, v)) return { ok: true };
      return { ok: false, difference: formatDifferences(jsonDifferences(m.equals, v, 10, path.segments)) || `${where}: expected ${JSON.stringify(m.equals)}, got ${valueText(v)}` };
    }
    if (m.matches !== undefined) {
      if (v === undefined) return { ok: false, difference: `${where}: missing` };
      return compileRegex(m.matches).test(valueText(v)) ? { ok: true } : { ok: false, difference: `${where}: ${valueText(v)} does not match /${m.matches}/` };
    }
    const wanted = m.exists ?? true;
    if ((v !== undefined) === wanted) return { ok: true };
    return { ok: false, difference: wanted ? `${where}: missing` : `${where}: present (${valueText(v)}), expected absent` };
  }
  if ('field' in m) {
    const values = fieldValues(msg.decoded, m.field);
    if (values.length === 0) return { ok: false, difference: msg.decoded?.length ? `no decoded field "${m.field}"` : 'not decoded by a lens' };
    if (m.equals !== undefined) {
      const want = m.equals;
      return values.includes(want) ? { ok: true } : { ok: false, difference: textDifference(want, values[0] ?? '') || `${m.field}: got ${JSON.stringify(values[0])}` };
    }
    if (m.matches !== undefined) {
      const r = compileRegex(m.matches);
      return values.some((v) => r.test(v)) ? { ok: true } : { ok: false, difference: `${m.field}: ${JSON.stringify(values[0])} does not match /${m.matches}/` };
    }
    return { ok: true };
  }
  if ('schema' in m) {
    const p = parsedJson(msg);
    if (!p.ok) return { ok: false, difference: text === undefined ? 'a binary message, not JSON' : 'not JSON' };
    const r = checkAgainstSchema(m.schema, p.value);
    return r.ok ? { ok: true } : { ok: false, difference: r.errors.join('\n') };
  }
  if (text === undefined) return { ok: false, difference: 'a binary message, not text' };
  if ('regex' in m) {
    return compileRegex(m.regex, m.flags).test(text) ? { ok: true } : { ok: false, difference: `does not match /${m.regex}/${m.flags ?? ''}` };
  }
  if ('contains' in m) return text.includes(m.contains) ? { ok: true } : { ok: false, difference: `does not contain ${JSON.stringify(m.contains)}` };
  return text === m.equals ? { ok: true } : { ok: false, difference: textDifference(m.equals, text) };
}

/** A matcher in words: `$.id equals 3`, `text contains "hello"`. */
export function describeMatcher(m: Matcher): string {
  if ('script' in m) return `script "${m.script}"'s check passes`;
  if ('path' in m) {
    if (m.equals !== undefined) return `${m.path} equals ${JSON.stringify(m.equals)}`;
    if (m.matches !== undefined) return `${m.path} matches /${m.matches}/`;
    return m.exists === false ? `${m.path} is absent` : `${m.path} exists`;
  }
  if ('field' in m) {
    if (m.equals !== undefined) return `decoded ${m.field} equals ${JSON.stringify(m.equals)}`;
    if (m.matches !== undefined) return `decoded ${m.field} matches /${m.matches}/`;
    return `decoded ${m.field} exists`;
  }
  if ('schema' in m) return 'validates against the JSON Schema';
  if ('regex' in m) return `text matches /${m.regex}/${m.flags ?? ''}`;
  if ('contains' in m) return `text contains ${JSON.stringify(m.contains)}`;
  return `text equals ${JSON.stringify(m.equals)}`;
}

/** Every matcher of an expect in words: `a received message where $.type equals "tick" and $.seq exists`. */
export function describeExpectation(matchers: readonly Matcher[], next = false): string {
  const dir = matchers[0] ? matcherDirection(matchers[0]) : 'in';
  const what = `${next ? 'the next' : 'a'} ${dir === 'in' ? 'received' : 'sent'} message`;
  return `${what} where ${matchers.map(describeMatcher).join(' and ')}`;
}

export interface MatchOutcome {
  ok: boolean;
  /** how many matchers held */
  satisfied: number;
  /** the failed matchers' differences, one a line */
  difference: string;
  /** summed edit distance to what the matchers name (texts, JSON values at paths), for ranking near misses */
  distance: number;
}

/** All matchers (already expanded) on one message. */
export function matchMessage(matchers: readonly Matcher[], msg: MessageView): MatchOutcome {
  let satisfied = 0;
  const diffs: string[] = [];
  for (const m of matchers) {
    const r = evaluateMatcher(m, msg);
    if (r.ok) satisfied++;
    else if (r.difference) diffs.push(r.difference);
  }
  let distance = 0;
  for (const m of matchers) distance += matcherDistance(m, msg);
  return { ok: satisfied === matchers.length, satisfied, difference: diffs.join('\n'), distance };
}

/** How far a message is from what a matcher names: the edit distance to its text, or of the JSON value at its path. */
function matcherDistance(m: Matcher, msg: MessageView): number {
  if (msg.text === undefined) return 0;
  if ('path' in m) {
    if (m.equals === undefined) return 0;
    const path = parseJsonPath(m.path);
    const p = parsedJson(msg);
    if (!path.ok || !p.ok) return 0;
    const v = readJsonPath(p.value, path.segments);
    return editDistance(JSON.stringify(m.equals), v === undefined ? '' : JSON.stringify(v), 200);
  }
  if ('field' in m || 'schema' in m || 'regex' in m || 'script' in m) return 0;
  if ('contains' in m) return msg.text.includes(m.contains) ? 0 : editDistance(m.contains, msg.text, 500);
  return editDistance(m.equals, msg.text, 500);
}

/**
 * Whether `a` came closer than `b`: more matchers satisfied, then the
 * smaller edit distance; on a tie the later message (`a`) wins, as the one
 * the user saw last.
 */
export function closerThan(a: MatchOutcome, b: MatchOutcome | undefined): boolean {
  if (!b) return true;
  if (a.satisfied !== b.satisfied) return a.satisfied > b.satisfied;
  return a.distance <= b.distance;
}

export type CaptureOutcome = { ok: true; value: string } | { ok: false; error: string };

/** A capture (already expanded) from one message: a JSON path's value (strings as they are, others as JSON) or a regex group. */
export function applyCapture(c: Capture, msg: MessageView): CaptureOutcome {
  if ('path' in c) {
    const path = parseJsonPath(c.path);
    if (!path.ok) return { ok: false, error: `bad path ${c.path}: ${path.error}` };
    const p = parsedJson(msg);
    if (!p.ok) return { ok: false, error: `cannot capture ${c.var} from ${c.path}: the message is not JSON` };
    const v = readJsonPath(p.value, path.segments);
    if (v === undefined) return { ok: false, error: `cannot capture ${c.var}: ${formatJsonPath(path.segments)} is missing` };
    return { ok: true, value: valueText(v) };
  }
  if (msg.text === undefined) return { ok: false, error: `cannot capture ${c.var} with a regex from a binary message` };
  const m = compileRegex(c.regex, c.flags).exec(msg.text);
  if (!m) return { ok: false, error: `cannot capture ${c.var}: /${c.regex}/ does not match` };
  const group = c.group ?? (m.length > 1 ? 1 : 0);
  const v = typeof group === 'number' ? m[group] : m.groups?.[group];
  if (v === undefined) return { ok: false, error: `cannot capture ${c.var}: group ${group} did not take part in the match` };
  return { ok: true, value: v };
}

/** The capture with `{{variables}}` expanded in its path or regex. Throws VariableError. */
export function expandCapture(c: Capture, vars: Readonly<Record<string, string>>, builtins?: BuiltinSource): Capture {
  if ('path' in c) return { var: c.var, path: expandString(c.path, vars, builtins) };
  return { ...c, regex: expandString(c.regex, vars, builtins) };
}

/** The message as it is shown in a result: its text (clipped), or the size of a binary one. */
export function showMessage(msg: MessageView, bytes?: number): string {
  if (msg.text === undefined) return `(binary, ${bytes ?? '?'} bytes)`;
  return msg.text.length > 300 ? `${msg.text.slice(0, 300)}…` : msg.text;
}
