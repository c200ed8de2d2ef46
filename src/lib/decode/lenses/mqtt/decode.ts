/**
 * MQTT frames → decoded messages: the per-direction reassembly of packets
 * across WebSocket frames (one frame may hold several packets, a packet may
 * span frames), the protocol version from the CONNECT seen, and each
 * packet's summary, field tree, filter keys, pairing and explanation.
 *
 * The version rule: a CONNECT says it (protocol level 3, 4 or 5) and every
 * later packet both ways is read that way. Before any CONNECT is seen a
 * packet is read as 3.1.1; if 3.1.1 cannot read it without an error and 5.0
 * can, it is read as 5.0 and the connection is taken to be 5.0 from then on
 * (the field tree says "guessed"). A v5 PUBLISH or PUBACK reads as a valid
 * 3.1.1 one (its properties become payload bytes), so the guess is only as
 * good as the packets seen; a CONNECT seen later wins.
 */
import type { DecodeResult, DecodedMessage, Field, Frame } from '../../types';
import { looksLikeJson, parseJson, valueFields } from '../../fields';
import type { Packet, Prop } from './codec';
import { parseFixedHeader, parsePacket } from './codec';
import type { MqttVersion } from './spec';
import { CONNACK_RETURN_CODES, PACKET_NAMES, QOS_NOTES, T, reasonName, subackName311, versionName } from './spec';

export const PROTOCOL = 'MQTT';

/** A packet larger than this is not reassembled (its bytes are skipped, framing kept). */
export const MAX_PACKET_BYTES = 16 * 1024 * 1024;

export interface PayloadDecoderContext {
  topic: string;
  /** v5 Content Type property, if any */
  contentType?: string;
  /** v5 Payload Format Indicator (1 = UTF-8 text), if any */
  payloadFormatIndicator?: number;
}

/**
 * A hook for payload encodings (MessagePack, CBOR, protobuf): return the
 * payload's field tree, or null to fall back to text / JSON / hex.
 */
export type PayloadDecoder = (payload: Uint8Array, ctx: PayloadDecoderContext) => { fields: Field[]; note?: string } | null;

export interface MqttDecodeOptions {
  payloadDecoder?: PayloadDecoder;
}

interface Pending {
  chunks: Uint8Array[];
  have: number;
  /** the whole packet's size once its fixed header is in */
  need: number | null;
  /** bytes of an oversize packet still to skip */
  skip: number;
}

export interface MqttState {
  /** from the CONNECT seen (or guessed); null before */
  version: MqttVersion | null;
  versionSource: 'connect' | 'guessed' | null;
  in: Pending;
  out: Pending;
}

