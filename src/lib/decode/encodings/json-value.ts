import { Ext, MAX_DEPTH, Simple, Tagged, Timestamp, fromHex, parseIsoTime } from './values';

/**
 * JSON text → a JSON-like value for the encoders: objects are made with
 * Object.create(null) (`__proto__` is a key), integers beyond ±2^53 become
 * bigints (JSON.parse would round them), errors say line and column.
 */
export function parseJsonValue(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  let i = 0;
  const n = text.length;
  const where = (at: number) => {
    let line = 1;
    let col = 1;
    for (let k = 0; k < at && k < n; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return `line ${line}, column ${col}`;
  };
  class JsonError extends Error {}
  const fail = (msg: string, at = i): never => {
    throw new JsonError(`${msg} at ${where(at)}`);
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= n) fail('unterminated string', start);
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in map) {
          out += map[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('bad escape in string');
      } else if (c.charCodeAt(0) < 0x20) fail('control character in string');
      else {
        out += c;
        i++;
      }
    }
  };
  const num = (): number | bigint => {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    if (!m[1] && !m[2]) {
      const v = Number(m[0]);
      return Number.isSafeInteger(v) ? v : BigInt(m[0]);
    }
    return Number(m[0]);
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH}`);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o = Object.create(null) as Record<string, unknown>;
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a "key"');
        const k = str();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        o[k] = value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return o;
        } else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value(depth + 1));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return a;
        } else fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), null;
    if (i >= n) return fail('unexpected end of JSON');
    return num();
  };
  try {
    const v = value(0);
    ws();
    if (i < n) fail('unexpected text after the JSON value');
    return { ok: true, value: v };
  } catch (err) {
    if (err instanceof JsonError) return { ok: false, error: err.message };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

const keysAre = (o: object, ...names: string[]) => {
  const k = Object.keys(o);
  return k.length === names.length && names.every((x) => k.includes(x));
};

/**
 * Reads the `$` conventions of types.ts out of a parsed JSON value into the
 * encoders' tree: `{"$bytes":"0a0b"}` → Uint8Array, `{"$tag":1,"$value":…}` →
 * Tagged, `{"$simple":16}`, `{"$ext":5,"$bytes":"…"}`, `{"$timestamp":"ISO"}`.
 * Errors name the JSON path.
 */
export function fromJsonConventions(v: unknown, path = '$', depth = 0): { ok: true; value: unknown } | { ok: false; error: string } {
  if (depth > MAX_DEPTH) return { ok: false, error: `${path}: nested deeper than ${MAX_DEPTH}` };
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = fromJsonConventions(v[i], `${path}[${i}]`, depth + 1);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return { ok: true, value: v };
  const o = v as Record<string, unknown>;
  const bytesOf = (x: unknown, at: string): { ok: true; value: Uint8Array } | { ok: false; error: string } => {
    if (x instanceof Uint8Array) return { ok: true, value: x };
    const b = typeof x === 'string' ? fromHex(x) : null;
    return b ? { ok: true, value: b } : { ok: false, error: `${at}: "$bytes" must be hex digits, e.g. "0a0b"` };
  };
  if (keysAre(o, '$bytes')) return bytesOf(o.$bytes, path);
  if (keysAre(o, '$tag', '$value')) {
    const t = o.$tag;
    if (!((typeof t === 'number' && Number.isSafeInteger(t) && t >= 0) || (typeof t === 'bigint' && t >= 0n && t < 1n << 64n))) return { ok: false, error: `${path}: "$tag" must be an integer from 0 to 2^64-1` };
    const r = fromJsonConventions(o.$value, `${path}.$value`, depth + 1);
    return r.ok ? { ok: true, value: new Tagged(t, r.value) } : r;
  }
  if (keysAre(o, '$simple')) {
    const s = o.$simple;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > 255 || (s >= 24 && s < 32)) return { ok: false, error: `${path}: "$simple" must be 0..23 or 32..255` };
    return { ok: true, value: new Simple(s) };
  }
  if (keysAre(o, '$ext', '$bytes')) {
    const t = o.$ext;
    if (typeof t !== 'number' || !Number.isInteger(t) || t < -128 || t > 127) return { ok: false, error: `${path}: "$ext" must be an integer from -128 to 127` };
    const b = bytesOf(o.$bytes, path);
    return b.ok ? { ok: true, value: new Ext(t, b.value) } : b;
  }
  if (keysAre(o, '$timestamp')) {
    const t = typeof o.$timestamp === 'string' ? parseIsoTime(o.$timestamp) : null;
    return t ? { ok: true, value: new Timestamp(t.sec, t.nsec) } : { ok: false, error: `${path}: "$timestamp" must be an ISO time, e.g. "2024-01-02T03:04:05.5Z"` };
  }
  if (v instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const [k, x] of v) {
      const r = fromJsonConventions(x, `${path}[${String(k)}]`, depth + 1);
      if (!r.ok) return r;
      out.set(k, r.value);
    }
    return { ok: true, value: out };
  }
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const r = fromJsonConventions(o[k], `${path}.${k}`, depth + 1);
    if (!r.ok) return r;
    out[k] = r.value;
  }
  return { ok: true, value: out };
}

/** Parse + conventions, for the MessagePack and CBOR encoders. */
export function readJsonForEncoding(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const p = parseJsonValue(text);
  if (!p.ok) return { ok: false, error: `JSON: ${p.error}` };
  return fromJsonConventions(p.value);
}
