import type { CodecDecodeResult, CodecEncodeResult, PayloadCodec } from './types';
import { readJsonForEncoding } from './json-value';
import { Ext, MAX_DEPTH, Simple, Tagged, Timestamp, UNDEFINED, codecFields, codecSummary, decodeUtf8, encodeUtf8, isWellFormed, mapValue, toJsonLike } from './values';

/**
 * CBOR (RFC 8949), our own codec: cborg decodes recursively (a deep nesting
 * overflows the stack: "Maximum call stack size exceeded"), rejects tags it
 * has no decoder for ("tag not supported (1)") where we want to show them,
 * and its errors do not say where. Here every tag is kept (`Tagged`; 2 and 3
 * over bytes read as bignums), indefinite lengths, undefined and simple
 * values are read, maps whose keys are all strings become null-prototype
 * objects and any other a Map, declared lengths are checked against the
 * bytes left before anything is allocated, and nesting is capped at MAX_DEPTH.
 */

class CborError extends Error {}

function fail(msg: string): never {
  throw new CborError(msg);
}

const BREAK = Symbol('break');

const MAJOR = ['unsigned integer', 'negative integer', 'byte string', 'text string', 'array', 'map', 'tag', 'simple/float'];

export function halfToFloat(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  let v: number;
  if (exp === 0) v = mant * 2 ** -24;
  else if (exp !== 31) v = (mant + 1024) * 2 ** (exp - 25);
  else v = mant === 0 ? Infinity : NaN;
  return h & 0x8000 ? -v : v;
}

/** The half-precision bits of v when v is exactly representable, else null. */
export function floatToHalf(v: number): number | null {
  if (Number.isNaN(v)) return 0x7e00;
  const sign = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  const a = Math.abs(v);
  if (a === Infinity) return sign | 0x7c00;
  if (a === 0) return sign;
  let bits: number;
  if (a < 2 ** -14) {
    const m = a / 2 ** -24;
    if (!Number.isInteger(m)) return null;
    bits = sign | m;
  } else {
    let e = Math.floor(Math.log2(a));
    if (2 ** e > a) e--;
    if (2 ** (e + 1) <= a) e++;
    if (e > 15) return null;
    const m = (a / 2 ** e - 1) * 1024;
    if (!Number.isInteger(m)) return null;
    bits = sign | ((e + 15) << 10) | m;
  }
  return halfToFloat(bits) === v ? bits : null;
}

