import { describe, expect, it } from 'vitest';
import type { DecodedMessage, Field, Frame } from '../../types';
import { detectLens } from '../../registry';
import { readVarInt, varIntBytes } from './codec';
import { MAX_PACKET_BYTES, createMqttState, decodeMqttFrame } from './decode';
import { detectMqtt } from './detect';
import { encodeMqtt } from './encode';
import { createMqttLens, mqttLens } from './index';

const hex = (s: string) => new Uint8Array(s.split(/\s+/).filter(Boolean).map((b) => Number.parseInt(b, 16)));
const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
const bin = (bytes: Uint8Array, direction: 'in' | 'out' = 'in'): Frame => ({ direction, format: 'binary', bytes });

function decodeOne(bytes: Uint8Array, direction: 'in' | 'out' = 'in', state = createMqttState()): DecodedMessage {
  const r = mqttLens.decode(bin(bytes, direction), state);
  expect(r.messages).toHaveLength(1);
  return r.messages[0] as DecodedMessage;
}

function field(fields: readonly Field[], ...path: string[]): Field | undefined {
  let list: readonly Field[] | undefined = fields;
  let f: Field | undefined;
  for (const name of path) {
    f = list?.find((x) => x.name === name);
    list = f?.children;
  }
  return f;
}

function encoded(kind: string, values: Record<string, string>): string {
  const r = encodeMqtt(kind, values);
  if (!r.ok) throw new Error(r.error);
  return toHex(r.frames[0] as Uint8Array);
}

/** Spec-built vectors (MQTT 3.1.1 §3, MQTT 5.0 §3): bytes worked out from the packet formats. */
const V = {
  connect: '10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 61',
  connack: '20 02 00 00',
  publish1: '32 09 00 03 61 2f 62 00 0a 68 69',
  puback: '40 02 00 0a',
  pubrec: '50 02 00 0a',
  pubrel: '62 02 00 0a',
  pubcomp: '70 02 00 0a',
  subscribe: '82 08 00 01 00 03 61 2f 23 01',
  suback: '90 03 00 01 01',
  unsubscribe: 'a2 05 00 02 00 01 61',
  unsuback: 'b0 02 00 02',
  pingreq: 'c0 00',
  pingresp: 'd0 00',
  disconnect: 'e0 00',
  // 5.0
  connect5: '10 11 00 04 4d 51 54 54 05 02 00 3c 03 21 00 0a 00 01 61',
  connack5: '20 03 00 00 00',
  publish5: '30 07 00 01 74 02 01 01 78',
  suback5: '90 05 00 01 00 00 87',
  disconnect5: 'e0 01 04',
  auth5: 'f0 01 18',
};

