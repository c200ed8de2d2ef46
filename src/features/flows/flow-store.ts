import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { FlowDocument } from '../../lib/flows/types';
import { textWithoutSecrets } from './utils/environments';
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
}

export interface FlowsState {
  flows: SavedFlow[];
  selectedFlowId: string | null;
  /** per flow, the environment in use (one of the flow's `environments`); absent = the flow's defaults only */
  activeEnv: Record<string, string>;
  /** keep environments' secret values in this browser's storage */
  rememberSecrets: boolean;
  /** the panel is shown */
  open: boolean;
  /** bumped by the "Record flow" command: the Record dialog opens when it changes */
  recordRequest: number;
}

export const FLOWS_STORAGE_KEY = 'sockpit-flows';
export const MAX_FLOWS = 500;

const initial: FlowsState = { flows: [], selectedFlowId: null, activeEnv: {}, rememberSecrets: false, open: false, recordRequest: 0 };

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
      flows: s.rememberSecrets ? s.flows : s.flows.map((f) => ({ ...f, text: textWithoutSecrets(f.text) })),
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
      return { ...current, flows, selectedFlowId, activeEnv, rememberSecrets: s.rememberSecrets === true, open: s.open === true };
    },
  }),
);

const { setState, getState } = useFlows;

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
  const flow: SavedFlow = { id, name, text: flowText({ ...doc, name }) };
  setState((s) => ({ flows: [...s.flows, flow], selectedFlowId: id }));
  return id;
}

/** Adds a flow from a file's text as it is (it may have issues: the panel shows them). */
export function addFlowText(name: string, text: string): string {
  const id = newId();
  setState((s) => ({ flows: [...s.flows, { id, name: uniqueName(name, s.flows.map((f) => f.name)), text }], selectedFlowId: id }));
  return id;
}

export function setFlowText(id: string, text: string, name?: string): void {
  setState((s) => ({ flows: s.flows.map((f) => (f.id === id ? { ...f, text, ...(name !== undefined && name.trim() !== '' ? { name } : {}) } : f)) }));
}

export function removeFlow(id: string): void {
  setState((s) => {
    const at = s.flows.findIndex((f) => f.id === id);
    const flows = s.flows.filter((f) => f.id !== id);
    const selectedFlowId = s.selectedFlowId === id ? (flows[Math.min(at, flows.length - 1)]?.id ?? null) : s.selectedFlowId;
    return { flows, selectedFlowId };
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
    flows.splice(at + 1, 0, { id: copyId, name, text });
    return { flows, selectedFlowId: copyId };
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
