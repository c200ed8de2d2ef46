/**
 * Checks a flow document (docs/flows.md) and names every bad input: the step
 * (its path), the field and what is wrong. Nothing runs while any issue
 * exists. Takes `unknown` (what JSON.parse or YAML gave) so the shape is
 * checked too; an empty result means the value is a FlowDocument.
 */
import { canSendCloseCode, checkCloseInput } from '../close-codes';
import { parseBase64, parseHex } from '../codecs';
import { isLensId } from '../decode/registry';
import { isValidSubprotocol } from '../subprotocols';
import { BUILTIN_VARIABLES, referencedVariables } from './expand';
import { parseJsonPath } from './json-path';
import { matcherKind, regexError } from './matchers';
import { schemaError } from './schema';
import { FLOW_VERSION } from './types';
import type { FlowDocument, FlowIssue, StepPath, StepType } from './types';

export interface ValidateOptions {
  /** names with a value from outside the flow: the chosen environment, --var */
  knownVariables?: Iterable<string>;
}

export const STEP_TYPES: readonly StepType[] = ['connect', 'send', 'expect', 'capture', 'wait', 'repeat', 'expectClose', 'close', 'compute'];
/** A flow script's source, at most (a script is code to read before it runs, not a data file). */
export const MAX_SCRIPT_CHARS = 256 * 1024;
export const DEFAULT_TIMEOUT_MS = 5000;
export const MAX_TIMEOUT_MS = 600_000;
export const MAX_REPEAT_TIMES = 100_000;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

class Checker {
  readonly issues: FlowIssue[] = [];
  connections: string[] = [];
  /** the flow's scripts, by name */
  scripts: string[] = [];
  /** a compute step came before: the variables it sets are known only when it runs, so later references are checked then */
  computed = false;
  constructor(private readonly outside: Set<string>) {}

  add(step: StepPath | undefined, field: string, message: string) {
    this.issues.push(step ? { step: [...step], field, message } : { field, message });
  }

  /** every {{variable}} in `text` must be known */
  vars(step: StepPath | undefined, field: string, text: string, known: ReadonlySet<string>) {
    if (this.computed) return;
    for (const name of referencedVariables(text)) {
      if (!known.has(name) && !this.outside.has(name) && !(BUILTIN_VARIABLES as readonly string[]).includes(name)) {
        this.add(step, field, `unknown variable "${name}": define it in the flow's variables, an environment or --var, or capture it in an earlier step`);
      }
    }
  }

  /** a string field, optional or not; returns it when it is one */
  str(step: StepPath | undefined, o: Obj, field: string, prefix: string, required: boolean): string | undefined {
    const v = o[field];
    if (v === undefined) {
      if (required) this.add(step, prefix + field, `${prefix + field} is missing`);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.add(step, prefix + field, `${prefix + field} must be a string`);
      return undefined;
    }
    return v;
  }

  timeout(step: StepPath, o: Obj, field = 'timeoutMs') {
    const v = o[field];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > MAX_TIMEOUT_MS) {
      this.add(step, field, `${field} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}; got ${JSON.stringify(v)}`);
    }
  }

  regex(step: StepPath, field: string, source: string, flags?: unknown) {
    if (flags !== undefined && typeof flags !== 'string') {
      this.add(step, field.replace(/regex$|matches$/, 'flags'), 'flags must be a string such as "i"');
      return;
    }
    if (source.includes('{{')) return; // checked once expanded, when it runs
    const err = regexError(source, flags);
    if (err) this.add(step, field, `the regular expression /${source}/ does not compile: ${err}`);
  }
}