describe('spec vectors: decode', () => {
  it('the fifteen packet types (3.1.1; AUTH in 5.0)', () => {
    const s = createMqttState();
    const d = (v: string, dir: 'in' | 'out') => decodeOne(hex(v), dir, s);
    const connect = d(V.connect, 'out');
    expect(connect).toMatchObject({ type: 'CONNECT', summary: 'CONNECT a · v3.1.1 · keepalive 60 s · clean session' });
    expect(field(connect.fields, 'client id')?.value).toBe('a');
    expect(field(connect.fields, 'keepalive')?.value).toBe(60);
    expect(d(V.connack, 'in')).toMatchObject({ type: 'CONNACK', summary: 'CONNACK accepted' });
    const pub = d(V.publish1, 'in');
    expect(pub).toMatchObject({ type: 'PUBLISH', summary: 'PUBLISH a/b qos1 id 10 · 2 B' });
    expect(field(pub.fields, 'payload')).toMatchObject({ value: 'hi', note: '2 B · text' });
    expect(d(V.puback, 'out').summary).toBe('PUBACK id 10');
    expect(d(V.pubrec, 'out').summary).toBe('PUBREC id 10');
    expect(d(V.pubrel, 'in').summary).toBe('PUBREL id 10');
    expect(d(V.pubcomp, 'out').summary).toBe('PUBCOMP id 10');
    const sub = d(V.subscribe, 'out');
    expect(sub.summary).toBe('SUBSCRIBE id 1 · a/# qos1');
    expect(field(sub.fields, 'subscriptions', '0', 'topic filter')?.value).toBe('a/#');
    expect(d(V.suback, 'in').summary).toBe('SUBACK id 1 · granted qos 1');
    expect(d(V.unsubscribe, 'out').summary).toBe('UNSUBSCRIBE id 2 · a');
    expect(d(V.unsuback, 'in').summary).toBe('UNSUBACK id 2');
    expect(d(V.pingreq, 'out')).toMatchObject({ type: 'PINGREQ', heartbeat: true });
    expect(d(V.pingresp, 'in')).toMatchObject({ type: 'PINGRESP', heartbeat: true });
    expect(d(V.disconnect, 'out')).toMatchObject({ type: 'DISCONNECT', summary: 'DISCONNECT' });
  });

  it('5.0: the CONNECT sets the version for both directions', () => {
    const s = createMqttState();
    const c = decodeOne(hex(V.connect5), 'out', s);
    expect(c.summary).toBe('CONNECT a · v5.0 · keepalive 60 s · clean start');
    expect(field(c.fields, 'properties', 'Receive Maximum')).toMatchObject({ value: 10, note: '0x21 · two byte int' });
    expect(decodeOne(hex(V.connack5), 'in', s).summary).toBe('CONNACK accepted');
    const p = mqttLens.decode(bin(hex(V.publish5)), s);
    // It reads the version the CONNECT set; the decode index forks the state after that CONNECT, so nothing here is kept.
    expect(p.stateful).toBeUndefined();
    const pub = p.messages[0] as DecodedMessage;
    expect(pub.summary).toBe('PUBLISH t qos0 · 1 B');
    expect(field(pub.fields, 'properties', 'Payload Format Indicator')).toMatchObject({ value: 1, note: '0x01 · byte' });
    expect(field(pub.fields, 'version')?.value).toBe('5.0');
    const suback = decodeOne(hex(V.suback5), 'in', s);
    expect(suback.summary).toBe('SUBACK id 1 · granted qos 0, Not authorized (0x87)');
    expect(field(suback.fields, 'reason codes', '1')).toMatchObject({ value: 0x87, note: 'Not authorized' });
    expect(decodeOne(hex(V.disconnect5), 'out', s).summary).toBe('DISCONNECT · Disconnect with Will Message (0x04)');
    expect(decodeOne(hex(V.auth5), 'in', s).summary).toBe('AUTH · Continue authentication (0x18)');
  });

  it('CONNACK return and reason codes by name', () => {
    expect(decodeOne(hex('20 02 01 00')).summary).toBe('CONNACK accepted · session present');
    expect(decodeOne(hex('20 02 00 05')).summary).toBe('CONNACK refused: not authorized (0x05)');
    const s = createMqttState();
    decodeOne(hex(V.connect5), 'out', s);
    expect(decodeOne(hex('20 03 00 86 00'), 'in', s).summary).toBe('CONNACK refused: Bad User Name or Password (0x86)');
    // 0x01 is "Granted QoS 1" in a SUBACK only
    expect(decodeOne(hex('20 03 00 01 00'), 'in', s).summary).toBe('CONNACK refused: unknown reason code (0x01)');
  });

  it('the remaining length: the spec table of variable byte integers', () => {
    const table: Array<[number, string]> = [
      [0, '00'],
      [127, '7f'],
      [128, '80 01'],
      [16_383, 'ff 7f'],
      [16_384, '80 80 01'],
      [2_097_151, 'ff ff 7f'],
      [2_097_152, '80 80 80 01'],
      [268_435_455, 'ff ff ff 7f'],
    ];
    for (const [n, bytes] of table) {
      expect(toHex(varIntBytes(n))).toBe(bytes);
      expect(readVarInt(hex(bytes), 0)).toEqual({ value: n, length: bytes.split(' ').length });
    }
    expect(readVarInt(hex('ff ff ff ff 01'), 0)).toBe('malformed');
    expect(readVarInt(hex('ff ff'), 0)).toBe('short');
    expect(() => varIntBytes(268_435_456)).toThrow();
  });
});

