/**
 * The MQTT composer: the kinds of packet a user can build, and their encoding
 * to exact bytes. Errors name the compose field at fault; nothing throws out.
 */
import type { ComposeField, ComposeKind, ComposeValues, EncodeOptions, EncodeResult } from '../../types';
import { parseJson } from '../../fields';
import type { OutProp } from './codec';
import { EncodeError, encodeAck, encodeConnect, encodeDisconnect, encodeEmpty, encodePublish, encodeSubscribe, encodeUnsubscribe, parseHex, propsFromJson, topicFilterError } from './codec';
import type { MqttVersion } from './spec';
import { T, WILL, reasonName } from './spec';

const VERSION: ComposeField = {
  name: 'version',
  label: 'Protocol version',
  kind: 'select',
  initial: '4',
  options: [
    { value: '4', label: 'MQTT 3.1.1' },
    { value: '5', label: 'MQTT 5.0' },
  ],
  help: 'the version of the CONNECT on this connection',
};
const QOS = (name = 'qos', label = 'QoS'): ComposeField => ({
  name,
  label,
  kind: 'select',
  initial: '0',
  options: [
    { value: '0', label: '0 · at most once' },
    { value: '1', label: '1 · at least once' },
    { value: '2', label: '2 · exactly once' },
  ],
});
const PACKET_ID: ComposeField = { name: 'packetId', label: 'Packet id', kind: 'number', optional: true, help: 'left empty: the next free number', placeholder: 'auto' };
const PROPS = (name = 'properties', placeholder = '{"userProperties":{"a":"b"}}'): ComposeField => ({
  name,
  label: name === 'properties' ? 'Properties (5.0, JSON)' : 'Will properties (5.0, JSON)',
  kind: 'json',
  optional: true,
  placeholder,
  help: 'by name, e.g. sessionExpiryInterval, messageExpiryInterval, contentType, userProperties; binary ones as hex',
});
const REASON: ComposeField = { name: 'reasonCode', label: 'Reason code (5.0)', kind: 'text', optional: true, placeholder: '0', help: 'a number or 0x.. ; left empty: 0 Success' };
const ACK_FIELDS: readonly ComposeField[] = [VERSION, { ...PACKET_ID, optional: false, help: 'the id of the PUBLISH being acknowledged', placeholder: '1' }, REASON];

export const MQTT_COMPOSE: readonly ComposeKind[] = [
  {
    id: 'connect',
    label: 'CONNECT',
    fields: [
      VERSION,
      { name: 'clientId', label: 'Client id', kind: 'text', optional: true, placeholder: 'sockpit-1234', help: 'left empty: the server assigns one (3.1.1 needs clean session then)' },
      { name: 'username', label: 'User name', kind: 'text', optional: true },
      { name: 'password', label: 'Password', kind: 'text', optional: true, help: 'shown masked in the timeline' },
      { name: 'keepalive', label: 'Keepalive (s)', kind: 'number', initial: '60', help: '0 turns keepalive off' },
      { name: 'cleanStart', label: 'Clean start / clean session', kind: 'checkbox', initial: 'true' },
      { name: 'willTopic', label: 'Will topic', kind: 'text', optional: true, help: 'published by the server if the connection drops without DISCONNECT' },
      { name: 'willPayload', label: 'Will payload', kind: 'textarea', optional: true },
      QOS('willQos', 'Will QoS'),
      { name: 'willRetain', label: 'Will retain', kind: 'checkbox', initial: '' },
      PROPS('properties', '{"sessionExpiryInterval":60}'),
      PROPS('willProperties', '{"willDelayInterval":5}'),
    ],
  },
  {
    id: 'subscribe',
    label: 'SUBSCRIBE',
    fields: [
      VERSION,
      { name: 'topic', label: 'Topic filter(s)', kind: 'textarea', placeholder: 'sensors/#', help: 'one per line; + and # are wildcards' },
      QOS('qos', 'Maximum QoS'),
      { name: 'noLocal', label: 'No local (5.0)', kind: 'checkbox', initial: '' },
      { name: 'retainAsPublished', label: 'Retain as published (5.0)', kind: 'checkbox', initial: '' },
      {
        name: 'retainHandling',
        label: 'Retain handling (5.0)',
        kind: 'select',
        initial: '0',
        options: [
          { value: '0', label: '0 · send retained on subscribe' },
          { value: '1', label: '1 · only for a new subscription' },
          { value: '2', label: '2 · do not send retained' },
        ],
      },
      PACKET_ID,
      PROPS('properties', '{"subscriptionIdentifier":1}'),
    ],
  },
  {
    id: 'unsubscribe',
    label: 'UNSUBSCRIBE',
    fields: [VERSION, { name: 'topic', label: 'Topic filter(s)', kind: 'textarea', placeholder: 'sensors/#', help: 'one per line' }, PACKET_ID, PROPS()],
  },
  {
    id: 'publish',
    label: 'PUBLISH',
    fields: [
      VERSION,
      { name: 'topic', label: 'Topic', kind: 'text', placeholder: 'sensors/t' },
      { name: 'payload', label: 'Payload', kind: 'textarea', optional: true, placeholder: '{"t":21.5}' },
      {
        name: 'payloadFormat',
        label: 'Payload is',
        kind: 'select',
        initial: 'text',
        options: [
          { value: 'text', label: 'text (UTF-8)' },
          { value: 'hex', label: 'hex bytes' },
        ],
      },
      QOS(),
      { name: 'retain', label: 'Retain', kind: 'checkbox', initial: '' },
      { name: 'dup', label: 'DUP (re-delivery)', kind: 'checkbox', initial: '' },
      { ...PACKET_ID, help: 'QoS 1 and 2 only; left empty: the next free number' },
      PROPS('properties', '{"contentType":"application/json","messageExpiryInterval":60}'),
    ],
  },
  { id: 'puback', label: 'PUBACK', fields: ACK_FIELDS },
  { id: 'pubrec', label: 'PUBREC', fields: ACK_FIELDS },
  { id: 'pubrel', label: 'PUBREL', fields: ACK_FIELDS },
  { id: 'pubcomp', label: 'PUBCOMP', fields: ACK_FIELDS },
  { id: 'pingreq', label: 'PINGREQ', fields: [] },
  {
    id: 'disconnect',
    label: 'DISCONNECT',
    fields: [
      VERSION,
      {
        name: 'reasonCode',
        label: 'Reason code (5.0)',
        kind: 'select',
        initial: '0',
        options: [0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x8d, 0x93, 0x95, 0x96, 0x97, 0x98, 0x99].map((c) => ({ value: String(c), label: `0x${c.toString(16).padStart(2, '0')} · ${reasonName(c, T.DISCONNECT) ?? ''}` })),
      },
      PROPS('properties', '{"sessionExpiryInterval":0}'),
    ],
  },
];