/** Every issue of `value` as a flow, in document order. */
export function validateFlow(value: unknown, options: ValidateOptions = {}): FlowIssue[] {
  const c = new Checker(new Set(options.knownVariables ?? []));
  if (!isObj(value)) {
    c.add(undefined, 'document', 'a flow is a JSON object with "version", "name", "connections" and "steps"');
    return c.issues;
  }
  if (value.version !== FLOW_VERSION) {
    c.add(
      undefined,
      'version',
      value.version === undefined ? `version is missing: write "version": "${FLOW_VERSION}"` : `unknown version ${JSON.stringify(value.version)}: this Sockpit reads "${FLOW_VERSION}"`,
    );
    return c.issues;
  }
  if (typeof value.name !== 'string' || value.name.trim() === '') c.add(undefined, 'name', 'name is missing: give the flow a name');
  if (value.description !== undefined && typeof value.description !== 'string') c.add(undefined, 'description', 'description must be a string');

  const known = new Set<string>();
  if (value.variables !== undefined) {
    if (!isObj(value.variables)) c.add(undefined, 'variables', 'variables must be an object of names and string values');
    else
      for (const [k, v] of Object.entries(value.variables)) {
        if (!NAME.test(k)) c.add(undefined, `variables.${k}`, `"${k}" is not a variable name: start with a letter or _, then letters, digits, _ . -`);
        else if (typeof v !== 'string') c.add(undefined, `variables.${k}`, `variables.${k} must be a string (write numbers in quotes)`);
        known.add(k);
      }
  }
  checkEnvironments(c, value.environments);

  if (!Array.isArray(value.connections) || value.connections.length === 0) {
    c.add(undefined, 'connections', 'connections is missing: name at least one, e.g. [{ "name": "main", "url": "ws://127.0.0.1:8787/echo" }]');
  } else {
    value.connections.forEach((conn, i) => {
      const f = `connections[${i}].`;
      if (!isObj(conn)) return c.add(undefined, `connections[${i}]`, 'a connection is an object with "name" and "url"');
      const name = c.str(undefined, conn, 'name', f, true);
      if (name !== undefined) {
        if (name.trim() === '') c.add(undefined, `${f}name`, 'a connection needs a name');
        else if (c.connections.includes(name)) c.add(undefined, `${f}name`, `connection name "${name}" is used twice`);
        else c.connections.push(name);
      }
      const url = c.str(undefined, conn, 'url', f, true);
      if (url !== undefined) checkUrl(c, undefined, `${f}url`, url, known);
      checkConnectionOptions(c, undefined, conn, f, known);
    });
  }

  checkScripts(c, value.scripts);

  if (!Array.isArray(value.steps) || value.steps.length === 0) {
    c.add(undefined, 'steps', 'steps is missing: a flow needs at least one step');
    return c.issues;
  }
  const state: WalkState = { known, connected: new Set(), expected: new Set() };
  checkSteps(c, value.steps, [], state);
  return c.issues;
}

interface WalkState {
  known: Set<string>;
  connected: Set<string>;
  /** connections with an earlier expect (a capture step reads its message) */
  expected: Set<string>;
}

function checkScripts(c: Checker, scripts: unknown) {
  if (scripts === undefined) return;
  if (!Array.isArray(scripts)) return c.add(undefined, 'scripts', 'scripts must be an array of { "name", "source" }');
  scripts.forEach((sc, i) => {
    const f = `scripts[${i}]`;
    if (!isObj(sc)) return c.add(undefined, f, 'a script is { "name": "…", "source": "function check(message, vars) { … }" }');
    if (typeof sc.name !== 'string' || sc.name.trim() === '') c.add(undefined, `${f}.name`, 'a script needs a name');
    else if (c.scripts.includes(sc.name)) c.add(undefined, `${f}.name`, `script "${sc.name}" is defined twice`);
    else c.scripts.push(sc.name);
    if (typeof sc.source !== 'string') c.add(undefined, `${f}.source`, 'source must be a string of JavaScript');
    else if (sc.source.length > MAX_SCRIPT_CHARS) c.add(undefined, `${f}.source`, `source is longer than ${MAX_SCRIPT_CHARS} characters`);
  });
}

