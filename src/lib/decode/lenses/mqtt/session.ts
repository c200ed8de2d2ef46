/**
 * The automatic MQTT client session: CONNECT on open with the configured
 * options, PINGREQ whenever nothing was sent for keepalive seconds, and the
 * QoS 1 / QoS 2 acknowledgements (PUBACK; PUBREC → PUBREL → PUBCOMP) both for
 * what the server publishes and for the QoS 2 publishes the user sends.
 */
import type { ComposeField, Frame, LensSession, SessionHost, SessionOptions } from '../../types';
import type { Packet } from './codec';
import { encodeAck, encodeConnect, encodeEmpty, parseFixedHeader } from './codec';
import type { MqttState } from './decode';
import { createMqttState, readWithVersion } from './decode';
import type { MqttVersion } from './spec';
import { CONNACK_RETURN_CODES, T, reasonName } from './spec';

export const MQTT_SESSION_FIELDS: readonly ComposeField[] = [
  {
    name: 'version',
    label: 'Protocol version',
    kind: 'select',
    initial: '4',
    options: [
      { value: '4', label: 'MQTT 3.1.1' },
      { value: '5', label: 'MQTT 5.0' },
    ],
  },
  { name: 'clientId', label: 'Client id', kind: 'text', optional: true, placeholder: 'sockpit-…', help: 'left empty: sockpit- and 8 random hex digits' },
  { name: 'username', label: 'User name', kind: 'text', optional: true },
  { name: 'password', label: 'Password', kind: 'text', optional: true, help: 'sent in CONNECT; shown masked' },
  { name: 'keepalive', label: 'Keepalive (s)', kind: 'number', initial: '60', help: 'a PINGREQ goes out when nothing was sent for this long; 0 = off' },
  { name: 'cleanStart', label: 'Clean start / clean session', kind: 'checkbox', initial: 'true' },
];

function randomHex(n: number): string {
  const bytes = new Uint8Array(Math.ceil(n / 2));
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return [...bytes]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, n);
}

export interface MqttSessionConfig {
  version: MqttVersion;
  clientId: string;
  username?: string;
  password?: string;
  keepalive: number;
  cleanStart: boolean;
}

export function sessionConfig(options: SessionOptions): MqttSessionConfig {
  const v = (options.version ?? '').trim();
  const ka = Number.parseInt((options.keepalive ?? '').trim(), 10);
  const clean = (options.cleanStart ?? 'true').trim().toLowerCase();
  return {
    version: v === '5' || v === '5.0' ? 5 : 4,
    clientId: (options.clientId ?? '').trim() || `sockpit-${randomHex(8)}`,
    ...(options.username ? { username: options.username } : {}),
    ...(options.password ? { password: options.password } : {}),
    keepalive: Number.isInteger(ka) && ka >= 0 && ka <= 0xffff ? ka : 60,
    cleanStart: clean !== '' && clean !== 'false' && clean !== '0',
  };
}

/** Splits frames into whole packets (its own buffers, beside the lens's decode state). */
function packetsOf(frame: Frame, state: MqttState, buffers: { in: Uint8Array; out: Uint8Array }): Packet[] {
  if (frame.format !== 'binary') return [];
  const dir = frame.direction;
  const prev = buffers[dir];
  let data = frame.bytes;
  if (prev.length > 0) {
    data = new Uint8Array(prev.length + frame.bytes.length);
    data.set(prev);
    data.set(frame.bytes, prev.length);
  }
  const out: Packet[] = [];
  let pos = 0;
  while (pos < data.length) {
    const h = parseFixedHeader(data, pos);
    if (h === 'short') break;
    if ('error' in h) {
      pos = data.length;
      break;
    }
    const total = h.headerLength + h.remainingLength;
    if (pos + total > data.length) break;
    const r = readWithVersion(data.subarray(pos, pos + total), state);
    out.push(r.packet);
    pos += total;
  }
  buffers[dir] = pos >= data.length ? new Uint8Array(0) : data.slice(pos);
  return out;
}

export function createMqttSession(host: SessionHost, options: SessionOptions): LensSession {
  const cfg = sessionConfig(options);
  const state = createMqttState();
  const buffers = { in: new Uint8Array(0), out: new Uint8Array(0) };
  let lastSent = host.now();
  let cancelPing: (() => void) | null = null;
  let closed = false;
  let connackSeen = false;
  const version = (): MqttVersion => state.version ?? cfg.version;

  const send = (bytes: Uint8Array) => {
    if (closed) return;
    lastSent = host.now();
    host.send(bytes);
  };

  const schedulePing = () => {
    cancelPing?.();
    cancelPing = null;
    if (closed || cfg.keepalive === 0) return;
    const period = cfg.keepalive * 1000;
    const due = Math.max(0, lastSent + period - host.now());
    cancelPing = host.setTimer(due, () => {
      cancelPing = null;
      if (closed) return;
      if (host.now() - lastSent >= period - 5) send(encodeEmpty(T.PINGREQ));
      schedulePing();
    });
  };

  const handle = (p: Packet) => {
    switch (p.type) {
      case T.CONNACK: {
        if (connackSeen) return;
        connackSeen = true;
        const code = p.reasonCode ?? 0;
        const name = p.version === 5 ? (reasonName(code, T.CONNACK) ?? 'unknown') : (CONNACK_RETURN_CODES[code] ?? 'unknown');
        if (code === 0) host.note('info', `CONNACK 0 accepted · MQTT ${p.version === 5 ? '5.0' : '3.1.1'} as ${cfg.clientId}${p.sessionPresent ? ' · session present' : ''}`);
        else host.note('error', `CONNACK ${code} refused: ${name}`);
        return;
      }
      case T.PUBLISH:
        if (p.packetId === undefined) return;
        if (p.qos === 1) send(encodeAck(T.PUBACK, p.packetId, version()));
        else if (p.qos === 2) send(encodeAck(T.PUBREC, p.packetId, version()));
        return;
      case T.PUBREL:
        if (p.packetId !== undefined) send(encodeAck(T.PUBCOMP, p.packetId, version()));
        return;
      case T.PUBREC:
        // our QoS 2 publish was received; release it (a v5 PUBREC with a failure code ends the flow)
        if (p.packetId !== undefined && (p.reasonCode ?? 0) < 0x80) send(encodeAck(T.PUBREL, p.packetId, version()));
        return;
      default:
        return;
    }
  };

  return {
    open() {
      send(
        encodeConnect({
          version: cfg.version,
          clientId: cfg.clientId,
          cleanStart: cfg.cleanStart,
          keepalive: cfg.keepalive,
          ...(cfg.username !== undefined ? { username: cfg.username } : {}),
          ...(cfg.password !== undefined ? { password: new TextEncoder().encode(cfg.password) } : {}),
        }),
      );
      schedulePing();
    },
    receive(frame) {
      if (closed) return;
      for (const p of packetsOf(frame, state, buffers)) handle(p);
    },
    sent(frame) {
      if (closed) return;
      lastSent = host.now();
      // read what went out for its version (a CONNECT typed by hand) and keep the out-buffer framed
      packetsOf(frame, state, buffers);
    },
    close() {
      closed = true;
      cancelPing?.();
      cancelPing = null;
    },
  };
}
