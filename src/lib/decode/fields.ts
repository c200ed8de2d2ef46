import type { Field } from './types';

/** Deeper than this, a field tree shows "…" (the inspector's JSON view has the whole value). */
export const MAX_FIELD_DEPTH = 32;
/** More children than this show the first ones and "… N more". */
export const MAX_FIELD_CHILDREN = 500;

/**
 * A JSON-like value (from JSON.parse, MessagePack, CBOR) as a field tree.
 * Built without recursion; object keys stay data (`__proto__` is a name).
 */
export function valueFields(value: unknown): Field[] {
  const root: Field = { name: '', children: [] };
  const stack: Array<{ field: Field; value: unknown; depth: number }> = [{ field: root, value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    const { field, depth } = top;
    const v = top.value;
    const entries: Array<[string, unknown]> = [];
    let total = 0;
    if (Array.isArray(v)) {
      total = v.length;
      for (let i = 0; i < Math.min(v.length, MAX_FIELD_CHILDREN); i++) entries.push([String(i), v[i]]);
    } else if (v instanceof Map) {
      total = v.size;
      for (const [k, x] of v) {
        if (entries.length >= MAX_FIELD_CHILDREN) break;
        entries.push([typeof k === 'string' ? k : String(k), x]);
      }
    } else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      total = keys.length;
      for (const k of keys.slice(0, MAX_FIELD_CHILDREN)) entries.push([k, (v as Record<string, unknown>)[k]]);
    }
    const children: Field[] = [];
    for (const [name, x] of entries) {
      const child = leaf(name, x);
      children.push(child);
      if (child.children) {
        if (depth + 1 >= MAX_FIELD_DEPTH) child.children = [{ name: '…', note: 'nested deeper: see the JSON or Text view' }];
        else stack.push({ field: child, value: x, depth: depth + 1 });
      }
    }
    if (total > entries.length) children.push({ name: '…', note: `${total - entries.length} more` });
    field.children = children;
  }
  if (!isContainer(value)) return [leaf('value', value)];
  return root.children ?? [];
}

function isPlainObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Map);
}

function isContainer(v: unknown): boolean {
  return Array.isArray(v) || v instanceof Map || isPlainObject(v);
}

/** One field for a value: a leaf, or a node whose children the caller fills. */
export function leaf(name: string, v: unknown): Field {
  if (v === null || v === undefined) return { name, value: null };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { name, value: v };
  if (typeof v === 'bigint') return { name, value: v.toString(), note: 'integer' };
  if (v instanceof Uint8Array) return { name, value: v, note: `${v.byteLength} B` };
  if (Array.isArray(v)) return { name, note: `${v.length} item${v.length === 1 ? '' : 's'}`, children: [] };
  if (v instanceof Map) return { name, note: `${v.size} entr${v.size === 1 ? 'y' : 'ies'}`, children: [] };
  if (typeof v === 'object') return { name, note: `${Object.keys(v).length} key${Object.keys(v).length === 1 ? '' : 's'}`, children: [] };
  return { name, value: String(v) };
}

/** A short preview of a value for summaries: `{"a":1,…}`, at most `max` characters. */
export function preview(v: unknown, max = 60): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? `<${x.byteLength} B>` : x)) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Parses JSON text; the error names where it failed. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** First and last non-blank characters are {…} or […]: cheap, for detection and filters. */
export function looksLikeJson(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) <= 0x20) i++;
  let j = n - 1;
  while (j > i && text.charCodeAt(j) <= 0x20) j--;
  if (j <= i) return false;
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(j);
  return (a === 0x7b && b === 0x7d) || (a === 0x5b && b === 0x5d);
}
