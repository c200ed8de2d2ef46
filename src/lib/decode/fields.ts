import type { Field } from './types';

/** Deeper than this, a field tree shows "…" (the inspector's JSON view has the whole value). */
export const MAX_FIELD_DEPTH = 32;
/** More children than this show the first ones and "… N more". */
export const MAX_FIELD_CHILDREN = 500;

/**
 * How a value that is not plain data (a CBOR tag, a MessagePack extension)
 * shows: a leaf with `value` and `note`, or, with `inner`, the field of the
 * wrapped value with `note` before its own.
 */
export interface FieldAnnotation {
  value?: Field['value'];
  note?: string;
  inner?: unknown;
}

/**
 * A JSON-like value (from JSON.parse, MessagePack, CBOR) as a field tree.
 * Built without recursion; object keys stay data (`__proto__` is a name).
 * `annotate` (optional) names the values that need a note (see FieldAnnotation).
 */
export function valueFields(value: unknown, annotate?: (v: unknown) => FieldAnnotation | undefined): Field[] {
  const root: Field = { name: '', children: [] };
  const stack: Array<{ field: Field; value: unknown; depth: number }> = [{ field: root, value, depth: 0 }];
  const make = (name: string, x: unknown): { field: Field; inner: unknown } => {
    let note = '';
    let v = x;
    for (let hops = 0; annotate && hops < MAX_FIELD_DEPTH; hops++) {
      const a = annotate(v);
      if (!a) break;
      if (!('inner' in a)) {
        const f: Field = { name };
        if (a.value !== undefined) f.value = a.value;
        const n = [note, a.note ?? ''].filter(Boolean).join(' · ');
        if (n) f.note = n;
        return { field: f, inner: undefined };
      }
      note = [note, a.note ?? ''].filter(Boolean).join(' · ');
      v = a.inner;
    }
    const f = leaf(name, v);
    if (note) f.note = f.note ? `${note} · ${f.note}` : note;
    return { field: f, inner: v };
  };
  // an annotated top value (a tagged map) is one field named "value" with the note
  let annotatedTop: Field | undefined;
  if (annotate?.(value)) {
    const made = make('value', value);
    if (!made.field.children) return [made.field];
    annotatedTop = made.field;
    stack[0] = { field: annotatedTop, value: made.inner, depth: 0 };
  }
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
        entries.push([typeof k === 'string' ? k : keyName(k), x]);
      }
    } else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      total = keys.length;
      for (const k of keys.slice(0, MAX_FIELD_CHILDREN)) entries.push([k, (v as Record<string, unknown>)[k]]);
    }
    const children: Field[] = [];
    for (const [name, x] of entries) {
      const { field: child, inner } = make(name, x);
      children.push(child);
      if (child.children) {
        if (depth + 1 >= MAX_FIELD_DEPTH) child.children = [{ name: '…', note: 'nested deeper: see the JSON or Text view' }];
        else stack.push({ field: child, value: inner, depth: depth + 1 });
      }
    }
    if (total > entries.length) children.push({ name: '…', note: `${total - entries.length} more` });
    field.children = children;
  }
  if (annotatedTop) return [annotatedTop];
  if (!isContainer(value)) return [leaf('value', value)];
  return root.children ?? [];
}

/** A Map key that is not a string, as a field name: 1, true, null, [1,2], h'0a0b'. */
export function keyName(k: unknown): string {
  if (k instanceof Uint8Array) return `h'${[...k.slice(0, 32)].map((b) => b.toString(16).padStart(2, '0')).join('')}${k.length > 32 ? '…' : ''}'`;
  if (k === null || typeof k !== 'object') return String(k);
  return preview(k, 40);
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
    s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v, previewReplacer) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function previewReplacer(_k: string, x: unknown): unknown {
  if (typeof x === 'bigint') return x.toString();
  if (x instanceof Uint8Array) return `<${x.byteLength} B>`;
  if (x instanceof Map) {
    // shown as an object; keys that are not strings are written as their preview
    const o = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of x) o[typeof k === 'string' ? k : keyName(k)] = v;
    return o;
  }
  return x;
}

/** Parses JSON text; the error names where it failed. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The one JSON detection (lib/json-detect.ts), for the lenses that import it from here. */
export { looksLikeJson } from '../json-detect';
