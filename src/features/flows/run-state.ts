import { create } from 'zustand';
import type { FlowDocument, StepPath, StepResult } from '../../lib/flows/types';
import type { OpenConfig, OpenResult, SessionCore } from '../../core/types';
import type { ConnectionId } from '../../lib/ids';
import { openConnection } from '../../store/actions';
import { appendNote, getLog } from '../../services/sockets/socket-service';
import { pageCore, runFlow, runUsers } from './engine';
import type { FlowRun, UsersSummary } from './engine';
import { issueLine } from './engine';
import { pathLabel, stepAt, stepLabel } from './utils/flow-edit';
import { maskSecrets } from '../../lib/flows/environments';
import { getSandbox } from '../../services/sandbox/sandbox-client';
import { flowScriptsBlocked } from './flow-store';

/**
 * Runs of the selected flow, outside React: progress per step (with the
 * iteration in repeats), Stop, and the links between the timeline rows a run
 * writes and the steps they report on. A flow runs on the page's session
 * core; the connections it opens are added to the connection list.
 */

export type RunStatus = 'idle' | 'running' | 'passed' | 'failed' | 'stopped' | 'error';

export interface RunState {
  flowId: string | null;
  status: RunStatus;
  /** the latest result of each step, by resultKey(path) */
  results: Record<string, StepResult>;
  /** every result in the order it came, for the progress list */
  log: StepResult[];
  /** why the run could not start or broke off */
  error: string | null;
  /** the step a click on a timeline row chose, for the panel to show */
  focusStep: { flowId: string; path: StepPath; nonce: number } | null;
  users: { status: RunStatus; n: number; results: UsersSummary | null; error: string | null } | null;
}

export const useFlowRun = create<RunState>()(() => ({ flowId: null, status: 'idle', results: {}, log: [], error: null, focusStep: null, users: null }));

export const resultKey = (path: StepPath): string => path.join('.');

interface Active {
  abort: AbortController;
  opened: ConnectionId[];
  core: SessionCore;
}
let active: Active | null = null;

/** Each flow's latest whole run: "Run step" goes on from its connections and cursors. */
const lastRuns = new Map<string, FlowRun>();

/** A timeline row a run wrote, by "connectionId:seq": the flow and step it reports on. */
const links = new Map<string, { flowId: string; path: StepPath }>();

export function stepOfRow(connectionId: ConnectionId, seq: number): { flowId: string; path: StepPath } | undefined {
  return links.get(`${connectionId}:${seq}`);
}

export function focusStepOfRow(connectionId: ConnectionId, seq: number): boolean {
  const link = stepOfRow(connectionId, seq);
  if (!link) return false;
  useFlowRun.setState({ focusStep: { ...link, nonce: Date.now() } });
  return true;
}

/**
 * The core a run uses: the page's, with `open` adding each connection to the
 * connection list (named after the flow and its connection) and remembered,
 * so Stop can close what the run opened.
 */
function runCore(base: SessionCore, doc: FlowDocument, opened: ConnectionId[], names: Map<string, ConnectionId>, current: () => string | undefined, list: boolean): SessionCore {
  return {
    open(config: OpenConfig) {
      const connName = current() ?? doc.connections.find((c) => c.url === config.url)?.name ?? doc.connections[0]?.name ?? 'main';
      // In the connection list like any other (not selected: the user's view stays where it is).
      const result: OpenResult = list
        ? openConnection({
            url: config.url,
            ...(config.protocols !== undefined ? { protocols: config.protocols } : {}),
            ...(config.binaryType ? { binaryType: config.binaryType } : {}),
            ...(config.decodeAs ? { decodeAs: config.decodeAs } : {}),
            ...(config.sessionManual ? { sessionManual: true } : {}),
            ...(config.sessionOptions ? { sessionOptions: { ...config.sessionOptions } } : {}),
            name: `${doc.name} · ${connName}`,
            select: false,
          })
        : base.open(config);
      if (result.ok) {
        opened.push(result.id);
        names.set(connName, result.id);
      }
      return result;
    },
    send: (id, data) => base.send(id, data),
    close: (id, code, reason) => base.close(id, code, reason),
    remove: (id) => base.remove(id),
    log: (id) => base.log(id),
    readyState: (id) => base.readyState(id),
    onAppend: (l) => base.onAppend(l),
    onRemoved: (l) => base.onRemoved(l),
    waitFor: (id, predicate, options) => base.waitFor(id, predicate, options),
  };
}

