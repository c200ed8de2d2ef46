/**
 * A small MQTT 3.1.1 / 5.0 packet codec of our own: the well-kept library
 * (mqtt-packet) needs Node's Buffer and streams, so it cannot run in the page
 * or the Worker; it is our test oracle instead (codec.test.ts). Reading never
 * throws out of this module: `parseFixedHeader` and `parsePacket` return
 * errors as values; writing throws `EncodeError`, which the lens turns into
 * `{ ok: false, field }`.
 */
import type { MqttVersion, PacketName, PropSpec } from './spec';
import { PACKET_NAMES, PROP_BY_ID, PROP_BY_KEY, T, WILL, requiredFlags } from './spec';

/* ------------------------------------------------------------------ reading */

export type PropValue = number | string | Uint8Array | readonly [string, string];

export interface Prop {
  id: number;
  spec: PropSpec;
  value: PropValue;
}

export interface Subscription {
  topic: string;
  /** the options byte as sent */
  options: number;
  qos: number;
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retainHandling?: number;
}

export interface Will {
  qos: number;
  retain: boolean;
  topic: string;
  payload: Uint8Array;
  properties?: Prop[];
}

export interface Packet {
  type: number;
  name: PacketName;
  flags: number;
  /** the version this packet was read as */
  version: MqttVersion;
  /** bytes of the fixed header (type/flags byte and remaining length) */
  headerLength: number;
  remainingLength: number;
  dup?: boolean;
  qos?: number;
  retain?: boolean;
  packetId?: number;
  topic?: string;
  payload?: Uint8Array;
  properties?: Prop[];
  // CONNECT
  protocolName?: string;
  protocolLevel?: number;
  connectFlags?: number;
  cleanStart?: boolean;
  keepalive?: number;
  clientId?: string;
  will?: Will;
  username?: string;
  password?: Uint8Array;
  // CONNACK
  sessionPresent?: boolean;
  /** CONNACK return code (3.1.1) or reason code (5.0); the single reason code of other v5 acks */
  reasonCode?: number;
  // SUBSCRIBE / SUBACK / UNSUBSCRIBE / UNSUBACK
  subscriptions?: Subscription[];
  reasonCodes?: number[];
  topics?: string[];
}

export interface ParsedPacket {
  packet: Packet;
  /** what is wrong with it (fields read before a fatal error are kept) */
  errors: string[];
  /** the reading stopped early on one of the errors */
  fatal: boolean;
}

class ParseError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a variable byte integer at `pos`: its value and length, 'short' when the data ends first, 'malformed' for a fifth byte. */
export function readVarInt(bytes: Uint8Array, pos: number): { value: number; length: number } | 'short' | 'malformed' {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 4; i++) {
    if (pos + i >= bytes.length) return 'short';
    const b = bytes[pos + i] ?? 0;
    value += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) return { value, length: i + 1 };
    mul *= 128;
  }
  return 'malformed';
}

class Reader {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly end: number = bytes.length,
  ) {}
  get left(): number {
    return this.end - this.pos;
  }
  need(n: number, what: string): void {
    if (this.pos + n > this.end) throw new ParseError(`truncated ${what}: needs ${n} byte${n === 1 ? '' : 's'}, ${Math.max(0, this.end - this.pos)} left`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++] ?? 0;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = ((this.bytes[this.pos] ?? 0) << 8) | (this.bytes[this.pos + 1] ?? 0);
    this.pos += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p] ?? 0) * 0x1000000 + (((b[p + 1] ?? 0) << 16) | ((b[p + 2] ?? 0) << 8) | (b[p + 3] ?? 0));
  }
  varInt(what: string): number {
    const r = readVarInt(this.bytes.subarray(0, this.end), this.pos);
    if (r === 'short') throw new ParseError(`truncated ${what}`);
    if (r === 'malformed') throw new ParseError(`${what}: a variable byte integer has at most 4 bytes`);
    this.pos += r.length;
    return r.value;
  }
  bin(what: string): Uint8Array {
    const n = this.u16(`${what} length`);
    this.need(n, what);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  str(what: string): string {
    return checkUtf8(this.bin(what), what);
  }
  rest(): Uint8Array {
    const v = this.bytes.subarray(this.pos, this.end);
    this.pos = this.end;
    return v;
  }
}

