import { valueFields } from '../decode/fields';
import type { Correlation, DecodedMessage, Field } from '../decode/types';
import { sandboxError } from './types';
import type { CallResult } from './types';

/**
 * A script's `decode` return as the decode layer's messages (docs/user-code.md):
 *
 *   null                                  → nothing (the frame shows raw)
 *   { type, summary, fields?, correlation?, heartbeat?, error? }
 *   an array of those                     → several messages in one frame
 *
 * `fields` is a plain object (shown as a tree, its leaves searchable as
 * `name:value`, nested ones as `a.b:value`) or a Field[] ({ name, value?,
 * note?, children? }). Anything else is an `output` error saying exactly
 * what is wrong and where.
 */

const ROLES = new Set(['request', 'reply', 'partial']);
/** Leaves deeper than this are in the tree but not in the `field:value` keys. */
const KEY_DEPTH = 3;
const MAX_KEYS = 200;

class OutputError extends Error {}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'a Uint8Array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v} (${JSON.stringify(v)?.slice(0, 40) ?? ''})`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function fieldList(v: unknown[], path: string, depth: number): Field[] {
  if (depth > 64) throw new OutputError(`${path} is nested too deep`);
  return v.map((f, i) => {
    const at = `${path}[${i}]`;
    if (!isPlainObject(f)) throw new OutputError(`${at} must be a field { name, value?, note?, children? }, got ${kindOf(f)}`);
    if (typeof f.name !== 'string') throw new OutputError(`${at}.name must be a string, got ${kindOf(f.name)}`);
    const out: Field = { name: f.name };
    const value = f.value;
    if (value !== undefined) {
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Uint8Array) out.value = value;
      else throw new OutputError(`${at}.value must be a string, number, boolean, null or Uint8Array, got ${kindOf(value)} (use children for nested fields)`);
    }
    if (f.note !== undefined) {
      if (typeof f.note !== 'string') throw new OutputError(`${at}.note must be a string, got ${kindOf(f.note)}`);
      out.note = f.note;
    }
    if (f.children !== undefined) {
      if (!Array.isArray(f.children)) throw new OutputError(`${at}.children must be an array of fields, got ${kindOf(f.children)}`);
      out.children = fieldList(f.children, `${at}.children`, depth + 1);
    }
    return out;
  });
}

/** Leaves of the tree as [dotted name, text] for the filter's field:value. */
function keysOf(fields: readonly Field[]): Array<[string, string]> {
  const keys: Array<[string, string]> = [];
  const walk = (list: readonly Field[], prefix: string, depth: number): void => {
    for (const f of list) {
      if (keys.length >= MAX_KEYS) return;
      const name = prefix ? `${prefix}.${f.name}` : f.name;
      if (typeof f.value === 'string' || typeof f.value === 'number' || typeof f.value === 'boolean') keys.push([name, String(f.value)]);
      if (f.children && depth + 1 < KEY_DEPTH) walk(f.children, name, depth + 1);
    }
  };
  walk(fields, '', 0);
  return keys;
}

function message(v: unknown, path: string, protocol: string): DecodedMessage {
  if (!isPlainObject(v)) throw new OutputError(`${path} must be an object { type, summary, fields }, got ${kindOf(v)}`);
  if (typeof v.type !== 'string' || v.type === '') throw new OutputError(`${path}.type must be a non-empty string, got ${kindOf(v.type)}`);
  if (typeof v.summary !== 'string') throw new OutputError(`${path}.summary must be a string, got ${kindOf(v.summary)}`);
  let fields: Field[] = [];
  if (Array.isArray(v.fields)) fields = fieldList(v.fields, `${path}.fields`, 0);
  else if (isPlainObject(v.fields)) fields = valueFields(v.fields);
  else if (v.fields !== undefined && v.fields !== null) throw new OutputError(`${path}.fields must be a plain object or an array of fields, got ${kindOf(v.fields)}`);
  const out: DecodedMessage = { protocol, type: v.type, summary: v.summary, fields };
  const keys = keysOf(fields);
  if (keys.length > 0) out.keys = keys;
  if (v.correlation !== undefined && v.correlation !== null) {
    const c = v.correlation;
    if (!isPlainObject(c)) throw new OutputError(`${path}.correlation must be { key, role }, got ${kindOf(c)}`);
    if (typeof c.key !== 'string' && typeof c.key !== 'number') throw new OutputError(`${path}.correlation.key must be a string or a number, got ${kindOf(c.key)}`);
    if (typeof c.role !== 'string' || !ROLES.has(c.role)) throw new OutputError(`${path}.correlation.role must be "request", "reply" or "partial", got ${kindOf(c.role)}`);
    out.correlation = { key: `script:${String(c.key)}`, role: c.role as Correlation['role'] };
  }
  if (v.heartbeat !== undefined) {
    if (typeof v.heartbeat !== 'boolean') throw new OutputError(`${path}.heartbeat must be true or false, got ${kindOf(v.heartbeat)}`);
    if (v.heartbeat) out.heartbeat = true;
  }
  if (v.error !== undefined && v.error !== null) {
    if (typeof v.error !== 'string') throw new OutputError(`${path}.error must be a string, got ${kindOf(v.error)}`);
    out.error = v.error;
  }
  return out;
}

export function checkDecoded(value: unknown, protocol: string, notes?: string[]): CallResult<DecodedMessage[]> {
  try {
    let messages: DecodedMessage[];
    if (value === null) messages = [];
    else if (value === undefined) throw new OutputError('decode returned undefined: return a message { type, summary, fields }, an array of them, or null for nothing');
    else if (Array.isArray(value)) messages = value.map((m, i) => message(m, `decode()[${i}]`, protocol));
    else messages = [message(value, 'decode()', protocol)];
    return { ok: true, value: messages, ...(notes && notes.length > 0 ? { notes } : {}) };
  } catch (err) {
    if (err instanceof OutputError) return { ok: false, error: sandboxError('output', err.message) };
    throw err;
  }
}

/** The row a failed decode shows: the error on the row, the raw frame intact. */
export function errorMessage(protocol: string, error: { kind: string; message: string; line?: number; column?: number }): DecodedMessage {
  const at = error.line !== undefined ? ` (line ${error.line}${error.column !== undefined ? `:${error.column}` : ''})` : '';
  const text = `${error.message}${at}`;
  return { protocol, type: 'error', summary: `decode failed: ${text}`, fields: [{ name: 'error', value: text, note: error.kind }], error: text };
}
