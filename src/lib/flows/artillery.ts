/**
 * A flow as an Artillery test script (docs/flows.md, "Artillery export"), to
 * run the same conversation at load with `artillery run`, locally or on
 * Artillery's distributed runners.
 *
 * Artillery's `ws` engine gives each virtual user one socket, and a step
 * that matches reads the next message after it starts. So:
 * - each connection becomes its own scenario (engine `ws`, or `socketio`
 *   when the connection uses the Socket.IO lens), its steps in flow order;
 * - a `send` followed by an `expect` on the same connection becomes one
 *   `send` with `match`/`capture` (request/reply); an `expect` on its own
 *   becomes a `wait`; an `expect` for a message another connection sent is
 *   left out (no other connection shares the virtual user);
 * - matchers become Artillery `match` (JSON path equals a scalar) and strict
 *   `capture`s (a JSON path that must exist, text contains/equals/regex as a
 *   regexp); schema and decoded-field matchers are left out;
 * - `wait` becomes `think`, `repeat` a `loop` (the counter is its
 *   `loopValue`, from 0 as in flows); `close` and `expectClose` are left out
 *   (Artillery closes at the end of the scenario and checks no code).
 * Whatever is left out or approximated is said in `warnings`.
 */
import { BUILTIN_VARIABLES, referencedVariables } from './expand';
import { formatJsonPath, parseJsonPath } from './json-path';
import { matcherDirection } from './matchers';
import type { Capture, FlowConnection, FlowDocument, FlowStep, Matcher, StepPath } from './types';
import { stepLabel } from './validate';
import { toYaml } from './yaml-out';

export interface ArtilleryOptions {
  /** the run's variables (flow defaults, environment, --var); they become config.variables */
  variables?: Readonly<Record<string, string>>;
  /** names of secret variables: left out unless includeSecrets (pass them with `artillery run --variables`) */
  secrets?: readonly string[];
  includeSecrets?: boolean;
  format?: 'yaml' | 'json';
  /** the load phase: `duration` seconds at `arrivalRate` new virtual users a second (default 10 s at 1/s) */
  duration?: number;
  arrivalRate?: number;
  /** fixed clock for {{timestamp}} and {{isoTime}} (tests) */
  now?: number;
}

type Item = Record<string, unknown>;

export interface ArtilleryScript {
  config: {
    target: string;
    phases: Array<{ duration: number; arrivalRate: number; name?: string }>;
    variables?: Record<string, string>;
    /** the Socket.IO engine's client options: WebSocket only, as the flow connects */
    socketio?: { transports: ['websocket']; path?: string };
  };
  scenarios: Array<{ name: string; engine: 'ws' | 'socketio'; weight: number; flow: Item[] }>;
}