function checkScriptName(c: Checker, path: StepPath, field: string, name: unknown) {
  if (typeof name !== 'string' || name.trim() === '') return c.add(path, field, "name one of the flow's scripts");
  if (!c.scripts.includes(name)) {
    c.add(path, field, c.scripts.length === 0 ? `no script "${name}": the flow has no scripts (add them under "scripts")` : `unknown script "${name}": the flow's scripts are ${list(c.scripts)}`);
  }
}

function checkEnvironments(c: Checker, envs: unknown) {
  if (envs === undefined) return;
  if (!Array.isArray(envs)) return c.add(undefined, 'environments', 'environments must be an array of { "name", "variables" }');
  const names: string[] = [];
  envs.forEach((env, i) => {
    const f = `environments[${i}]`;
    if (!isObj(env) || typeof env.name !== 'string' || env.name.trim() === '') return c.add(undefined, `${f}.name`, 'an environment needs a name');
    if (names.includes(env.name)) c.add(undefined, `${f}.name`, `environment "${env.name}" is defined twice`);
    names.push(env.name);
    if (!isObj(env.variables)) return c.add(undefined, `${f}.variables`, 'variables must be an object of { "value": "…", "secret": true|false }');
    for (const [k, v] of Object.entries(env.variables)) {
      if (!NAME.test(k)) c.add(undefined, `${f}.variables.${k}`, `"${k}" is not a variable name`);
      else if (!isObj(v) || typeof v.value !== 'string') c.add(undefined, `${f}.variables.${k}`, 'a variable is { "value": "…" } (with "secret": true to mask it)');
      else if (v.secret !== undefined && typeof v.secret !== 'boolean') c.add(undefined, `${f}.variables.${k}.secret`, 'secret must be true or false');
    }
  });
}

function checkUrl(c: Checker, step: StepPath | undefined, field: string, url: string, known: ReadonlySet<string>) {
  if (url.trim() === '') return c.add(step, field, 'the URL is empty: write one such as ws://127.0.0.1:8787/echo');
  c.vars(step, field, url, known);
  if (url.includes('{{')) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return c.add(step, field, `"${url}" is not an absolute URL: write one such as ws://127.0.0.1:8787/echo`);
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(parsed.protocol)) {
    c.add(step, field, `the URL's scheme is "${parsed.protocol.replace(/:$/, '')}": use ws:// or wss:// (http and https are taken as ws and wss)`);
  }
}

function checkConnectionOptions(c: Checker, step: StepPath | undefined, o: Obj, f: string, known: ReadonlySet<string>) {
  if (o.protocols !== undefined) {
    if (!Array.isArray(o.protocols) || o.protocols.some((p) => typeof p !== 'string')) c.add(step, `${f}protocols`, 'protocols must be an array of strings');
    else
      o.protocols.forEach((p: string, j) => {
        c.vars(step, `${f}protocols[${j}]`, p, known);
        if (!p.includes('{{') && !isValidSubprotocol(p)) c.add(step, `${f}protocols[${j}]`, `"${p}" is not a valid subprotocol (a token: no spaces, commas or quotes)`);
      });
    if (Array.isArray(o.protocols) && new Set(o.protocols).size !== o.protocols.length) c.add(step, `${f}protocols`, 'a subprotocol is offered twice');
  }
  if (o.lens !== undefined && o.lens !== 'auto' && o.lens !== 'raw' && !isLensId(o.lens)) {
    c.add(step, `${f}lens`, `unknown lens ${JSON.stringify(o.lens)}: use auto, raw or a lens id (json, socketio, mqtt, stomp, …)`);
  }
  if (o.binaryType !== undefined && o.binaryType !== 'arraybuffer' && o.binaryType !== 'blob') c.add(step, `${f}binaryType`, 'binaryType is "arraybuffer" or "blob"');
}

function checkSteps(c: Checker, steps: readonly unknown[], at: readonly number[], s: WalkState) {
  steps.forEach((step, i) => checkStep(c, step, [...at, i], s));
}