function checkUtf8(raw: Uint8Array, what: string): string {
  let s: string;
  try {
    s = utf8.decode(raw);
  } catch {
    throw new ParseError(`invalid UTF-8 in ${what}`);
  }
  if (s.includes('\u0000')) throw new ParseError(`${what} contains U+0000, which MQTT strings must not`);
  return s;
}

/** Topic name of a PUBLISH: no wildcards. */
function topicNameError(topic: string): string | null {
  return /[#+]/.test(topic) ? `topic name "${topic}" contains a wildcard (+ or #)` : null;
}

/** Topic filter of SUBSCRIBE/UNSUBSCRIBE: + alone in a level, # alone and last. */
export function topicFilterError(filter: string): string | null {
  if (filter === '') return 'a topic filter is at least one character';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i] ?? '';
    if (l.includes('#') && (l !== '#' || i !== levels.length - 1)) return `topic filter "${filter}": # must be a whole level and the last one`;
    if (l.includes('+') && l !== '+') return `topic filter "${filter}": + must be a whole level`;
  }
  return null;
}

function readProps(r: Reader, type: number, errors: string[], where: string): Prop[] {
  const len = r.varInt(`${where} property length`);
  if (len > r.left) throw new ParseError(`${where} property length ${len} overruns the packet (${r.left} bytes left)`);
  const end = r.pos + len;
  const sub = new Reader(r.bytes, end);
  sub.pos = r.pos;
  const props: Prop[] = [];
  const seen = new Set<number>();
  const packet = type === WILL ? 'the will' : PACKET_NAMES[type];
  while (sub.pos < end) {
    const id = sub.varInt('property identifier');
    const spec = PROP_BY_ID.get(id);
    if (!spec) throw new ParseError(`unknown property identifier 0x${id.toString(16).padStart(2, '0')} in ${where}`);
    let value: PropValue;
    const what = spec.name;
    switch (spec.type) {
      case 'byte':
        value = sub.u8(what);
        break;
      case 'two byte int':
        value = sub.u16(what);
        break;
      case 'four byte int':
        value = sub.u32(what);
        break;
      case 'var int':
        value = sub.varInt(what);
        break;
      case 'utf-8 string':
        value = sub.str(what);
        break;
      case 'utf-8 pair':
        value = [sub.str(`${what} name`), sub.str(`${what} value`)] as const;
        break;
      case 'binary data':
        value = sub.bin(what);
        break;
    }
    if (!spec.in.includes(type)) errors.push(`property ${spec.name} (0x${id.toString(16).padStart(2, '0')}) is not allowed in ${packet}`);
    if (seen.has(id) && !(spec.multiple && (spec.id === 0x26 || type === T.PUBLISH))) errors.push(`property ${spec.name} appears more than once`);
    seen.add(id);
    if (spec.bool && value !== 0 && value !== 1) errors.push(`property ${spec.name} must be 0 or 1, got ${String(value)}`);
    if ((spec.id === 0x21 || spec.id === 0x27 || spec.id === 0x0b) && value === 0) errors.push(`property ${spec.name} must not be 0`);
    props.push({ id, spec, value });
  }
  r.pos = end;
  return props;
}

export interface FixedHeader {
  type: number;
  flags: number;
  remainingLength: number;
  headerLength: number;
}

/** The fixed header at `pos`: 'short' when more bytes are needed, or a malformed remaining length. */
export function parseFixedHeader(bytes: Uint8Array, pos: number): FixedHeader | 'short' | { error: string } {
  if (pos >= bytes.length) return 'short';
  const b0 = bytes[pos] ?? 0;
  const r = readVarInt(bytes, pos + 1);
  if (r === 'short') return 'short';
  if (r === 'malformed') return { error: 'malformed remaining length: a fifth continuation byte (the variable byte integer has at most 4 bytes)' };
  return { type: b0 >> 4, flags: b0 & 0x0f, remainingLength: r.value, headerLength: 1 + r.length };
}

/**
 * Reads one whole packet (`bytes` is exactly its fixed header and remaining
 * length). `version` is how to read it unless it is a CONNECT, which says.
 */
