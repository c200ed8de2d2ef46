import type { FlowDocument, FlowIssue, StepPath, StepResult } from '../../lib/flows/types';
import { FLOW_VERSION } from '../../lib/flows/types';
import type { SessionCore } from '../../core/types';

/**
 * The one place the Flows panel meets the flow engine (src/lib/flows,
 * src/core/flows) and the session core (src/core). Everything else in the
 * panel goes through these functions, so pointing the panel at the real
 * engine is a change to this file only.
 */

export type ParseOutcome = { ok: true; doc: FlowDocument; issues: FlowIssue[] } | { ok: false; doc: unknown; issues: FlowIssue[] };

export interface RunOptions {
  core: SessionCore;
  variables: Record<string, string>;
  signal: AbortSignal;
  onStep: (result: StepResult) => void;
  /** run only this step (with the connects it needs) */
  only?: StepPath;
}

export interface RunSummary {
  passed: boolean;
  results: StepResult[];
}

export interface UserSummary {
  user: number;
  passed: boolean;
  durationMs: number;
  /** the first failing step's message */
  failure?: string;
}

/** Whether this build has the flow engine: without it the panel edits and records, and Run says why it cannot. */
export const ENGINE_MISSING = 'The flow engine is not in this build yet (branch flows): flows can be written, recorded and exported, not run.';

/** Parses a flow file's text: JSON errors at their line and column, then the document's own issues (validateFlow). */
export function parseFlowText(text: string): ParseOutcome {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, doc: undefined, issues: [{ field: 'json', message: jsonError(text, e) }] };
  }
  const issues = checkShape(doc);
  return issues.length === 0 ? { ok: true, doc: doc as FlowDocument, issues } : { ok: false, doc, issues };
}

/** The issues of a document the form built (no text to parse). */
export function validateDoc(doc: FlowDocument): FlowIssue[] {
  return checkShape(doc);
}

export function engineAvailable(): boolean {
  return false;
}

export async function runFlow(_doc: FlowDocument, _options: RunOptions): Promise<RunSummary> {
  throw new Error(ENGINE_MISSING);
}

export async function runUsers(_doc: FlowDocument, _n: number, _options: Omit<RunOptions, 'onStep' | 'only'>): Promise<UserSummary[]> {
  throw new Error(ENGINE_MISSING);
}

/** The page's session core (sockets in the socket Worker); null until the core lands. */
export function pageCore(): SessionCore | null {
  return null;
}

// ---------------------------------------------------------------------------
// Interim checks, until validateFlow lands: the JSON's own error with its
// line and column, and the shape the form needs (version, connections, known
// step types, connection names). validateFlow replaces checkShape.

function jsonError(text: string, e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(raw);
  if (!at) return `Not JSON: ${raw}`;
  const pos = Number(at[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `Not JSON: ${raw.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)/, '')} at line ${line}, column ${column}`;
}

const STEP_TYPES = new Set(['connect', 'send', 'expect', 'capture', 'wait', 'repeat', 'expectClose', 'close']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkShape(doc: unknown): FlowIssue[] {
  if (!isObject(doc)) return [{ field: 'document', message: 'A flow is a JSON object with "version", "name", "connections" and "steps"' }];
  const issues: FlowIssue[] = [];
  if (doc.version !== FLOW_VERSION) issues.push({ field: 'version', message: `Unknown version ${JSON.stringify(doc.version ?? null)}: expected "${FLOW_VERSION}"` });
  if (typeof doc.name !== 'string' || doc.name.trim() === '') issues.push({ field: 'name', message: 'The flow needs a name' });
  const names = new Set<string>();
  if (!Array.isArray(doc.connections) || doc.connections.length === 0) issues.push({ field: 'connections', message: 'A flow needs at least one connection' });
  else
    doc.connections.forEach((c, i) => {
      if (!isObject(c) || typeof c.name !== 'string' || c.name === '') issues.push({ field: `connections[${i}].name`, message: `Connection ${i + 1} needs a name` });
      else if (names.has(c.name)) issues.push({ field: `connections[${i}].name`, message: `Two connections are named "${c.name}"` });
      else names.add(c.name);
      if (isObject(c) && (typeof c.url !== 'string' || c.url.trim() === '')) issues.push({ field: `connections[${i}].url`, message: `Connection ${i + 1} needs a URL` });
    });
  if (!Array.isArray(doc.steps)) issues.push({ field: 'steps', message: '"steps" must be a list' });
  else checkSteps(doc.steps, [], names, issues);
  return issues;
}

function checkSteps(steps: unknown[], at: number[], names: Set<string>, issues: FlowIssue[]): void {
  steps.forEach((s, i) => {
    const step = [...at, i];
    if (!isObject(s) || typeof s.type !== 'string') {
      issues.push({ step, field: 'type', message: 'A step needs a "type"' });
      return;
    }
    if (!STEP_TYPES.has(s.type)) {
      issues.push({ step, field: 'type', message: `Unknown step type "${s.type}"` });
      return;
    }
    if (s.connection !== undefined && (typeof s.connection !== 'string' || !names.has(s.connection))) issues.push({ step, field: 'connection', message: `Unknown connection ${JSON.stringify(s.connection)}` });
    if (s.type === 'expect') {
      if (!Array.isArray(s.match) || s.match.length === 0) issues.push({ step, field: 'match', message: 'An expect needs at least one matcher' });
      else
        s.match.forEach((m, j) => {
          if (isObject(m) && typeof m.regex === 'string') {
            try {
              new RegExp(m.regex, typeof m.flags === 'string' ? m.flags : '');
            } catch (e) {
              issues.push({ step, field: `match[${j}].regex`, message: `The regex does not compile: ${e instanceof Error ? e.message : String(e)}` });
            }
          }
        });
    }
    if (s.type === 'send' && !isObject(s.payload)) issues.push({ step, field: 'payload', message: 'A send needs a payload' });
    if (s.type === 'wait' && (typeof s.ms !== 'number' || !(s.ms >= 0))) issues.push({ step, field: 'ms', message: 'A wait needs "ms", a number of milliseconds' });
    if (s.type === 'repeat') {
      if (!Array.isArray(s.steps)) issues.push({ step, field: 'steps', message: 'A repeat needs its own "steps"' });
      else checkSteps(s.steps, step, names, issues);
    }
  });
}