/** Decodes one CBOR data item; the tree holds Tagged, Simple and UNDEFINED. */
export function decodeCborTree(bytes: Uint8Array): { ok: true; tree: unknown } | { ok: false; error: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let pos = 0;

  /** the argument of a head: a number, a bigint beyond 2^53, or null for indefinite (31) */
  const argument = (ai: number, major: number, at: number): number | bigint | null => {
    if (ai < 24) return ai;
    const size = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : ai === 27 ? 8 : 0;
    if (size === 0) {
      if (ai === 31) return null;
      fail(`at byte ${at}: additional information ${ai} is reserved (${MAJOR[major]})`);
    }
    if (pos + size > n) fail(`truncated at byte ${at}: the ${MAJOR[major]} head needs ${size} more byte${size === 1 ? '' : 's'}, ${n - pos} left`);
    let v: number | bigint;
    if (size === 1) v = view.getUint8(pos);
    else if (size === 2) v = view.getUint16(pos);
    else if (size === 4) v = view.getUint32(pos);
    else {
      const b = view.getBigUint64(pos);
      v = b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
    }
    pos += size;
    return v;
  };
  const count = (v: number | bigint, perItem: number, what: string, at: number): number => {
    const left = n - pos;
    if (typeof v === 'bigint' || v * perItem > left) fail(`at byte ${at}: ${what} length ${String(v)} overruns the ${left} bytes left`);
    return v;
  };
  const chunk = (major: 2 | 3, len: number, at: number): Uint8Array => {
    const b = bytes.subarray(pos, pos + len);
    pos += len;
    if (major === 3 && decodeUtf8(b) === null) fail(`at byte ${at}: text string of ${len} bytes is not valid UTF-8`);
    return b;
  };
  const strings = (major: 2 | 3, at: number): Uint8Array[] => {
    // indefinite: definite chunks of the same major type until a break
    const parts: Uint8Array[] = [];
    for (;;) {
      const cat = pos;
      if (pos >= n) fail(`truncated at byte ${cat}: the indefinite ${MAJOR[major]} from byte ${at} has no break`);
      const ib = bytes[pos++] as number;
      if (ib === 0xff) return parts;
      if (ib >> 5 !== major) fail(`at byte ${cat}: a chunk of the indefinite ${MAJOR[major]} from byte ${at} is a ${MAJOR[ib >> 5]}`);
      const len = argument(ib & 31, major, cat);
      if (len === null) fail(`at byte ${cat}: an indefinite ${MAJOR[major]} cannot nest in another`);
      parts.push(chunk(major, count(len, 1, MAJOR[major] ?? '', cat), cat));
    }
  };
  const join = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };

  const item = (depth: number): unknown => {
    const at = pos;
    if (pos >= n) fail(`truncated at byte ${at}: a data item was expected`);
    const ib = bytes[pos++] as number;
    const major = ib >> 5;
    const ai = ib & 31;
    if (major === 7) {
      if (ai < 20) return new Simple(ai);
      if (ai === 20) return false;
      if (ai === 21) return true;
      if (ai === 22) return null;
      if (ai === 23) return UNDEFINED;
      if (ai === 24) {
        if (pos >= n) fail(`truncated at byte ${at}: simple value needs 1 more byte`);
        const s = bytes[pos++] as number;
        if (s < 32) fail(`at byte ${at}: simple value ${s} must be encoded in one byte (not well-formed)`);
        return new Simple(s);
      }
      const size = ai === 25 ? 2 : ai === 26 ? 4 : ai === 27 ? 8 : 0;
      if (size) {
        if (pos + size > n) fail(`truncated at byte ${at}: float needs ${size} more bytes, ${n - pos} left`);
        const v = size === 2 ? halfToFloat(view.getUint16(pos)) : size === 4 ? view.getFloat32(pos) : view.getFloat64(pos);
        pos += size;
        return v;
      }
      if (ai === 31) return BREAK;
      return fail(`at byte ${at}: additional information ${ai} is reserved (simple/float)`);
    }
    const arg = argument(ai, major, at);
    switch (major) {
      case 0:
        if (arg === null) fail(`at byte ${at}: an unsigned integer cannot have indefinite length`);
        return arg;
      case 1: {
        if (arg === null) fail(`at byte ${at}: a negative integer cannot have indefinite length`);
        const v = -1n - BigInt(arg);
        return v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
      }
      case 2:
      case 3: {
        const b = arg === null ? join(strings(major, at)) : chunk(major, count(arg, 1, MAJOR[major] ?? '', at), at);
        if (major === 2) return b.slice();
        const s = decodeUtf8(b);
        if (s === null) fail(`at byte ${at}: text string is not valid UTF-8`);
        return s;
      }
      case 4: {
        if (depth >= MAX_DEPTH) fail(`at byte ${at}: nested deeper than ${MAX_DEPTH}`);
        const out: unknown[] = [];
        if (arg === null) {
          for (;;) {
            const v = item(depth + 1);
            if (v === BREAK) return out;
            out.push(v);
          }
        }
        const c = count(arg, 1, 'array', at);
        for (let i = 0; i < c; i++) out.push(defined(item(depth + 1), at));
        return out;
      }
      case 5: {
        if (depth >= MAX_DEPTH) fail(`at byte ${at}: nested deeper than ${MAX_DEPTH}`);
        const entries: Array<[unknown, unknown]> = [];
        if (arg === null) {
          for (;;) {
            const k = item(depth + 1);
            if (k === BREAK) return mapValue(entries);
            entries.push([k, defined(item(depth + 1), at)]);
          }
        }
        const c = count(arg, 2, 'map', at);
        for (let i = 0; i < c; i++) {
          const k = defined(item(depth + 1), at);
          entries.push([k, defined(item(depth + 1), at)]);
        }
        return mapValue(entries);
      }
      default: {
        if (arg === null) fail(`at byte ${at}: a tag cannot have indefinite length`);
        if (depth >= MAX_DEPTH) fail(`at byte ${at}: nested deeper than ${MAX_DEPTH}`);
        return new Tagged(arg, defined(item(depth + 1), at));
      }
    }
  };
  const defined = (v: unknown, at: number): unknown => {
    if (v === BREAK) fail(`at byte ${pos - 1}: a break (0xff) outside an indefinite-length item (in the item from byte ${at})`);
    return v;
  };

  try {
    const tree = item(0);
    if (tree === BREAK) return { ok: false, error: 'at byte 0: a break (0xff) outside an indefinite-length item' };
    if (pos < n) return { ok: false, error: `trailing bytes: the data item ends at byte ${pos}, the frame has ${n} (${n - pos} more)` };
    return { ok: true, tree };
  } catch (err) {
    if (err instanceof CborError) return { ok: false, error: err.message };
    if (err instanceof RangeError) return { ok: false, error: `at byte ${pos}: ${err.message}` };
    return { ok: false, error: String(err) };
  }
}