export function parsePacket(bytes: Uint8Array, version: MqttVersion): ParsedPacket {
  const errors: string[] = [];
  const b0 = bytes[0] ?? 0;
  const type = b0 >> 4;
  const flags = b0 & 0x0f;
  const rl = readVarInt(bytes, 1);
  const headerLength = typeof rl === 'object' ? 1 + rl.length : bytes.length;
  const packet: Packet = {
    type,
    name: PACKET_NAMES[type] ?? 'Reserved',
    flags,
    version,
    headerLength,
    remainingLength: typeof rl === 'object' ? rl.value : 0,
  };
  if (type === 0) return { packet, errors: ['reserved packet type 0'], fatal: true };
  if (type === T.AUTH && version !== 5) return { packet, errors: ['packet type 15 is reserved in MQTT 3.1.1 (it is AUTH in 5.0)'], fatal: true };
  const want = requiredFlags(type);
  if (want !== null && flags !== want) errors.push(`fixed header flags of ${packet.name} must be ${want.toString(2).padStart(4, '0')}, got ${flags.toString(2).padStart(4, '0')}`);
  const r = new Reader(bytes);
  r.pos = headerLength;
  try {
    readBody(r, packet, errors);
    if (r.left > 0) errors.push(`${r.left} byte${r.left === 1 ? '' : 's'} left over after the ${packet.name}`);
    return { packet, errors, fatal: false };
  } catch (err) {
    if (err instanceof ParseError) return { packet, errors: [...errors, err.message], fatal: true };
    return { packet, errors: [...errors, `cannot read: ${String(err)}`], fatal: true };
  }
}

/** The reason codes 5.0 allows in PUBACK/PUBREC and in PUBREL/PUBCOMP. */
const PUBACK_CODES = [0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99];
const PUBREL_CODES = [0x00, 0x92];

function packetId(r: Reader, p: Packet, errors: string[]): void {
  p.packetId = r.u16('packet identifier');
  if (p.packetId === 0) errors.push('packet identifier 0 is not allowed');
}

