import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { FlowDocument } from '../../lib/flows/types';
import { splitSecrets } from './utils/environments';
import type { SecretValues } from './utils/environments';
import { flowText, uniqueName } from './utils/flow-edit';

/**
 * The Flows panel's own store: saved flows (their JSON text as the user last
 * left it, which may be invalid while they type), the environments and the
 * one in use, persisted under its own localStorage key so the app's store
 * stays as it is. Secret values of environments are kept only when the user
 * asked to remember them.
 */

export interface SavedFlow {
  id: string;
  name: string;
  /** the flow file's text: the JSON view edits it, the form rewrites it */
  text: string;
  /**
   * It came from a file: its scripts (code, run in the sandbox) stay off until
   * the user has read them and enabled them (docs/flows.md, user-code.md).
   */
  scriptsToReview?: true;
}

export interface FlowsState {
  flows: SavedFlow[];
  selectedFlowId: string | null;
  /** per flow, the environment in use (one of the flow's `environments`); absent = the flow's defaults only */
  activeEnv: Record<string, string>;
  /** per flow, its environments' secret values: kept out of the flow's text (so the JSON view never shows them) */
  secrets: Record<string, SecretValues>;
  /** keep environments' secret values in this browser's storage */
  rememberSecrets: boolean;
  /** the panel is shown */
  open: boolean;
  /** bumped by the "Record flow" command: the Record dialog opens when it changes */
  recordRequest: number;
}

export const FLOWS_STORAGE_KEY = 'sockpit-flows';
export const MAX_FLOWS = 500;

const initial: FlowsState = { flows: [], selectedFlowId: null, activeEnv: {}, secrets: {}, rememberSecrets: false, open: false, recordRequest: 0 };

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

function normalizeFlows(v: unknown): SavedFlow[] {
  if (!Array.isArray(v)) return [];
  return v
    .slice(0, MAX_FLOWS)
    .filter((f): f is SavedFlow => isObject(f) && typeof f.id === 'string' && f.id !== '' && typeof f.name === 'string' && typeof f.text === 'string')
    .map((f) => ({ id: f.id, name: f.name, text: f.text }));
}

export const useFlows = create<FlowsState>()(
  persist(() => initial, {
    name: FLOWS_STORAGE_KEY,
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({
      flows: s.flows,
      ...(s.rememberSecrets ? { secrets: s.secrets } : {}),
      selectedFlowId: s.selectedFlowId,
      activeEnv: s.activeEnv,
      rememberSecrets: s.rememberSecrets,
      open: s.open,
    }),
    merge: (stored, current) => {
      const s = isObject(stored) ? stored : {};
      const flows = normalizeFlows(s.flows);
      const selectedFlowId = typeof s.selectedFlowId === 'string' && flows.some((f) => f.id === s.selectedFlowId) ? s.selectedFlowId : (flows[0]?.id ?? null);
      const activeEnv: Record<string, string> = {};
      if (isObject(s.activeEnv)) for (const [k, v] of Object.entries(s.activeEnv)) if (typeof v === 'string' && flows.some((f) => f.id === k)) activeEnv[k] = v;
      const secrets: Record<string, SecretValues> = {};
      if (s.rememberSecrets === true && isObject(s.secrets))
        for (const [id, byEnv] of Object.entries(s.secrets)) {
          if (!flows.some((f) => f.id === id) || !isObject(byEnv)) continue;
          const envs: SecretValues = {};
          for (const [env, vars] of Object.entries(byEnv)) if (isObject(vars)) envs[env] = Object.fromEntries(Object.entries(vars).filter((e): e is [string, string] => typeof e[1] === 'string'));
          secrets[id] = envs;
        }
      return { ...current, flows, selectedFlowId, activeEnv, secrets, rememberSecrets: s.rememberSecrets === true, open: s.open === true };
    },
  }),
);

const { setState, getState } = useFlows;

/**
 * A flow's text as stored: when it is JSON whose environments hold secret
 * values, those values move to `secrets` and the text keeps them empty.
 */
function storeText(id: string, text: string, s: FlowsState): { text: string; secrets: FlowsState['secrets'] } {
  if (!text.includes('"secret"')) return { text, secrets: s.secrets };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { text, secrets: s.secrets };
  }
  const split = splitSecrets(parsed);
  if (!split.changed) return { text, secrets: s.secrets };
  const mine: SecretValues = { ...s.secrets[id] };
  for (const [env, vars] of Object.entries(split.secrets)) mine[env] = { ...mine[env], ...vars };
  return { text: `${JSON.stringify(split.doc, null, 2)}\n`, secrets: { ...s.secrets, [id]: mine } };
}

