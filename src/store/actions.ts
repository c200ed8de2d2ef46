import { newConnectionId } from '../lib/ids';
import type { ConnectionId } from '../lib/ids';
import * as sockets from '../services/sockets/socket-service';
import type { LiveFacts } from '../services/sockets/socket-service';
import { useStore } from './store';
import type { SockpitState } from './store';
import { RateMeter } from '../services/sockets/rate-meter';
import type { RetentionLimits } from '../core/event-log';
import { EMPTY_DRAFT } from './defaults';
import { recordCloseRequest } from './close-requests';
import type { CloseOutcome, ConnectionConfig, ConnectionRuntime, Draft, NewConnectionForm } from './types';
import { latestClose } from '../services/sockets/close-outcome';
import { closeFailed } from '../lib/close-codes';
import { forgetInInspect } from './inspect-slice';
import { forgetInAutomate } from './automate-slice';
import { repairInspectState } from './view-actions';
import { activeSecretValues, expandInEnvironment, repairEnvironments } from './environment-actions';
import { maskValues } from '../lib/environments';
import type { DecodeAs } from '../lib/decode/types';
import type { BinaryType } from '../core/events';
import { checkOpen } from '../core/session-core';
import type { HostOpenConfig } from '../core/session-core';
import type { OpenResult } from '../core/types';
import { formatSubprotocols } from '../lib/subprotocols';

/**
 * Actions live outside components: they call the socket service and update
 * the store. Components read the store and call these.
 */

const { setState, getState } = useStore;

export interface FormErrors {
  url?: string;
  protocols?: string;
}

export interface CheckedConfig {
  url: string;
  /** the URL as it is opened, secret environment values as •••• (for the screen) */
  shownUrl: string;
  protocols: string[];
  notes: string[];
}

/** What a URL or subprotocol list as typed means in the environment in use: `{{host}}` filled in, or the unknown names as the field's error. */
export function expandTyped(url: string, protocols: string): { ok: true; url: string; shownUrl: string; protocols: string } | { ok: false; errors: FormErrors } {
  const u = expandInEnvironment(url);
  const p = expandInEnvironment(protocols);
  if (!u.ok || !p.ok) return { ok: false, errors: { ...(u.ok ? {} : { url: u.error }), ...(p.ok ? {} : { protocols: p.error }) } };
  return { ok: true, url: u.text, shownUrl: u.shown, protocols: p.text };
}

/** The page's session core (src/core/): every socket of the store is opened, closed and removed through it. */
const core = sockets.pageCore();

/** What relative URLs resolve against: this page ('' where there is no document, as under a unit test). */
function pageBase(): string {
  return typeof document === 'undefined' ? '' : document.baseURI;
}

/**
 * Checks a URL and subprotocol list exactly as `new WebSocket` would (the
 * session core's check, against this page), after filling in the variables
 * of the environment in use; an unknown variable is the field's error.
 */
export function checkConfig(url: string, protocols: string): { ok: true; value: CheckedConfig } | { ok: false; errors: FormErrors } {
  const e = expandTyped(url, protocols);
  if (!e.ok) return e;
  const c = checkOpen(e.url, e.protocols, pageBase());
  if (!c.ok) return { ok: false, errors: c.errors };
  // The checked URL (http: made ws:, a relative one resolved) with the secret values masked as the typed one is.
  const shown = e.shownUrl === e.url ? c.url : maskValues(c.url, activeSecretValues());
  return { ok: true, value: { url: c.url, shownUrl: shown, protocols: c.protocols, notes: c.notes } };
}

/** What the core opens a connection's socket with: its settings with the environment's variables filled in, checked and lens-loaded by the core. */
function openConfigOf(config: ConnectionConfig, url: string, protocols: string): HostOpenConfig {
  return {
    id: config.id,
    url,
    protocols,
    binaryType: config.binaryType,
    ...(config.decodeAs ? { decodeAs: config.decodeAs } : {}),
    ...(config.sessionManual ? { sessionManual: true } : {}),
    ...(config.sessionOptions ? { sessionOptionsByLens: config.sessionOptions } : {}),
  };
}

/**
 * Opens the socket of a connection through the core: with a lens (chosen, or
 * named by the URL or subprotocols) its code is loaded first; it may rewrite
 * the URL (Socket.IO's Engine.IO path), offer its subprotocols when none were
 * typed (MQTT's "mqtt"), and run the automatic session in the socket host
 * unless the user made it manual.
 */
function openSocket(config: ConnectionConfig): OpenResult {
  const e = expandTyped(config.url, config.protocols);
  if (!e.ok) return e;
  return core.open(openConfigOf(config, e.url, e.protocols));
}

