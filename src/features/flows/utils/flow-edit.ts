import type { Capture, FlowDocument, FlowStep, Matcher, StepPath, StepType } from '../../../lib/flows/types';
import { FLOW_VERSION } from '../../../lib/flows/types';

/**
 * Pure edits of a flow document for the form: each returns a new document
 * and leaves the old one as it was. Paths are StepPaths ([2, 0] = the first
 * step inside step 3's repeat).
 */

export const STEP_TYPES: readonly { type: StepType; label: string }[] = [
  { type: 'connect', label: 'Connect' },
  { type: 'send', label: 'Send' },
  { type: 'expect', label: 'Expect a message' },
  { type: 'capture', label: 'Capture' },
  { type: 'wait', label: 'Wait' },
  { type: 'repeat', label: 'Repeat' },
  { type: 'expectClose', label: 'Expect close' },
  { type: 'close', label: 'Close' },
  { type: 'compute', label: 'Compute (script)' },
];

export function stepLabel(type: StepType): string {
  return STEP_TYPES.find((t) => t.type === type)?.label ?? type;
}

export function newFlow(name: string, url: string): FlowDocument {
  return {
    version: FLOW_VERSION,
    name,
    connections: [{ name: 'main', url }],
    steps: [
      { type: 'connect' },
      { type: 'send', payload: { text: 'hello' } },
      { type: 'expect', match: [{ equals: 'hello' }], timeoutMs: 2000 },
      { type: 'close', code: 1000 },
    ],
  };
}

/** A fresh step of a type, with the fields the form shows filled with usable values. */
export function defaultStep(type: StepType): FlowStep {
  switch (type) {
    case 'connect':
      return { type };
    case 'send':
      return { type, payload: { text: '' } };
    case 'expect':
      return { type, match: [{ contains: '' }], timeoutMs: 2000 };
    case 'capture':
      return { type, capture: [{ var: 'value', path: '$.id' }] };
    case 'wait':
      return { type, ms: 500 };
    case 'repeat':
      return { type, times: 3, counter: 'i', steps: [{ type: 'wait', ms: 100 }] };
    case 'expectClose':
      return { type, code: 1000, timeoutMs: 2000 };
    case 'close':
      return { type, code: 1000 };
    case 'compute':
      return { type, script: 'compute' };
  }
}

export function defaultMatcher(kind: MatcherKind): Matcher {
  switch (kind) {
    case 'contains':
      return { contains: '' };
    case 'equals':
      return { equals: '' };
    case 'regex':
      return { regex: '' };
    case 'path':
      return { path: '$.', equals: '' };
    case 'schema':
      return { schema: { type: 'object' } };
    case 'field':
      return { field: '', equals: '' };
    case 'script':
      return { script: '' };
  }
}

export type MatcherKind = 'contains' | 'equals' | 'regex' | 'path' | 'schema' | 'field' | 'script';
export const MATCHER_KINDS: readonly { kind: MatcherKind; label: string }[] = [
  { kind: 'contains', label: 'contains' },
  { kind: 'equals', label: 'equals' },
  { kind: 'regex', label: 'matches regex' },
  { kind: 'path', label: 'JSON path' },
  { kind: 'schema', label: 'JSON Schema' },
  { kind: 'field', label: 'decoded field' },
  { kind: 'script', label: 'script check' },
];

export function matcherKind(m: Matcher): MatcherKind {
  if ('script' in m) return 'script';
  if ('path' in m) return 'path';
  if ('schema' in m) return 'schema';
  if ('field' in m) return 'field';
  if ('regex' in m) return 'regex';
  if ('contains' in m) return 'contains';
  return 'equals';
}

export function captureKind(c: Capture): 'path' | 'regex' {
  return 'path' in c ? 'path' : 'regex';
}

/** The list of steps a path's last index is in, and that index. */
function locate(steps: FlowStep[], path: StepPath): { list: FlowStep[]; index: number } | null {
  let list = steps;
  for (let d = 0; d < path.length - 1; d++) {
    const s = list[path[d] ?? -1];
    if (!s || s.type !== 'repeat') return null;
    list = s.steps;
  }
  const index = path[path.length - 1];
  return index === undefined ? null : { list, index };
}

/** A deep copy of the steps, changed by `edit` on the list that holds `path`. */
function editList(doc: FlowDocument, path: StepPath, edit: (list: FlowStep[], index: number) => void): FlowDocument {
  const steps = structuredClone(doc.steps);
  const at = locate(steps, path);
  if (!at) return doc;
  edit(at.list, at.index);
  return { ...doc, steps };
}

export function stepAt(doc: FlowDocument, path: StepPath): FlowStep | undefined {
  const at = locate(doc.steps, path);
  return at ? at.list[at.index] : undefined;
}

export function replaceStep(doc: FlowDocument, path: StepPath, step: FlowStep): FlowDocument {
  return editList(doc, path, (list, i) => {
    if (i < list.length) list[i] = structuredClone(step);
  });
}

export function removeStep(doc: FlowDocument, path: StepPath): FlowDocument {
  return editList(doc, path, (list, i) => {
    list.splice(i, 1);
  });
}

/** Moves a step up (-1) or down (+1) among its siblings; at the ends it stays. */
export function moveStep(doc: FlowDocument, path: StepPath, delta: -1 | 1): FlowDocument {
  return editList(doc, path, (list, i) => {
    const j = i + delta;
    if (j < 0 || j >= list.length) return;
    const [s] = list.splice(i, 1);
    if (s) list.splice(j, 0, s);
  });
}

/** Inserts a step at `path` (its siblings from there move down); [n] = append at the top level. */
export function insertStep(doc: FlowDocument, path: StepPath, step: FlowStep): FlowDocument {
  return editList(doc, path, (list, i) => {
    list.splice(Math.min(i, list.length), 0, structuredClone(step));
  });
}

/** Appends a step to the top level, or inside the repeat at `into`. */
export function appendStep(doc: FlowDocument, step: FlowStep, into?: StepPath): FlowDocument {
  if (!into) return { ...doc, steps: [...structuredClone(doc.steps), structuredClone(step)] };
  const parent = stepAt(doc, into);
  if (!parent || parent.type !== 'repeat') return doc;
  return insertStep(doc, [...into, parent.steps.length], step);
}

/** Every step's path, depth first, in the order they appear. */
export function allPaths(steps: readonly FlowStep[], at: readonly number[] = []): StepPath[] {
  const out: StepPath[] = [];
  steps.forEach((s, i) => {
    const p = [...at, i];
    out.push(p);
    if (s.type === 'repeat') out.push(...allPaths(s.steps, p));
  });
  return out;
}

/** "3" or "3.1": the number a person reads for a step. */
export function pathLabel(path: StepPath): string {
  return path.map((i) => i + 1).join('.');
}

export function samePath(a: StepPath | undefined, b: StepPath | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The document as the JSON view shows it. */
export function flowText(doc: FlowDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A name not used by any of `taken`: "name", then "name (2)", "name (3)", … */
export function uniqueName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!taken.includes(candidate)) return candidate;
  }
}
