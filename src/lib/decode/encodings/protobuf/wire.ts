import type { Field } from '../../types';
import { MAX_FIELD_CHILDREN } from '../../fields';
import { decodeUtf8, encodeUtf8, fromHex, isWellFormed } from '../values';
import type { ProtoField, ProtoMessage, ProtoSchema, Scalar } from './schema';
import { isPacked, packable } from './schema';

/**
 * The protobuf wire format (https://protobuf.dev/programming-guides/encoding/),
 * read and written by reflection over a parsed schema: no generated code.
 * Values: 64-bit integers are bigints, enums their names (numbers when
 * unknown), bytes Uint8Array, messages Object.create(null) objects, maps
 * objects (string keys) or Maps; unknown fields are kept under their number.
 */

export const MAX_MESSAGE_DEPTH = 100;
const WIRE = ['varint', 'i64', 'len', 'start group', 'end group', 'i32', 'wire type 6', 'wire type 7'];

class WireError extends Error {}

function wireTypeOf(f: ProtoField): number {
  if (f.map || f.resolved?.kind === 'message') return 2;
  if (f.resolved?.kind === 'enum') return 0;
  switch (f.scalar) {
    case 'double':
    case 'fixed64':
    case 'sfixed64':
      return 1;
    case 'float':
    case 'fixed32':
    case 'sfixed32':
      return 5;
    case 'string':
    case 'bytes':
      return 2;
    default:
      return 0;
  }
}

class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    public end: number,
  ) {
    this.pos = start;
  }
  varint(what: string): bigint {
    const at = this.pos;
    let v = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError(`${what}: truncated varint at byte ${at}`);
      const b = this.bytes[this.pos++] as number;
      v |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) return BigInt.asUintN(64, v);
    }
    throw new WireError(`${what}: varint at byte ${at} is longer than 10 bytes`);
  }
  fixed(size: 4 | 8, what: string): DataView {
    if (this.pos + size > this.end) throw new WireError(`${what} at byte ${this.pos}: needs ${size} bytes, ${this.end - this.pos} left`);
    const d = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, size);
    this.pos += size;
    return d;
  }
  len(what: string, at: number): { start: number; end: number } {
    const n = this.varint(what);
    const left = this.end - this.pos;
    if (n > BigInt(left)) throw new WireError(`${what} at byte ${at}: length ${n} overruns the ${left} bytes left`);
    const start = this.pos;
    this.pos += Number(n);
    return { start, end: this.pos };
  }
}

type Raw = { wt: number; value: bigint | number | Uint8Array };

function readRaw(r: Reader, wt: number, what: string, at: number): Raw {
  if (wt === 0) return { wt, value: r.varint(what) };
  if (wt === 1) return { wt, value: r.fixed(8, what).getBigUint64(0, true) };
  if (wt === 5) return { wt, value: r.fixed(4, what).getUint32(0, true) };
  if (wt === 2) {
    const { start, end } = r.len(what, at);
    return { wt, value: r.bytes.slice(start, end) };
  }
  if (wt === 3 || wt === 4) throw new WireError(`${what} at byte ${at}: groups are not supported`);
  throw new WireError(`${what} at byte ${at}: wire type ${wt} does not exist`);
}

const small = (v: bigint): number | bigint => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

/** One scalar of a field from a reader positioned at its value. */
function readScalar(r: Reader, s: Scalar, what: string, at: number): unknown {
  switch (s) {
    case 'int32':
      return Number(BigInt.asIntN(32, r.varint(what)));
    case 'uint32':
      return Number(BigInt.asUintN(32, r.varint(what)));
    case 'sint32':
    case 'sint64': {
      const v = r.varint(what);
      const z = (v >> 1n) ^ -(v & 1n);
      return s === 'sint32' ? Number(BigInt.asIntN(32, z)) : BigInt.asIntN(64, z);
    }
    case 'int64':
      return BigInt.asIntN(64, r.varint(what));
    case 'uint64':
      return r.varint(what);
    case 'bool':
      return r.varint(what) !== 0n;
    case 'fixed32':
      return r.fixed(4, what).getUint32(0, true);
    case 'sfixed32':
      return r.fixed(4, what).getInt32(0, true);
    case 'float':
      return r.fixed(4, what).getFloat32(0, true);
    case 'fixed64':
      return r.fixed(8, what).getBigUint64(0, true);
    case 'sfixed64':
      return r.fixed(8, what).getBigInt64(0, true);
    case 'double':
      return r.fixed(8, what).getFloat64(0, true);
    case 'string': {
      const { start, end } = r.len(what, at);
      const t = decodeUtf8(r.bytes.subarray(start, end));
      if (t === null) throw new WireError(`${what} at byte ${at}: the string is not valid UTF-8`);
      return t;
    }
    default: {
      const { start, end } = r.len(what, at);
      return r.bytes.slice(start, end);
    }
  }
}