/** A new connection's id, or the errors by field (the input is kept where it was). */
export type CreateResult = { ok: true; id: ConnectionId } | { ok: false; errors: FormErrors };

/** What a program (a flow, a lesson, the bench) opens a connection with, without filling the form. */
export interface ConnectionInput {
  url: string;
  /** the subprotocol field's text ("chat, v2") or a list */
  protocols?: string | readonly string[];
  name?: string;
  binaryType?: BinaryType;
  decodeAs?: DecodeAs;
  sessionManual?: boolean;
  /** options of the lens it is opened for */
  sessionOptions?: Record<string, string>;
  /** select it (as Connect does); default true */
  select?: boolean;
  /** the composer draft it starts with */
  draft?: string;
}

/**
 * Adds a connection to the store and opens its socket through the page's
 * core; returns its id, or the URL and subprotocol errors by field (nothing
 * is added then). The form is neither read nor changed.
 */
export function openConnection(input: ConnectionInput): CreateResult {
  const protocols = input.protocols === undefined ? '' : typeof input.protocols === 'string' ? input.protocols : formatSubprotocols(input.protocols);
  const checked = checkOpen(input.url, input.protocols, pageBase());
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const lensForOptions = input.decodeAs && input.decodeAs !== 'auto' && input.decodeAs !== 'raw' ? input.decodeAs : null;
  const config: ConnectionConfig = {
    id: newConnectionId(),
    name: (input.name ?? '').trim(),
    url: input.url.trim(),
    protocols,
    binaryType: input.binaryType ?? 'arraybuffer',
    ...(input.decodeAs && input.decodeAs !== 'auto' ? { decodeAs: input.decodeAs } : {}),
    ...(input.sessionManual ? { sessionManual: true } : {}),
    ...(lensForOptions && input.sessionOptions && Object.keys(input.sessionOptions).length > 0 ? { sessionOptions: { [lensForOptions]: { ...input.sessionOptions } } } : {}),
  };
  return addConnection(config, { select: input.select !== false, draft: input.draft ?? '' });
}

/** Adds a checked connection config to the store, then opens it (so the store hears its first report). */
function addConnection(config: ConnectionConfig, how: { select: boolean; draft: string }): CreateResult {
  setState((s) => ({
    connections: [...s.connections, config],
    ...(how.select ? { selectedId: config.id } : {}),
    drafts: how.draft === '' ? s.drafts : { ...s.drafts, [config.id]: { ...EMPTY_DRAFT, text: how.draft } },
  }));
  const opened = openSocket(config);
  if (!opened.ok) {
    setState((s) => ({ connections: s.connections.filter((c) => c.id !== config.id), selectedId: s.selectedId === config.id ? null : s.selectedId }));
    return opened;
  }
  return { ok: true, id: config.id };
}

export function updateForm(patch: Partial<NewConnectionForm>): void {
  setState((s) => ({ form: { ...s.form, ...patch } }));
}

/** Adds a connection from the form, selects it and opens its socket; returns its id, or the errors by field if the form is invalid. */
export function createConnection(): CreateResult {
  const { form } = getState();
  const checked = checkConfig(form.url, form.protocols);
  if (!checked.ok) return checked;
  const config: ConnectionConfig = {
    id: newConnectionId(),
    name: form.name.trim(),
    url: form.url.trim(),
    protocols: form.protocols,
    binaryType: form.binaryType,
    rememberSecrets: form.rememberSecrets === true,
    ...(form.decodeAs && form.decodeAs !== 'auto' ? { decodeAs: form.decodeAs } : {}),
    ...(form.sessionManual ? { sessionManual: true } : {}),
  };
  const lensForOptions = form.decodeAs && form.decodeAs !== 'auto' && form.decodeAs !== 'raw' ? form.decodeAs : null;
  if (lensForOptions && form.sessionOptions && Object.keys(form.sessionOptions).length > 0) config.sessionOptions = { [lensForOptions]: { ...form.sessionOptions } };
  // A first message from a deep link becomes this connection's draft (it is never sent by itself).
  const message = form.message ?? '';
  setState((s) => ({ form: { ...s.form, name: '', message: '' } }));
  return addConnection(config, { select: true, draft: message });
}

/** Changes a connection's settings; a new URL, subprotocols or binary type apply at its next connect. */
export function updateConnection(
  id: ConnectionId,
  patch: Partial<Pick<ConnectionConfig, 'name' | 'url' | 'protocols' | 'binaryType' | 'rememberSecrets' | 'decodeAs' | 'sessionManual' | 'sessionOptions'>>,
): void {
  setState((s) => ({ connections: s.connections.map((c) => (c.id === id ? { ...c, ...patch, ...(patch.url !== undefined ? { secretsDropped: false } : {}) } : c)) }));
}

