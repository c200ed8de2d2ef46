/**
 * Store slice for user scripts (docs/user-code.md): custom lenses,
 * checks and generators the user writes, run only in the sandbox's Worker.
 * They persist with the workspace and export with it. A script that came
 * from a file (an imported workspace) carries `importedFrom` and stays
 * disabled until the user has read it and enabled it. Values read back
 * from storage or a file are checked by `normalizeScripts` before use.
 */

/** A script as the sandbox gets it (src/lib/sandbox's UserScript has the same shape). */
export interface UserScriptEntry {
  id: string;
  name: string;
  source: string;
  enabled: boolean;
  /** the file it was imported from: not yet enabled by the user since */
  importedFrom?: string;
}

export interface ScriptsSlice {
  scripts: UserScriptEntry[];
  /** per script id, the functions its current source defines (decode, encode, next, …), as the sandbox last said; not persisted */
  scriptFunctions: Record<string, readonly string[]>;
}

export const MAX_SCRIPTS = 200;
/** Longest script source kept (characters). */
export const MAX_SCRIPT_CHARS = 256 * 1024;
export const MAX_SCRIPT_NAME = 80;
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export function createScriptsSlice(): ScriptsSlice {
  return { scripts: [], scriptFunctions: {} };
}

export function persistedScripts(s: ScriptsSlice): Pick<ScriptsSlice, 'scripts'> {
  return { scripts: s.scripts };
}

/** Decode as `script:<id>` (lib/decode/types.ts, the decode layer's own helpers). */
export { scriptDecodeAs, scriptIdOf } from '../lib/decode/types';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Loose, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

export function isScriptId(v: unknown): v is string {
  return typeof v === 'string' && ID_RE.test(v);
}

/** One script from storage, or null when it is not one. */
export function normalizeScript(v: unknown): UserScriptEntry | null {
  if (!isObject(v)) return null;
  const id = own(v, 'id');
  const name = own(v, 'name');
  const source = own(v, 'source');
  const enabled = own(v, 'enabled');
  const importedFrom = own(v, 'importedFrom');
  if (!isScriptId(id) || typeof name !== 'string' || typeof source !== 'string' || source.length > MAX_SCRIPT_CHARS) return null;
  const out: UserScriptEntry = { id, name: name.slice(0, MAX_SCRIPT_NAME), source, enabled: enabled === true };
  if (typeof importedFrom === 'string') {
    // Not yet reviewed: it stays off whatever the stored flag says.
    out.importedFrom = importedFrom.slice(0, 200);
    out.enabled = false;
  }
  return out;
}

/** The scripts kept from a stored list: good ones, first of each id, at most MAX_SCRIPTS. */
export function normalizeScripts(list: unknown): UserScriptEntry[] {
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const out: UserScriptEntry[] = [];
  for (const v of list.slice(0, MAX_SCRIPTS)) {
    const s = normalizeScript(v);
    if (!s || seen.has(s.id)) continue;
    seen.add(s.id);
    out.push(s);
  }
  return out;
}

/** Scripts that came from a file and wait to be read and enabled. */
export function scriptsAwaitingReview(scripts: readonly UserScriptEntry[]): UserScriptEntry[] {
  return scripts.filter((s) => s.importedFrom !== undefined);
}

/** What the sandbox is given: enabled scripts only (an imported one is never enabled before review). */
export function runnableScripts(scripts: readonly UserScriptEntry[]): { id: string; name: string; source: string; enabled: boolean }[] {
  return scripts.filter((s) => s.enabled && s.importedFrom === undefined).map(({ id, name, source, enabled }) => ({ id, name, source, enabled }));
}
