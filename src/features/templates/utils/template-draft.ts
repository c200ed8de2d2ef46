import type { ConnectionId } from '../../../lib/ids';
import type { Template, TemplateFormat } from '../../../store/automate-slice';
import type { Draft } from '../../../store/types';

/** The editor's fields, as typed. */
export interface TemplateForm {
  name: string;
  /** true: offered on every connection */
  global: boolean;
  format: TemplateFormat;
  body: string;
}

export const MAX_NAME = 80;

export type TemplateFormCheck = { ok: true; name: string } | { ok: false; field: 'name'; error: string };

/** A name is needed (a list of "Untitled" helps no one); its length is capped. */
export function checkTemplateForm(form: TemplateForm): TemplateFormCheck {
  const name = form.name.trim();
  if (name === '') return { ok: false, field: 'name', error: 'Give the message a name' };
  if (name.length > MAX_NAME) return { ok: false, field: 'name', error: `At most ${MAX_NAME} characters (${name.length} now)` };
  return { ok: true, name };
}

export function formOf(t: Template): TemplateForm {
  return { name: t.name, global: t.connectionId === null, format: t.format, body: t.body };
}

export function templateOf(id: string, form: TemplateForm, name: string, connectionId: ConnectionId): Template {
  return { id, name, connectionId: form.global ? null : connectionId, format: form.format, body: form.body };
}

/** A new template's fields from the composer's message (a file cannot be saved). */
export function formFromDraft(draft: Draft): TemplateForm {
  if (draft.mode === 'text' || draft.binaryFormat === 'file') return { name: '', global: false, format: 'text', body: draft.mode === 'text' ? draft.text : '' };
  return draft.binaryFormat === 'hex' ? { name: '', global: false, format: 'hex', body: draft.hex } : { name: '', global: false, format: 'base64', body: draft.base64 };
}

export const FORMAT_LABELS: Record<TemplateFormat, string> = { text: 'Text', hex: 'Hex', base64: 'Base64' };
