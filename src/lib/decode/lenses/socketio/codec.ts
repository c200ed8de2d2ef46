/**
 * The Engine.IO and Socket.IO packet formats as they travel over WebSocket
 * (docs/protocols/socketio.md): pure parsing and encoding, no state. Written
 * here rather than taken from `engine.io-parser` / `socket.io-parser`, which
 * throw one generic error, keep no partial progress of a binary packet, do
 * not speak Engine.IO 3 or Socket.IO v2, and drop a `__proto__` key when they
 * deconstruct binary data; the unit tests use both libraries as oracles.
 *
 * Engine.IO packet (one WebSocket frame): a type digit, then its data.
 *   0 open {json} · 1 close · 2 ping · 3 pong · 4 message · 5 upgrade · 6 noop
 *   binary frame: EIO4 the message bytes themselves; EIO3 byte 0x04, then the bytes.
 * Socket.IO packet (the data of an Engine.IO message):
 *   <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]
 */

export const ENGINE_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;
export type EngineType = (typeof ENGINE_TYPES)[number];

export const SOCKET_TYPES = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'] as const;
export type SocketType = (typeof SOCKET_TYPES)[number];

export const CONNECT = 0;
export const DISCONNECT = 1;
export const EVENT = 2;
export const ACK = 3;
export const CONNECT_ERROR = 4;
export const BINARY_EVENT = 5;
export const BINARY_ACK = 6;

/** More attachments than this are refused (socket.io-parser's own default is 10). */
export const MAX_ATTACHMENTS = 1000;
/** Payloads longer than this are not parsed (the inspector's views still show the frame). */
export const MAX_PAYLOAD_CHARS = 1 << 20;

/**
 * Names that Socket.IO's parser refuses as event names: the server closes the
 * connection on receiving one ("invalid payload").
 */
export const RESERVED_EVENTS: readonly string[] = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

/** Engine.IO 3 is spoken by Socket.IO v2; Engine.IO 4 by Socket.IO v3 and v4. */
export type Eio = 3 | 4;

export function socketTypeName(type: number, eio: Eio | null): string {
  if (type === CONNECT_ERROR && eio === 3) return 'ERROR';
  return SOCKET_TYPES[type] ?? `type ${type}`;
}

export interface SocketPacket {
  /** 0..6 */
  type: number;
  /** declared attachments (BINARY_EVENT, BINARY_ACK) */
  attachments?: number;
  /** the namespace without a v2 query: "/" when absent */
  nsp: string;
  /** Socket.IO v2 puts a CONNECT's query in the namespace: "/admin?token=x" → "token=x" */
  query?: string;
  /** the ack id as written (digits) */
  id?: string;
  /** whether a JSON payload was present */
  hasData: boolean;
  data?: unknown;
  /** the payload's text (for re-parsing and the explanation) */
  dataText?: string;
}

export type ParsedPacket = { ok: true; packet: SocketPacket } | { ok: false; error: string; packet: SocketPacket | null };

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Reads a Socket.IO packet. Syntax errors (bad type, bad attachment count,
 * invalid JSON) come back with whatever was read before them; whether the
 * payload suits the type is validatePacket's job.
 */