describe('spec vectors: encode gives the exact bytes', () => {
  it('3.1.1', () => {
    expect(encoded('connect', { version: '4', clientId: 'a', keepalive: '60', cleanStart: 'true' })).toBe(V.connect);
    expect(encoded('publish', { version: '4', topic: 'a/b', payload: 'hi', qos: '1', packetId: '10' })).toBe(V.publish1);
    expect(encoded('puback', { packetId: '10' })).toBe(V.puback);
    expect(encoded('pubrec', { packetId: '10' })).toBe(V.pubrec);
    expect(encoded('pubrel', { packetId: '10' })).toBe(V.pubrel);
    expect(encoded('pubcomp', { packetId: '10' })).toBe(V.pubcomp);
    expect(encoded('subscribe', { topic: 'a/#', qos: '1', packetId: '1' })).toBe(V.subscribe);
    expect(encoded('unsubscribe', { topic: 'a', packetId: '2' })).toBe(V.unsubscribe);
    expect(encoded('pingreq', {})).toBe(V.pingreq);
    expect(encoded('disconnect', {})).toBe(V.disconnect);
  });

  it('5.0', () => {
    expect(encoded('connect', { version: '5', clientId: 'a', keepalive: '60', cleanStart: 'true', properties: '{"receiveMaximum":10}' })).toBe(V.connect5);
    expect(encoded('publish', { version: '5', topic: 't', payload: 'x', properties: '{"payloadFormatIndicator":true}' })).toBe(V.publish5);
    expect(encoded('disconnect', { version: '5', reasonCode: '4' })).toBe(V.disconnect5);
    // a v5 ack with Success and no properties may omit both (MQTT 5.0 §3.4.2.1)
    expect(encoded('puback', { version: '5', packetId: '10' })).toBe(V.puback);
    expect(encoded('puback', { version: '5', packetId: '10', reasonCode: '0x10' })).toBe('40 03 00 0a 10');
    expect(encoded('subscribe', { version: '5', topic: 'a', qos: '2', noLocal: 'true', retainAsPublished: 'true', retainHandling: '2', packetId: '3' })).toBe('82 07 00 03 00 00 01 61 2e');
    expect(encoded('publish', { version: '4', topic: 't', payload: '01 ff', payloadFormat: 'hex', retain: 'true', dup: 'true', qos: '2', packetId: '1' })).toBe('3d 07 00 01 74 00 01 01 ff');
  });

  it('a large PUBLISH takes a multi-byte remaining length and round-trips', () => {
    const payload = 'x'.repeat(200);
    const r = encodeMqtt('publish', { topic: 't', payload });
    expect(r.ok).toBe(true);
    const bytes = (r.ok ? r.frames[0] : new Uint8Array()) as Uint8Array;
    expect(toHex(bytes.subarray(0, 3))).toBe('30 cb 01'); // 203 = 0xcb 0x01
    const m = decodeOne(bytes);
    expect(field(m.fields, 'payload')?.value).toBe(payload);
  });

  it('packet ids are assigned when left empty, and differ', () => {
    const a = encodeMqtt('subscribe', { topic: 'a' });
    const b = encodeMqtt('subscribe', { topic: 'a' });
    if (!a.ok || !b.ok) throw new Error('encode failed');
    const id = (f: Uint8Array) => ((f[2] ?? 0) << 8) | (f[3] ?? 0);
    const ia = id(a.frames[0] as Uint8Array);
    const ib = id(b.frames[0] as Uint8Array);
    expect(ia).toBeGreaterThan(0);
    expect(ib).not.toBe(ia);
  });
});