function checkStep(c: Checker, step: unknown, path: StepPath, s: WalkState) {
  if (!isObj(step)) return c.add(path, 'type', 'a step is an object with a "type"');
  const type = step.type;
  if (typeof type !== 'string' || !(STEP_TYPES as readonly string[]).includes(type)) {
    return c.add(path, 'type', type === undefined ? `type is missing: use one of ${STEP_TYPES.join(', ')}` : `unknown step type ${JSON.stringify(type)}: use one of ${STEP_TYPES.join(', ')}`);
  }
  if (step.name !== undefined && typeof step.name !== 'string') c.add(path, 'name', 'name must be a string');
  let conn = c.connections[0];
  if (step.connection !== undefined) {
    if (typeof step.connection !== 'string') c.add(path, 'connection', 'connection must be a connection\'s name');
    else if (!c.connections.includes(step.connection)) {
      c.add(path, 'connection', `unknown connection "${step.connection}": the flow's connections are ${list(c.connections)}`);
      conn = undefined;
    } else conn = step.connection;
  }
  const needsOpen = type !== 'connect' && type !== 'wait' && type !== 'repeat' && type !== 'compute';
  if (needsOpen && conn !== undefined && !s.connected.has(conn)) {
    c.add(path, 'connection', `connection "${conn}" is not connected yet: add a connect step for it before this one`);
  }

  switch (type as StepType) {
    case 'connect': {
      if (step.url !== undefined) {
        if (typeof step.url !== 'string') c.add(path, 'url', 'url must be a string');
        else checkUrl(c, path, 'url', step.url, s.known);
      }
      checkConnectionOptions(c, path, step, '', s.known);
      c.timeout(path, step);
      if (conn !== undefined) s.connected.add(conn);
      return;
    }
    case 'send':
      return checkPayload(c, path, step.payload, s.known);
    case 'expect': {
      checkMatchers(c, path, step.match, s.known);
      c.timeout(path, step);
      if (step.next !== undefined && typeof step.next !== 'boolean') c.add(path, 'next', 'next must be true or false');
      if (step.capture !== undefined) checkCaptures(c, path, step.capture, s.known);
      if (conn !== undefined) s.expected.add(conn);
      return;
    }
    case 'capture':
      if (conn !== undefined && !s.expected.has(conn)) c.add(path, 'capture', `no earlier expect on connection "${conn}": a capture step reads the message the last expect matched`);
      if (step.capture === undefined) return c.add(path, 'capture', 'capture is missing: e.g. [{ "var": "id", "path": "$.id" }]');
      return checkCaptures(c, path, step.capture, s.known);
    case 'wait':
      if (typeof step.ms !== 'number' || !Number.isInteger(step.ms) || step.ms < 0 || step.ms > MAX_TIMEOUT_MS) {
        c.add(path, 'ms', `ms must be a whole number of milliseconds from 0 to ${MAX_TIMEOUT_MS}; got ${JSON.stringify(step.ms)}`);
      }
      return;
    case 'repeat': {
      const hasTimes = step.times !== undefined;
      const hasDuration = step.durationMs !== undefined;
      if (hasTimes === hasDuration) {
        c.add(path, hasTimes ? 'durationMs' : 'times', hasTimes ? 'give times or durationMs, not both' : 'give times (how many iterations) or durationMs (for how long)');
      } else if (hasTimes) {
        if (typeof step.times !== 'number' || !Number.isInteger(step.times) || step.times < 1 || step.times > MAX_REPEAT_TIMES) {
          c.add(path, 'times', `times must be a whole number from 1 to ${MAX_REPEAT_TIMES}; got ${JSON.stringify(step.times)}`);
        }
      } else c.timeout(path, step, 'durationMs');
      let counter = 'i';
      if (step.counter !== undefined) {
        if (typeof step.counter !== 'string' || !NAME.test(step.counter)) c.add(path, 'counter', 'counter must be a variable name, such as "i"');
        else counter = step.counter;
      }
      if (!Array.isArray(step.steps) || step.steps.length === 0) return c.add(path, 'steps', 'a repeat needs steps to repeat');
      const hadCounter = s.known.has(counter);
      s.known.add(counter);
      checkSteps(c, step.steps, path, s);
      if (!hadCounter) s.known.delete(counter);
      return;
    }
    case 'expectClose': {
      if (step.code !== undefined) {
        const code = step.code;
        if (typeof code !== 'number' || !Number.isInteger(code) || !(canSendCloseCode(code) || (code >= 1000 && code <= 1015 && code !== 1004))) {
          c.add(path, 'code', `${JSON.stringify(code)} is not a close code a connection can report: use 1000–1003, 1005–1015 or 3000–4999`);
        }
      }
      if (step.reason !== undefined) {
        if (typeof step.reason !== 'string') c.add(path, 'reason', 'reason must be a string');
        else c.vars(path, 'reason', step.reason, s.known);
      }
      if (step.wasClean !== undefined && typeof step.wasClean !== 'boolean') c.add(path, 'wasClean', 'wasClean must be true or false');
      c.timeout(path, step);
      return;
    }
    case 'compute':
      // What compute returns sets variables the validator cannot know: later {{references}} are checked when they run.
      checkScriptName(c, path, 'script', step.script);
      c.computed = true;
      return;
    case 'close': {
      if (step.code !== undefined && (typeof step.code !== 'number' || !Number.isInteger(step.code))) return c.add(path, 'code', 'code must be a whole number: 1000 or 3000–4999');
      if (step.reason !== undefined && typeof step.reason !== 'string') return c.add(path, 'reason', 'reason must be a string');
      const reason = (step.reason as string | undefined) ?? '';
      c.vars(path, 'reason', reason, s.known);
      const check = checkCloseInput(step.code === undefined ? '' : String(step.code), reason.includes('{{') ? '' : reason);
      if (!check.ok) c.add(path, check.field, check.error);
      else if (reason.includes('{{') && step.code === undefined) c.add(path, 'code', 'Enter a close code to send a reason: use 1000 or 3000–4999');
      return;
    }
  }
}

