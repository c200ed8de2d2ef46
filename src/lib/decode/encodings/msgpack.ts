import type { CodecDecodeResult, CodecEncodeResult, PayloadCodec } from './types';
import { readJsonForEncoding } from './json-value';
import { Ext, MAX_DEPTH, Simple, Tagged, Timestamp, UNDEFINED, codecFields, codecSummary, decodeUtf8, encodeUtf8, isWellFormed, mapValue, toJsonLike } from './values';

/**
 * MessagePack (https://github.com/msgpack/msgpack/blob/master/spec.md), our
 * own codec: @msgpack/msgpack refuses a `__proto__` key ("The key __proto__
 * is not allowed") and maps with keys that are not strings or numbers, and
 * its errors do not say where. Here maps whose keys are all strings become
 * null-prototype objects, any other a Map; 64-bit integers beyond ±2^53 are
 * bigints; extension types stay `Ext`, ext -1 is a `Timestamp`. Declared
 * lengths are checked against the bytes left before anything is allocated,
 * nesting is capped at MAX_DEPTH.
 */

class MsgpackError extends Error {}

function fail(msg: string): never {
  throw new MsgpackError(msg);
}

/** Decodes one MessagePack value; the tree holds Ext and Timestamp wrappers. */
export function decodeMsgpackTree(bytes: Uint8Array): { ok: true; tree: unknown } | { ok: false; error: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let pos = 0;
  const need = (k: number, what: string, at: number) => {
    if (pos + k > n) fail(`truncated at byte ${at}: ${what} needs ${k} byte${k === 1 ? '' : 's'}, ${n - pos} left`);
  };
  const uint = (size: 1 | 2 | 4, what: string, at: number): number => {
    need(size, what, at);
    const v = size === 1 ? view.getUint8(pos) : size === 2 ? view.getUint16(pos) : view.getUint32(pos);
    pos += size;
    return v;
  };
  const length = (len: number, what: string, at: number) => {
    if (len > n - pos) fail(`at byte ${at}: ${what} length ${len} overruns the ${n - pos} bytes left`);
    return len;
  };
  const str = (len: number, at: number): string => {
    length(len, 'str', at);
    const s = decodeUtf8(bytes.subarray(pos, pos + len));
    if (s === null) fail(`at byte ${at}: str of ${len} bytes is not valid UTF-8`);
    pos += len;
    return s;
  };
  const bin = (len: number, at: number): Uint8Array => {
    length(len, 'bin', at);
    const b = bytes.slice(pos, pos + len);
    pos += len;
    return b;
  };
  const ext = (len: number, at: number): Ext | Timestamp => {
    need(1, 'ext type', at);
    const type = view.getInt8(pos);
    pos += 1;
    length(len, `ext ${type}`, at);
    const data = bytes.slice(pos, pos + len);
    pos += len;
    if (type !== -1) return new Ext(type, data);
    const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (len === 4) return new Timestamp(BigInt(d.getUint32(0)), 0);
    if (len === 8) {
      const hi = d.getUint32(0);
      const nsec = hi >>> 2;
      const sec = (BigInt(hi & 3) << 32n) | BigInt(d.getUint32(4));
      if (nsec > 999_999_999) fail(`at byte ${at}: timestamp nanoseconds ${nsec} exceed 999999999`);
      return new Timestamp(sec, nsec);
    }
    if (len === 12) {
      const nsec = d.getUint32(0);
      if (nsec > 999_999_999) fail(`at byte ${at}: timestamp nanoseconds ${nsec} exceed 999999999`);
      return new Timestamp(d.getBigInt64(4), nsec);
    }
    fail(`at byte ${at}: timestamp (ext -1) of ${len} bytes; it is 4, 8 or 12`);
  };
  const int64 = (signed: boolean, at: number): number | bigint => {
    need(8, signed ? 'int 64' : 'uint 64', at);
    const v = signed ? view.getBigInt64(pos) : view.getBigUint64(pos);
    pos += 8;
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };

  const value = (depth: number): unknown => {
    const at = pos;
    if (pos >= n) fail(`truncated at byte ${at}: a value was expected`);
    const b = bytes[pos++] as number;
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    if (b >= 0x80 && b <= 0x8f) return map(b & 0x0f, depth, at);
    if (b >= 0x90 && b <= 0x9f) return array(b & 0x0f, depth, at);
    if (b >= 0xa0 && b <= 0xbf) return str(b & 0x1f, at);
    switch (b) {
      case 0xc0:
        return null;
      case 0xc1:
        return fail(`at byte ${at}: 0xc1 is never used in MessagePack`);
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return bin(uint(1, 'bin 8 length', at), at);
      case 0xc5:
        return bin(uint(2, 'bin 16 length', at), at);
      case 0xc6:
        return bin(uint(4, 'bin 32 length', at), at);
      case 0xc7:
        return ext(uint(1, 'ext 8 length', at), at);
      case 0xc8:
        return ext(uint(2, 'ext 16 length', at), at);
      case 0xc9:
        return ext(uint(4, 'ext 32 length', at), at);
      case 0xca: {
        need(4, 'float 32', at);
        const v = view.getFloat32(pos);
        pos += 4;
        return v;
      }
      case 0xcb: {
        need(8, 'float 64', at);
        const v = view.getFloat64(pos);
        pos += 8;
        return v;
      }
      case 0xcc:
        return uint(1, 'uint 8', at);
      case 0xcd:
        return uint(2, 'uint 16', at);
      case 0xce:
        return uint(4, 'uint 32', at);
      case 0xcf:
        return int64(false, at);
      case 0xd0: {
        need(1, 'int 8', at);
        return view.getInt8(pos++);
      }
      case 0xd1: {
        need(2, 'int 16', at);
        const v = view.getInt16(pos);
        pos += 2;
        return v;
      }
      case 0xd2: {
        need(4, 'int 32', at);
        const v = view.getInt32(pos);
        pos += 4;
        return v;
      }
      case 0xd3:
        return int64(true, at);
      case 0xd4:
        return ext(1, at);
      case 0xd5:
        return ext(2, at);
      case 0xd6:
        return ext(4, at);
      case 0xd7:
        return ext(8, at);
      case 0xd8:
        return ext(16, at);
      case 0xd9:
        return str(uint(1, 'str 8 length', at), at);
      case 0xda:
        return str(uint(2, 'str 16 length', at), at);
      case 0xdb:
        return str(uint(4, 'str 32 length', at), at);
      case 0xdc:
        return array(uint(2, 'array 16 length', at), depth, at);
      case 0xdd:
        return array(uint(4, 'array 32 length', at), depth, at);
      case 0xde:
        return map(uint(2, 'map 16 length', at), depth, at);
      default:
        return map(uint(4, 'map 32 length', at), depth, at);
    }
  };
  const array = (count: number, depth: number, at: number): unknown[] => {
    if (depth >= MAX_DEPTH) fail(`at byte ${at}: nested deeper than ${MAX_DEPTH}`);
    // every item takes at least one byte: a count beyond the bytes left is a lie, not an allocation
    if (count > n - pos) fail(`at byte ${at}: array of ${count} items overruns the ${n - pos} bytes left`);
    const out: unknown[] = [];
    for (let i = 0; i < count; i++) out.push(value(depth + 1));
    return out;
  };
  const map = (count: number, depth: number, at: number): unknown => {
    if (depth >= MAX_DEPTH) fail(`at byte ${at}: nested deeper than ${MAX_DEPTH}`);
    if (count * 2 > n - pos) fail(`at byte ${at}: map of ${count} entries overruns the ${n - pos} bytes left`);
    const entries: Array<[unknown, unknown]> = [];
    for (let i = 0; i < count; i++) {
      const k = value(depth + 1);
      entries.push([k, value(depth + 1)]);
    }
    return mapValue(entries);
  };

  try {
    const tree = value(0);
    if (pos < n) return { ok: false, error: `trailing bytes: the value ends at byte ${pos}, the frame has ${n} (${n - pos} more)` };
    return { ok: true, tree };
  } catch (err) {
    if (err instanceof MsgpackError) return { ok: false, error: err.message };
    if (err instanceof RangeError) return { ok: false, error: `at byte ${pos}: ${err.message}` };
    return { ok: false, error: String(err) };
  }
}