function finalStatus(results: readonly StepResult[], aborted: boolean): RunStatus {
  if (aborted) return 'stopped';
  return results.some((r) => r.status === 'failed') ? 'failed' : 'passed';
}

/** The connection of a step, by name: its own, or the flow's first. */
function connectionOfStep(doc: FlowDocument, path: StepPath): string | undefined {
  return stepAt(doc, path)?.connection ?? doc.connections[0]?.name;
}

/** Writes a step's result into its connection's timeline as a pass/fail row, linked to the step. */
function noteResult(flowId: string, doc: FlowDocument, r: StepResult, names: Map<string, ConnectionId>, opened: readonly ConnectionId[], mask: (t: string) => string): void {
  if (r.status === 'running' || r.status === 'pending') return;
  const byId = opened.find((id) => id === r.connection);
  const id = byId ?? names.get(r.connection ?? connectionOfStep(doc, r.step) ?? '');
  if (!id) return;
  const step = stepAt(doc, r.step);
  const label = step?.name ?? (step ? stepLabel(step.type) : 'step');
  const iteration = r.iteration && r.iteration.length > 0 ? ` (iteration ${r.iteration.map((i) => i + 1).join('.')})` : '';
  appendNote(id, r.status === 'failed' ? 'error' : 'info', mask(`flow "${doc.name}" step ${pathLabel(r.step)} ${label}${iteration}: ${r.status}${r.message ? ` — ${r.message}` : ''}`));
  links.set(`${id}:${getLog(id).end - 1}`, { flowId, path: r.step });
}

export function isRunning(): boolean {
  return active !== null;
}