interface Decoded {
  value: Record<string, unknown>;
  fields: Field[];
}

/** Decodes bytes[start, end) as a message of `type`; throws WireError. */
function decodeMessage(schema: ProtoSchema, type: ProtoMessage, bytes: Uint8Array, start: number, end: number, depth: number, path: string): Decoded {
  if (depth > MAX_MESSAGE_DEPTH) throw new WireError(`${path} at byte ${start}: messages nested deeper than ${MAX_MESSAGE_DEPTH}`);
  const r = new Reader(bytes, start, end);
  const value = Object.create(null) as Record<string, unknown>;
  // per field: the display of each item, in wire order
  const shown = new Map<string, { def?: ProtoField; items: Field[]; note: string }>();
  const show = (key: string, def: ProtoField | undefined, note: string, item: Field) => {
    let s = shown.get(key);
    if (!s) shown.set(key, (s = { ...(def ? { def } : {}), items: [], note }));
    s.items.push(item);
  };
  const oneofSet = new Map<string, string>();
  while (r.pos < end) {
    const at = r.pos;
    const tag = r.varint(`${path} field tag`);
    const num = Number(tag >> 3n);
    const wt = Number(tag & 7n);
    if (num === 0) throw new WireError(`${path} at byte ${at}: field number 0 is not valid`);
    const def = type.byNumber.get(num);
    const what = def ? `${path} field ${num} "${def.name}" (wire type ${wt})` : `${path} field ${num} (wire type ${wt})`;
    if (!def) {
      const raw = readRaw(r, wt, what, at);
      const v = raw.value instanceof Uint8Array ? raw.value : typeof raw.value === 'bigint' ? small(raw.value) : raw.value;
      // "#99": an integer-like key would sort before the named ones
      const key = `#${num}`;
      const seen = shown.get(key)?.items.length ?? 0;
      if (seen === 0) value[key] = v;
      else if (seen === 1) value[key] = [value[key], v];
      else (value[key] as unknown[]).push(v);
      show(key, undefined, `unknown field · ${WIRE[wt]}`, rawLeaf(String(num), raw));
      continue;
    }
    const expected = wireTypeOf(def);
    const packedHere = wt === 2 && def.repeated && packable(def);
    if (wt !== expected && !packedHere) {
      if (wt === 3 || wt === 4) throw new WireError(`${what} at byte ${at}: groups are not supported`);
      throw new WireError(`${what} at byte ${at}: ${def.typeName} is wire type ${expected} (${WIRE[expected]}), not ${wt} (${WIRE[wt] ?? '?'})`);
    }
    if (def.oneof) {
      const other = oneofSet.get(def.oneof);
      if (other && other !== def.name) delete value[other];
      oneofSet.set(def.oneof, def.name);
    }
    const items: Array<{ v: unknown; f: Field; key?: unknown }> = [];
    if (packedHere) {
      const { start: ps, end: pe } = r.len(what, at);
      const pr = new Reader(bytes, ps, pe);
      while (pr.pos < pe) {
        const iat = pr.pos;
        const v = readOne(schema, def, pr, what, iat, depth, path);
        items.push(v);
      }
    } else items.push(readOne(schema, def, r, what, at, depth, path));
    for (const it of items) {
      if (def.map) {
        let m = value[def.name] as Map<unknown, unknown> | Record<string, unknown> | undefined;
        if (!m) m = value[def.name] = def.map.key.scalar === 'string' ? (Object.create(null) as Record<string, unknown>) : new Map<unknown, unknown>();
        if (m instanceof Map) m.set(it.key, it.v);
        else m[String(it.key)] = it.v;
      } else if (def.repeated) {
        const a = (value[def.name] as unknown[] | undefined) ?? (value[def.name] = []);
        (a as unknown[]).push(it.v);
      } else value[def.name] = it.v;
      show(def.name, def, '', it.f);
    }
  }
  // fields in schema order, then unknown ones in wire order
  const fields: Field[] = [];
  const order = [...type.fields.map((f) => f.name).filter((n) => shown.has(n)), ...[...shown.keys()].filter((k) => !type.byName.has(k))];
  for (const key of order) {
    const s = shown.get(key);
    if (!s || (s.def?.oneof && oneofSet.get(s.def.oneof) !== key)) continue;
    const def = s.def;
    const typeNote = def ? `${def.oneof ? `oneof ${def.oneof} · ` : ''}${def.typeName}` : s.note;
    if (def && (def.repeated || def.map)) {
      const items = s.items.slice(0, MAX_FIELD_CHILDREN).map((f, i) => (def.map ? f : { ...f, name: String(i) }));
      if (s.items.length > MAX_FIELD_CHILDREN) items.push({ name: '…', note: `${s.items.length - MAX_FIELD_CHILDREN} more` });
      fields.push({ name: key, note: `${typeNote} · ${s.items.length} ${def.map ? `entr${s.items.length === 1 ? 'y' : 'ies'}` : `item${s.items.length === 1 ? '' : 's'}`}`, children: items });
    } else if (!def && s.items.length > 1) {
      fields.push({ name: key.slice(1), note: `${typeNote} · ${s.items.length} items`, children: s.items.slice(0, MAX_FIELD_CHILDREN).map((f, i) => ({ ...f, name: String(i) })) });
    } else {
      // a singular field seen twice: the last one wins
      const last = s.items[s.items.length - 1] as Field;
      fields.push({ ...last, name: def ? key : key.slice(1), note: [typeNote, last.note].filter(Boolean).join(' · ') });
    }
  }
  return { value, fields };
}