function checkPayload(c: Checker, path: StepPath, p: unknown, known: ReadonlySet<string>) {
  if (!isObj(p)) return c.add(path, 'payload', 'payload is missing: { "text": "…" }, { "hex": "…" }, { "base64": "…" } or { "lens", "kind", "values" }');
  const kinds = ['text', 'hex', 'base64', 'lens'].filter((k) => k in p);
  if (kinds.length !== 1) return c.add(path, 'payload', kinds.length === 0 ? 'payload needs one of text, hex, base64 or lens' : `payload has ${kinds.join(' and ')}: give exactly one`);
  const kind = kinds[0] as 'text' | 'hex' | 'base64' | 'lens';
  if (kind === 'lens') {
    if (!isLensId(p.lens)) c.add(path, 'payload.lens', `unknown lens ${JSON.stringify(p.lens)}`);
    if (typeof p.kind !== 'string' || p.kind === '') c.add(path, 'payload.kind', 'kind is the lens message kind, e.g. "emit" or "PUBLISH"');
    if (!isObj(p.values)) return c.add(path, 'payload.values', 'values must be an object of the form\'s field names and string values');
    for (const [k, v] of Object.entries(p.values)) {
      if (typeof v !== 'string') c.add(path, `payload.values.${k}`, `payload.values.${k} must be a string`);
      else c.vars(path, `payload.values.${k}`, v, known);
    }
    return;
  }
  const body = p[kind];
  if (typeof body !== 'string') return c.add(path, `payload.${kind}`, `payload.${kind} must be a string`);
  c.vars(path, `payload.${kind}`, body, known);
  if (kind !== 'text' && !body.includes('{{')) {
    const r = kind === 'hex' ? parseHex(body) : parseBase64(body);
    if (!r.ok) c.add(path, `payload.${kind}`, r.error);
  }
}