const newId = () => `flow-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function setFlowsOpen(open: boolean): void {
  setState({ open });
}

/** Opens the panel and its Record dialog (the command palette's "Record flow"). */
export function requestRecord(): void {
  setState((s) => ({ open: true, recordRequest: s.recordRequest + 1 }));
}

export function selectFlow(id: string): void {
  setState({ selectedFlowId: id });
}

/** Adds a flow (its name made unique), selects it and returns its id. */
export function addFlow(doc: FlowDocument): string {
  const name = uniqueName(doc.name, getState().flows.map((f) => f.name));
  const id = newId();
  setState((s) => {
    const stored = storeText(id, flowText({ ...doc, name }), s);
    return { flows: [...s.flows, { id, name, text: stored.text }], secrets: stored.secrets, selectedFlowId: id };
  });
  return id;
}

/** Adds a flow from a file's text as it is (it may have issues: the panel shows them). */
export function addFlowText(name: string, text: string): string {
  const id = newId();
  setState((s) => {
    const stored = storeText(id, text, s);
    return { flows: [...s.flows, { id, name: uniqueName(name, s.flows.map((f) => f.name)), text: stored.text, scriptsToReview: true }], secrets: stored.secrets, selectedFlowId: id };
  });
  return id;
}

export function setFlowText(id: string, text: string, name?: string): void {
  setState((s) => {
    const stored = storeText(id, text, s);
    return { flows: s.flows.map((f) => (f.id === id ? { ...f, text: stored.text, ...(name !== undefined && name.trim() !== '' ? { name } : {}) } : f)), secrets: stored.secrets };
  });
}

/** The user read an imported flow's scripts and lets them run. */
export function enableFlowScripts(id: string): void {
  setState((s) => ({ flows: s.flows.map((f) => (f.id === id ? { id: f.id, name: f.name, text: f.text } : f)) }));
}

/** The flow's scripts may not run yet: it came from a file and they were not read and enabled. */
export function flowScriptsBlocked(id: string, doc: { scripts?: readonly unknown[] | undefined }): boolean {
  return (getState().flows.find((f) => f.id === id)?.scriptsToReview ?? false) && (doc.scripts?.length ?? 0) > 0;
}

export function removeFlow(id: string): void {
  setState((s) => {
    const at = s.flows.findIndex((f) => f.id === id);
    const flows = s.flows.filter((f) => f.id !== id);
    const selectedFlowId = s.selectedFlowId === id ? (flows[Math.min(at, flows.length - 1)]?.id ?? null) : s.selectedFlowId;
    const secrets = { ...s.secrets };
    delete secrets[id];
    return { flows, selectedFlowId, secrets };
  });
}

export function duplicateFlow(id: string): void {
  const flow = getState().flows.find((f) => f.id === id);
  if (!flow) return;
  const copyId = newId();
  setState((s) => {
    const name = uniqueName(`${flow.name} (copy)`, s.flows.map((f) => f.name));
    let text = flow.text;
    try {
      const doc = JSON.parse(flow.text) as unknown;
      if (isObject(doc)) text = `${JSON.stringify({ ...doc, name }, null, 2)}\n`;
    } catch {
      // The copy keeps the text as it is.
    }
    const at = s.flows.findIndex((f) => f.id === id);
    const flows = [...s.flows];
    // A copy of a file's flow is still the file's: its scripts stay off until read.
    flows.splice(at + 1, 0, { id: copyId, name, text, ...(flow.scriptsToReview ? { scriptsToReview: true as const } : {}) });
    const secrets = s.secrets[id] ? { ...s.secrets, [copyId]: structuredClone(s.secrets[id]) } : s.secrets;
    return { flows, selectedFlowId: copyId, secrets };
  });
}

// --- environments ---------------------------------------------------------

/** Chooses the environment a flow runs with; null = its defaults only. */
export function setActiveEnv(flowId: string, name: string | null): void {
  setState((s) => {
    const activeEnv = { ...s.activeEnv };
    if (name === null) delete activeEnv[flowId];
    else activeEnv[flowId] = name;
    return { activeEnv };
  });
}

export function setRememberSecrets(rememberSecrets: boolean): void {
  setState({ rememberSecrets });
}
