import { useStore } from './store';
import { MAX_SCRIPT_CHARS, MAX_SCRIPT_NAME, MAX_SCRIPTS, normalizeScripts, runnableScripts } from './scripts-slice';
import type { UserScriptEntry } from './scripts-slice';

/**
 * Actions on user scripts (docs/user-code.md). Every change is handed to
 * the listener set with `onRunnableScripts` (the sandbox, wired in
 * main.tsx), with the scripts that may run: enabled and reviewed.
 */

const { setState, getState } = useStore;

let scriptSeq = 0;

export function newScriptId(): string {
  scriptSeq += 1;
  return `s${Date.now().toString(36)}${scriptSeq.toString(36)}${Math.floor(Math.random() * 0x1_0000_0000).toString(36)}`;
}

export type ScriptChange = { ok: true; id: string } | { ok: false; error: string };

/** A name not used by another script: "name", "name 2", "name 3", … */
export function freeScriptName(wanted: string, scripts: readonly UserScriptEntry[], except?: string): string {
  const base = wanted.trim().slice(0, MAX_SCRIPT_NAME) || 'Untitled';
  const taken = new Set(scripts.filter((s) => s.id !== except).map((s) => s.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base.slice(0, MAX_SCRIPT_NAME - 4)} ${n}`;
    if (!taken.has(name)) return name;
  }
}

/** Adds a script (disabled unless asked); returns its id, or why not. */
export function addScript(input: { name: string; source: string; enabled?: boolean }): ScriptChange {
  const { scripts } = getState();
  if (scripts.length >= MAX_SCRIPTS) return { ok: false, error: `At most ${MAX_SCRIPTS} scripts; delete one first` };
  if (input.source.length > MAX_SCRIPT_CHARS) return { ok: false, error: `A script holds at most ${MAX_SCRIPT_CHARS.toLocaleString('en-US')} characters` };
  const id = newScriptId();
  setState((s) => ({ scripts: [...s.scripts, { id, name: freeScriptName(input.name, s.scripts), source: input.source, enabled: input.enabled ?? false }] }));
  return { ok: true, id };
}

function patch(id: string, change: (s: UserScriptEntry) => UserScriptEntry): void {
  setState((st) => ({ scripts: st.scripts.map((s) => (s.id === id ? change(s) : s)) }));
}

/** Renames; an empty name is refused, a taken one gets a number. */
export function renameScript(id: string, name: string): ScriptChange {
  if (name.trim() === '') return { ok: false, error: 'Enter a name' };
  if (name.trim().length > MAX_SCRIPT_NAME) return { ok: false, error: `At most ${MAX_SCRIPT_NAME} characters` };
  patch(id, (s) => ({ ...s, name: freeScriptName(name, getState().scripts, id) }));
  return { ok: true, id };
}

export function setScriptSource(id: string, source: string): ScriptChange {
  if (source.length > MAX_SCRIPT_CHARS) return { ok: false, error: `A script holds at most ${MAX_SCRIPT_CHARS.toLocaleString('en-US')} characters` };
  patch(id, (s) => ({ ...s, source }));
  return { ok: true, id };
}

/** Enables or disables. Enabling an imported script is the user's review of it: the import mark goes. */
export function setScriptEnabled(id: string, enabled: boolean): void {
  patch(id, (s) => {
    if (!enabled) return { ...s, enabled: false };
    const { importedFrom: _reviewed, ...rest } = s;
    return { ...rest, enabled: true };
  });
}

export function duplicateScript(id: string): ScriptChange {
  const s = getState().scripts.find((x) => x.id === id);
  if (!s) return { ok: false, error: 'No such script' };
  return addScript({ name: `${s.name} copy`, source: s.source });
}

export function deleteScript(id: string): void {
  setState((s) => ({ scripts: s.scripts.filter((x) => x.id !== id) }));
}

/** Scripts from a file, as they will be kept: checked, disabled, marked with the file's name. */
export function importedScripts(list: readonly { id: string; name: string; source: string }[], fileName: string): UserScriptEntry[] {
  return normalizeScripts(list.map((s) => ({ id: s.id, name: s.name, source: s.source, enabled: false, importedFrom: fileName })));
}

/** Adds imported scripts (already disabled and marked) whose ids are not taken; returns how many were added. */
export function addImportedScripts(list: readonly UserScriptEntry[]): number {
  const have = new Set(getState().scripts.map((s) => s.id));
  const fresh = list.filter((s) => !have.has(s.id)).slice(0, Math.max(0, MAX_SCRIPTS - have.size));
  if (fresh.length > 0) setState((s) => ({ scripts: [...s.scripts, ...fresh] }));
  return fresh.length;
}

/** Checks the scripts read back from localStorage; call once at boot. */
export function repairScriptsState(): void {
  setState((s) => ({ scripts: normalizeScripts(s.scripts) }));
}

/** What the sandbox says the script's current source defines (decode, encode, next, …). */
export function setScriptFunctions(id: string, functions: readonly string[]): void {
  const now = getState().scriptFunctions[id];
  if (now && now.length === functions.length && now.every((f, i) => f === functions[i])) return;
  setState((s) => ({ scriptFunctions: { ...s.scriptFunctions, [id]: functions } }));
}

type RunnableListener = (scripts: ReturnType<typeof runnableScripts>) => void;

/**
 * Calls `listener` now and whenever the runnable scripts change (an edit of
 * an enabled script, enabling, disabling, delete, import, reset). Returns
 * its removal.
 */
export function onRunnableScripts(listener: RunnableListener): () => void {
  let last = '';
  const tell = (scripts: readonly UserScriptEntry[]) => {
    const runnable = runnableScripts(scripts);
    const key = JSON.stringify(runnable);
    if (key === last) return;
    last = key;
    listener(runnable);
  };
  tell(getState().scripts);
  return useStore.subscribe((s, prev) => {
    if (s.scripts !== prev.scripts) tell(s.scripts);
  });
}
