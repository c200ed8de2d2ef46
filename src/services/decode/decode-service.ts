import type { ConnectionId } from '../../lib/ids';
import { DecodeIndex } from '../../lib/decode/decode-index';
import type { DecodeAs, LensId, ScriptDecodeAs, SessionOptions } from '../../lib/decode/types';
import { scriptIdOf } from '../../lib/decode/types';
import { ScriptDecodeIndex } from '../../lib/decode/script-index';
import type { ScriptDecoder } from '../../lib/decode/script-index';
import { sandboxError } from '../../lib/sandbox/types';
import type { CallResult, UserScript } from '../../lib/sandbox/types';
import { runSliced } from '../../lib/slices';
import { getSandbox } from '../sandbox/sandbox-client';
import type { EventLog } from '../../core/event-log';
import { onConnectionRemoved, onFrame } from '../sockets/socket-service';

/**
 * The decode index of each connection (lib/decode/decode-index.ts), kept up
 * with its log outside React render: a few new frames at once when the
 * socket service says a log changed, a backlog in time slices. Views read
 * `decodeIndexFor(log, decodeAs)` and redraw when `onDecoded` tells them.
 */

const indexes = new Map<ConnectionId, DecodeIndex>();
const listeners = new Set<(id: ConnectionId) => void>();
const running = new Set<DecodeIndex>();
/** The slice budget each index settled on (frames a slice), so a catch-up starts at about SLICE_MS. */
const budgets = new WeakMap<DecodeIndex, { value: number }>();

function tell(id: ConnectionId): void {
  for (const l of listeners) l(id);
}

