import type { ConnectionId } from '../lib/ids';
import { buildTemplatePayload, liveContext } from '../lib/template-vars';
import type { TemplatePayload } from '../lib/template-vars';
import * as sockets from '../services/sockets/socket-service';
import type { EventLog } from '../core/event-log';
import { useStore } from './store';
import type { SockpitState } from './store';
import { MAX_TEMPLATES, normalizeAutomate, pushHistory } from './automate-slice';
import type { SentEntry, Template } from './automate-slice';
import type { ConnectionConfig, Preferences, ReconnectPolicy } from './types';
import { setRetention } from './actions';
import { normalizeScripts } from './scripts-slice';
import type { UserScriptEntry } from './scripts-slice';

/**
 * Actions for saving and automating: templates, sent history, the send
 * counter behind {{counter}}, imported timelines and the workspace as a
 * whole. Timers (repeats, auto-reconnect) live in features/schedule.
 */

const { setState, getState } = useStore;

// ---------------------------------------------------------------------------
// Templates

let templateSeq = 0;

export function newTemplateId(): string {
  templateSeq += 1;
  return `t${Date.now().toString(36)}${templateSeq.toString(36)}${Math.floor(Math.random() * 0x1_0000_0000).toString(36)}`;
}

/** Adds the template, or replaces the one with the same id in place. Returns false when the limit is reached. */
export function saveTemplate(template: Template): boolean {
  const { templates } = getState();
  const at = templates.findIndex((t) => t.id === template.id);
  if (at < 0 && templates.length >= MAX_TEMPLATES) return false;
  setState((s) => {
    const i = s.templates.findIndex((t) => t.id === template.id);
    if (i < 0) return { templates: [...s.templates, template] };
    const next = [...s.templates];
    next[i] = template;
    return { templates: next };
  });
  return true;
}

export function deleteTemplate(id: string): void {
  setState((s) => ({ templates: s.templates.filter((t) => t.id !== id) }));
}

/** Templates offered on a connection: the global ones and its own, in the saved order. */
export function templatesFor(templates: readonly Template[], connectionId: ConnectionId): Template[] {
  return templates.filter((t) => t.connectionId === null || t.connectionId === connectionId);
}

/** Moves a template one place up (-1) or down (+1) among those offered on `connectionId`. */
export function moveTemplate(id: string, delta: -1 | 1, connectionId: ConnectionId): void {
  setState((s) => {
    const visible = templatesFor(s.templates, connectionId);
    const at = visible.findIndex((t) => t.id === id);
    const other = visible[at + delta];
    const self = visible[at];
    if (at < 0 || !other || !self) return {};
    const next = [...s.templates];
    next[s.templates.indexOf(self)] = other;
    next[s.templates.indexOf(other)] = self;
    return { templates: next };
  });
}

// ---------------------------------------------------------------------------
// Sent history and the send counter

export function recordSent(id: ConnectionId, entry: SentEntry): void {
  setState((s) => ({ sentHistory: { ...s.sentHistory, [id]: pushHistory(s.sentHistory[id], entry) } }));
}

const sendCounters = new Map<ConnectionId, number>();
sockets.onConnectionRemoved((id) => sendCounters.delete(id));

/** Whether a send counter is kept for this connection ({{counter}} has stepped there). */
export function hasSendCounter(id: ConnectionId): boolean {
  return sendCounters.has(id);
}

/** The value {{counter}} takes in the next template message sent on this connection. */
export function peekCounter(id: ConnectionId): number {
  return (sendCounters.get(id) ?? 0) + 1;
}

export function takeCounter(id: ConnectionId): number {
  const n = peekCounter(id);
  sendCounters.set(id, n);
  return n;
}

/** What a template would send now (variables expanded with the next counter), without sending. */
export function previewTemplate(id: ConnectionId, t: Pick<Template, 'format' | 'body'>): TemplatePayload {
  return buildTemplatePayload(t.format, t.body, liveContext(peekCounter(id)));
}

/**
 * Expands and sends a saved message (or any text/hex/base64 body); the
 * counter steps only when something is sent. `history` false keeps repeats
 * out of the sent history.
 */
export function sendTemplate(id: ConnectionId, t: Pick<Template, 'format' | 'body'>, history = true): TemplatePayload {
  const p = buildTemplatePayload(t.format, t.body, liveContext(peekCounter(id)));
  if (!p.ok) return p;
  takeCounter(id);
  sockets.send(id, p.data);
  if (history) recordSent(id, { format: t.format, body: p.text });
  return p;
}

// ---------------------------------------------------------------------------
// Auto-reconnect settings

export function setAutoReconnect(id: ConnectionId, policy: ReconnectPolicy): void {
  setState((s) => ({ connections: s.connections.map((c) => (c.id === id ? { ...c, autoReconnect: policy } : c)) }));
}

// ---------------------------------------------------------------------------
// Imported timelines and the workspace

export interface LoadedConnection {
  config: ConnectionConfig;
  /** events to show (an import fills it); absent = an empty capture */
  log?: EventLog;
}

/** Adds read-only timelines built from a file and selects the first. */
export function addImportedTimelines(items: readonly LoadedConnection[]): void {
  const first = items[0];
  if (!first) return;
  setState((s) => ({
    connections: [...s.connections, ...items.map((i) => i.config)],
    selectedId: first.config.id,
    merged: s.merged.active ? { ...s.merged, active: false } : s.merged,
  }));
  for (const item of items) if (item.log) sockets.adoptLog(item.log);
}

function disposeAll(): void {
  // Disposed sockets report no close, so nothing reconnects them; the
  // schedule feature drops its timers for connections that are gone.
  for (const c of getState().connections) sockets.dispose(c.id);
  sendCounters.clear();
}

type ResettableState = Omit<SockpitState, 'form'>;

function freshState(): ResettableState {
  const { form: _form, ...initial } = useStore.getInitialState();
  return initial;
}

/**
 * Forgets every connection (closing its socket), template, draft, history
 * and setting, as on a first visit. The URL field keeps what it holds.
 */
export function resetWorkspace(): void {
  disposeAll();
  const fresh = freshState();
  setState(fresh);
  setRetention(fresh.preferences.retention);
}

export interface WorkspaceContent {
  connections: LoadedConnection[];
  templates: Template[];
  /** user scripts from the file: already marked imported and disabled (scripts-actions.ts importedScripts) */
  scripts?: UserScriptEntry[];
  /** settings to apply over the defaults */
  preferences: Partial<Preferences> | null;
}

/** Replaces the whole workspace with one read from a file: its connections (closed), templates and settings. */
export function replaceWorkspace(content: WorkspaceContent): void {
  disposeAll();
  const fresh = freshState();
  const preferences: Preferences = { ...fresh.preferences, ...(content.preferences ?? {}) };
  const { templates } = normalizeAutomate(content.templates, {});
  setState({
    ...fresh,
    connections: content.connections.map((c) => c.config),
    selectedId: content.connections[0]?.config.id ?? null,
    templates,
    // Scripts from a file never run before the user has read and enabled them.
    scripts: normalizeScripts(content.scripts ?? []).map((x) => ({ ...x, enabled: false, importedFrom: x.importedFrom ?? 'a file' })),
    preferences,
  });
  setRetention(preferences.retention);
  for (const c of content.connections) if (c.log) sockets.adoptLog(c.log);
}

/** Checks templates and history read back from localStorage; call once at boot. */
export function repairAutomateState(): void {
  const s = getState();
  setState(normalizeAutomate(s.templates, s.sentHistory));
}