export function createMqttState(): MqttState {
  const p = (): Pending => ({ chunks: [], have: 0, need: null, skip: 0 });
  return { version: null, versionSource: null, in: p(), out: p() };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const hexByte = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;
const hexBytes = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function partial(summary: string): DecodedMessage {
  return { protocol: PROTOCOL, type: 'partial', summary, fields: [{ name: 'partial', note: 'the rest arrives in a later frame' }] };
}

export function decodeMqttFrame(frame: Frame, state: MqttState, opts: MqttDecodeOptions = {}): DecodeResult {
  if (frame.format === 'text') {
    return {
      messages: [
        {
          protocol: PROTOCOL,
          type: 'invalid',
          summary: 'text frame: MQTT over WebSocket is sent in binary frames',
          fields: [{ name: 'text', value: frame.text.length > 200 ? `${frame.text.slice(0, 199)}…` : frame.text }],
          error: 'MQTT over WebSocket MUST use binary frames [MQTT-6.0.0-1]; a text frame is not MQTT data',
        },
      ],
    };
  }
  const d = frame.direction === 'in' ? state.in : state.out;
  let bytes = frame.bytes;
  let stateful = false;
  const messages: DecodedMessage[] = [];
  if (d.skip > 0) {
    stateful = true;
    const n = Math.min(d.skip, bytes.length);
    d.skip -= n;
    bytes = bytes.subarray(n);
    if (d.skip > 0) return { messages: [partial(`skipping an oversize packet: ${fmt(d.skip)} bytes to go`)], stateful };
    if (bytes.length === 0) return { messages: [partial('end of an oversize packet (skipped)')], stateful };
  }
  let data = bytes;
  if (d.have > 0) {
    stateful = true;
    if (d.need !== null && d.have + bytes.length < d.need) {
      d.chunks.push(bytes.slice());
      d.have += bytes.length;
      return { messages: [partial(`partial packet, ${fmt(d.have)} of ${fmt(d.need)} bytes`)], stateful };
    }
    data = concat([...d.chunks, bytes], d.have + bytes.length);
    d.chunks = [];
    d.have = 0;
    d.need = null;
  }
  let pos = 0;
  while (pos < data.length) {
    const h = parseFixedHeader(data, pos);
    if (h === 'short') {
      const rest = data.slice(pos);
      d.chunks = [rest];
      d.have = rest.length;
      d.need = null;
      messages.push(partial(`partial packet, ${fmt(rest.length)} byte${rest.length === 1 ? '' : 's'} of its fixed header`));
      break;
    }
    if ('error' in h) {
      const b0 = data[pos] ?? 0;
      messages.push({
        protocol: PROTOCOL,
        type: PACKET_NAMES[b0 >> 4] ?? 'Reserved',
        summary: `malformed remaining length · ${fmt(data.length - pos)} bytes not decoded`,
        fields: [
          { name: 'fixed header', value: hexByte(b0) },
          { name: 'remaining length bytes', value: data.slice(pos + 1, pos + 6) },
        ],
        error: `${h.error}; the rest of this frame (${fmt(data.length - pos)} bytes) cannot be framed`,
      });
      break;
    }
    const total = h.headerLength + h.remainingLength;
    if (total > MAX_PACKET_BYTES) {
      const here = data.length - pos;
      d.skip = Math.max(0, total - here);
      messages.push({
        protocol: PROTOCOL,
        type: PACKET_NAMES[h.type] ?? 'Reserved',
        summary: `${PACKET_NAMES[h.type] ?? 'packet'} of ${fmt(total)} bytes · not decoded`,
        fields: [{ name: 'remaining length', value: h.remainingLength }],
        error: `a packet of ${fmt(total)} bytes is larger than the lens reassembles (${fmt(MAX_PACKET_BYTES)}); its bytes are skipped`,
      });
      pos = Math.min(data.length, pos + total);
      continue;
    }
    if (pos + total > data.length) {
      const rest = data.slice(pos);
      d.chunks = [rest];
      d.have = rest.length;
      d.need = total;
      messages.push(partial(`partial packet, ${fmt(rest.length)} of ${fmt(total)} bytes`));
      break;
    }
    const raw = data.subarray(pos, pos + total);
    const m = decodePacketBytes(raw, frame.direction, state, opts);
    if (m.changed) stateful = true;
    messages.push(m.message);
    pos += total;
  }
  return stateful ? { messages, stateful } : { messages };
}

/** Reads one whole packet under the version rule (see the top of this file). */
/**
 * `changed`: this packet set the session's version. Such a frame is marked stateful, so the decode index
 * forks the state after it; frames that only read the version decode again exactly from that fork and
 * need not be kept (a long MQTT 5 capture would otherwise keep every decoded message).
 */
export function readWithVersion(raw: Uint8Array, state: MqttState): { packet: Packet; errors: string[]; source: string; changed: boolean } {
  const type = (raw[0] ?? 0) >> 4;
  if (type === T.CONNECT) {
    const r = parsePacket(raw, 4);
    const lvl = r.packet.protocolLevel;
    let changed = false;
    if (lvl === 3 || lvl === 4 || lvl === 5) {
      changed = state.version !== lvl || state.versionSource !== 'connect';
      state.version = lvl;
      state.versionSource = 'connect';
    }
    return { packet: r.packet, errors: r.errors, source: 'this CONNECT', changed };
  }
  if (state.version !== null) {
    const r = parsePacket(raw, state.version);
    return { packet: r.packet, errors: r.errors, source: state.versionSource === 'connect' ? 'the CONNECT seen' : 'guessed earlier (no CONNECT seen)', changed: false };
  }
  const v4 = parsePacket(raw, 4);
  if (v4.errors.length === 0) return { packet: v4.packet, errors: [], source: 'default (no CONNECT seen)', changed: false };
  const v5 = parsePacket(raw, 5);
  if (v5.errors.length === 0) {
    state.version = 5;
    state.versionSource = 'guessed';
    return { packet: v5.packet, errors: [], source: 'guessed: no CONNECT seen and 3.1.1 cannot read it', changed: true };
  }
  return { packet: v4.packet, errors: v4.errors, source: 'default (no CONNECT seen)', changed: false };
}

function decodePacketBytes(raw: Uint8Array, direction: 'in' | 'out', state: MqttState, opts: MqttDecodeOptions): { message: DecodedMessage; changed: boolean } {
  const { packet, errors, source, changed } = readWithVersion(raw, state);
  return { message: packetMessage(packet, raw, direction, errors, source, opts), changed };
}

/* ------------------------------------------------------------- presenting */

const other = (d: 'in' | 'out'): 'in' | 'out' => (d === 'in' ? 'out' : 'in');

function propValue(p: Prop): Field {
  const note = `${hexByte(p.id)} · ${p.spec.type}`;
  if (p.spec.type === 'utf-8 pair') {
    const [k, v] = p.value as readonly [string, string];
    return { name: p.spec.name, note, children: [{ name: 'name', value: k }, { name: 'value', value: v }] };
  }
  const v = p.value;
  if (v instanceof Uint8Array) return { name: p.spec.name, value: v, note: `${note} · ${v.length} B` };
  return { name: p.spec.name, value: typeof v === 'number' || typeof v === 'string' ? v : String(v), note };
}

function propsField(props: readonly Prop[] | undefined, name = 'properties'): Field[] {
  if (!props) return [];
  return [{ name, note: props.length === 0 ? 'none' : `${props.length}`, children: props.map(propValue) }];
}

function propOf(props: readonly Prop[] | undefined, id: number): Prop['value'] | undefined {
  return props?.find((p) => p.id === id)?.value;
}

/** A reason or return code's name for this packet under its version. */
export function codeName(p: Packet, code: number): string {
  if (p.version === 5) return reasonName(code, p.type) ?? 'unknown reason code';
  if (p.type === T.CONNACK) return CONNACK_RETURN_CODES[code] ?? 'unknown return code';
  if (p.type === T.SUBACK) return subackName311(code) ?? 'unknown return code';
  return 'unknown';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function payloadField(payload: Uint8Array, ctx: PayloadDecoderContext, opts: MqttDecodeOptions, name = 'payload'): Field {
  const size = `${fmt(payload.length)} B`;
  if (opts.payloadDecoder) {
    try {
      const r = opts.payloadDecoder(payload, ctx);
      if (r) return { name, note: `${size}${r.note ? ` · ${r.note}` : ''}`, children: r.fields };
    } catch (err) {
      return { name, value: payload, note: `${size} · the payload decoder failed: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  if (payload.length === 0) return { name, value: '', note: 'empty' };
  let text: string | null = null;
  try {
    text = utf8.decode(payload);
  } catch {
    text = null;
  }
  if (text === null) return { name, value: payload, note: `${size} · binary (hex)` };
  if (looksLikeJson(text)) {
    const j = parseJson(text);
    if (j.ok) return { name, note: `${size} · JSON`, children: valueFields(j.value) };
  }
  return { name, value: text, note: `${size} · text` };
}

function bits(n: number): string {
  return n.toString(2).padStart(4, '0');
}

function flagsNote(p: Packet): string {
  if (p.type === T.PUBLISH) return `DUP ${p.flags >> 3} · QoS ${(p.flags >> 1) & 3} · RETAIN ${p.flags & 1}`;
  return p.type === T.PUBREL || p.type === T.SUBSCRIBE || p.type === T.UNSUBSCRIBE ? 'fixed 0010' : 'fixed 0000';
}

function explainPacket(p: Packet, raw: Uint8Array): string {
  const b0 = raw[0] ?? 0;
  const rlBytes = raw.subarray(1, p.headerLength);
  const lines = [
    `Byte 0 is ${hexByte(b0)} = ${b0.toString(2).padStart(8, '0')}: the high 4 bits (${p.type}) are the packet type ${p.name}, the low 4 bits (${bits(p.flags)}) its flags (${flagsNote(p)}).`,
    `Byte${rlBytes.length === 1 ? '' : 's'} 1${rlBytes.length > 1 ? `–${rlBytes.length}` : ''} (${hexBytes(rlBytes)}) ${rlBytes.length === 1 ? 'is' : 'are'} the remaining length, a variable byte integer (7 bits a byte, the high bit says "more follows"): ${fmt(p.remainingLength)} byte${p.remainingLength === 1 ? '' : 's'} follow.`,
  ];
  switch (p.type) {
    case T.CONNECT:
      lines.push(
        `Then the variable header: the protocol name "${p.protocolName ?? ''}" (2-byte length + UTF-8), the level ${p.protocolLevel ?? '?'} (MQTT ${p.protocolLevel === 5 ? '5.0' : p.protocolLevel === 4 ? '3.1.1' : '3.1'}), the connect flags byte${p.connectFlags !== undefined ? ` ${hexByte(p.connectFlags)}` : ''} and the 2-byte keepalive${p.version === 5 ? ', then the properties (a length, then id/value pairs)' : ''}. The payload holds the client id, the will, the user name and the password, each present only when its flag is set.`,
      );
      break;
    case T.PUBLISH:
      lines.push(
        `Then the topic name (2-byte length + UTF-8)${(p.qos ?? 0) > 0 ? ', the 2-byte packet identifier (only for QoS 1 and 2)' : ''}${p.version === 5 ? ', the properties' : ''}; the rest, ${fmt(p.payload?.length ?? 0)} bytes, is the application payload, with no length of its own.`,
      );
      break;
    case T.SUBSCRIBE:
      lines.push(`Then the packet identifier${p.version === 5 ? ' and the properties' : ''}, then per subscription a topic filter (2-byte length + UTF-8) and one options byte (QoS in bits 1-0${p.version === 5 ? ', No Local bit 2, Retain As Published bit 3, Retain Handling bits 5-4' : ''}).`);
      break;
    case T.PINGREQ:
    case T.PINGRESP:
      lines.push('Nothing follows: a keep-alive is the fixed header alone.');
      break;
    default:
      if (p.packetId !== undefined) lines.push(`Then the 2-byte packet identifier ${p.packetId}${p.version === 5 ? ', and in 5.0 a reason code and properties when they are not the defaults' : ''}.`);
  }
  return lines.join(' ');
}

function qosField(qos: number, name = 'QoS'): Field {
  return { name, value: qos, note: QOS_NOTES[qos] ?? 'invalid' };
}

export function packetMessage(p: Packet, raw: Uint8Array, direction: 'in' | 'out', errors: readonly string[], versionSource: string, opts: MqttDecodeOptions = {}): DecodedMessage {
  const fields: Field[] = [];
  const b0 = raw[0] ?? 0;
  fields.push({
    name: 'fixed header',
    value: hexByte(b0),
    note: `${p.name} (${p.type}), flags ${bits(p.flags)}`,
    children: [
      { name: 'packet type', value: p.type, note: p.name },
      { name: 'flags', value: bits(p.flags), note: flagsNote(p) },
      { name: 'remaining length', value: p.remainingLength, note: `${p.headerLength - 1} byte${p.headerLength === 2 ? '' : 's'}: ${hexBytes(raw.subarray(1, p.headerLength))}` },
    ],
  });
  fields.push({ name: 'version', value: versionName(p.version), note: versionSource });
  const keys: Array<[string, string]> = [['type', p.name]];
  const kv = (k: string, v: string | number | undefined) => {
    if (v !== undefined) keys.push([k, String(v)]);
  };
  let summary: string = p.name;
  let correlation: DecodedMessage['correlation'];
  const id = p.packetId;
  const idPart = id !== undefined ? ` id ${id}` : '';
  kv('packetId', id);
  const reasonPart = (code: number | undefined): string => (code === undefined ? '' : ` · ${codeName(p, code)}${code !== 0 ? ` (${hexByte(code)})` : ''}`);

  switch (p.type) {
    case T.CONNECT: {
      const f = p.connectFlags ?? 0;
      fields.push({ name: 'protocol name', value: p.protocolName ?? '' });
      fields.push({ name: 'protocol level', value: p.protocolLevel ?? 0, note: p.protocolLevel !== undefined ? `MQTT ${p.protocolLevel === 5 ? '5.0' : p.protocolLevel === 4 ? '3.1.1' : p.protocolLevel === 3 ? '3.1' : '?'}` : undefined });
      fields.push({
        name: 'connect flags',
        value: hexByte(f),
        children: [
          { name: 'user name', value: (f & 0x80) !== 0 },
          { name: 'password', value: (f & 0x40) !== 0 },
          { name: 'will retain', value: (f & 0x20) !== 0 },
          qosField((f >> 3) & 3, 'will QoS'),
          { name: 'will', value: (f & 0x04) !== 0 },
          { name: p.version === 5 ? 'clean start' : 'clean session', value: (f & 0x02) !== 0 },
          { name: 'reserved', value: f & 1 },
        ],
      });
      if (p.keepalive !== undefined) fields.push({ name: 'keepalive', value: p.keepalive, note: p.keepalive === 0 ? 'off' : 'seconds' });
      fields.push(...propsField(p.properties));
      if (p.clientId !== undefined) fields.push({ name: 'client id', value: p.clientId, note: p.clientId === '' ? 'empty: the server assigns one' : undefined });
      if (p.will) {
        const w = p.will;
        fields.push({
          name: 'will',
          children: [
            ...propsField(w.properties),
            { name: 'topic', value: w.topic },
            qosField(w.qos),
            { name: 'retain', value: w.retain },
            payloadField(w.payload, { topic: w.topic }, opts),
          ],
        });
      }
      if (p.username !== undefined) fields.push({ name: 'user name', value: p.username });
      if (p.password !== undefined) fields.push({ name: 'password', value: '••••', note: `${p.password.length} B, masked` });
      kv('clientId', p.clientId);
      const parts = [`CONNECT ${p.clientId === '' ? '(no client id)' : (p.clientId ?? '')}`.trimEnd(), `v${versionName(p.version)}`];
      if (p.keepalive !== undefined) parts.push(`keepalive ${p.keepalive} s`);
      if (p.cleanStart) parts.push(p.version === 5 ? 'clean start' : 'clean session');
      if (p.will) parts.push(`will ${p.will.topic}`);
      if (p.username !== undefined) parts.push(`user ${p.username}`);
      if (p.password !== undefined) parts.push(`password •••• (${p.password.length} B)`);
      summary = parts.join(' · ');
      correlation = { key: `connect:${direction}`, role: 'request' };
      break;
    }
    case T.CONNACK: {
      const code = p.reasonCode;
      fields.push({ name: 'session present', value: p.sessionPresent ?? false });
      if (code !== undefined) fields.push({ name: p.version === 5 ? 'reason code' : 'return code', value: code, note: codeName(p, code) });
      fields.push(...propsField(p.properties));
      kv('reasonCode', code);
      if (code !== undefined) summary = `CONNACK ${code === 0 ? 'accepted' : `refused: ${codeName(p, code)} (${hexByte(code)})`}${p.sessionPresent ? ' · session present' : ''}`;
      correlation = { key: `connect:${other(direction)}`, role: 'reply' };
      break;
    }
    case T.PUBLISH: {
      const qos = p.qos ?? 0;
      fields.push({ name: 'topic', value: p.topic ?? '' });
      fields.push(qosField(qos));
      fields.push({ name: 'DUP', value: p.dup ?? false, note: p.dup ? 'a re-delivery' : undefined });
      fields.push({ name: 'RETAIN', value: p.retain ?? false });
      if (id !== undefined) fields.push({ name: 'packet id', value: id });
      fields.push(...propsField(p.properties));
      if (p.payload) {
        const ct = propOf(p.properties, 0x03);
        const pfi = propOf(p.properties, 0x01);
        fields.push(payloadField(p.payload, { topic: p.topic ?? '', ...(typeof ct === 'string' ? { contentType: ct } : {}), ...(typeof pfi === 'number' ? { payloadFormatIndicator: pfi } : {}) }, opts));
      }
      kv('topic', p.topic);
      kv('qos', qos);
      const alias = propOf(p.properties, 0x23);
      const topic = p.topic === '' && alias !== undefined ? `(alias ${String(alias)})` : (p.topic ?? '');
      summary = `PUBLISH ${topic} qos${qos}${idPart}${p.retain ? ' retain' : ''}${p.dup ? ' dup' : ''} · ${fmt(p.payload?.length ?? 0)} B`;
      if (id !== undefined && qos > 0) correlation = { key: `pub:${direction}:${id}`, role: 'request' };
      break;
    }
    case T.PUBACK:
    case T.PUBREC:
    case T.PUBREL:
    case T.PUBCOMP: {
      if (id !== undefined) fields.push({ name: 'packet id', value: id });
      if (p.reasonCode !== undefined) fields.push({ name: 'reason code', value: p.reasonCode, note: codeName(p, p.reasonCode) });
      else if (p.version === 5) fields.push({ name: 'reason code', value: 0, note: 'Success (left out, as 5.0 allows)' });
      fields.push(...propsField(p.properties));
      kv('reasonCode', p.reasonCode ?? (p.version === 5 ? 0 : undefined));
      summary = `${p.name}${idPart}${p.reasonCode ? reasonPart(p.reasonCode) : ''}`;
      if (id !== undefined) {
        // The publisher is the one who sent PUBLISH and PUBREL; PUBACK/PUBREC/PUBCOMP come from the other side.
        const publisher = p.type === T.PUBREL ? direction : other(direction);
        correlation = { key: `pub:${publisher}:${id}`, role: p.type === T.PUBACK || p.type === T.PUBCOMP ? 'reply' : 'partial' };
      }
      break;
    }
    case T.SUBSCRIBE: {
      if (id !== undefined) fields.push({ name: 'packet id', value: id });
      fields.push(...propsField(p.properties));
      const subs = p.subscriptions ?? [];
      fields.push({
        name: 'subscriptions',
        note: `${subs.length}`,
        children: subs.map((s, i) => ({
          name: String(i),
          value: s.topic,
          note: `qos${s.qos}`,
          children: [
            { name: 'topic filter', value: s.topic },
            qosField(s.qos, 'maximum QoS'),
            ...(s.noLocal !== undefined ? [{ name: 'no local', value: s.noLocal }] : []),
            ...(s.retainAsPublished !== undefined ? [{ name: 'retain as published', value: s.retainAsPublished }] : []),
            ...(s.retainHandling !== undefined
              ? [{ name: 'retain handling', value: s.retainHandling, note: ['send retained on subscribe', 'send retained only for a new subscription', 'do not send retained'][s.retainHandling] ?? 'invalid' }]
              : []),
            { name: 'options byte', value: hexByte(s.options) },
          ],
        })),
      });
      for (const s of subs) kv('topic', s.topic);
      if (subs[0]) kv('qos', subs[0].qos);
      summary = `SUBSCRIBE${idPart} · ${subs.map((s) => `${s.topic} qos${s.qos}`).join(', ')}`;
      if (id !== undefined) correlation = { key: `sub:${direction}:${id}`, role: 'request' };
      break;
    }
    case T.SUBACK:
    case T.UNSUBACK: {
      if (id !== undefined) fields.push({ name: 'packet id', value: id });
      fields.push(...propsField(p.properties));
      const codes = p.reasonCodes;
      if (codes) {
        fields.push({ name: p.version === 5 ? 'reason codes' : 'return codes', note: `${codes.length}`, children: codes.map((c, i) => ({ name: String(i), value: c, note: codeName(p, c) })) });
        for (const c of codes) kv('reasonCode', c);
      }
      const describe = (c: number) => (p.type === T.SUBACK && c <= 2 ? `qos ${c}` : `${codeName(p, c)} (${hexByte(c)})`);
      if (p.type === T.SUBACK) {
        const all = codes ?? [];
        const granted = all.every((c) => c <= 2);
        summary = `SUBACK${idPart} · ${granted ? `granted ${all.map(describe).join(', ')}` : all.map((c) => (c <= 2 ? `granted qos ${c}` : describe(c))).join(', ')}`;
      } else summary = `UNSUBACK${idPart}${codes && codes.some((c) => c !== 0) ? ` · ${codes.map(describe).join(', ')}` : ''}`;
      if (id !== undefined) correlation = { key: `${p.type === T.SUBACK ? 'sub' : 'unsub'}:${other(direction)}:${id}`, role: 'reply' };
      break;
    }
    case T.UNSUBSCRIBE: {
      if (id !== undefined) fields.push({ name: 'packet id', value: id });
      fields.push(...propsField(p.properties));
      const topics = p.topics ?? [];
      fields.push({ name: 'topic filters', note: `${topics.length}`, children: topics.map((t, i) => ({ name: String(i), value: t })) });
      for (const t of topics) kv('topic', t);
      summary = `UNSUBSCRIBE${idPart} · ${topics.join(', ')}`;
      if (id !== undefined) correlation = { key: `unsub:${direction}:${id}`, role: 'request' };
      break;
    }
    case T.PINGREQ:
      correlation = { key: `ping:${direction}`, role: 'request' };
      break;
    case T.PINGRESP:
      correlation = { key: `ping:${other(direction)}`, role: 'reply' };
      break;
    case T.DISCONNECT:
    case T.AUTH: {
      if (p.reasonCode !== undefined) {
        fields.push({ name: 'reason code', value: p.reasonCode, note: codeName(p, p.reasonCode) });
        kv('reasonCode', p.reasonCode);
      }
      fields.push(...propsField(p.properties));
      if (p.reasonCode !== undefined) summary = `${p.name} · ${codeName(p, p.reasonCode)}${p.reasonCode !== 0 ? ` (${hexByte(p.reasonCode)})` : ''}`;
      const rs = propOf(p.properties, 0x1f);
      if (typeof rs === 'string') summary += ` · ${rs.length > 60 ? `${rs.slice(0, 59)}…` : rs}`;
      break;
    }
    default:
      break;
  }
  if (errors.length > 0) {
    if (!fields.some((f) => f.name === 'raw')) fields.push({ name: 'raw', value: raw.length > 4096 ? raw.subarray(0, 4096) : raw, note: `${fmt(raw.length)} B${raw.length > 4096 ? ', first 4,096 shown' : ''}` });
  }
  const error = errors.length > 0 ? errors.join('; ') : undefined;
  if (error) summary = `${summary} · ${errors[0]}`;
  return {
    protocol: PROTOCOL,
    type: p.name,
    summary,
    fields,
    keys,
    ...(correlation ? { correlation } : {}),
    ...(p.type === T.PINGREQ || p.type === T.PINGRESP ? { heartbeat: true } : {}),
    ...(error ? { error } : {}),
    ...(p.type === T.CONNECT ? passwordSecret(p.password) : {}),
    explain: explainPacket(p, raw),
  };
}

/** A CONNECT's password as text, for the page to mask in the raw bytes (lib/decode/secrets.ts); a password that is not UTF-8 stays unmasked in the hex, and the field tree masks it either way. */
function passwordSecret(password: Uint8Array | undefined): { secrets?: string[] } {
  if (!password || password.length === 0) return {};
  try {
    return { secrets: [utf8.decode(password)] };
  } catch {
    return {};
  }
}