describe('framing across WebSocket frames', () => {
  it('one frame with several packets gives several messages', () => {
    const r = mqttLens.decode(bin(hex(`${V.connack} ${V.suback} ${V.publish1} ${V.pingresp}`)), createMqttState());
    expect(r.messages.map((m) => m.type)).toEqual(['CONNACK', 'SUBACK', 'PUBLISH', 'PINGRESP']);
    expect(r.stateful).toBeUndefined();
  });

  it('a packet split over three frames: partial, partial, then the packet with stateful', () => {
    const s = createMqttState();
    const all = hex(V.publish1);
    const a = mqttLens.decode(bin(all.subarray(0, 3)), s);
    expect(a.messages).toEqual([expect.objectContaining({ type: 'partial', summary: 'partial packet, 3 of 11 bytes' })]);
    const b = mqttLens.decode(bin(all.subarray(3, 7)), s);
    expect(b).toMatchObject({ stateful: true, messages: [{ type: 'partial', summary: 'partial packet, 7 of 11 bytes' }] });
    const c = mqttLens.decode(bin(all.subarray(7)), s);
    expect(c.stateful).toBe(true);
    expect(c.messages).toHaveLength(1);
    expect(c.messages[0]?.summary).toBe('PUBLISH a/b qos1 id 10 · 2 B');
  });

  it('a split inside the fixed header, and a frame that ends one packet, holds another and starts a third', () => {
    const s = createMqttState();
    const big = hex(`30 82 01 00 01 74 ${'61 '.repeat(127)}`); // remaining length 130
    expect(mqttLens.decode(bin(big.subarray(0, 2)), s).messages[0]?.summary).toBe('partial packet, 2 bytes of its fixed header');
    const rest = new Uint8Array([...big.subarray(2), ...hex(V.pingresp), ...hex(V.publish1).subarray(0, 5)]);
    const r = mqttLens.decode(bin(rest), s);
    expect(r.stateful).toBe(true);
    expect(r.messages.map((m) => m.summary)).toEqual(['PUBLISH t qos0 · 127 B', 'PINGRESP', 'partial packet, 5 of 11 bytes']);
    expect(mqttLens.decode(bin(hex(V.publish1).subarray(5)), s).messages[0]?.type).toBe('PUBLISH');
  });

  it('keeps one buffer per direction', () => {
    const s = createMqttState();
    const sub = hex(V.subscribe);
    const pub = hex(V.publish1);
    mqttLens.decode(bin(sub.subarray(0, 4), 'out'), s);
    mqttLens.decode(bin(pub.subarray(0, 4), 'in'), s);
    expect(mqttLens.decode(bin(sub.subarray(4), 'out'), s).messages[0]?.type).toBe('SUBSCRIBE');
    expect(mqttLens.decode(bin(pub.subarray(4), 'in'), s).messages[0]?.type).toBe('PUBLISH');
  });

  it('a packet larger than the reassembly limit is skipped with an error, and framing resumes after it', () => {
    const s = createMqttState();
    const total = MAX_PACKET_BYTES + 10;
    const header = new Uint8Array([0x30, ...varIntBytes(total - 5)]);
    expect(header.length).toBe(5);
    const first = mqttLens.decode(bin(header), s).messages[0];
    expect(first?.error).toMatch(/larger than the lens reassembles/);
    const chunk = new Uint8Array(total - 5 - 3);
    expect(mqttLens.decode(bin(chunk), s).messages[0]?.type).toBe('partial');
    const r = mqttLens.decode(bin(new Uint8Array([0, 0, 0, ...hex(V.pingresp)])), s);
    expect(r.messages.map((m) => m.type)).toEqual(['PINGRESP']);
  });
});