/** Hears that a connection's decoded view changed (redraw its rows). */
export function onDecoded(listener: (id: ConnectionId) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Decodes what is pending in time slices (lib/slices.ts): the first one now
 * (the socket service's frame, before its render), the rest yielding to the
 * page in between. Never called inside React render: a new index catches up
 * in a microtask.
 */
function catchUp(id: ConnectionId, index: DecodeIndex): void {
  if (index instanceof ScriptDecodeIndex) {
    // A user script decodes in the sandbox's Worker, behind capture: this only sends the next batch.
    index.pump();
    return;
  }
  if (index.pending() === 0 || running.has(index)) return;
  running.add(index);
  let budget = budgets.get(index);
  if (!budget) {
    budget = { value: 2_000 };
    budgets.set(index, budget);
  }
  const before = `${index.version}|${JSON.stringify(index.status())}`;
  const pendingBefore = index.pending();
  let shown = performance.now();
  void runSliced(
    {
      step: (b) => index.step(b) || index.status().loading,
      onSlice: () => {
        const t = performance.now();
        if (t - shown < 100) return;
        shown = t;
        tell(id);
      },
      cancelled: () => indexes.get(id) !== index,
      learned: budget,
    },
    budget.value,
  ).finally(() => {
    running.delete(index);
    if (`${index.version}|${JSON.stringify(index.status())}` !== before) tell(id);
    // A lens still loading leaves work pending: its onReady steps again.
    // Again only if this run got somewhere: work that waits (a lens loading) resumes when it is ready.
    const left = index.pending();
    if (indexes.get(id) === index && left > 0 && left < pendingBefore && !index.status().loading) catchUp(id, index);
  });
}

/** The connection's decode index for this log and choice, made (and caught up) on first use. */
export type LensOptions = Readonly<Partial<Record<LensId, SessionOptions>>>;

export function decodeIndexFor(log: EventLog, decodeAs: DecodeAs, options: LensOptions = NO_OPTIONS): DecodeIndex {
  const id = log.connectionId;
  const current = indexes.get(id);
  const scriptId = scriptIdOf(decodeAs);
  if (scriptId !== null) {
    if (current instanceof ScriptDecodeIndex && current.source === log && current.decodeAs === decodeAs && scriptIndexRevision.get(current) === revisionOf(scriptId)) return current;
    if (current instanceof ScriptDecodeIndex) current.dispose();
    const made = new ScriptDecodeIndex(log, decodeAs as ScriptDecodeAs, scriptDecoder(scriptId), () => tell(id));
    scriptIndexRevision.set(made, revisionOf(scriptId));
    indexes.set(id, made);
    made.pump();
    return made;
  }
  if (current && current.source === log && current.decodeAs === decodeAs && sameOptions(current.options, options)) return current;
  if (current instanceof ScriptDecodeIndex) current.dispose();
  const index: DecodeIndex = new DecodeIndex(
    log,
    decodeAs,
    () => {
      if (indexes.get(id) === index) catchUp(id, index);
      tell(id);
    },
    options,
  );
  indexes.set(id, index);
  // Made while a component renders (a view's first read): decode after it.
  queueMicrotask(() => {
    if (indexes.get(id) === index) catchUp(id, index);
  });
  return index;
}

const NO_OPTIONS: LensOptions = {};

function sameOptions(a: LensOptions, b: LensOptions): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The index if one was made for this connection (filters ask without making one). */
export function existingDecodeIndex(id: ConnectionId): DecodeIndex | undefined {
  return indexes.get(id);
}

/** Forgets a removed connection's decoded view. */
export function forgetDecode(id: ConnectionId): void {
  const index = indexes.get(id);
  if (index instanceof ScriptDecodeIndex) index.dispose();
  indexes.delete(id);
}

// ---- custom lenses: user scripts (docs/user-code.md) ----

/** The user's scripts by id, as the scripts store slice last gave them. */
const userScripts = new Map<string, UserScript>();
/** Bumps when a script's source, name or enabled flag changes: its connections decode again. */
const revisions = new Map<string, number>();
/** Each enabled script's load into the sandbox (shared by the indexes using it). */
const loads = new Map<string, Promise<CallResult<{ functions: string[] }>>>();
const scriptIndexRevision = new WeakMap<ScriptDecodeIndex, number>();
let revisionCounter = 0;

function revisionOf(scriptId: string): number {
  return revisions.get(scriptId) ?? 0;
}

function loadScript(script: UserScript): Promise<CallResult<{ functions: string[] }>> {
  let p = loads.get(script.id);
  if (!p) {
    p = getSandbox().load(script);
    loads.set(script.id, p);
  }
  return p;
}

function scriptDecoder(scriptId: string): ScriptDecoder {
  const script = userScripts.get(scriptId);
  const name = script?.name || scriptId;
  return {
    name,
    ready: () => {
      if (!script) return Promise.resolve({ ok: false, error: sandboxError('missing', `no script "${scriptId}": it was deleted, or not imported`) });
      if (!script.enabled) return Promise.resolve({ ok: false, error: sandboxError('missing', `the script "${name}" is disabled: read it, then enable it in Scripts`) });
      return loadScript(script);
    },
    decode: (stateKey, frames) => getSandbox().decode(scriptId, stateKey, frames),
    reset: (stateKey) => {
      if (script?.enabled) getSandbox().resetState(scriptId, stateKey);
    },
  };
}

/**
 * The user's scripts (the scripts store slice calls this whenever they
 * change). Enabled scripts are loaded into the sandbox when a connection
 * first decodes with them; a changed source, name or enabled flag reloads
 * the script and decodes its connections again; a removed or disabled one
 * is unloaded.
 */
export function setUserScripts(scripts: readonly UserScript[]): void {
  const next = new Map(scripts.map((s) => [s.id, s]));
  const changed = new Set<string>();
  for (const [id, old] of userScripts) {
    const now = next.get(id);
    if (!now || now.source !== old.source || now.enabled !== old.enabled || now.name !== old.name) changed.add(id);
  }
  for (const id of next.keys()) if (!userScripts.has(id)) changed.add(id);
  userScripts.clear();
  for (const [id, s] of next) userScripts.set(id, s);
  for (const id of changed) {
    revisions.set(id, ++revisionCounter);
    if (loads.delete(id)) getSandbox().unload(id);
  }
  if (changed.size === 0) return;
  // Connections decoding with a changed script: their index is made again on the next read.
  for (const [connection, index] of indexes) {
    const sid = scriptIdOf(index.decodeAs);
    if (sid === null || !changed.has(sid)) continue;
    if (index instanceof ScriptDecodeIndex) index.dispose();
    indexes.delete(connection);
    tell(connection);
  }
}

/** The scripts as last given (the composer's encode, the Test button read them by id). */
export function userScript(id: string): UserScript | undefined {
  return userScripts.get(id);
}

/** The script's load into the sandbox (loading it now if needed): the Test button and encode wait for it. */
export function ensureScriptLoaded(id: string): Promise<CallResult<{ functions: string[] }>> {
  const script = userScripts.get(id);
  if (!script) return Promise.resolve({ ok: false, error: sandboxError('missing', `no script "${id}"`) });
  if (!script.enabled) return Promise.resolve({ ok: false, error: sandboxError('missing', `the script "${script.name}" is disabled: read it, then enable it in Scripts`) });
  return loadScript(script);
}

// The sandbox's Worker was restarted: it reloads its scripts itself; a fresh load promise keeps errors current.
getSandbox().onRestart(() => loads.clear());

onConnectionRemoved(forgetDecode);

onFrame((changed) => {
  for (const id of changed.keys()) {
    const index = indexes.get(id);
    if (index) catchUp(id, index);
  }
});
