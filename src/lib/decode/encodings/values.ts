import type { Field } from '../types';
import type { FieldAnnotation } from '../fields';
import { keyName, preview, valueFields } from '../fields';

/**
 * What MessagePack and CBOR decode to before it becomes a JSON-like value:
 * plain data plus these few wrappers, which the field tree shows with a note
 * ("tag 1 epoch time", "ext 5") and `toJsonLike` writes as `$tag`, `$ext`, ….
 */
export class Tagged {
  constructor(
    readonly tag: number | bigint,
    readonly content: unknown,
  ) {}
}
export class Simple {
  constructor(readonly simple: number) {}
}
export class Ext {
  constructor(
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}
export class Timestamp {
  constructor(
    readonly sec: bigint,
    readonly nsec: number,
  ) {}
}
/** CBOR undefined (simple value 23); JSON-like: null */
export const UNDEFINED: unique symbol = Symbol('undefined');

/** Containers deeper than this are an error (a nesting bomb must not overflow the stack). */
export const MAX_DEPTH = 256;

export function hex(bytes: Uint8Array, max = Infinity): string {
  let s = '';
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i++) s += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return n < bytes.length ? `${s}…` : s;
}

export function fromHex(text: string): Uint8Array | null {
  const t = text.replace(/[\s:]/g, '');
  if (t.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(t)) return null;
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Strict UTF-8; null when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** A string that has lone surrogates cannot be UTF-8. */
export function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

const MAX_DATE_SEC = 8_640_000_000_000n;

/** Seconds and nanoseconds since 1970 as an ISO time with the nanoseconds that are not zero; null out of Date's range. */
export function isoTime(sec: bigint, nsec: number): string | null {
  if (sec > MAX_DATE_SEC || sec < -MAX_DATE_SEC) return null;
  const base = new Date(Number(sec) * 1000).toISOString().slice(0, 19);
  const frac = nsec === 0 ? '' : `.${String(nsec).padStart(9, '0').replace(/0+$/, '')}`;
  return `${base}${frac}Z`;
}

/** Parses an ISO time (up to nanoseconds) into seconds and nanoseconds. */
export function parseIsoTime(text: string): { sec: bigint; nsec: number } | null {
  const m = /^(-?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m || m[1] === undefined || m[3] === undefined) return null;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (!Number.isFinite(ms)) return null;
  const nsec = m[2] ? Number(m[2].padEnd(9, '0')) : 0;
  return { sec: BigInt(Math.floor(ms / 1000)), nsec };
}

/** Epoch seconds (CBOR tag 1) as an ISO time, or null. */
export function epochIso(v: unknown): string | null {
  if (typeof v === 'bigint') return isoTime(v, 0);
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  const sec = Math.floor(v);
  // only the digits the float holds: 1704164646.678 is .678, not .677999973
  const ulp = 2 ** (Math.floor(Math.log2(Math.max(Math.abs(v), 1))) - 52);
  const digits = Math.max(0, Math.min(9, Math.floor(-Math.log10(ulp))));
  const step = 10 ** (9 - digits);
  const nsec = Math.round(((v - sec) * 1e9) / step) * step;
  return nsec >= 1e9 ? isoTime(BigInt(sec + 1), 0) : isoTime(BigInt(sec), nsec);
}

const TAG_NAMES: Record<string, string> = {
  '0': 'date/time string',
  '1': 'epoch time',
  '2': 'positive bignum',
  '3': 'negative bignum',
  '4': 'decimal fraction',
  '5': 'bigfloat',
  '21': 'expected base64url',
  '22': 'expected base64',
  '23': 'expected base16',
  '24': 'encoded CBOR',
  '32': 'URI',
  '33': 'base64url',
  '34': 'base64',
  '36': 'MIME message',
  '55799': 'self-described CBOR',
};

/** Tag 2 or 3 over a byte string: the bignum it stands for, else null. */
export function bignum(t: Tagged): bigint | null {
  if ((t.tag !== 2 && t.tag !== 3) || !(t.content instanceof Uint8Array)) return null;
  let v = 0n;
  for (const b of t.content) v = (v << 8n) | BigInt(b);
  return t.tag === 2 ? v : -1n - v;
}

export function tagNote(t: Tagged): string {
  const name = TAG_NAMES[String(t.tag)];
  let note = `tag ${String(t.tag)}${name ? ` ${name}` : ''}`;
  if (t.tag === 1) {
    const iso = epochIso(t.content);
    if (iso) note += ` · ${iso}`;
  }
  return note;
}

/** How the wrappers show in a field tree. */
export function annotate(v: unknown): FieldAnnotation | undefined {
  if (v instanceof Tagged) {
    const big = bignum(v);
    return big === null ? { note: tagNote(v), inner: v.content } : { value: big.toString(), note: `${tagNote(v)} · integer` };
  }
  if (v instanceof Ext) return { value: `ext ${v.type} ${hex(v.data, 256)}`, note: `extension type ${v.type} · ${v.data.length} B` };
  if (v instanceof Timestamp) {
    const iso = isoTime(v.sec, v.nsec);
    return { value: iso ?? `${v.sec}s ${v.nsec}ns`, note: 'timestamp (ext -1)' };
  }
  if (v instanceof Simple) return { value: v.simple, note: `simple value ${v.simple}` };
  if (v === UNDEFINED) return { value: null, note: 'undefined' };
  return undefined;
}

export function codecFields(tree: unknown): Field[] {
  return valueFields(tree, annotate);
}

/**
 * The decoded tree as a JSON-like value (see types.ts): wrappers become
 * `$tag`/`$simple`/`$ext`/`$timestamp` objects, bignum tags (2, 3) over
 * bytes become bigints. The tree is at most MAX_DEPTH deep, so recursion is safe.
 */
export function toJsonLike(v: unknown): unknown {
  if (v === UNDEFINED) return null;
  if (Array.isArray(v)) return v.map(toJsonLike);
  if (v instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const [k, x] of v) out.set(toJsonLike(k), toJsonLike(x));
    return out;
  }
  if (v instanceof Tagged) return bignum(v) ?? obj([['$tag', v.tag], ['$value', toJsonLike(v.content)]]);
  if (v instanceof Simple) return obj([['$simple', v.simple]]);
  if (v instanceof Ext) return obj([['$ext', v.type], ['$bytes', v.data]]);
  if (v instanceof Timestamp) return obj([['$timestamp', isoTime(v.sec, v.nsec) ?? `${v.sec}.${String(v.nsec).padStart(9, '0')}`]]);
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v)) out[k] = toJsonLike((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export function obj(entries: Array<[string, unknown]>): Record<string, unknown> {
  const o = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of entries) o[k] = v;
  return o;
}

/** A map whose keys are all strings becomes a null-prototype object, any other a Map. */
export function mapValue(entries: Array<[unknown, unknown]>): unknown {
  if (entries.every(([k]) => typeof k === 'string')) return obj(entries as Array<[string, unknown]>);
  return new Map(entries);
}

/** `{type, seq, at} {"type":"tick",…}` / `array · 3 items […]` / a scalar preview. */
export function codecSummary(tree: unknown): { type: string; summary: string } {
  const v = toJsonLike(tree);
  const shown = preview(v, 80);
  if (Array.isArray(v)) return { type: 'array', summary: `array · ${v.length} item${v.length === 1 ? '' : 's'} ${shown}` };
  if (v instanceof Map) {
    const keys = [...v.keys()].slice(0, 6).map((k) => (typeof k === 'string' ? k : keyName(k)));
    return { type: 'map', summary: `{${keys.join(', ')}${v.size > 6 ? ', …' : ''}} ${shown}` };
  }
  if (tree instanceof Tagged) return { type: `tag ${String(tree.tag)}`, summary: `${tagNote(tree)} ${shown}` };
  if (tree instanceof Ext) return { type: `ext ${tree.type}`, summary: `ext ${tree.type} · ${tree.data.length} B ${hex(tree.data, 24)}` };
  if (tree instanceof Timestamp) return { type: 'timestamp', summary: `timestamp ${isoTime(tree.sec, tree.nsec) ?? `${tree.sec}s`}` };
  if (v instanceof Uint8Array) return { type: 'bytes', summary: `bytes · ${v.length} B ${hex(v, 24)}` };
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v);
    return { type: 'map', summary: `{${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}} ${shown}` };
  }
  return { type: v === null ? 'null' : typeof v, summary: shown };
}