/** Encodes a tree with the preferred serialization (shortest heads, shortest exact float). */
export function encodeCborTree(tree: unknown): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  let out = new Uint8Array(256);
  let len = 0;
  const grow = (k: number) => {
    if (len + k <= out.length) return;
    let size = out.length * 2;
    while (size < len + k) size *= 2;
    const next = new Uint8Array(size);
    next.set(out.subarray(0, len));
    out = next;
  };
  const byte = (b: number) => {
    grow(1);
    out[len++] = b;
  };
  const raw = (b: Uint8Array) => {
    grow(b.length);
    out.set(b, len);
    len += b.length;
  };
  const head = (major: number, v: number | bigint) => {
    const b = BigInt(v);
    const m = major << 5;
    grow(9);
    const d = new DataView(out.buffer);
    if (b < 24n) byte(m | Number(b));
    else if (b <= 0xffn) {
      byte(m | 24);
      byte(Number(b));
    } else if (b <= 0xffffn) {
      byte(m | 25);
      d.setUint16(len, Number(b));
      len += 2;
    } else if (b <= 0xffffffffn) {
      byte(m | 26);
      d.setUint32(len, Number(b));
      len += 4;
    } else {
      byte(m | 27);
      d.setBigUint64(len, b);
      len += 8;
    }
  };
  const int = (v: bigint) => {
    if (v >= 0n && v < 1n << 64n) head(0, v);
    else if (v < 0n && v >= -(1n << 64n)) head(1, -1n - v);
    else {
      // a bignum: tag 2 (positive) or 3 (negative, -1 - n) over the big-endian bytes
      let m = v >= 0n ? v : -1n - v;
      const digits: number[] = [];
      while (m > 0n) {
        digits.unshift(Number(m & 0xffn));
        m >>= 8n;
      }
      head(6, v >= 0n ? 2 : 3);
      head(2, digits.length);
      raw(Uint8Array.from(digits));
    }
  };
  const float = (v: number) => {
    const h = floatToHalf(v);
    grow(9);
    const d = new DataView(out.buffer);
    if (h !== null) {
      byte(0xf9);
      d.setUint16(len, h);
      len += 2;
    } else if (Math.fround(v) === v) {
      byte(0xfa);
      d.setFloat32(len, v);
      len += 4;
    } else {
      byte(0xfb);
      d.setFloat64(len, v);
      len += 8;
    }
  };
  const value = (v: unknown, depth: number) => {
    if (depth > MAX_DEPTH) throw new CborError(`nested deeper than ${MAX_DEPTH}`);
    if (v === null) byte(0xf6);
    else if (v === undefined || v === UNDEFINED) byte(0xf7);
    else if (v === false) byte(0xf4);
    else if (v === true) byte(0xf5);
    else if (typeof v === 'bigint') int(v);
    else if (typeof v === 'number') {
      if (Number.isInteger(v) && !Object.is(v, -0) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) int(BigInt(v));
      else float(v);
    } else if (typeof v === 'string') {
      if (!isWellFormed(v)) throw new CborError('a string has a lone surrogate: not UTF-8');
      const b = encodeUtf8(v);
      head(3, b.length);
      raw(b);
    } else if (v instanceof Uint8Array) {
      head(2, v.length);
      raw(v);
    } else if (v instanceof Tagged) {
      head(6, v.tag);
      value(v.content, depth + 1);
    } else if (v instanceof Simple) {
      if (v.simple < 24) byte(0xe0 | v.simple);
      else {
        byte(0xf8);
        byte(v.simple);
      }
    } else if (v instanceof Ext || v instanceof Timestamp) throw new CborError('MessagePack extensions ($ext, $timestamp) have no CBOR form; use a $tag');
    else if (Array.isArray(v)) {
      head(4, v.length);
      for (const x of v) value(x, depth + 1);
    } else if (v instanceof Map) {
      head(5, v.size);
      for (const [k, x] of v) {
        value(k, depth + 1);
        value(x, depth + 1);
      }
    } else if (typeof v === 'object') {
      const keys = Object.keys(v);
      head(5, keys.length);
      for (const k of keys) {
        value(k, depth + 1);
        value((v as Record<string, unknown>)[k], depth + 1);
      }
    } else throw new CborError(`cannot encode a ${typeof v}`);
  };
  try {
    value(tree, 0);
    return { ok: true, bytes: out.slice(0, len) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export function decodeCbor(bytes: Uint8Array): CodecDecodeResult {
  const r = decodeCborTree(bytes);
  if (!r.ok) return r;
  const { type, summary } = codecSummary(r.tree);
  return { ok: true, value: toJsonLike(r.tree), fields: codecFields(r.tree), summary, type };
}

export function encodeCbor(jsonText: string): CodecEncodeResult {
  const v = readJsonForEncoding(jsonText);
  if (!v.ok) return v;
  return encodeCborTree(v.value);
}

export const cborCodec: PayloadCodec = {
  id: 'cbor',
  name: 'CBOR',
  decode: (bytes) => decodeCbor(bytes),
  encode: (text) => encodeCbor(text),
};
