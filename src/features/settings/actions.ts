import { useStore } from '../../store/store';
import type { ScriptLimits } from '../../store/types';

export function setConfirmSendMiB(confirmSendMiB: number): void {
  useStore.setState((s) => ({ preferences: { ...s.preferences, confirmSendMiB } }));
}

/** The sandbox's limits; the sandbox hears them through the store (features/scripts start-scripts.ts). */
export function setScriptLimits(scriptLimits: ScriptLimits): void {
  useStore.setState((s) => ({ preferences: { ...s.preferences, scriptLimits } }));
}
