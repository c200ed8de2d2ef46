import { create } from 'zustand';

/**
 * The Scripts panel's own view state: whether it is shown and which script
 * it edits. Not persisted: the scripts themselves live in the app's store
 * (store/scripts-slice.ts).
 */
export interface ScriptsUi {
  open: boolean;
  selectedId: string | null;
}

export const useScriptsUi = create<ScriptsUi>()(() => ({ open: false, selectedId: null }));

export function setScriptsOpen(open: boolean): void {
  useScriptsUi.setState({ open });
}

export function selectScript(selectedId: string | null): void {
  useScriptsUi.setState({ selectedId });
}