export interface ArtilleryExport {
  script: ArtilleryScript;
  text: string;
  warnings: string[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

interface Ctx {
  doc: FlowDocument;
  warnings: string[];
  now: number;
  checks: number;
}

/** Our {{built-ins}} in Artillery's template language. */
function template(text: string, c: Ctx, where: string): string {
  if (text.includes('\\{{')) c.warnings.push(`${where}: Artillery has no escape for a literal "{{"; the text keeps "\\{{"`);
  return text.replace(/(?<!\\)\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g, (whole, name: string) => {
    switch (name) {
      case 'uuid':
        return '{{ $uuid }}';
      case 'user':
        return '{{ $uuid }}';
      case 'random':
        return '{{ $randomNumber(0, 4294967295) }}';
      case 'timestamp':
        return String(Math.floor(c.now));
      case 'isoTime':
        return new Date(c.now).toISOString();
      default:
        return whole;
    }
  });
}

function noteBuiltins(doc: FlowDocument, c: Ctx) {
  const used = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') for (const n of referencedVariables(v)) used.add(n);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(doc.steps);
  walk(doc.connections);
  if (used.has('user')) c.warnings.push('{{user}} becomes {{ $uuid }}: Artillery numbers no virtual users, but gives each its own id');
  if (used.has('uuid')) c.warnings.push('{{uuid}} becomes {{ $uuid }}: one id per virtual user, not a new one per use');
  if (used.has('timestamp') || used.has('isoTime')) c.warnings.push('{{timestamp}} and {{isoTime}} are fixed at the time of the export: Artillery has no clock variable');
}

function toArtilleryPath(path: string): string | undefined {
  if (path.includes('{{')) return undefined;
  const p = parseJsonPath(path);
  return p.ok ? formatJsonPath(p.segments) : undefined;
}

/** The match and capture specs of an expect's matchers and captures. */
function specs(match: readonly Matcher[], capture: readonly Capture[] | undefined, c: Ctx, where: string): { match: Item[]; capture: Item[] } {
  const m: Item[] = [];
  const cap: Item[] = [];
  const check = () => `_check${++c.checks}`;
  for (const x of match) {
    if (matcherDirection(x) === 'out') {
      c.warnings.push(`${where}: a matcher on sent messages is left out (Artillery matches received ones)`);
      continue;
    }
    if ('script' in x) {
      c.warnings.push(`${where}: the script check "${x.script}" is left out (Artillery runs no Sockpit scripts)`);
      continue;
    }
    if ('path' in x) {
      const json = toArtilleryPath(x.path);
      if (!json) {
        c.warnings.push(`${where}: the JSON path ${x.path} is left out`);
        continue;
      }
      if (x.equals !== undefined) {
        if (x.equals === null || typeof x.equals === 'object') c.warnings.push(`${where}: ${x.path} equals an object or array: Artillery compares scalars only, left out`);
        else m.push({ json, value: typeof x.equals === 'string' ? template(x.equals, c, where) : x.equals });
      } else if (x.matches !== undefined) c.warnings.push(`${where}: ${x.path} matches /${x.matches}/ is left out (Artillery has no JSON path regex)`);
      else if (x.exists === false) c.warnings.push(`${where}: "${x.path} is absent" is left out`);
      else cap.push({ json, as: check(), strict: true });
    } else if ('schema' in x) c.warnings.push(`${where}: the JSON Schema matcher is left out (Artillery has none)`);
    else if ('field' in x) c.warnings.push(`${where}: the decoded field matcher "${x.field}" is left out (Artillery reads no protocol lenses)`);
    else if ('regex' in x) cap.push({ regexp: template(x.regex, c, where), ...(x.flags ? { flags: x.flags } : {}), as: check(), strict: true });
    else if ('contains' in x) cap.push({ regexp: escapeRegex(template(x.contains, c, where)), as: check(), strict: true });
    else cap.push({ regexp: `^${escapeRegex(template(x.equals, c, where))}$`, as: check(), strict: true });
  }
  for (const k of capture ?? []) {
    if ('path' in k) {
      const json = toArtilleryPath(k.path);
      if (json) cap.push({ json, as: k.var });
      else c.warnings.push(`${where}: the capture of ${k.var} from ${k.path} is left out`);
    } else {
      const hasGroups = new RegExp(`${k.regex}|`).exec('')!.length > 1;
      const group = k.group ?? (hasGroups ? 1 : undefined);
      cap.push({ regexp: template(k.regex, c, where), as: k.var, ...(group !== undefined ? { group } : {}), ...(k.flags ? { flags: k.flags } : {}) });
    }
  }
  return { match: m, capture: cap };
}

function withSpecs(base: Item, s: { match: Item[]; capture: Item[] }): Item {
  return { ...base, ...(s.match.length ? { match: s.match } : {}), ...(s.capture.length ? { capture: s.capture } : {}) };
}

function connectionName(doc: FlowDocument, step: FlowStep): string {
  return step.connection ?? doc.connections[0]?.name ?? '';
}

/** The last connection a `send` went out on, walking the steps in flow order. */
interface Walk {
  lastSendOn?: string;
  connected: boolean;
}

function wsItems(steps: readonly FlowStep[], at: StepPath, conn: FlowConnection, c: Ctx, w: Walk, socketio: boolean): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const path = [...at, i];
    const where = stepLabel(path, c.doc);
    if (step.type === 'repeat') {
      const inner = wsItems(step.steps, path, conn, c, w, socketio);
      if (inner.length === 0) continue;
      let count = step.times ?? 1;
      if (step.durationMs !== undefined) {
        const waited = step.steps.reduce((ms, s) => ms + (s.type === 'wait' ? s.ms : 0), 0);
        count = waited > 0 ? Math.max(1, Math.ceil(step.durationMs / waited)) : 1;
        c.warnings.push(`${where}: a repeat for ${step.durationMs} ms becomes a loop of ${count} (Artillery loops by count)`);
      }
      out.push({ loop: inner, count, loopValue: step.counter ?? 'i' });
      continue;
    }
    if (step.type === 'wait') {
      // A wait holds every connection of the flow.
      out.push({ think: step.ms / 1000 });
      continue;
    }
    if (connectionName(c.doc, step) !== conn.name) {
      if (step.type === 'send') w.lastSendOn = connectionName(c.doc, step);
      continue;
    }
    switch (step.type) {
      case 'connect':
        if (w.connected) c.warnings.push(`${where}: connecting "${conn.name}" again is left out (Artillery opens one socket per virtual user)`);
        w.connected = true;
        continue;
      case 'send': {
        w.lastSendOn = conn.name;
        const p = step.payload;
        if (socketio) {
          if (!('lens' in p) || p.lens !== 'socketio' || p.kind !== 'emit') {
            c.warnings.push(`${where}: only Socket.IO emits are exported on a Socket.IO connection; left out`);
            continue;
          }
          let data: unknown;
          try {
            const args = JSON.parse(template(p.values.args ?? '[]', c, where)) as unknown;
            data = Array.isArray(args) ? (args.length <= 1 ? args[0] : args) : args;
          } catch {
            data = template(p.values.args ?? '', c, where);
          }
          const emit: Item = { channel: template(p.values.event ?? '', c, where), ...(data !== undefined ? { data } : {}) };
          if (p.values.namespace && p.values.namespace !== '/') emit.namespace = p.values.namespace;
          out.push({ emit });
          continue;
        }
        if (!('text' in p)) {
          c.warnings.push(`${where}: a ${'lens' in p ? `${p.lens} lens` : 'hex' in p ? 'hex' : 'base64'} payload is left out (Artillery's ws engine sends text)`);
          continue;
        }
        out.push({ send: template(p.text, c, where) });
        continue;
      }
      case 'expect':
      case 'capture': {
        if (step.type === 'expect' && w.lastSendOn !== undefined && w.lastSendOn !== conn.name) {
          c.warnings.push(`${where}: waits on "${conn.name}" for what "${w.lastSendOn}" sent; left out (each connection is its own Artillery virtual user)`);
          continue;
        }
        if (socketio) {
          const ev = step.type === 'expect' ? step.match.find((m): m is Extract<Matcher, { field: string }> => 'field' in m && m.field === 'event' && m.equals !== undefined) : undefined;
          const prev = out[out.length - 1];
          if (ev && prev && 'emit' in prev && !(prev.emit as Item).response) (prev.emit as Item).response = { channel: template(ev.equals ?? '', c, where) };
          else c.warnings.push(`${where}: on a Socket.IO connection only "event equals" right after an emit is exported (as its response)`);
          continue;
        }
        const s = step.type === 'expect' ? specs(step.match, step.capture, c, where) : specs([], step.capture, c, where);
        if (step.type === 'expect' && step.next !== true) c.warnings.push(`${where}: Artillery matches the next message only (as "next": true)`);
        const prev = out[out.length - 1];
        if (!s.match.length && !s.capture.length) continue;
        if (step.type === 'expect' && prev && typeof prev.send === 'string') out[out.length - 1] = { send: withSpecs({ payload: prev.send }, s) };
        else if (step.type === 'capture' && prev?.send && typeof prev.send === 'object') {
          const merged = prev.send as Item;
          merged.capture = [...((merged.capture as Item[] | undefined) ?? []), ...s.capture];
        } else out.push({ wait: withSpecs({}, s) });
        continue;
      }
      case 'close':
        continue;
      case 'expectClose':
        c.warnings.push(`${where}: the close is not checked (Artillery checks no close codes)`);
        continue;
      case 'compute':
        c.warnings.push(`${where}: the compute step (script "${step.script}") is left out (Artillery runs no Sockpit scripts)`);
        continue;
    }
  }
  return out;
}