function readBody(r: Reader, p: Packet, errors: string[]): void {
  const v5 = (): boolean => p.version === 5;
  switch (p.type) {
    case T.CONNECT: {
      const name = r.str('protocol name');
      p.protocolName = name;
      const level = r.u8('protocol level');
      p.protocolLevel = level;
      if (level === 3 || level === 4 || level === 5) p.version = level;
      else errors.push(`unknown protocol level ${level} (3 = MQTT 3.1, 4 = 3.1.1, 5 = 5.0)`);
      const wantName = level === 3 ? 'MQIsdp' : 'MQTT';
      if (name !== wantName) errors.push(`protocol name "${name}" (level ${level} wants "${wantName}")`);
      const f = r.u8('connect flags');
      p.connectFlags = f;
      if (f & 0x01) errors.push('connect flags: the reserved bit 0 must be 0');
      p.cleanStart = (f & 0x02) !== 0;
      const willFlag = (f & 0x04) !== 0;
      const willQos = (f >> 3) & 0x03;
      const willRetain = (f & 0x20) !== 0;
      const hasPassword = (f & 0x40) !== 0;
      const hasUser = (f & 0x80) !== 0;
      if (willQos === 3) errors.push('will QoS 3 is not a QoS');
      if (!willFlag && (willQos !== 0 || willRetain)) errors.push('will QoS and will retain must be 0 without the will flag');
      if (hasPassword && !hasUser && p.version !== 5) errors.push('MQTT 3.1.1: a password needs a user name');
      p.keepalive = r.u16('keepalive');
      if (v5()) p.properties = readProps(r, T.CONNECT, errors, 'CONNECT');
      p.clientId = r.str('client identifier');
      if (willFlag) {
        const will: Will = { qos: willQos, retain: willRetain, topic: '', payload: new Uint8Array(0) };
        p.will = will;
        if (v5()) will.properties = readProps(r, WILL, errors, 'will');
        will.topic = r.str('will topic');
        const te = topicNameError(will.topic);
        if (te) errors.push(`will ${te}`);
        will.payload = r.bin('will payload');
      }
      if (hasUser) p.username = r.str('user name');
      if (hasPassword) p.password = r.bin('password');
      return;
    }
    case T.CONNACK: {
      const f = r.u8('connect acknowledge flags');
      if (f & 0xfe) errors.push('connect acknowledge flags: bits 7-1 are reserved and must be 0');
      p.sessionPresent = (f & 1) === 1;
      p.reasonCode = r.u8(v5() ? 'reason code' : 'return code');
      if (v5()) p.properties = readProps(r, T.CONNACK, errors, 'CONNACK');
      else if (p.reasonCode > 5) errors.push(`unknown CONNACK return code ${p.reasonCode}`);
      if (p.sessionPresent && p.reasonCode !== 0) errors.push('session present must be 0 when the connection is refused');
      return;
    }
    case T.PUBLISH: {
      p.dup = (p.flags & 0x08) !== 0;
      p.qos = (p.flags >> 1) & 0x03;
      p.retain = (p.flags & 0x01) !== 0;
      if (p.qos === 3) throw new ParseError('PUBLISH with QoS 3 (both QoS bits set) is malformed');
      if (p.qos === 0 && p.dup) errors.push('DUP must be 0 for a QoS 0 PUBLISH');
      p.topic = r.str('topic name');
      const te = topicNameError(p.topic);
      if (te) errors.push(te);
      if (p.qos > 0) packetId(r, p, errors);
      if (v5()) p.properties = readProps(r, T.PUBLISH, errors, 'PUBLISH');
      if (p.topic === '' && !(p.properties ?? []).some((x) => x.id === 0x23)) errors.push('empty topic name (allowed only with a v5 Topic Alias)');
      p.payload = r.rest();
      return;
    }
    case T.PUBACK:
    case T.PUBREC:
    case T.PUBREL:
    case T.PUBCOMP:
    case T.UNSUBACK:
      packetId(r, p, errors);
      if (p.type === T.UNSUBACK) {
        if (!v5()) return;
        p.properties = readProps(r, T.UNSUBACK, errors, 'UNSUBACK');
        p.reasonCodes = [...r.rest()];
        if (p.reasonCodes.length === 0) errors.push('UNSUBACK without reason codes');
        return;
      }
      if (!v5() || r.left === 0) return;
      p.reasonCode = r.u8('reason code');
      if (!(p.type === T.PUBREL || p.type === T.PUBCOMP ? PUBREL_CODES : PUBACK_CODES).includes(p.reasonCode)) errors.push(`reason code 0x${p.reasonCode.toString(16).padStart(2, '0')} is not one ${p.name} may carry`);
      if (r.left > 0) p.properties = readProps(r, p.type, errors, p.name);
      return;
    case T.SUBSCRIBE: {
      packetId(r, p, errors);
      if (v5()) p.properties = readProps(r, T.SUBSCRIBE, errors, 'SUBSCRIBE');
      const subs: Subscription[] = [];
      p.subscriptions = subs;
      while (r.left > 0) {
        const topic = r.str('topic filter');
        const o = r.u8('subscription options');
        const sub: Subscription = { topic, options: o, qos: o & 0x03 };
        if (v5()) {
          sub.noLocal = (o & 0x04) !== 0;
          sub.retainAsPublished = (o & 0x08) !== 0;
          sub.retainHandling = (o >> 4) & 0x03;
          if (o & 0xc0) errors.push(`subscription options of "${topic}": bits 7-6 are reserved`);
          if (sub.retainHandling === 3) errors.push(`subscription options of "${topic}": retain handling 3 is not defined`);
        } else if (o & 0xfc) errors.push(`requested QoS byte of "${topic}": bits 7-2 are reserved`);
        if (sub.qos === 3) errors.push(`subscription "${topic}" asks for QoS 3`);
        const fe = topicFilterError(topic);
        if (fe) errors.push(fe);
        subs.push(sub);
      }
      if (subs.length === 0) errors.push('SUBSCRIBE without a topic filter');
      return;
    }
    case T.SUBACK:
      packetId(r, p, errors);
      if (v5()) p.properties = readProps(r, T.SUBACK, errors, 'SUBACK');
      p.reasonCodes = [...r.rest()];
      if (p.reasonCodes.length === 0) errors.push('SUBACK without return codes');
      if (!v5()) for (const c of p.reasonCodes) if (c > 2 && c !== 0x80) errors.push(`SUBACK return code 0x${c.toString(16)} is not 0, 1, 2 or 0x80`);
      return;
    case T.UNSUBSCRIBE: {
      packetId(r, p, errors);
      if (v5()) p.properties = readProps(r, T.UNSUBSCRIBE, errors, 'UNSUBSCRIBE');
      const topics: string[] = [];
      p.topics = topics;
      while (r.left > 0) {
        const t = r.str('topic filter');
        const fe = topicFilterError(t);
        if (fe) errors.push(fe);
        topics.push(t);
      }
      if (topics.length === 0) errors.push('UNSUBSCRIBE without a topic filter');
      return;
    }
    case T.PINGREQ:
    case T.PINGRESP:
      return;
    case T.DISCONNECT:
    case T.AUTH:
      if (!v5() || r.left === 0) {
        if (v5()) p.reasonCode = 0;
        return;
      }
      p.reasonCode = r.u8('reason code');
      if (r.left > 0) p.properties = readProps(r, p.type, errors, p.name);
      return;
  }
}