function checkMatchers(c: Checker, path: StepPath, match: unknown, known: ReadonlySet<string>) {
  if (!Array.isArray(match) || match.length === 0) return c.add(path, 'match', 'match is missing: an expect needs at least one matcher, e.g. [{ "contains": "hello" }]');
  const directions = new Set<string>();
  match.forEach((m: unknown, i) => {
    const f = `match[${i}]`;
    if (!isObj(m)) return c.add(path, f, 'a matcher is an object, e.g. { "contains": "hello" }');
    const kind = matcherKind(m);
    if (!kind) return c.add(path, f, `unknown matcher with keys ${list(Object.keys(m))}: use contains, equals, regex, path, schema, field or script`);
    if (m.direction !== undefined && m.direction !== 'in' && m.direction !== 'out') c.add(path, `${f}.direction`, 'direction is "in" (received) or "out" (sent)');
    directions.add((m.direction as string | undefined) ?? 'in');
    switch (kind) {
      case 'contains':
      case 'equals': {
        const v = c.str(path, m, kind, `${f}.`, true);
        if (v !== undefined) c.vars(path, `${f}.${kind}`, v, known);
        return;
      }
      case 'regex': {
        const v = c.str(path, m, 'regex', `${f}.`, true);
        if (v !== undefined) {
          c.vars(path, `${f}.regex`, v, known);
          c.regex(path, `${f}.regex`, v, m.flags);
        }
        return;
      }
      case 'path': {
        const v = c.str(path, m, 'path', `${f}.`, true);
        if (v !== undefined) {
          c.vars(path, `${f}.path`, v, known);
          const p = v.includes('{{') ? { ok: true as const } : parseJsonPath(v);
          if (!p.ok) c.add(path, `${f}.path`, `bad JSON path "${v}": ${p.error}`);
        }
        const tests = ['equals', 'exists', 'matches'].filter((k) => k in m);
        if (tests.length > 1) c.add(path, f, `give one of equals, exists or matches, not ${tests.join(' and ')}`);
        if (m.exists !== undefined && typeof m.exists !== 'boolean') c.add(path, `${f}.exists`, 'exists must be true or false');
        if (m.equals !== undefined) for (const s of stringsIn(m.equals)) c.vars(path, `${f}.equals`, s, known);
        if (m.matches !== undefined) {
          const r = c.str(path, m, 'matches', `${f}.`, false);
          if (r !== undefined) {
            c.vars(path, `${f}.matches`, r, known);
            c.regex(path, `${f}.matches`, r);
          }
        }
        return;
      }
      case 'schema': {
        const err = schemaError(m.schema);
        if (err) c.add(path, `${f}.schema`, `invalid JSON Schema: ${err}`);
        return;
      }
      case 'script':
        return checkScriptName(c, path, `${f}.script`, m.script);
      case 'field': {
        const v = c.str(path, m, 'field', `${f}.`, true);
        if (v !== undefined && v.trim() === '') c.add(path, `${f}.field`, 'name the decoded field, e.g. "event" or "type"');
        if ('equals' in m && 'matches' in m) c.add(path, f, 'give equals or matches, not both');
        const eq = c.str(path, m, 'equals', `${f}.`, false);
        if (eq !== undefined) c.vars(path, `${f}.equals`, eq, known);
        const r = c.str(path, m, 'matches', `${f}.`, false);
        if (r !== undefined) {
          c.vars(path, `${f}.matches`, r, known);
          c.regex(path, `${f}.matches`, r);
        }
        return;
      }
    }
  });
  if (directions.size > 1) c.add(path, 'match', 'the matchers of one expect test one message: give them all the same direction');
}

function stringsIn(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsIn);
  if (isObj(v)) return Object.values(v).flatMap(stringsIn);
  return [];
}