describe('bad input: a clear error, never a throw', () => {
  const bad = (v: string, state = createMqttState()) => {
    const m = decodeOne(hex(v), 'in', state);
    expect(m.error).toBeTruthy();
    return m;
  };

  it('a remaining length with a fifth continuation byte is malformed', () => {
    const m = bad('30 ff ff ff ff 01 00');
    expect(m.error).toMatch(/fifth continuation byte/);
    expect(m.summary).toMatch(/malformed remaining length/);
  });
  it('reserved packet type 0, and 15 in 3.1.1', () => {
    expect(bad('00 00').error).toBe('reserved packet type 0');
    const s = createMqttState();
    decodeOne(hex(V.connect), 'out', s);
    expect(bad('f0 00', s).error).toMatch(/type 15 is reserved in MQTT 3.1.1/);
  });
  it('wrong fixed-header flags for the type', () => {
    expect(bad('60 02 00 0a').error).toMatch(/flags of PUBREL must be 0010, got 0000/);
    expect(bad('80 08 00 01 00 03 61 2f 23 01').error).toMatch(/flags of SUBSCRIBE must be 0010/);
    expect(bad('c1 00').error).toMatch(/flags of PINGREQ must be 0000, got 0001/);
    expect(bad('36 05 00 01 74 00 01').error).toMatch(/QoS 3/);
    expect(bad('38 04 00 01 74 78').error).toMatch(/DUP must be 0/);
  });
  it('invalid UTF-8 in a topic, U+0000 in a topic, a wildcard in a topic name', () => {
    const m = bad('30 05 00 02 c3 28 78');
    expect(m.error).toBe('invalid UTF-8 in topic name');
    expect(field(m.fields, 'raw')?.value).toEqual(hex('30 05 00 02 c3 28 78'));
    expect(bad('30 05 00 02 61 00 78').error).toMatch(/U\+0000/);
    expect(bad('30 05 00 02 61 23 78').error).toMatch(/wildcard/);
    expect(bad('82 06 00 01 00 01 ed 00').error).toMatch(/invalid UTF-8 in topic filter/);
    expect(bad('82 07 00 01 00 02 23 61 00').error).toMatch(/# must be a whole level/);
  });
  it('v5 properties: unknown id, not allowed in the packet, duplicated, out of range', () => {
    const v5 = () => {
      const s = createMqttState();
      decodeOne(hex(V.connect5), 'out', s);
      return s;
    };
    expect(bad('30 06 00 01 74 02 7f 01', v5()).error).toMatch(/unknown property identifier 0x7f/);
    expect(bad('30 08 00 01 74 04 11 00 00 00', v5()).error).toMatch(/truncated Session Expiry Interval/);
    expect(bad('30 09 00 01 74 05 11 00 00 00 3c', v5()).error).toMatch(/Session Expiry Interval \(0x11\) is not allowed in PUBLISH/);
    expect(bad('30 0a 00 01 74 06 23 00 01 23 00 02', v5()).error).toMatch(/Topic Alias appears more than once/);
    expect(bad('30 06 00 01 74 02 01 07', v5()).error).toMatch(/Payload Format Indicator must be 0 or 1/);
    expect(bad('30 05 00 01 74 09 00', v5()).error).toMatch(/property length 9 overruns/);
    // user properties may repeat
    expect(decodeOne(hex('30 10 00 01 74 0c 26 00 01 6b 00 01 76 26 00 00 00 00'), 'in', v5()).error).toBeUndefined();
  });
  it('v5 properties whose bytes are not of the property\'s type: a string that is not UTF-8, a variable byte integer that never ends', () => {
    const v5 = () => {
      const s = createMqttState();
      decodeOne(hex(V.connect5), 'out', s);
      return s;
    };
    // Content Type (0x03) is a UTF-8 string: c3 28 is not UTF-8.
    const m = bad('30 09 00 01 74 05 03 00 02 c3 28', v5());
    expect(m.error).toMatch(/invalid UTF-8 in Content Type/);
    expect(field(m.fields, 'raw')?.value).toEqual(hex('30 09 00 01 74 05 03 00 02 c3 28'));
    // Subscription Identifier (0x0b) is a variable byte integer: five continuation bytes are malformed.
    expect(bad('30 0a 00 01 74 06 0b ff ff ff ff 01', v5()).error).toMatch(/Subscription Identifier/);
    // A User Property (0x26) is a string pair: only the name is there.
    expect(bad('30 0a 00 01 74 06 26 00 01 6b 00 05', v5()).error).toMatch(/User Property/);
  });
  it('truncated fields inside a packet', () => {
    expect(bad('32 03 00 01 74').error).toMatch(/truncated packet identifier/);
    expect(bad('30 02 00 05').error).toMatch(/truncated topic name/);
    expect(bad('10 04 00 04 4d 51').error).toMatch(/truncated protocol name/);
    expect(bad('20 01 00').error).toMatch(/truncated return code/);
    expect(bad('40 01 00').error).toMatch(/truncated packet identifier/);
  });
  it('CONNECT rules: reserved flag, will QoS without will, password without user name in 3.1.1, a wrong protocol name', () => {
    expect(bad('10 0d 00 04 4d 51 54 54 04 03 00 3c 00 01 61').error).toMatch(/reserved bit 0/);
    expect(bad('10 0d 00 04 4d 51 54 54 04 0a 00 3c 00 01 61').error).toMatch(/without the will flag/);
    expect(bad('10 10 00 04 4d 51 54 54 04 42 00 3c 00 01 61 00 01 70').error).toMatch(/password needs a user name/);
    expect(bad('10 0d 00 04 4d 51 54 58 04 02 00 3c 00 01 61').error).toMatch(/protocol name "MQTX"/);
  });
  it('a text frame: MQTT over WebSocket must be binary', () => {
    const r = mqttLens.decode({ direction: 'in', format: 'text', text: '{"hello":1}' }, createMqttState());
    expect(r.messages[0]?.error).toMatch(/MUST use binary frames/);
  });
  it('random bytes never throw out of decode', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const s = createMqttState();
    let errors = 0;
    for (let i = 0; i < 3000; i++) {
      const len = rnd() % 40;
      const bytes = new Uint8Array(len);
      for (let j = 0; j < len; j++) bytes[j] = rnd() & 0xff;
      if (len > 0 && rnd() % 2 === 0) bytes[0] = ((rnd() % 16) << 4) | (rnd() % 2 ? 0 : 2);
      const r = decodeMqttFrame(bin(bytes, rnd() % 2 ? 'in' : 'out'), s);
      errors += r.messages.filter((m) => m.error).length;
    }
    expect(errors).toBeGreaterThan(20);
  });
});