/* ------------------------------------------------------------------ writing */

export class EncodeError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const utf8enc = new TextEncoder();

class Writer {
  private parts: Uint8Array[] = [];
  length = 0;
  raw(b: Uint8Array): void {
    this.parts.push(b);
    this.length += b.length;
  }
  u8(v: number): void {
    this.raw(Uint8Array.of(v & 0xff));
  }
  u16(v: number): void {
    this.raw(Uint8Array.of((v >> 8) & 0xff, v & 0xff));
  }
  u32(v: number): void {
    this.raw(Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
  }
  varInt(v: number): void {
    this.raw(varIntBytes(v));
  }
  bin(b: Uint8Array, what: string, field?: string): void {
    if (b.length > 0xffff) throw new EncodeError(`${what} is ${b.length} bytes; at most 65,535`, field);
    this.u16(b.length);
    this.raw(b);
  }
  str(s: string, what: string, field?: string): void {
    if (s.includes('\u0000')) throw new EncodeError(`${what} must not contain U+0000`, field);
    if (/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) throw new EncodeError(`${what} has a lone surrogate, which UTF-8 cannot carry`, field);
    this.bin(utf8enc.encode(s), what, field);
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

export const MAX_VAR_INT = 268_435_455;

export function varIntBytes(v: number): Uint8Array {
  if (!Number.isInteger(v) || v < 0 || v > MAX_VAR_INT) throw new EncodeError(`${v} does not fit a variable byte integer (0..268,435,455)`);
  const out: number[] = [];
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return Uint8Array.from(out);
}

/** A property to write: by its JSON key, value already checked. */
export interface OutProp {
  spec: PropSpec;
  value: PropValue;
}

/**
 * Properties from JSON (`{"sessionExpiryInterval":60,"userProperties":{"a":"b"}}`)
 * for a packet type; binary ones are hex strings. Throws EncodeError naming `field`.
 */
export function propsFromJson(value: unknown, type: number, field: string): OutProp[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) throw new EncodeError('properties are a JSON object, e.g. {"sessionExpiryInterval":60}', field);
  const out: OutProp[] = [];
  const where = type === WILL ? 'the will' : PACKET_NAMES[type];
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    const spec = PROP_BY_KEY.get(key);
    if (!spec) throw new EncodeError(`unknown property "${key}"`, field);
    if (!spec.in.includes(type)) throw new EncodeError(`property "${key}" is not allowed in ${where}`, field);
    const bad = (want: string) => new EncodeError(`property "${key}" is ${spec.type}: ${want}`, field);
    const int = (max: number): number => {
      const n = typeof v === 'boolean' && spec.bool ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max) throw bad(`an integer 0..${max}`);
      if (spec.bool && n > 1) throw bad('0 or 1 (or a boolean)');
      return n;
    };
    switch (spec.type) {
      case 'byte':
        out.push({ spec, value: int(255) });
        break;
      case 'two byte int':
        out.push({ spec, value: int(0xffff) });
        break;
      case 'four byte int':
        out.push({ spec, value: int(0xffffffff) });
        break;
      case 'var int':
        for (const x of Array.isArray(v) ? v : [v]) {
          if (typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > MAX_VAR_INT) throw bad('an integer 1..268,435,455');
          out.push({ spec, value: x });
        }
        break;
      case 'utf-8 string':
        if (typeof v !== 'string') throw bad('a string');
        out.push({ spec, value: v });
        break;
      case 'binary data': {
        if (typeof v !== 'string') throw bad('a hex string');
        const b = parseHex(v);
        if (!b) throw bad('a hex string');
        out.push({ spec, value: b });
        break;
      }
      case 'utf-8 pair': {
        const pairs: Array<[string, string]> = [];
        if (Array.isArray(v)) {
          for (const x of v) {
            if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== 'string' || typeof x[1] !== 'string') throw bad('{"name":"value"} or [["name","value"]]');
            pairs.push([x[0], x[1]]);
          }
        } else if (v && typeof v === 'object') {
          for (const k of Object.keys(v)) {
            const x = (v as Record<string, unknown>)[k];
            for (const y of Array.isArray(x) ? x : [x]) {
              if (typeof y !== 'string') throw bad('{"name":"value"} with string values');
              pairs.push([k, y]);
            }
          }
        } else throw bad('{"name":"value"} or [["name","value"]]');
        for (const pr of pairs) out.push({ spec, value: pr });
        break;
      }
    }
  }
  return out;
}