let nextPacketId = 1;

/** The next packet id, 1..65535 then round again. */
export function autoPacketId(): number {
  const id = nextPacketId;
  nextPacketId = nextPacketId >= 0xffff ? 1 : nextPacketId + 1;
  return id;
}

const utf8 = new TextEncoder();

function fail(error: string, field?: string): EncodeResult {
  return field ? { ok: false, error, field } : { ok: false, error };
}

function version(values: ComposeValues): MqttVersion {
  const v = (values.version ?? '').trim();
  if (v === '' || v === '4') return 4;
  if (v === '5') return 5;
  if (v === '3') return 3;
  throw new EncodeError(`protocol version "${v}": 4 (3.1.1) or 5 (5.0)`, 'version');
}

function int(values: ComposeValues, name: string, min: number, max: number, dflt?: number): number {
  const t = (values[name] ?? '').trim();
  if (t === '') {
    if (dflt === undefined) throw new EncodeError(`${name} is required`, name);
    return dflt;
  }
  const n = /^0x[0-9a-f]+$/i.test(t) ? Number.parseInt(t, 16) : /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new EncodeError(`${name} must be an integer ${min}..${max}, got "${t}"`, name);
  return n;
}

function packetId(values: ComposeValues, required = false): number {
  const t = (values.packetId ?? '').trim();
  if (t === '' && !required) return autoPacketId();
  return int(values, 'packetId', 1, 0xffff);
}

const checked = (values: ComposeValues, name: string) => {
  const v = (values[name] ?? '').trim().toLowerCase();
  return v !== '' && v !== 'false' && v !== '0';
};

function props(values: ComposeValues, name: string, type: number, v: MqttVersion): OutProp[] {
  const text = (values[name] ?? '').trim();
  if (text === '' || text === '{}') return [];
  if (v !== 5) throw new EncodeError('properties are MQTT 5.0 only: choose protocol version 5.0 or leave them empty', name);
  const j = parseJson(text);
  if (!j.ok) throw new EncodeError(`${name}: ${j.error}`, name);
  return propsFromJson(j.value, type, name);
}