describe('the version rule before any CONNECT', () => {
  it('defaults to 3.1.1', () => {
    const m = decodeOne(hex(V.connack));
    expect(field(m.fields, 'version')).toMatchObject({ value: '3.1.1', note: 'default (no CONNECT seen)' });
  });
  it('a packet 3.1.1 cannot read but 5.0 can switches to 5.0 (guessed) for later packets', () => {
    const s = createMqttState();
    const m = decodeOne(hex('20 06 00 00 03 21 00 05'), 'in', s); // CONNACK with Receive Maximum 5
    expect(m.error).toBeUndefined();
    expect(field(m.fields, 'version')).toMatchObject({ value: '5.0', note: expect.stringMatching(/guessed/) });
    expect(s.version).toBe(5);
    expect(field(decodeOne(hex(V.publish5), 'in', s).fields, 'properties', 'Payload Format Indicator')?.value).toBe(1);
  });
  it('AUTH before any CONNECT reads as 5.0', () => {
    expect(decodeOne(hex(V.auth5)).type).toBe('AUTH');
  });
  it('a later CONNECT wins', () => {
    const s = createMqttState();
    decodeOne(hex('20 06 00 00 03 21 00 05'), 'in', s);
    decodeOne(hex(V.connect), 'out', s);
    expect(s.version).toBe(4);
  });
});