function checkCaptures(c: Checker, path: StepPath, captures: unknown, known: Set<string>) {
  if (!Array.isArray(captures) || captures.length === 0) return c.add(path, 'capture', 'capture must be a non-empty array, e.g. [{ "var": "id", "path": "$.id" }]');
  const made: string[] = [];
  captures.forEach((cap: unknown, i) => {
    const f = `capture[${i}]`;
    if (!isObj(cap)) return c.add(path, f, 'a capture is { "var", "path" } or { "var", "regex" }');
    if (typeof cap.var !== 'string' || !NAME.test(cap.var)) c.add(path, `${f}.var`, 'var must be a variable name, such as "id"');
    else made.push(cap.var);
    const has = ['path', 'regex'].filter((k) => k in cap);
    if (has.length !== 1) return c.add(path, f, has.length === 0 ? 'a capture needs a path or a regex' : 'give path or regex, not both');
    if ('path' in cap) {
      const v = c.str(path, cap, 'path', `${f}.`, true);
      if (v !== undefined) {
        c.vars(path, `${f}.path`, v, known);
        const p = v.includes('{{') ? { ok: true as const } : parseJsonPath(v);
        if (!p.ok) c.add(path, `${f}.path`, `bad JSON path "${v}": ${p.error}`);
      }
      return;
    }
    const v = c.str(path, cap, 'regex', `${f}.`, true);
    if (v === undefined) return;
    c.vars(path, `${f}.regex`, v, known);
    c.regex(path, `${f}.regex`, v, cap.flags);
    const g = cap.group;
    if (g !== undefined) {
      if (typeof g === 'number') {
        if (!Number.isInteger(g) || g < 0) c.add(path, `${f}.group`, 'group is a group number (0 = the whole match) or a group name');
        else if (!v.includes('{{') && regexError(v, (cap.flags as string | undefined) ?? '') === undefined) {
          const groups = new RegExp(`${v}|`).exec('')?.length ?? 1;
          if (g >= groups) c.add(path, `${f}.group`, `the regex has ${groups - 1} group${groups === 2 ? '' : 's'}; group ${g} does not exist`);
        }
      } else if (typeof g === 'string') {
        if (!v.includes(`(?<${g}>`)) c.add(path, `${f}.group`, `the regex has no group named "${g}"`);
      } else c.add(path, `${f}.group`, 'group is a number or a name');
    }
  });
  for (const m of made) known.add(m);
}

/** The value as a FlowDocument once validateFlow found nothing wrong with it. */
export function asFlowDocument(value: unknown, issues: readonly FlowIssue[]): FlowDocument | undefined {
  return issues.length === 0 ? (value as FlowDocument) : undefined;
}

/** "step 3.1 (send hello)" for path [2, 0]: 1-based, as the panel and the CLI number steps. */
export function stepLabel(path: StepPath, doc?: unknown): string {
  let name: string | undefined;
  let type: string | undefined;
  let steps: unknown = isObj(doc) ? doc.steps : undefined;
  for (const i of path) {
    const s: unknown = Array.isArray(steps) ? steps[i] : undefined;
    name = isObj(s) && typeof s.name === 'string' ? s.name : undefined;
    type = isObj(s) && typeof s.type === 'string' ? s.type : undefined;
    steps = isObj(s) ? s.steps : undefined;
  }
  const label = `step ${path.map((i) => i + 1).join('.')}`;
  if (name) return `${label} (${name})`;
  return type ? `${label} (${type})` : label;
}

/** One issue as one line: `step 2 (send), payload.text: unknown variable "x"…` or `line 3, column 5: …`. */
export function formatIssue(issue: FlowIssue, doc?: unknown): string {
  if (issue.line !== undefined) return `line ${issue.line}, column ${issue.column ?? 1}: ${issue.message}`;
  const where = issue.step ? `${stepLabel(issue.step, doc)}, ${issue.field}` : issue.field;
  return `${where}: ${issue.message}`;
}

/** The issues of a list of environments on its own (an --env-file), with fields as `environments[0].name`. */
export function environmentIssues(envs: unknown): FlowIssue[] {
  const c = new Checker(new Set());
  checkEnvironments(c, envs);
  return c.issues;
}
