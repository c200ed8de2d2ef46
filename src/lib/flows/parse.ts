/**
 * Reading a flow file (docs/flows.md): JSON, or YAML through the `yaml`
 * package (loaded only when the text is not JSON, so the page's first
 * screen does not pay for it; `yaml` parses without eval or new Function).
 * A text that is neither says where it stops being one, by line and column.
 */
import { scanJson } from '../json-scan';
import { positionAt } from '../text-position';
import type { FlowDocument, FlowIssue } from './types';
import { validateFlow } from './validate';
import type { ValidateOptions } from './validate';

export type FlowParse = { ok: true; value: unknown; format: 'json' | 'yaml' } | { ok: false; issues: FlowIssue[] };
export type FlowLoad = { ok: true; doc: FlowDocument; format: 'json' | 'yaml' } | { ok: false; issues: FlowIssue[]; value?: unknown };

/** Whether the text is meant as JSON: its first character that is not a space is `{` or `[`. */
export function looksLikeJsonText(text: string): boolean {
  const m = /^\s*(\S)/.exec(text);
  return m?.[1] === '{' || m?.[1] === '[';
}

/** A JSON flow text, parsed (synchronous: the panel's JSON view calls it on every edit). */
export function parseFlowJson(text: string): FlowParse {
  if (text.trim() === '') return { ok: false, issues: [{ field: 'document', message: 'the file is empty: a flow is a JSON (or YAML) object' }] };
  const scan = scanJson(text, false);
  if (!scan.ok) {
    const { line, column } = positionAt(text, scan.error.offset);
    return { ok: false, issues: [{ field: 'document', message: `not JSON: ${scan.error.message} at line ${line}, column ${column}`, line, column }] };
  }
  return { ok: true, value: JSON.parse(text) as unknown, format: 'json' };
}

/** A flow text, JSON or YAML. */
export async function parseFlow(text: string): Promise<FlowParse> {
  if (looksLikeJsonText(text) || text.trim() === '') return parseFlowJson(text);
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const line = pos?.line ?? 1;
    const column = pos?.col ?? 1;
    const what = err.message.split('\n')[0] ?? 'syntax error';
    return { ok: false, issues: [{ field: 'document', message: `neither JSON nor YAML: ${what} (YAML, line ${line}, column ${column})`, line, column }] };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown, format: 'yaml' };
}

/** parseFlow then validateFlow: the document when the text is a valid flow, else every issue. */
export async function loadFlow(text: string, options: ValidateOptions = {}): Promise<FlowLoad> {
  const parsed = await parseFlow(text);
  if (!parsed.ok) return parsed;
  const issues = validateFlow(parsed.value, options);
  if (issues.length > 0) return { ok: false, issues, value: parsed.value };
  return { ok: true, doc: parsed.value as FlowDocument, format: parsed.format };
}