function topics(values: ComposeValues): string[] {
  const list = (values.topic ?? '')
    .split(/\r?\n/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (list.length === 0) throw new EncodeError('at least one topic filter', 'topic');
  for (const t of list) {
    const e = topicFilterError(t);
    if (e) throw new EncodeError(e, 'topic');
  }
  return list;
}

const ACK_TYPES: Record<string, number> = { puback: T.PUBACK, pubrec: T.PUBREC, pubrel: T.PUBREL, pubcomp: T.PUBCOMP };

function build(kind: string, values: ComposeValues): Uint8Array {
  switch (kind) {
    case 'connect': {
      const v = version(values);
      const clientId = values.clientId ?? '';
      const username = values.username ?? '';
      const password = values.password ?? '';
      const willTopic = (values.willTopic ?? '').trim();
      const cleanStart = checked(values, 'cleanStart');
      if (password !== '' && username === '' && v !== 5) throw new EncodeError('MQTT 3.1.1 sends a password only with a user name', 'password');
      if (willTopic === '' && (values.willPayload ?? '') !== '') throw new EncodeError('a will payload needs a will topic', 'willTopic');
      if (/[#+]/.test(willTopic)) throw new EncodeError('a will topic is a topic name: no + or #', 'willTopic');
      const willProps = props(values, 'willProperties', WILL, v);
      if (willTopic === '' && willProps.length > 0) throw new EncodeError('will properties need a will topic', 'willTopic');
      if (willTopic === '' && (checked(values, 'willRetain') || int(values, 'willQos', 0, 2, 0) !== 0)) throw new EncodeError('will QoS and will retain need a will topic', 'willTopic');
      return encodeConnect({
        version: v,
        clientId,
        cleanStart,
        keepalive: int(values, 'keepalive', 0, 0xffff, 60),
        ...(username !== '' ? { username } : {}),
        ...(password !== '' ? { password: utf8.encode(password) } : {}),
        ...(willTopic !== '' ? { will: { topic: willTopic, payload: utf8.encode(values.willPayload ?? ''), qos: int(values, 'willQos', 0, 2, 0), retain: checked(values, 'willRetain'), properties: willProps } } : {}),
        properties: props(values, 'properties', T.CONNECT, v),
      });
    }
    case 'publish': {
      const v = version(values);
      const topic = values.topic ?? '';
      const properties = props(values, 'properties', T.PUBLISH, v);
      if (topic === '' && !(v === 5 && properties.some((p) => p.spec.id === 0x23))) throw new EncodeError('a topic is required (5.0: or a topicAlias property)', 'topic');
      if (/[#+]/.test(topic)) throw new EncodeError('a topic name has no wildcards (+ or #)', 'topic');
      const qos = int(values, 'qos', 0, 2, 0);
      const dup = checked(values, 'dup');
      if (dup && qos === 0) throw new EncodeError('DUP must be 0 for QoS 0', 'dup');
      let payload: Uint8Array;
      if ((values.payloadFormat ?? 'text') === 'hex') {
        const b = parseHex(values.payload ?? '');
        if (!b) throw new EncodeError('payload: not hex bytes (e.g. "01 02 ff")', 'payload');
        payload = b;
      } else payload = utf8.encode(values.payload ?? '');
      return encodePublish({ version: v, topic, payload, qos, retain: checked(values, 'retain'), dup, ...(qos > 0 ? { packetId: packetId(values) } : {}), properties });
    }
    case 'subscribe': {
      const v = version(values);
      const qos = int(values, 'qos', 0, 2, 0);
      const retainHandling = int(values, 'retainHandling', 0, 2, 0);
      const noLocal = checked(values, 'noLocal');
      const retainAsPublished = checked(values, 'retainAsPublished');
      if (v !== 5 && (noLocal || retainAsPublished || retainHandling !== 0)) throw new EncodeError('subscription options beyond QoS are MQTT 5.0 only', noLocal ? 'noLocal' : retainAsPublished ? 'retainAsPublished' : 'retainHandling');
      const list = topics(values);
      return encodeSubscribe({ version: v, packetId: packetId(values), subscriptions: list.map((topic) => ({ topic, qos, noLocal, retainAsPublished, retainHandling })), properties: props(values, 'properties', T.SUBSCRIBE, v) });
    }
    case 'unsubscribe': {
      const v = version(values);
      const list = topics(values);
      return encodeUnsubscribe(v, packetId(values), list, props(values, 'properties', T.UNSUBSCRIBE, v));
    }
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp': {
      const v = version(values);
      const type = ACK_TYPES[kind] ?? T.PUBACK;
      const code = int(values, 'reasonCode', 0, 255, 0);
      if (code !== 0 && v !== 5) throw new EncodeError('reason codes are MQTT 5.0 only', 'reasonCode');
      return encodeAck(type, packetId(values, true), v, code);
    }
    case 'pingreq':
      return encodeEmpty(T.PINGREQ);
    case 'disconnect': {
      const v = version(values);
      const code = int(values, 'reasonCode', 0, 255, 0);
      if (code !== 0 && v !== 5) throw new EncodeError('reason codes are MQTT 5.0 only', 'reasonCode');
      return encodeDisconnect(v, code, props(values, 'properties', T.DISCONNECT, v));
    }
    default:
      throw new EncodeError(`unknown message kind "${kind}"`);
  }
}

/** Encodes a composed message; a preview (`options.preview`) leaves the automatic ids as they were, so it shows the frame that Send will send. */
export function encodeMqtt(kind: string, values: ComposeValues, options?: EncodeOptions): EncodeResult {
  const saved = nextPacketId;
  try {
    return encodeMqttNow(kind, values);
  } finally {
    if (options?.preview) nextPacketId = saved;
  }
}

function encodeMqttNow(kind: string, values: ComposeValues): EncodeResult {
  try {
    return { ok: true, frames: [build(kind, values)] };
  } catch (err) {
    if (err instanceof EncodeError) return fail(err.message, err.field);
    return fail(err instanceof Error ? err.message : String(err));
  }
}