/** Top-level scalar entries of a map, for `field:value` filters. */
export function topKeys(v: unknown): Array<[string, string]> {
  const keys: Array<[string, string]> = [];
  const add = (k: unknown, x: unknown) => {
    if (typeof k !== 'string' || keys.length >= 32) return;
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') keys.push([k, String(x)]);
  };
  if (v instanceof Map) for (const [k, x] of v) add(k, x);
  else if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array)) for (const k of Object.keys(v)) add(k, (v as Record<string, unknown>)[k]);
  return keys;
}

/**
 * A JSON-like value as JSON text the encoders read back: bigints as number
 * literals, bytes as `{"$bytes":"hex"}`, Maps as objects (keys that are not
 * strings written as text, so those do not round-trip). NaN and ±Infinity
 * have no JSON: null.
 */
export function toJsonText(v: unknown, indent = 0): string {
  const pad = (d: number) => (indent ? `\n${' '.repeat(indent * d)}` : '');
  const sep = indent ? ': ' : ':';
  const write = (x: unknown, d: number): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'number') return Number.isFinite(x) ? JSON.stringify(x) : 'null';
    if (typeof x === 'string' || typeof x === 'boolean') return JSON.stringify(x);
    if (x instanceof Uint8Array) return `{"$bytes"${sep}"${hex(x)}"}`;
    if (Array.isArray(x)) return x.length === 0 ? '[]' : `[${x.map((y) => `${pad(d + 1)}${write(y, d + 1)}`).join(',')}${pad(d)}]`;
    if (!(x instanceof Map) && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 2 && keys[0] === '$ext' && keys[1] === '$bytes' && o.$bytes instanceof Uint8Array) return `{"$ext"${sep}${String(o.$ext)},${indent ? ' ' : ''}"$bytes"${sep}"${hex(o.$bytes)}"}`;
    }
    const entries: Array<[string, unknown]> =
      x instanceof Map ? [...x].map(([k, y]) => [typeof k === 'string' ? k : typeof k === 'object' && k !== null ? toJsonText(k) : String(k), y]) : Object.keys(x).map((k) => [k, (x as Record<string, unknown>)[k]]);
    if (entries.length === 0) return '{}';
    return `{${entries.map(([k, y]) => `${pad(d + 1)}${JSON.stringify(k)}${sep}${write(y, d + 1)}`).join(',')}${pad(d)}}`;
  };
  return write(v, 0);
}