/** Moves focus to the selected connection's composer once it is drawn (its code may still be on the way: a few frames). */
export function focusComposer(frames = 60, from: Element | null = document.activeElement): void {
  requestAnimationFrame(() => {
    // The user moved on meanwhile: leave the focus where they put it.
    const now = document.activeElement;
    if (now !== from && now !== document.body && now !== null) return;
    const box = document.querySelector<HTMLElement>('section[aria-label="Composer"] [role="textbox"], section[aria-label="Composer"] textarea');
    if (box) box.focus();
    else if (frames > 0) focusComposer(frames - 1, from);
  });
}

export function connectionConfig(id: ConnectionId): ConnectionConfig | undefined {
  return getState().connections.find((c) => c.id === id);
}

/** Connections whose socket the user closed: auto-reconnect leaves them closed. */
const userClosed = new Set<ConnectionId>();

/** Whether the latest close of this connection was asked for by the user (Close, Remove). */
export function closedByUser(id: ConnectionId): boolean {
  return userClosed.has(id);
}

/** Opens (or reopens) the socket of an existing connection. */
export function reconnect(id: ConnectionId): void {
  const config = connectionConfig(id);
  if (!config) return;
  // An imported timeline has no socket of its own: open a new live connection instead.
  if (config.source === 'import') {
    reconnectAsLive(id);
    return;
  }
  userClosed.delete(id);
  // Settings that no longer pass the check open nothing (the bar shows their errors).
  openSocket(config);
}

export function closeConnection(id: ConnectionId, code?: number, reason?: string): void {
  userClosed.add(id);
  recordCloseRequest(id, code, reason);
  sockets.close(id, code, reason);
}

/**
 * For an imported (read-only) timeline: a new live connection with the same
 * URL, subprotocols and binary type, placed after it, selected and connecting.
 */
export function reconnectAsLive(id: ConnectionId): ConnectionId | null {
  const config = connectionConfig(id);
  if (!config) return null;
  const live: ConnectionConfig = { id: newConnectionId(), name: config.name, url: config.url, protocols: config.protocols, binaryType: config.binaryType };
  setState((s) => {
    const connections = [...s.connections];
    connections.splice(s.connections.findIndex((c) => c.id === id) + 1, 0, live);
    return { connections, selectedId: live.id, merged: s.merged.active ? { ...s.merged, active: false } : s.merged };
  });
  const opened = openSocket(live);
  if (!opened.ok) sockets.appendNote(live.id, 'error', `not connected: ${opened.errors.url ?? opened.errors.protocols ?? 'invalid URL'}`);
  return live.id;
}

export function duplicateConnection(id: ConnectionId): void {
  const config = connectionConfig(id);
  if (!config) return;
  if (config.source === 'import') {
    reconnectAsLive(id);
    return;
  }
  const copy: ConnectionConfig = { ...config, id: newConnectionId(), name: config.name ? `${config.name} (copy)` : '' };
  setState((s) => {
    const at = s.connections.findIndex((c) => c.id === id);
    const connections = [...s.connections];
    connections.splice(at + 1, 0, copy);
    const draft = s.drafts[id];
    return { connections, selectedId: copy.id, drafts: draft ? { ...s.drafts, [copy.id]: { ...draft } } : s.drafts };
  });
  reconnect(copy.id);
}

/**
 * Closes the socket and forgets the connection: the core frees its capture
 * and tells every table registered with its connection-removed hook (below
 * for the store; decode, pairing, trackers, timers register their own).
 */
export function removeConnection(id: ConnectionId): void {
  userClosed.add(id);
  sockets.dispose(id);
}

/** What the store keeps of a connection, dropped when the core removes it (from Remove, a flow or a lesson alike). */
function forgetInStore(id: ConnectionId): void {
  userClosed.delete(id);
  meters.delete(id);
  setState((s) => {
    const at = s.connections.findIndex((c) => c.id === id);
    const connections = s.connections.filter((c) => c.id !== id);
    const drafts = { ...s.drafts };
    delete drafts[id];
    const runtime = { ...s.runtime };
    delete runtime[id];
    const pausedAt = { ...s.pausedAt };
    delete pausedAt[id];
    const stats = { ...s.stats };
    delete stats[id];
    const neighbour = connections[Math.min(at, connections.length - 1)];
    const selectedId = s.selectedId === id ? (neighbour?.id ?? null) : s.selectedId;
    return { connections, drafts, runtime, pausedAt, stats, selectedId, ...forgetInInspect(s, id), ...forgetInAutomate(s, id) };
  });
}

sockets.onConnectionRemoved(forgetInStore);