export function parseSocketPacket(s: string): ParsedPacket {
  if (s.length === 0) return { ok: false, error: 'an Engine.IO message with nothing in it: a Socket.IO packet starts with its type digit (0–6)', packet: null };
  const c0 = s.charCodeAt(0);
  const type = c0 - 0x30;
  if (type < 0 || type > 6) return { ok: false, error: `unknown Socket.IO packet type ${JSON.stringify(s[0])}: the types are 0–6 (CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK)`, packet: null };
  const packet: SocketPacket = { type, nsp: '/', hasData: false };
  let i = 1;
  if (type === BINARY_EVENT || type === BINARY_ACK) {
    const dash = s.indexOf('-', 1);
    const digits = dash < 0 ? '' : s.slice(1, dash);
    if (dash < 0 || digits.length === 0 || digits.length > 9 || ![...digits].every((ch) => isDigit(ch.charCodeAt(0)))) {
      return { ok: false, error: `a ${SOCKET_TYPES[type]} starts with its attachment count and "-" (e.g. "${type}1-[…]")`, packet };
    }
    const n = Number(digits);
    if (n < 1) return { ok: false, error: `a ${SOCKET_TYPES[type]} has at least one attachment; this one declares 0`, packet };
    if (n > MAX_ATTACHMENTS) return { ok: false, error: `${n} attachments declared; more than ${MAX_ATTACHMENTS} are not followed`, packet };
    packet.attachments = n;
    i = dash + 1;
  }
  if (s.charCodeAt(i) === 0x2f /* / */) {
    const comma = s.indexOf(',', i);
    const end = comma < 0 ? s.length : comma;
    const full = s.slice(i, end);
    if (comma < 0 && /[[{"]/.test(full)) {
      packet.nsp = full.replace(/[[{"].*$/s, '');
      return { ok: false, error: `the namespace "${packet.nsp}" must end with "," before the rest of the packet`, packet };
    }
    const q = full.indexOf('?');
    packet.nsp = q < 0 ? full : full.slice(0, q);
    if (q >= 0) packet.query = full.slice(q + 1);
    i = comma < 0 ? s.length : comma + 1;
  }
  const idStart = i;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (i > idStart) packet.id = s.slice(idStart, i);
  if (i < s.length) {
    const text = s.slice(i);
    packet.hasData = true;
    packet.dataText = text;
    if (text.length > MAX_PAYLOAD_CHARS) return { ok: false, error: `the payload is ${text.length} characters; over ${MAX_PAYLOAD_CHARS} it is not parsed`, packet };
    try {
      packet.data = JSON.parse(text) as unknown;
    } catch (err) {
      return { ok: false, error: `invalid JSON payload: ${err instanceof Error ? err.message : String(err)}`, packet };
    }
  }
  return { ok: true, packet };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function what(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'bytes';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** Whether the packet's payload suits its type; the error says why not. */
export function validatePacket(p: SocketPacket): string | undefined {
  const name = SOCKET_TYPES[p.type] ?? '';
  switch (p.type) {
    case CONNECT:
      if (p.hasData && !isPlainObject(p.data)) return `a CONNECT payload is an object (the client's auth, the server's {"sid":…}); got ${what(p.data)}`;
      return undefined;
    case DISCONNECT:
      if (p.hasData) return 'a DISCONNECT carries no payload';
      return undefined;
    case EVENT:
    case BINARY_EVENT: {
      if (!p.hasData) return `an ${name} carries a JSON array: the event name, then the arguments`;
      if (!Array.isArray(p.data)) return `an ${name} payload is an array (event name, then arguments); got ${what(p.data)}`;
      if (p.data.length === 0) return `an ${name} payload starts with the event name; this array is empty`;
      const ev: unknown = p.data[0];
      if (typeof ev === 'number') return undefined;
      if (typeof ev !== 'string') return `the event name must be a string; got ${what(ev)}`;
      if (RESERVED_EVENTS.includes(ev)) return `"${ev}" is a reserved event name: Socket.IO's parser refuses it and drops the connection`;
      return undefined;
    }
    case ACK:
    case BINARY_ACK:
      if (p.id === undefined) return `an ${name} carries the ack id it answers (e.g. "${p.type === ACK ? '3' : '61-'}3[…]")`;
      if (!p.hasData) return `an ${name} carries a JSON array of the reply's arguments`;
      if (!Array.isArray(p.data)) return `an ${name} payload is an array of arguments; got ${what(p.data)}`;
      return undefined;
    case CONNECT_ERROR:
      if (!p.hasData) return 'a CONNECT_ERROR carries the error: {"message":…} (v3/v4) or a string (v2)';
      if (typeof p.data !== 'string' && !isPlainObject(p.data)) return `a CONNECT_ERROR payload is an object {"message":…} or a string; got ${what(p.data)}`;
      return undefined;
    default:
      return undefined;
  }
}

/** A safe number for an ack id, else undefined (ids past 2^53 stay text). */
export function ackNumber(id: string): number | undefined {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function isPlaceholder(v: unknown): v is { _placeholder: true; num: unknown } {
  return isPlainObject(v) && v._placeholder === true;
}

/**
 * The `{"_placeholder":true,"num":k}` objects in a binary packet's payload,
 * walked without recursion. `error` names the first bad one.
 */
export function findPlaceholders(data: unknown, attachments: number): { nums: number[]; error?: string } {
  const nums: number[] = [];
  let error: string | undefined;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (isPlaceholder(v)) {
      const num = v.num;
      if (typeof num !== 'number' || !Number.isInteger(num) || num < 0 || num >= attachments) {
        error ??= `placeholder ${JSON.stringify(num)} is not an attachment number from 0 to ${attachments - 1}`;
      } else nums.push(num);
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push(v[keys[i] as string]);
    }
  }
  return error ? { nums, error } : { nums };
}

function setOwn(o: object, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Puts each attachment where its placeholder is, in place, without recursion.
 * Object keys stay data: a key `__proto__` is set as an own property.
 */
export function fillPlaceholders(data: unknown, buffers: readonly Uint8Array[]): unknown {
  const pick = (v: unknown): unknown => {
    if (!isPlaceholder(v)) return v;
    const num = v.num;
    return typeof num === 'number' && Number.isInteger(num) && num >= 0 && num < buffers.length ? buffers[num] : v;
  };
  if (isPlaceholder(data)) return pick(data);
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (isPlaceholder(x)) v[i] = pick(x);
        else if (typeof x === 'object' && x !== null) stack.push(x);
      }
    } else if (isPlainObject(v)) {
      for (const k of Object.keys(v)) {
        const x = v[k];
        if (isPlaceholder(x)) setOwn(v, k, pick(x));
        else if (typeof x === 'object' && x !== null) stack.push(x);
      }
    }
  }
  return data;
}

/**
 * Replaces every `{"$hex": "de ad be ef"}` in a composed value with a
 * placeholder and collects the bytes (the binary emit's convention).
 */
export function extractHex(value: unknown): { ok: true; value: unknown; buffers: Uint8Array[] } | { ok: false; error: string } {
  const buffers: Uint8Array[] = [];
  const isHex = (v: unknown): v is { $hex: unknown } => isPlainObject(v) && Object.keys(v).length === 1 && Object.hasOwn(v, '$hex');
  const convert = (v: { $hex: unknown }): { ok: true; ph: unknown } | { ok: false; error: string } => {
    if (typeof v.$hex !== 'string') return { ok: false, error: '"$hex" holds a string of hex digits, e.g. "de ad be ef"' };
    const bytes = parseHex(v.$hex);
    if (!bytes.ok) return bytes;
    const ph = { _placeholder: true, num: buffers.length };
    buffers.push(bytes.bytes);
    return { ok: true, ph };
  };
  if (isHex(value)) {
    const c = convert(value);
    return c.ok ? { ok: true, value: c.ph, buffers } : c;
  }
  // Pre-order, children pushed in reverse: attachments are numbered in the text's order.
  const stack: Array<{ parent: unknown[] | Record<string, unknown>; key: string | number; v: unknown }> = [];
  const pushChildren = (v: unknown) => {
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ parent: v, key: i, v: v[i] });
    else if (isPlainObject(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ parent: v, key: keys[i] as string, v: v[keys[i] as string] });
    }
  };
  pushChildren(value);
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    if (isHex(top.v)) {
      const c = convert(top.v);
      if (!c.ok) return c;
      setOwn(top.parent, top.key, c.ph);
    } else pushChildren(top.v);
  }
  return { ok: true, value, buffers };
}

/** "de ad be ef", "deadbeef", "0xde 0xad", "de:ad" → bytes. */
export function parseHex(text: string): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const clean = text.replace(/0x/gi, '').replace(/[\s:,-]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(clean)) return { ok: false, error: `"$hex": ${JSON.stringify(text.slice(0, 40))} holds something other than hex digits` };
  if (clean.length % 2 !== 0) return { ok: false, error: `"$hex": an odd number of hex digits (${clean.length})` };
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, bytes };
}

/** Base64 (standard alphabet, padding optional) → bytes; null when it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    const v = c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 71 : c >= 48 && c <= 57 ? c + 4 : c === 43 ? 62 : 63;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes a Socket.IO packet (without the Engine.IO "4"). */
export function encodeSocketPacket(p: { type: number; nsp?: string; query?: string; id?: number | string; attachments?: number; data?: unknown }): string {
  let s = String(p.type);
  if (p.type === BINARY_EVENT || p.type === BINARY_ACK) s += `${p.attachments ?? 0}-`;
  const nsp = p.nsp ?? '/';
  const ns = nsp !== '/' || p.query ? `${nsp}${p.query ? `?${p.query}` : ''},` : '';
  s += ns;
  if (p.id !== undefined) s += String(p.id);
  if (p.data !== undefined) s += JSON.stringify(p.data);
  return s;
}

/** An Engine.IO 3 binary message frame: 0x04, then the bytes. */
export function eio3Binary(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.byteLength + 1);
  out[0] = 4;
  out.set(bytes, 1);
  return out;
}