function readOne(schema: ProtoSchema, def: ProtoField, r: Reader, what: string, at: number, depth: number, path: string): { v: unknown; f: Field; key?: unknown } {
  if (def.map) {
    const { start, end } = r.len(what, at);
    const entry: ProtoMessage = { kind: 'message', name: 'entry', fullName: 'entry', fields: [def.map.key, def.map.value], byNumber: new Map([[1, def.map.key], [2, def.map.value]]), byName: new Map([['key', def.map.key], ['value', def.map.value]]) };
    const d = decodeMessage(schema, entry, r.bytes, start, end, depth + 1, `${path}.${def.name}`);
    const key = d.value.key ?? defaultOf(def.map.key);
    const v = d.value.value ?? defaultOf(def.map.value);
    const vf = d.fields.find((f) => f.name === 'value');
    const name = typeof key === 'string' ? key : String(key);
    return { key, v, f: vf ? { ...vf, name } : { ...scalarLeaf(name, v) } };
  }
  const t = def.resolved;
  if (t?.kind === 'message') {
    const { start, end } = r.len(what, at);
    const d = decodeMessage(schema, t, r.bytes, start, end, depth + 1, `${path}.${def.name}`);
    return { v: d.value, f: { name: def.name, note: `${Object.keys(d.value).length} field${Object.keys(d.value).length === 1 ? '' : 's'}`, children: d.fields } };
  }
  if (t?.kind === 'enum') {
    const n = Number(BigInt.asIntN(32, r.varint(what)));
    const label = t.byNumber.get(n);
    return { v: label ?? n, f: { name: def.name, value: label ?? n, note: label ? `= ${n}` : 'not a value of the enum' } };
  }
  const v = readScalar(r, def.scalar ?? 'bytes', what, at);
  return { v, f: scalarLeaf(def.name, v) };
}

function scalarLeaf(name: string, v: unknown): Field {
  if (typeof v === 'bigint') return { name, value: v.toString() };
  if (v instanceof Uint8Array) return { name, value: v, note: `${v.length} B` };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { name, value: v };
  return { name, value: v === null || v === undefined ? null : String(v) };
}

function rawLeaf(name: string, raw: Raw): Field {
  const v = raw.value;
  if (raw.wt === 0 && typeof v === 'bigint') {
    const signed = BigInt.asIntN(64, v);
    const z = (v >> 1n) ^ -(v & 1n);
    const alt = [signed < 0n ? `int64 ${signed}` : '', v !== 0n && v !== 1n ? `zigzag ${z}` : ''].filter(Boolean).join(' · ');
    const n = small(v);
    return { name, value: typeof n === 'number' ? n : v.toString(), note: alt };
  }
  if (raw.wt === 1 && typeof v === 'bigint') {
    const d = new DataView(new ArrayBuffer(8));
    d.setBigUint64(0, v, true);
    return { name, value: v.toString(), note: `double ${d.getFloat64(0, true)}` };
  }
  if (raw.wt === 5 && typeof v === 'number') {
    const d = new DataView(new ArrayBuffer(4));
    d.setUint32(0, v, true);
    return { name, value: v, note: `float ${d.getFloat32(0, true)}` };
  }
  return { name, value: v as Uint8Array, note: `${(v as Uint8Array).length} B` };
}

