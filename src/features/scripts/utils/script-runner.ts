import type { DecodedMessage, Frame } from '../../../lib/decode/types';
import type { SandboxApi } from '../../../lib/sandbox/api';
import type { SandboxError } from '../../../lib/sandbox/types';

/**
 * The Scripts panel's use of the sandbox (docs/user-code.md). The panel
 * loads the script being edited under an id of its own (`<id>-edit`), so a
 * check or a Test never touches the copy that decodes connections, and a
 * script that is not enabled yet can be tried. Framework-free; the sandbox
 * is passed in (the page's Worker client, or the in-process one in tests).
 */

export type ScriptCheck = { ok: true; functions: string[] } | { ok: false; error: SandboxError };
export type TestOutcome = { ok: true; messages: DecodedMessage[]; notes: string[] } | { ok: false; error: SandboxError; notes: string[] };

export const editId = (id: string): string => `${id}-edit`;

/** Loads the source as the edited copy: its syntax and setup errors, or the functions it defines. */
export async function checkScript(api: SandboxApi, id: string, name: string, source: string): Promise<ScriptCheck> {
  const r = await api.load({ id: editId(id), name, source, enabled: true });
  return r.ok ? { ok: true, functions: r.value.functions } : { ok: false, error: r.error };
}

/** Runs decode on one frame with a fresh state (the edited copy, loaded with this source). */
export async function testDecode(api: SandboxApi, id: string, name: string, source: string, frame: Frame): Promise<TestOutcome> {
  const loaded = await checkScript(api, id, name, source);
  if (!loaded.ok) return { ok: false, error: loaded.error, notes: [] };
  if (!loaded.functions.includes('decode')) return { ok: false, error: { kind: 'missing', message: 'The script defines no decode(frame, state) function' }, notes: [] };
  api.resetState(editId(id), 'test');
  const [r] = await api.decode(editId(id), 'test', [frame]);
  if (!r) return { ok: false, error: { kind: 'crashed', message: 'The sandbox gave no answer' }, notes: [] };
  return r.ok ? { ok: true, messages: r.value, notes: r.notes ?? [] } : { ok: false, error: r.error, notes: [] };
}

/** "Line 3, column 7: …" for an error that has a place, the message alone otherwise. */
export function describeError(e: SandboxError): string {
  const at = e.line !== undefined ? `Line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}: ` : '';
  return `${at}${e.message}`;
}