/** The `+` control: a blank connection in the connection bar (nothing selected), URL field focused. */
export function newConnection(): void {
  setState((s) => ({ selectedId: null, merged: s.merged.active ? { ...s.merged, active: false } : s.merged }));
  const focusUrl = (): boolean => {
    const url = document.getElementById('new-url');
    if (!(url instanceof HTMLInputElement)) return false;
    url.focus();
    url.select();
    return true;
  };
  // React draws the blank form in the microtask it queued for this update (the store's
  // subscribers render synchronously), so the field exists right after it: focusing there, not a
  // frame later, lets the keys typed at once after N land in the field.
  queueMicrotask(() => {
    if (!focusUrl()) requestAnimationFrame(focusUrl);
  });
}

export function selectConnection(id: ConnectionId): void {
  // Choosing one connection leaves the merged view.
  setState((s) => ({ selectedId: id, merged: s.merged.active ? { ...s.merged, active: false } : s.merged }));
}

export function draftOf(id: ConnectionId): Draft {
  return getState().drafts[id] ?? EMPTY_DRAFT;
}

export function updateDraft(id: ConnectionId, patch: Partial<Draft>): void {
  setState((s) => ({ drafts: { ...s.drafts, [id]: { ...(s.drafts[id] ?? EMPTY_DRAFT), ...patch } } }));
}

export function sendData(id: ConnectionId, data: string | Uint8Array | Blob): void {
  sockets.send(id, data);
}

function outcomeOf(id: ConnectionId, readyState: ConnectionRuntime['readyState']): CloseOutcome | undefined {
  if (readyState !== 'CLOSED') return undefined;
  const close = latestClose(sockets.getLog(id));
  if (!close) return undefined;
  return { code: close.code, reason: close.reason, wasClean: close.wasClean, failed: closeFailed(close.code, close.wasClean, close.errored) };
}

function runtimeOf(id: ConnectionId, facts: LiveFacts, previous: ConnectionRuntime | undefined): ConnectionRuntime {
  const log = sockets.getLog(id);
  return {
    readyState: facts.readyState,
    bufferedAmount: facts.bufferedAmount,
    counters: { ...log.counters },
    start: log.start,
    version: (previous?.version ?? 0) + 1,
    outcome: outcomeOf(id, facts.readyState),
  };
}

export function togglePause(id: ConnectionId): void {
  setState((s) => {
    const pausedAt = { ...s.pausedAt };
    if (pausedAt[id] === undefined) pausedAt[id] = sockets.getLog(id).end;
    else delete pausedAt[id];
    return { pausedAt };
  });
}

export function setRetention(limits: RetentionLimits): void {
  setState((s) => ({ preferences: { ...s.preferences, retention: limits } }));
  sockets.setRetentionLimits(limits);
}

const meters = new Map<ConnectionId, RateMeter>();

/** Whether the store's actions keep anything of this connection outside the state (a rate meter, a user close). */
export function actionsKeep(id: ConnectionId): boolean {
  return meters.has(id) || userClosed.has(id);
}

/** Once a second: rates from the exact counters, for the stats line and its plot. */
export function sampleRates(): void {
  const now = performance.now();
  setState((s) => {
    const stats: SockpitState['stats'] = {};
    for (const { id } of s.connections) {
      let meter = meters.get(id);
      if (!meter) {
        meter = new RateMeter();
        meters.set(id, meter);
      }
      const rates = meter.sample(now, sockets.getLog(id).counters);
      stats[id] = { rates, history: [...meter.history] };
    }
    for (const id of meters.keys()) if (!stats[id]) meters.delete(id);
    return { stats };
  });
}

let started = false;

/** Wires the socket service to the store and prefills the form; call once at boot. */
export function startApp(): void {
  if (started) return;
  started = true;
  repairInspectState();
  repairEnvironments();
  sockets.setRetentionLimits(getState().preferences.retention);
  sockets.onFrame((changed) => {
    setState((s) => {
      const runtime = { ...s.runtime };
      for (const [id, facts] of changed) {
        if (!s.connections.some((c) => c.id === id)) continue;
        runtime[id] = runtimeOf(id, facts, s.runtime[id]);
      }
      return { runtime };
    });
  });
  setInterval(sampleRates, 1000);
  void prefillPlaygroundUrl();
}

/** `npm start` serves ./playground.json; a hosted page has none and keeps an empty URL. */
async function prefillPlaygroundUrl(): Promise<void> {
  try {
    const res = await fetch('./playground.json', { cache: 'no-store' });
    if (!res.ok) return;
    const body: unknown = await res.json();
    const echo = typeof body === 'object' && body !== null && 'echo' in body ? body.echo : undefined;
    if (typeof echo !== 'string') return;
    setState({ playground: echo.replace(/\/echo$/, '') });
    if (getState().form.url === '') updateForm({ url: echo });
  } catch {
    // No playground next to this page: nothing to prefill.
  }
}
