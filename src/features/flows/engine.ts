import type { FlowDocument, FlowIssue, StepPath, StepResult } from '../../lib/flows/types';
import { parseFlowJson } from '../../lib/flows/parse';
import { formatIssue, validateFlow } from '../../lib/flows/validate';
import { flowForExport, resolveVariables } from '../../lib/flows/environments';
import type { SessionCore } from '../../core/types';
import { pageCore as sessionCore } from '../../services/sockets/socket-service';

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

/**
 * Parses a flow file's JSON text (synchronously: the JSON view calls it on
 * every edit): where it stops being JSON, then every issue validateFlow finds,
 * with the chosen environment's names counted as known variables.
 */
export function parseFlowText(text: string, knownVariables: Iterable<string> = []): ParseOutcome {
  const parsed = parseFlowJson(text);
  if (!parsed.ok) return { ok: false, doc: undefined, issues: parsed.issues };
  const issues = validateFlow(parsed.value, { knownVariables });
  return issues.length === 0 ? { ok: true, doc: parsed.value as FlowDocument, issues } : { ok: false, doc: parsed.value, issues };
}

/** The issues of a document the form built (no text to parse). */
export function validateDoc(doc: FlowDocument, knownVariables: Iterable<string> = []): FlowIssue[] {
  return validateFlow(doc, { knownVariables });
}

/** One issue as one line, as the CLI prints it. */
export function issueLine(issue: FlowIssue, doc?: unknown): string {
  return formatIssue(issue, doc);
}

/** The variables of a run: the flow's defaults, then the environment chosen. */
export function runVariables(doc: FlowDocument, envName: string | null): { ok: true; variables: Record<string, string>; secrets: string[] } | { ok: false; error: string } {
  return resolveVariables(doc, envName ?? undefined);
}

/** The flow as a file: secret environment values emptied unless `includeSecrets`. */
export function exportDoc(doc: FlowDocument, includeSecrets: boolean): FlowDocument {
  return flowForExport(doc, includeSecrets);
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

/** The page's session core (sockets in the socket Worker), the one the connection list shows. */
export function pageCore(): SessionCore | null {
  return sessionCore();
}