/** Encodes a tree (plain values, Map, Uint8Array, Ext, Timestamp) in the shortest forms. */
export function encodeMsgpackTree(tree: unknown): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
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
  const byte = (...bs: number[]) => {
    grow(bs.length);
    for (const b of bs) out[len++] = b & 0xff;
  };
  const raw = (b: Uint8Array) => {
    grow(b.length);
    out.set(b, len);
    len += b.length;
  };
  const num = (kind: 'u16' | 'u32' | 'i8' | 'i16' | 'i32' | 'f64' | 'u64' | 'i64', v: number | bigint) => {
    const sizes = { u16: 2, u32: 4, i8: 1, i16: 2, i32: 4, f64: 8, u64: 8, i64: 8 } as const;
    grow(sizes[kind]);
    const d = new DataView(out.buffer, len, sizes[kind]);
    if (kind === 'u16') d.setUint16(0, Number(v));
    else if (kind === 'u32') d.setUint32(0, Number(v));
    else if (kind === 'i8') d.setInt8(0, Number(v));
    else if (kind === 'i16') d.setInt16(0, Number(v));
    else if (kind === 'i32') d.setInt32(0, Number(v));
    else if (kind === 'f64') d.setFloat64(0, Number(v));
    else if (kind === 'u64') d.setBigUint64(0, BigInt(v));
    else d.setBigInt64(0, BigInt(v));
    len += sizes[kind];
  };
  const head = (b: number, kind: Parameters<typeof num>[0], v: number | bigint) => {
    byte(b);
    num(kind, v);
  };
  const header = (n: number, fix: number, fixMax: number, b8: number | null, b16: number, b32: number) => {
    if (n <= fixMax && fix >= 0) byte(fix | n);
    else if (b8 !== null && n <= 0xff) byte(b8, n);
    else if (n <= 0xffff) {
      byte(b16);
      num('u16', n);
    } else {
      byte(b32);
      num('u32', n);
    }
  };
  const int = (v: number | bigint) => {
    const b = BigInt(v);
    if (b >= 0n) {
      if (b <= 0x7fn) byte(Number(b));
      else if (b <= 0xffn) byte(0xcc, Number(b));
      else if (b <= 0xffffn) head(0xcd, 'u16', b);
      else if (b <= 0xffffffffn) head(0xce, 'u32', b);
      else if (b <= 0xffffffffffffffffn) head(0xcf, 'u64', b);
      else throw new MsgpackError(`integer ${b} does not fit in 64 bits`);
    } else if (b >= -32n) byte(Number(b));
    else if (b >= -0x80n) head(0xd0, 'i8', b);
    else if (b >= -0x8000n) head(0xd1, 'i16', b);
    else if (b >= -0x80000000n) head(0xd2, 'i32', b);
    else if (b >= -0x8000000000000000n) head(0xd3, 'i64', b);
    else throw new MsgpackError(`integer ${b} does not fit in 64 bits`);
  };
  const ext = (type: number, data: Uint8Array) => {
    const fixed: Record<number, number> = { 1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8 };
    const f = fixed[data.length];
    if (f !== undefined) byte(f);
    else header(data.length, -1, -1, 0xc7, 0xc8, 0xc9);
    byte(type);
    raw(data);
  };
  const value = (v: unknown, depth: number) => {
    if (depth > MAX_DEPTH) throw new MsgpackError(`nested deeper than ${MAX_DEPTH}`);
    if (v === null || v === undefined || v === UNDEFINED) byte(0xc0);
    else if (v === false) byte(0xc2);
    else if (v === true) byte(0xc3);
    else if (typeof v === 'bigint') int(v);
    else if (typeof v === 'number') {
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) int(v);
      else head(0xcb, 'f64', v);
    } else if (typeof v === 'string') {
      if (!isWellFormed(v)) throw new MsgpackError('a string has a lone surrogate: not UTF-8');
      const b = encodeUtf8(v);
      header(b.length, 0xa0, 31, 0xd9, 0xda, 0xdb);
      raw(b);
    } else if (v instanceof Uint8Array) {
      header(v.length, -1, -1, 0xc4, 0xc5, 0xc6);
      raw(v);
    } else if (v instanceof Ext) ext(v.type, v.data);
    else if (v instanceof Timestamp) {
      if (v.sec >= 0n && v.sec < 1n << 34n) {
        if (v.nsec === 0 && v.sec < 1n << 32n) {
          const d = new Uint8Array(4);
          new DataView(d.buffer).setUint32(0, Number(v.sec));
          ext(-1, d);
        } else {
          const d = new Uint8Array(8);
          const dv = new DataView(d.buffer);
          dv.setUint32(0, (v.nsec << 2) | Number(v.sec >> 32n));
          dv.setUint32(4, Number(v.sec & 0xffffffffn));
          ext(-1, d);
        }
      } else {
        const d = new Uint8Array(12);
        const dv = new DataView(d.buffer);
        dv.setUint32(0, v.nsec);
        dv.setBigInt64(4, v.sec);
        ext(-1, d);
      }
    } else if (v instanceof Tagged || v instanceof Simple) throw new MsgpackError('CBOR tags and simple values ($tag, $simple) have no MessagePack form');
    else if (Array.isArray(v)) {
      header(v.length, 0x90, 15, null, 0xdc, 0xdd);
      for (const x of v) value(x, depth + 1);
    } else if (v instanceof Map) {
      header(v.size, 0x80, 15, null, 0xde, 0xdf);
      for (const [k, x] of v) {
        value(k, depth + 1);
        value(x, depth + 1);
      }
    } else if (typeof v === 'object') {
      const keys = Object.keys(v);
      header(keys.length, 0x80, 15, null, 0xde, 0xdf);
      for (const k of keys) {
        value(k, depth + 1);
        value((v as Record<string, unknown>)[k], depth + 1);
      }
    } else throw new MsgpackError(`cannot encode a ${typeof v}`);
  };
  try {
    value(tree, 0);
    return { ok: true, bytes: out.slice(0, len) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export function decodeMsgpack(bytes: Uint8Array): CodecDecodeResult {
  const r = decodeMsgpackTree(bytes);
  if (!r.ok) return r;
  const { type, summary } = codecSummary(r.tree);
  return { ok: true, value: toJsonLike(r.tree), fields: codecFields(r.tree), summary, type };
}

export function encodeMsgpack(jsonText: string): CodecEncodeResult {
  const v = readJsonForEncoding(jsonText);
  if (!v.ok) return v;
  return encodeMsgpackTree(v.value);
}

export const msgpackCodec: PayloadCodec = {
  id: 'msgpack',
  name: 'MessagePack',
  decode: (bytes) => decodeMsgpack(bytes),
  encode: (text) => encodeMsgpack(text),
};