describe('what the timeline, filters and pairing read', () => {
  it('the password is masked in the summary, fields and explanation', () => {
    const r = encodeMqtt('connect', { clientId: 'c', username: 'bob', password: 'hunter2-secret', keepalive: '30', cleanStart: 'true' });
    if (!r.ok) throw new Error(r.error);
    const m = decodeOne(r.frames[0] as Uint8Array, 'out');
    expect(m.summary).toBe('CONNECT c · v3.1.1 · keepalive 30 s · clean session · user bob · password •••• (14 B)');
    expect(field(m.fields, 'password')).toMatchObject({ value: '••••', note: '14 B, masked' });
    // What is shown holds no trace of it; `secrets` hands it to the page's mask (lib/decode/secrets.ts), and is never shown.
    expect(m.secrets).toEqual(['hunter2-secret']);
    const all = JSON.stringify({ ...m, secrets: undefined }, (_k, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v));
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain(toHex(new TextEncoder().encode('hunter2')));
  });

  it('a will with its QoS, retain and v5 properties', () => {
    const r = encodeMqtt('connect', { version: '5', clientId: 'c', willTopic: 'status/c', willPayload: 'gone', willQos: '1', willRetain: 'true', willProperties: '{"willDelayInterval":5}' });
    if (!r.ok) throw new Error(r.error);
    const m = decodeOne(r.frames[0] as Uint8Array, 'out');
    expect(m.summary).toContain('will status/c');
    expect(field(m.fields, 'will', 'topic')?.value).toBe('status/c');
    expect(field(m.fields, 'will', 'QoS')?.value).toBe(1);
    expect(field(m.fields, 'will', 'retain')?.value).toBe(true);
    expect(field(m.fields, 'will', 'properties', 'Will Delay Interval')?.value).toBe(5);
    expect(field(m.fields, 'will', 'payload')?.value).toBe('gone');
  });

  it('keys for filters', () => {
    const s = createMqttState();
    expect(decodeOne(hex(V.connect), 'out', s).keys).toEqual([
      ['type', 'CONNECT'],
      ['clientId', 'a'],
    ]);
    expect(decodeOne(hex(V.publish1), 'in', s).keys).toEqual([
      ['type', 'PUBLISH'],
      ['packetId', '10'],
      ['topic', 'a/b'],
      ['qos', '1'],
    ]);
    expect(decodeOne(hex('20 02 00 05'), 'in', s).keys).toContainEqual(['reasonCode', '5']);
  });

  it('pairing keys: each ack closes its request, client and server ids apart', () => {
    const s = createMqttState();
    const c = (v: string, dir: 'in' | 'out') => decodeOne(hex(v), dir, s).correlation;
    expect(c(V.connect, 'out')).toEqual({ key: 'connect:out', role: 'request' });
    expect(c(V.connack, 'in')).toEqual({ key: 'connect:out', role: 'reply' });
    expect(c(V.subscribe, 'out')).toEqual({ key: 'sub:out:1', role: 'request' });
    expect(c(V.suback, 'in')).toEqual({ key: 'sub:out:1', role: 'reply' });
    expect(c(V.unsubscribe, 'out')).toEqual({ key: 'unsub:out:2', role: 'request' });
    expect(c(V.unsuback, 'in')).toEqual({ key: 'unsub:out:2', role: 'reply' });
    expect(c(V.pingreq, 'out')).toEqual({ key: 'ping:out', role: 'request' });
    expect(c(V.pingresp, 'in')).toEqual({ key: 'ping:out', role: 'reply' });
    // QoS 1 from the server, PUBACK from us
    expect(c(V.publish1, 'in')).toEqual({ key: 'pub:in:10', role: 'request' });
    expect(c(V.puback, 'out')).toEqual({ key: 'pub:in:10', role: 'reply' });
    // QoS 2 from us with the same id: a different key
    const q2 = encodeMqtt('publish', { topic: 't', qos: '2', packetId: '10' });
    if (!q2.ok) throw new Error(q2.error);
    expect(decodeOne(q2.frames[0] as Uint8Array, 'out', s).correlation).toEqual({ key: 'pub:out:10', role: 'request' });
    expect(c(V.pubrec, 'in')).toEqual({ key: 'pub:out:10', role: 'partial' });
    expect(c(V.pubrel, 'out')).toEqual({ key: 'pub:out:10', role: 'partial' });
    expect(c(V.pubcomp, 'in')).toEqual({ key: 'pub:out:10', role: 'reply' });
    // QoS 0 does not pair
    expect(decodeOne(hex('30 04 00 01 74 78'), 'in', s).correlation).toBeUndefined();
  });

  it('explains the fixed header byte and the remaining length', () => {
    const m = decodeOne(hex(V.publish1));
    expect(m.explain).toContain('Byte 0 is 0x32 = 00110010: the high 4 bits (3) are the packet type PUBLISH, the low 4 bits (0010) its flags (DUP 0 · QoS 1 · RETAIN 0)');
    expect(m.explain).toContain('Byte 1 (09) is the remaining length');
    expect(field(m.fields, 'fixed header', 'flags')?.note).toBe('DUP 0 · QoS 1 · RETAIN 0');
  });

  it('payloads: text, JSON tree (keys stay data), hex, and the payloadDecoder hook', () => {
    const pub = (payload: string, fmt = 'text') => {
      const r = encodeMqtt('publish', { topic: 't', payload, payloadFormat: fmt });
      if (!r.ok) throw new Error(r.error);
      return decodeOne(r.frames[0] as Uint8Array);
    };
    const j = field(pub('{"__proto__":{"x":1},"t":21.5}').fields, 'payload');
    expect(j?.note).toBe('30 B · JSON');
    expect(j?.children?.map((c) => c.name)).toEqual(['__proto__', 't']);
    expect(field(pub('ff fe 00', 'hex').fields, 'payload')).toMatchObject({ value: hex('ff fe 00'), note: '3 B · binary (hex)' });
    const lens = createMqttLens({ payloadDecoder: (bytes, ctx) => (bytes[0] === 0x81 ? { fields: [{ name: 'decoded', value: ctx.topic }], note: 'test encoding' } : null) });
    const r = lens.decode(bin(hex('30 05 00 01 74 81 00')), lens.createState());
    expect(field(r.messages[0]?.fields ?? [], 'payload')).toMatchObject({ note: '2 B · test encoding', children: [{ name: 'decoded', value: 't' }] });
    const fallback = lens.decode(bin(hex('30 04 00 01 74 78')), lens.createState());
    expect(field(fallback.messages[0]?.fields ?? [], 'payload')?.value).toBe('x');
  });
});

