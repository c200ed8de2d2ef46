import type { FlowDocument, FlowIssue, StepResult } from '../../lib/flows/types';
import { parseFlowJson } from '../../lib/flows/parse';
import { formatIssue, stepLabel, validateFlow } from '../../lib/flows/validate';
import { runFlow as engineRunFlow } from '../../core/flows/engine';
import type { FlowRun, RunOptions } from '../../core/flows/engine';
import { runUsers as engineRunUsers } from '../../core/flows/users';
import type { Spread } from '../../core/flows/timing';
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

export type { FlowRun, RunOptions } from '../../core/flows/engine';

export interface UserSummary {
  user: number;
  passed: boolean;
  status: string;
  durationMs: number;
  /** the first failing step's message */
  failure?: string;
}

export interface UsersSummary {
  users: UserSummary[];
  passed: number;
  failed: number;
  /** durations of whole flows (users whose flow passed) */
  spread?: Spread;
}

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

/**
 * The variables of a run, lowest first: the flow's defaults, the app's
 * environment (Env ▾ in the header), then the flow's own environment chosen
 * in the panel.
 */
export function runVariables(
  doc: FlowDocument,
  envName: string | null,
  app: { variables: Record<string, string>; secrets: string[] } = { variables: {}, secrets: [] },
): { ok: true; variables: Record<string, string>; secrets: string[] } | { ok: false; error: string } {
  const r = resolveVariables({ ...doc, variables: { ...doc.variables, ...app.variables } }, envName ?? undefined);
  return r.ok ? { ok: true, variables: r.variables, secrets: [...new Set([...app.secrets, ...r.secrets])] } : r;
}

/** The flow as a file: secret environment values emptied unless `includeSecrets`. */
export function exportDoc(doc: FlowDocument, includeSecrets: boolean): FlowDocument {
  return flowForExport(doc, includeSecrets);
}

/**
 * Runs a flow in the page: the sockets it opens stay open when it ends (the
 * user looks at them; Stop closes them), and a step run alone uses the
 * connections and cursors of the flow's previous run.
 */
export function runFlow(doc: FlowDocument, options: RunOptions): Promise<FlowRun> {
  return engineRunFlow(doc, { keepOpen: true, ...options });
}

/** N virtual users (1–50) at once: per-user pass/fail and the spread of their flows' durations. */
export async function runUsers(doc: FlowDocument, n: number, options: Omit<RunOptions, 'onStep' | 'only' | 'connections' | 'cursors'>): Promise<UsersSummary> {
  const run = await engineRunUsers(doc, n, options);
  return {
    users: run.users.map((u) => ({ user: u.user, passed: u.status === 'passed', status: u.status, durationMs: u.durationMs, ...(u.failure ? { failure: formatFailure(u.failure, doc) } : {}) })),
    passed: run.passed,
    failed: run.failed,
    ...(run.flow ? { spread: run.flow } : {}),
  };
}

function formatFailure(r: StepResult, doc: FlowDocument): string {
  return `${stepLabel(r.step, doc)}: ${r.message}`;
}

/** The page's session core (sockets in the socket Worker), the one the connection list shows. */
export function pageCore(): SessionCore | null {
  return sessionCore();
}

