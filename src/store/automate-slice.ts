import type { ConnectionId } from '../lib/ids';

/**
 * Store slice for saving and automating: templates (saved messages), the
 * sent history per connection, running repeats and pending auto-reconnects.
 * Templates and history persist; repeats and reconnect waits are live facts
 * of this page and never do. Values read back from storage are checked by
 * `normalizeAutomate` before use.
 */

/** How a saved message's body is read: text as typed, or bytes written as hex or base64. */
export type TemplateFormat = 'text' | 'hex' | 'base64';
export const TEMPLATE_FORMATS: readonly TemplateFormat[] = ['text', 'hex', 'base64'];

export interface Template {
  id: string;
  name: string;
  /** null: offered on every connection; otherwise only on this one */
  connectionId: ConnectionId | null;
  format: TemplateFormat;
  /** as typed; text bodies may hold {{variables}} (lib/template-vars.ts) */
  body: string;
}

/** One message sent from the composer or a template, as it was typed (variables expanded). */
export interface SentEntry {
  format: TemplateFormat;
  body: string;
}

export const MAX_HISTORY = 100;
export const MAX_TEMPLATES = 1000;

/** A running "send every N ms" on a connection. */
export interface RepeatRun {
  /** what is repeated, for the status line: "composer message" or the template's name */
  label: string;
  everyMs: number;
  /** null: until stopped */
  count: number | null;
  sent: number;
}

/** A scheduled auto-reconnect attempt. */
export interface ReconnectWait {
  attempt: number;
  /** epoch ms when the attempt starts */
  at: number;
  delayMs: number;
}

export interface AutomateSlice {
  templates: Template[];
  sentHistory: Partial<Record<ConnectionId, SentEntry[]>>;
  repeats: Partial<Record<ConnectionId, RepeatRun>>;
  reconnectWaits: Partial<Record<ConnectionId, ReconnectWait>>;
}

export function createAutomateSlice(): AutomateSlice {
  return { templates: [], sentHistory: {}, repeats: {}, reconnectWaits: {} };
}

export function persistedAutomate(s: AutomateSlice): Pick<AutomateSlice, 'templates' | 'sentHistory'> {
  return { templates: s.templates, sentHistory: s.sentHistory };
}

// ---------------------------------------------------------------------------
// Checking what comes back from localStorage or a file (old, partial, edited by hand).

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Loose, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

export function isTemplateFormat(v: unknown): v is TemplateFormat {
  return typeof v === 'string' && (TEMPLATE_FORMATS as readonly string[]).includes(v);
}

export function normalizeTemplate(v: unknown): Template | null {
  if (!isObject(v)) return null;
  const id = own(v, 'id');
  const name = own(v, 'name');
  const connectionId = own(v, 'connectionId');
  const format = own(v, 'format');
  const body = own(v, 'body');
  if (typeof id !== 'string' || id === '' || typeof name !== 'string' || typeof body !== 'string' || !isTemplateFormat(format)) return null;
  if (connectionId !== null && typeof connectionId !== 'string') return null;
  return { id, name, connectionId: connectionId as ConnectionId | null, format, body };
}

function normalizeEntry(v: unknown): SentEntry | null {
  if (!isObject(v)) return null;
  const format = own(v, 'format');
  const body = own(v, 'body');
  return isTemplateFormat(format) && typeof body === 'string' ? { format, body } : null;
}

export function normalizeAutomate(templates: unknown, history: unknown): Pick<AutomateSlice, 'templates' | 'sentHistory'> {
  const ts = Array.isArray(templates) ? templates.slice(0, MAX_TEMPLATES).map(normalizeTemplate).filter((t): t is Template => t !== null) : [];
  const sentHistory: AutomateSlice['sentHistory'] = {};
  if (isObject(history)) {
    for (const [id, list] of Object.entries(history)) {
      if (!Array.isArray(list)) continue;
      const entries = list.slice(-MAX_HISTORY).map(normalizeEntry).filter((e): e is SentEntry => e !== null);
      if (entries.length > 0) sentHistory[id as ConnectionId] = entries;
    }
  }
  return { templates: ts, sentHistory };
}

/** The history with `entry` appended: an entry equal to the newest is not repeated; at most MAX_HISTORY kept. */
export function pushHistory(list: readonly SentEntry[] | undefined, entry: SentEntry): SentEntry[] {
  const prev = list ?? [];
  const last = prev[prev.length - 1];
  if (last && last.format === entry.format && last.body === entry.body) return [...prev];
  const next = [...prev, entry];
  return next.length > MAX_HISTORY ? next.slice(next.length - MAX_HISTORY) : next;
}

/** What to drop from this slice when a connection is removed (its history, repeat, pending reconnect and own templates). */
export function forgetInAutomate(s: AutomateSlice, id: ConnectionId): Partial<AutomateSlice> {
  const sentHistory = { ...s.sentHistory };
  delete sentHistory[id];
  const repeats = { ...s.repeats };
  delete repeats[id];
  const reconnectWaits = { ...s.reconnectWaits };
  delete reconnectWaits[id];
  const templates = s.templates.some((t) => t.connectionId === id) ? s.templates.filter((t) => t.connectionId !== id) : s.templates;
  return { sentHistory, repeats, reconnectWaits, templates };
}