describe('encode errors name the field', () => {
  const err = (kind: string, values: Record<string, string>) => {
    const r = encodeMqtt(kind, values);
    expect(r.ok).toBe(false);
    return r.ok ? { error: '', field: undefined } : r;
  };
  it('each bad value', () => {
    expect(err('publish', { topic: '' }).field).toBe('topic');
    expect(err('publish', { topic: 'a/#' }).field).toBe('topic');
    expect(err('publish', { topic: 't', qos: '3' }).field).toBe('qos');
    expect(err('publish', { topic: 't', dup: 'true' }).field).toBe('dup');
    expect(err('publish', { topic: 't', payload: 'zz', payloadFormat: 'hex' }).field).toBe('payload');
    expect(err('publish', { topic: 't', qos: '1', packetId: '0' }).field).toBe('packetId');
    expect(err('publish', { topic: 't', qos: '1', packetId: '65536' }).field).toBe('packetId');
    expect(err('publish', { topic: 't', properties: '{"contentType":"x"}' }).error).toMatch(/5.0 only/);
    expect(err('publish', { version: '5', topic: 't', properties: '{"contentType":1}' })).toMatchObject({ field: 'properties', error: expect.stringMatching(/utf-8 string/) });
    expect(err('publish', { version: '5', topic: 't', properties: '{"sessionExpiryInterval":1}' }).error).toMatch(/not allowed in PUBLISH/);
    expect(err('publish', { version: '5', topic: 't', properties: '{"nope":1}' }).error).toMatch(/unknown property "nope"/);
    expect(err('publish', { version: '5', topic: 't', properties: '{bad' }).field).toBe('properties');
    expect(err('publish', { version: '6', topic: 't' }).field).toBe('version');
    expect(err('connect', { keepalive: '70000' }).field).toBe('keepalive');
    expect(err('connect', { password: 'p' }).field).toBe('password');
    expect(err('connect', { willPayload: 'x' }).field).toBe('willTopic');
    expect(err('connect', { clientId: 'a\u0000b' }).field).toBe('clientId');
    expect(err('subscribe', { topic: '' }).field).toBe('topic');
    expect(err('subscribe', { topic: 'a/b#' }).field).toBe('topic');
    expect(err('subscribe', { topic: 'a', noLocal: 'true' }).field).toBe('noLocal');
    expect(err('puback', {}).field).toBe('packetId');
    expect(err('disconnect', { reasonCode: '4' }).field).toBe('reasonCode');
    expect(err('nope', {}).error).toMatch(/unknown message kind/);
  });
});

describe('detection', () => {
  const hint = (over: Partial<{ url: string; offered: string[]; protocol: string; frames: Frame[] }>) => ({ url: 'ws://h/x', offered: [], protocol: '', frames: [], ...over });
  it('subprotocol 3, path 2, a CONNECT frame 1, else 0', () => {
    expect(detectMqtt(hint({ protocol: 'mqtt' }))).toBe(3);
    expect(detectMqtt(hint({ protocol: 'mqttv3.1' }))).toBe(3);
    expect(detectMqtt(hint({ url: 'ws://h:1/mqtt' }))).toBe(2);
    expect(detectMqtt(hint({ frames: [bin(hex(V.connect), 'out')] }))).toBe(1);
    expect(detectMqtt(hint({ frames: [bin(hex('10 0e 00 06 4d 51 49 73 64 70 03 02 00 3c 00 00'), 'out')] }))).toBe(1);
    expect(detectMqtt(hint({ frames: [bin(hex('10 02 00 00'), 'out')] }))).toBe(0);
    expect(detectMqtt(hint({ url: 'ws://h/echo', frames: [{ direction: 'in', format: 'text', text: '{}' }] }))).toBe(0);
  });
  it('wins over JSON in the registry', () => {
    expect(detectLens(hint({ protocol: 'mqtt', frames: [{ direction: 'in', format: 'text', text: '{}' }] }))?.id).toBe('mqtt');
  });
});