function writeProps(w: Writer, props: readonly OutProp[], field?: string): void {
  const pw = new Writer();
  for (const { spec, value } of props) {
    pw.varInt(spec.id);
    switch (spec.type) {
      case 'byte':
        pw.u8(value as number);
        break;
      case 'two byte int':
        pw.u16(value as number);
        break;
      case 'four byte int':
        pw.u32(value as number);
        break;
      case 'var int':
        pw.varInt(value as number);
        break;
      case 'utf-8 string':
        pw.str(value as string, spec.name, field);
        break;
      case 'utf-8 pair': {
        const [k, v] = value as readonly [string, string];
        pw.str(k, `${spec.name} name`, field);
        pw.str(v, `${spec.name} value`, field);
        break;
      }
      case 'binary data':
        pw.bin(value as Uint8Array, spec.name, field);
        break;
    }
  }
  w.varInt(pw.length);
  w.raw(pw.bytes());
}

export function parseHex(text: string): Uint8Array | null {
  const clean = text.replace(/0x/gi, '').replace(/[\s,:]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function frame(type: number, flags: number, body: Writer): Uint8Array {
  if (body.length > MAX_VAR_INT) throw new EncodeError(`the packet is ${body.length} bytes; MQTT allows at most 268,435,455 after the fixed header`);
  const w = new Writer();
  w.u8((type << 4) | flags);
  w.varInt(body.length);
  w.raw(body.bytes());
  return w.bytes();
}

export interface ConnectOut {
  version: MqttVersion;
  clientId: string;
  cleanStart: boolean;
  keepalive: number;
  username?: string;
  password?: Uint8Array;
  will?: { topic: string; payload: Uint8Array; qos: number; retain: boolean; properties?: OutProp[] };
  properties?: OutProp[];
}

export function encodeConnect(c: ConnectOut): Uint8Array {
  const w = new Writer();
  w.str(c.version === 3 ? 'MQIsdp' : 'MQTT', 'protocol name');
  w.u8(c.version);
  let f = 0;
  if (c.username !== undefined) f |= 0x80;
  if (c.password !== undefined) f |= 0x40;
  if (c.will) f |= 0x04 | ((c.will.qos & 3) << 3) | (c.will.retain ? 0x20 : 0);
  if (c.cleanStart) f |= 0x02;
  w.u8(f);
  w.u16(c.keepalive);
  if (c.version === 5) writeProps(w, c.properties ?? [], 'properties');
  w.str(c.clientId, 'client id', 'clientId');
  if (c.will) {
    if (c.version === 5) writeProps(w, c.will.properties ?? [], 'willProperties');
    w.str(c.will.topic, 'will topic', 'willTopic');
    w.bin(c.will.payload, 'will payload', 'willPayload');
  }
  if (c.username !== undefined) w.str(c.username, 'user name', 'username');
  if (c.password !== undefined) w.bin(c.password, 'password', 'password');
  return frame(T.CONNECT, 0, w);
}

export interface PublishOut {
  version: MqttVersion;
  topic: string;
  payload: Uint8Array;
  qos: number;
  retain: boolean;
  dup: boolean;
  packetId?: number;
  properties?: OutProp[];
}

export function encodePublish(p: PublishOut): Uint8Array {
  const w = new Writer();
  w.str(p.topic, 'topic', 'topic');
  if (p.qos > 0) w.u16(p.packetId ?? 0);
  if (p.version === 5) writeProps(w, p.properties ?? [], 'properties');
  w.raw(p.payload);
  return frame(T.PUBLISH, (p.dup ? 8 : 0) | (p.qos << 1) | (p.retain ? 1 : 0), w);
}

/** PUBACK, PUBREC, PUBREL, PUBCOMP: v5 omits a Success reason code and empty properties, as the spec allows. */
export function encodeAck(type: number, packetId: number, version: MqttVersion, reasonCode = 0, properties: readonly OutProp[] = []): Uint8Array {
  const w = new Writer();
  w.u16(packetId);
  if (version === 5 && (reasonCode !== 0 || properties.length > 0)) {
    w.u8(reasonCode);
    if (properties.length > 0) writeProps(w, properties, 'properties');
  }
  return frame(type, type === T.PUBREL ? 2 : 0, w);
}

export interface SubscribeOut {
  version: MqttVersion;
  packetId: number;
  subscriptions: ReadonlyArray<{ topic: string; qos: number; noLocal?: boolean; retainAsPublished?: boolean; retainHandling?: number }>;
  properties?: OutProp[];
}

export function encodeSubscribe(s: SubscribeOut): Uint8Array {
  const w = new Writer();
  w.u16(s.packetId);
  if (s.version === 5) writeProps(w, s.properties ?? [], 'properties');
  for (const sub of s.subscriptions) {
    w.str(sub.topic, 'topic filter', 'topic');
    let o = sub.qos & 3;
    if (s.version === 5) o |= (sub.noLocal ? 4 : 0) | (sub.retainAsPublished ? 8 : 0) | ((sub.retainHandling ?? 0) << 4);
    w.u8(o);
  }
  return frame(T.SUBSCRIBE, 2, w);
}

export function encodeUnsubscribe(version: MqttVersion, packetId: number, topics: readonly string[], properties: readonly OutProp[] = []): Uint8Array {
  const w = new Writer();
  w.u16(packetId);
  if (version === 5) writeProps(w, properties, 'properties');
  for (const t of topics) w.str(t, 'topic filter', 'topics');
  return frame(T.UNSUBSCRIBE, 2, w);
}

export function encodeEmpty(type: number): Uint8Array {
  return frame(type, 0, new Writer());
}

/** DISCONNECT (and AUTH): v5 writes the reason code and properties when there are any. */
export function encodeDisconnect(version: MqttVersion, reasonCode = 0, properties: readonly OutProp[] = [], type: number = T.DISCONNECT): Uint8Array {
  const w = new Writer();
  if (version === 5 && (reasonCode !== 0 || properties.length > 0)) {
    w.u8(reasonCode);
    if (properties.length > 0) writeProps(w, properties, 'properties');
  }
  return frame(type, 0, w);
}

/** Server-side packets, for the v5 responder tests and the playground: CONNACK, SUBACK, UNSUBACK, PINGRESP. */
export function encodeConnack(version: MqttVersion, sessionPresent: boolean, code: number, properties: readonly OutProp[] = []): Uint8Array {
  const w = new Writer();
  w.u8(sessionPresent ? 1 : 0);
  w.u8(code);
  if (version === 5) writeProps(w, properties);
  return frame(T.CONNACK, 0, w);
}

export function encodeSuback(type: typeof T.SUBACK | typeof T.UNSUBACK, version: MqttVersion, packetId: number, codes: readonly number[], properties: readonly OutProp[] = []): Uint8Array {
  const w = new Writer();
  w.u16(packetId);
  if (version === 5) writeProps(w, properties);
  if (version === 5 || type === T.SUBACK) for (const c of codes) w.u8(c);
  return frame(type, 0, w);
}