/** Runs a flow (or only one step of it) with these variables; a run already going is stopped first. */
export async function startRun(flowId: string, doc: FlowDocument, variables: Record<string, string>, only?: StepPath, secrets: readonly string[] = []): Promise<void> {
  stopRun();
  if (flowScriptsBlocked(flowId, doc)) {
    useFlowRun.setState({ flowId, status: 'error', results: {}, log: [], error: `This flow came from a file with ${doc.scripts?.length === 1 ? 'a script' : `${doc.scripts?.length ?? 0} scripts`}: read ${doc.scripts?.length === 1 ? 'it' : 'them'} and enable ${doc.scripts?.length === 1 ? 'it' : 'them'} above before the flow runs.` });
    return;
  }
  const base = pageCore();
  if (!base) {
    useFlowRun.setState({ flowId, status: 'error', results: {}, log: [], error: 'The session core is not in this build yet (branch core): the flow cannot run.' });
    return;
  }
  const abort = new AbortController();
  const opened: ConnectionId[] = [];
  const names = new Map<string, ConnectionId>();
  let running: StepPath | undefined;
  const core = runCore(base, doc, opened, names, () => (running ? connectionOfStep(doc, running) : undefined), true);
  const me: Active = { abort, opened, core };
  active = me;
  useFlowRun.setState({ flowId, status: 'running', results: {}, log: [], error: null });
  const mask = (t: string) => maskSecrets(t, variables, secrets);
  const onStep = (raw: StepResult) => {
    if (active !== me) return;
    // Secret values never reach the screen or the timeline.
    const r: StepResult = { ...raw, message: mask(raw.message), ...(raw.expected !== undefined ? { expected: mask(raw.expected) } : {}), ...(raw.closest !== undefined ? { closest: mask(raw.closest) } : {}), ...(raw.difference !== undefined ? { difference: mask(raw.difference) } : {}) };
    if (r.status === 'running') running = r.step;
    noteResult(flowId, doc, r, names, opened, mask);
    useFlowRun.setState((s) => ({ results: { ...s.results, [resultKey(r.step)]: r }, log: r.status === 'running' ? s.log : [...s.log, r] }));
  };
  try {
    const previous = only ? lastRuns.get(flowId) : undefined;
    const run = await runFlow(doc, {
      core,
      // Its scripts run in the sandbox's Worker, with the limits of Settings.
      ...((doc.scripts?.length ?? 0) > 0 ? { sandbox: getSandbox() } : {}),
      variables: previous && only ? { ...previous.variables, ...variables } : variables,
      signal: abort.signal,
      onStep,
      ...(only ? { only } : {}),
      ...(previous ? { connections: previous.connections, cursors: previous.cursors } : {}),
    });
    if (!only) lastRuns.set(flowId, run);
    else if (previous) lastRuns.set(flowId, { ...previous, variables: run.variables, cursors: { ...previous.cursors, ...run.cursors }, connections: { ...previous.connections, ...run.connections } });
    if (active !== me) return;
    if (run.status === 'invalid') useFlowRun.setState({ status: 'error', error: run.issues.map((i) => issueLine(i, doc)).join('; ') });
    else useFlowRun.setState({ status: abort.signal.aborted ? 'stopped' : run.status });
  } catch (e) {
    if (active !== me) return;
    useFlowRun.setState((s) => (abort.signal.aborted ? { status: 'stopped' } : { status: s.log.length > 0 ? finalStatus(s.log, false) : 'error', error: e instanceof Error ? e.message : String(e) }));
  } finally {
    if (active === me) active = null;
  }
}

/** Stop: ends the run's timers (through its signal) and closes every socket it opened. */
export function stopRun(): void {
  const run = active;
  if (!run) return;
  active = null;
  run.abort.abort();
  for (const id of run.opened) {
    const state = run.core.readyState(id);
    if (state === 'OPEN' || state === 'CONNECTING') run.core.close(id, 1000, 'flow stopped');
  }
  useFlowRun.setState((s) => ({
    status: 'stopped',
    results: Object.fromEntries(Object.entries(s.results).map(([k, r]) => [k, r.status === 'running' ? { ...r, status: 'stopped' as const, message: 'stopped' } : r])),
  }));
}

let usersAbort: AbortController | null = null;

/** N virtual users (1–50) run the flow at once: per-user pass/fail and the timing spread. Their sockets stay out of the connection list. */
export async function startUsers(doc: FlowDocument, n: number, variables: Record<string, string>): Promise<void> {
  usersAbort?.abort();
  const base = pageCore();
  if (!base) {
    useFlowRun.setState({ users: { status: 'error', n, results: null, error: 'The session core is not in this build yet (branch core): the flow cannot run.' } });
    return;
  }
  const abort = new AbortController();
  usersAbort = abort;
  useFlowRun.setState({ users: { status: 'running', n, results: null, error: null } });
  try {
    const results = await runUsers(doc, n, { core: base, variables, signal: abort.signal });
    if (usersAbort !== abort) return;
    useFlowRun.setState({ users: { status: abort.signal.aborted ? 'stopped' : results.failed === 0 && results.passed === n ? 'passed' : 'failed', n, results, error: null } });
  } catch (e) {
    if (usersAbort !== abort) return;
    useFlowRun.setState({ users: { status: abort.signal.aborted ? 'stopped' : 'error', n, results: null, error: e instanceof Error ? e.message : String(e) } });
  } finally {
    if (usersAbort === abort) usersAbort = null;
  }
}

export function stopUsers(): void {
  usersAbort?.abort();
}