function defaultOf(f: ProtoField): unknown {
  if (f.resolved?.kind === 'enum') return f.resolved.byNumber.get(0) ?? 0;
  if (f.resolved?.kind === 'message') return Object.create(null) as object;
  switch (f.scalar) {
    case 'string':
      return '';
    case 'bytes':
      return new Uint8Array();
    case 'bool':
      return false;
    case 'int64':
    case 'uint64':
    case 'sint64':
    case 'fixed64':
    case 'sfixed64':
      return 0n;
    default:
      return 0;
  }
}

export type WireResult = { ok: true; value: Record<string, unknown>; fields: Field[] } | { ok: false; error: string };

/** Decodes a whole message of `type`. Errors say which field, which wire type, at which byte. */
export function decodeWithSchema(schema: ProtoSchema, type: ProtoMessage, bytes: Uint8Array): WireResult {
  try {
    const d = decodeMessage(schema, type, bytes, 0, bytes.length, 0, type.name);
    return { ok: true, value: d.value, fields: d.fields };
  } catch (err) {
    if (err instanceof WireError) return { ok: false, error: err.message };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Without a schema: field numbers and wire types. A length-delimited value
 * is shown as a nested message when it parses as one to its last byte, as a
 * string when it is printable UTF-8, else as bytes (a guess: say so).
 */
export function decodeRaw(bytes: Uint8Array): WireResult {
  try {
    const d = rawMessage(bytes, 0, bytes.length, 0, true);
    if (!d) return { ok: false, error: 'not a protobuf message' };
    return { ok: true, value: d.value, fields: d.fields };
  } catch (err) {
    if (err instanceof WireError) return { ok: false, error: err.message };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

const PRINTABLE = /^[^\p{Cc}\p{Cs}]*$/u;

function rawMessage(bytes: Uint8Array, start: number, end: number, depth: number, strict: boolean): Decoded | null {
  const r = new Reader(bytes, start, end);
  const value = Object.create(null) as Record<string, unknown>;
  const groups = new Map<string, Field[]>();
  try {
    while (r.pos < end) {
      const at = r.pos;
      const tag = r.varint('field tag');
      const num = Number(tag >> 3n);
      const wt = Number(tag & 7n);
      if (num === 0) throw new WireError(`at byte ${at}: field number 0 is not valid`);
      if (tag >> 3n > 536_870_911n) throw new WireError(`at byte ${at}: field number ${tag >> 3n} is out of range`);
      const raw = readRaw(r, wt, `field ${num} (wire type ${wt})`, at);
      const key = String(num);
      let v: unknown;
      let f: Field;
      if (raw.value instanceof Uint8Array) {
        const b = raw.value;
        const nested = b.length > 0 && depth < 32 ? rawMessage(b, 0, b.length, depth + 1, false) : null;
        const text = decodeUtf8(b);
        if (text !== null && PRINTABLE.test(text) && (!nested || /^[\x20-\x7e]+$/.test(text))) {
          v = text;
          f = { name: key, value: text, note: 'len · as a string' };
        } else if (nested) {
          v = nested.value;
          f = { name: key, note: 'len · as a message (a guess)', children: nested.fields };
        } else {
          v = b;
          f = { name: key, value: b, note: `len · ${b.length} B` };
        }
      } else {
        v = typeof raw.value === 'bigint' ? small(raw.value) : raw.value;
        const leafF = rawLeaf(key, raw);
        f = { ...leafF, note: [WIRE[wt], leafF.note].filter(Boolean).join(' · ') };
      }
      const g = groups.get(key) ?? [];
      if (g.length === 0) value[key] = v;
      else if (g.length === 1) value[key] = [value[key], v];
      else (value[key] as unknown[]).push(v);
      g.push(f);
      groups.set(key, g);
    }
  } catch (err) {
    if (strict) throw err;
    return null;
  }
  const fields: Field[] = [];
  for (const [key, items] of groups) {
    if (items.length === 1) fields.push(items[0] as Field);
    else fields.push({ name: key, note: `${items.length} items`, children: items.slice(0, MAX_FIELD_CHILDREN).map((f, i) => ({ ...f, name: String(i) })) });
  }
  return { value, fields };
}

// ---- encoding ----

class Writer {
  buf = new Uint8Array(256);
  len = 0;
  grow(k: number) {
    if (this.len + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + k) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number) {
    this.grow(1);
    this.buf[this.len++] = b;
  }
  varint(v: bigint) {
    let x = BigInt.asUintN(64, v);
    for (;;) {
      if (x < 0x80n) {
        this.byte(Number(x));
        return;
      }
      this.byte(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
  }
  raw(b: Uint8Array) {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  fixed(size: 4 | 8, set: (d: DataView) => void) {
    this.grow(size);
    set(new DataView(this.buf.buffer, this.len, size));
    this.len += size;
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

const RANGES: Partial<Record<Scalar, [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

function toInteger(v: unknown, s: Scalar, path: string): bigint {
  let b: bigint | null = null;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v);
  else if (typeof v === 'string' && /^-?\d{1,20}$/.test(v.trim())) b = BigInt(v.trim());
  if (b === null) throw new WireError(`${path}: ${s} needs an integer (a number, or a string of digits), got ${describe(v)}`);
  const range = RANGES[s];
  if (range && (b < range[0] || b > range[1])) throw new WireError(`${path}: ${b} is out of range for ${s}`);
  return b;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function toBytes(v: unknown, path: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'object' && v !== null && Object.keys(v).length === 1 && typeof (v as Record<string, unknown>).$bytes === 'string') {
    const b = fromHex((v as Record<string, string>).$bytes ?? '');
    if (b) return b;
    throw new WireError(`${path}: "$bytes" must be hex digits`);
  }
  if (typeof v === 'string' && BASE64.test(v)) {
    const std = v.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
    if (std.length % 4 !== 1) {
      const out: number[] = [];
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      let bits = 0;
      let acc = 0;
      for (const ch of std) {
        acc = (acc << 6) | alphabet.indexOf(ch);
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out.push((acc >> bits) & 0xff);
        }
      }
      return Uint8Array.from(out);
    }
  }
  throw new WireError(`${path}: bytes are base64 text or {"$bytes":"hex"}, got ${describe(v)}`);
}

function writeScalar(w: Writer, s: Scalar, v: unknown, path: string) {
  switch (s) {
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
      w.varint(toInteger(v, s, path));
      return;
    case 'sint32':
    case 'sint64': {
      const n = toInteger(v, s, path);
      w.varint(BigInt.asUintN(64, (n << 1n) ^ (n < 0n ? -1n : 0n)));
      return;
    }
    case 'bool':
      if (typeof v !== 'boolean') throw new WireError(`${path}: bool needs true or false, got ${describe(v)}`);
      w.varint(v ? 1n : 0n);
      return;
    case 'fixed32':
      w.fixed(4, (d) => d.setUint32(0, Number(toInteger(v, s, path)), true));
      return;
    case 'sfixed32':
      w.fixed(4, (d) => d.setInt32(0, Number(toInteger(v, s, path)), true));
      return;
    case 'fixed64':
      w.fixed(8, (d) => d.setBigUint64(0, toInteger(v, s, path), true));
      return;
    case 'sfixed64':
      w.fixed(8, (d) => d.setBigInt64(0, toInteger(v, s, path), true));
      return;
    case 'float':
    case 'double': {
      const x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : null;
      if (x === null) throw new WireError(`${path}: ${s} needs a number, got ${describe(v)}`);
      if (s === 'float') w.fixed(4, (d) => d.setFloat32(0, x, true));
      else w.fixed(8, (d) => d.setFloat64(0, x, true));
      return;
    }
    case 'string': {
      if (typeof v !== 'string') throw new WireError(`${path}: string needs a string, got ${describe(v)}`);
      if (!isWellFormed(v)) throw new WireError(`${path}: the string has a lone surrogate: not UTF-8`);
      const b = encodeUtf8(v);
      w.varint(BigInt(b.length));
      w.raw(b);
      return;
    }
    default: {
      const b = toBytes(v, path);
      w.varint(BigInt(b.length));
      w.raw(b);
    }
  }
}

function writeValue(schema: ProtoSchema, w: Writer, def: ProtoField, v: unknown, path: string, depth: number) {
  const t = def.resolved;
  if (t?.kind === 'message') {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new WireError(`${path}: ${t.fullName} needs an object, got ${describe(v)}`);
    const inner = new Writer();
    writeMessage(schema, inner, t, v as Record<string, unknown>, path, depth + 1);
    w.varint(BigInt(inner.len));
    w.raw(inner.bytes());
  } else if (t?.kind === 'enum') {
    let n: number | undefined;
    if (typeof v === 'string') n = t.byName.get(v);
    else if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) n = v;
    if (n === undefined) throw new WireError(`${path}: ${t.fullName} is one of ${[...t.byName.keys()].join(', ')} (or its number), got ${describe(v)}`);
    w.varint(BigInt(n));
  } else writeScalar(w, def.scalar ?? 'bytes', v, path);
}

function writeMessage(schema: ProtoSchema, w: Writer, type: ProtoMessage, obj: Record<string, unknown>, path: string, depth: number) {
  if (depth > MAX_MESSAGE_DEPTH) throw new WireError(`${path}: messages nested deeper than ${MAX_MESSAGE_DEPTH}`);
  const oneofs = new Map<string, string>();
  // fields are written in field-number order, as protoc and protobufjs do
  const given: Array<{ def: ProtoField; key: string }> = [];
  for (const key of Object.keys(obj)) {
    const def = type.byName.get(key) ?? type.fields.find((f) => camel(f.name) === key);
    if (!def) throw new WireError(`${path}.${key}: ${type.fullName} has no field "${key}" (fields: ${type.fields.map((f) => f.name).join(', ') || 'none'})`);
    given.push({ def, key });
  }
  given.sort((a, b) => a.def.number - b.def.number);
  for (const { def, key } of given) {
    const v = obj[key];
    const at = `${path}.${key}`;
    if (v === null || v === undefined) continue;
    if (def.oneof) {
      const other = oneofs.get(def.oneof);
      if (other) throw new WireError(`${at}: "${other}" and "${def.name}" are both in oneof ${def.oneof}; set one`);
      oneofs.set(def.oneof, def.name);
    }
    const tag = (wt: number) => w.varint(BigInt(def.number) * 8n + BigInt(wt));
    if (def.map) {
      const entries: Array<[unknown, unknown]> = v instanceof Map ? [...v] : typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]) : [];
      if (!(v instanceof Map) && (typeof v !== 'object' || Array.isArray(v))) throw new WireError(`${at}: a map needs an object, got ${describe(v)}`);
      for (const [k, x] of entries) {
        const e = new Writer();
        const keyValue = def.map.key.scalar === 'bool' ? (k === 'true' || k === true ? true : k === 'false' || k === false ? false : k) : k;
        e.varint(BigInt(1 * 8 + wireTypeOf(def.map.key)));
        writeScalar(e, def.map.key.scalar ?? 'string', keyValue, `${at}[${String(k)}] key`);
        e.varint(BigInt(2 * 8 + wireTypeOf(def.map.value)));
        writeValue(schema, e, def.map.value, x, `${at}[${String(k)}]`, depth);
        tag(2);
        w.varint(BigInt(e.len));
        w.raw(e.bytes());
      }
    } else if (def.repeated) {
      if (!Array.isArray(v)) throw new WireError(`${at}: repeated ${def.typeName} needs an array, got ${describe(v)}`);
      if (isPacked(schema, def)) {
        if (v.length === 0) continue;
        const p = new Writer();
        v.forEach((x, i) => writeValue(schema, p, def, x, `${at}[${i}]`, depth));
        tag(2);
        w.varint(BigInt(p.len));
        w.raw(p.bytes());
      } else
        v.forEach((x, i) => {
          tag(wireTypeOf(def));
          writeValue(schema, w, def, x, `${at}[${i}]`, depth);
        });
    } else {
      tag(wireTypeOf(def));
      writeValue(schema, w, def, v, at, depth);
    }
  }
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Encodes a JSON-like object as a message of `type` (field names or their lowerCamelCase JSON names). */
export function encodeWithSchema(schema: ProtoSchema, type: ProtoMessage, value: unknown): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: `${type.fullName} is written as a JSON object` };
  try {
    const w = new Writer();
    writeMessage(schema, w, type, value as Record<string, unknown>, type.name, 0);
    return { ok: true, bytes: w.bytes() };
  } catch (err) {
    if (err instanceof WireError) return { ok: false, error: err.message };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