function socketIoPath(url: string): string | undefined {
  try {
    return new URL(url.replace(/\{\{[^}]*\}\}/g, 'x')).pathname;
  } catch {
    return undefined;
  }
}

function socketIoTarget(url: string): string {
  try {
    const u = new URL(url);
    const scheme = u.protocol === 'wss:' || u.protocol === 'https:' ? 'https:' : 'http:';
    return `${scheme}//${u.host}`;
  } catch {
    return url;
  }
}

export function toArtilleryScript(doc: FlowDocument, options: ArtilleryOptions = {}): { script: ArtilleryScript; warnings: string[] } {
  const c: Ctx = { doc, warnings: [], now: options.now ?? Date.now(), checks: 0 };
  noteBuiltins(doc, c);
  const secrets = new Set(options.secrets ?? []);
  const variables: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.variables ?? { ...doc.variables })) {
    if ((BUILTIN_VARIABLES as readonly string[]).includes(k)) continue;
    if (secrets.has(k) && !options.includeSecrets) {
      c.warnings.push(`the secret variable "${k}" is left out: give it with artillery run --variables '{"${k}":"…"}' (or export with --include-secrets)`);
      continue;
    }
    variables[k] = v;
  }
  const expandUrl = (url: string) => url.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g, (whole, n: string) => variables[n] ?? whole);
  const scenarios: ArtilleryScript['scenarios'] = [];
  for (const conn of doc.connections) {
    const used = hasStepsOn(doc.steps, doc, conn.name);
    if (!used) continue;
    const socketio = conn.lens === 'socketio';
    const flow = wsItems(doc.steps, [], conn, c, { connected: false }, socketio);
    const url = template(conn.url, c, `connection "${conn.name}"`);
    const name = doc.connections.length > 1 ? `${doc.name} · ${conn.name}` : doc.name;
    if (socketio) {
      scenarios.push({ name, engine: 'socketio', weight: 1, flow });
    } else {
      const connect: Item = { target: url, ...(conn.protocols?.length ? { subprotocols: conn.protocols } : {}) };
      scenarios.push({ name, engine: 'ws', weight: 1, flow: [{ connect }, ...flow] });
    }
  }
  if (doc.connections.length > 1) c.warnings.push(`the flow's ${doc.connections.length} connections become ${scenarios.length} scenarios; Artillery gives each virtual user one of them, picked by weight`);
  const first = doc.connections[0];
  const target = first ? (first.lens === 'socketio' ? socketIoTarget(expandUrl(first.url)) : expandUrl(first.url)) : '';
  const io = doc.connections.find((x) => x.lens === 'socketio');
  const ioPath = io ? socketIoPath(expandUrl(io.url)) : undefined;
  const script: ArtilleryScript = {
    config: {
      target,
      phases: [{ duration: options.duration ?? 10, arrivalRate: options.arrivalRate ?? 1, name: doc.name }],
      ...(Object.keys(variables).length ? { variables } : {}),
      ...(io ? { socketio: { transports: ['websocket'] as ['websocket'], ...(ioPath && ioPath !== '/socket.io/' ? { path: ioPath } : {}) } } : {}),
    },
    scenarios,
  };
  return { script, warnings: c.warnings };
}

function hasStepsOn(steps: readonly FlowStep[], doc: FlowDocument, name: string): boolean {
  return steps.some((s) => (s.type === 'repeat' ? hasStepsOn(s.steps, doc, name) : s.type !== 'wait' && connectionName(doc, s) === name));
}

/** The script as text: YAML (default) or JSON, both of which `artillery run` reads. */
export function exportArtillery(doc: FlowDocument, options: ArtilleryOptions = {}): ArtilleryExport {
  const { script, warnings } = toArtilleryScript(doc, options);
  const text =
    options.format === 'json'
      ? `${JSON.stringify(script, null, 2)}\n`
      : toYaml(script, `# Artillery test script exported by Sockpit from the flow "${doc.name.replace(/[\r\n]/g, ' ')}" (docs/flows.md)\n# Run: npx artillery run <this file>\n`);
  return { script, text, warnings };
}
