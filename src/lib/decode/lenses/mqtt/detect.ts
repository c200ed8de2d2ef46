import type { DetectHint } from '../../types';

const SUBPROTOCOLS = new Set(['mqtt', 'mqttv3.1', 'mqttv3.1.1', 'mqttv5']);

/** A binary frame that is a CONNECT: 0x10, a remaining length, then "MQTT" (3.1.1 / 5.0) or "MQIsdp" (3.1). */
export function looksLikeConnect(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0x10) return false;
  let i = 1;
  while (i < 5 && i < bytes.length && ((bytes[i] ?? 0) & 0x80) !== 0) i++;
  i++;
  const len = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  if (len !== 4 && len !== 6) return false;
  const name = String.fromCharCode(...bytes.subarray(i + 2, i + 2 + len));
  return name === 'MQTT' || name === 'MQIsdp';
}

/**
 * MQTT over WebSocket: the subprotocol `mqtt` (or the old `mqttv3.1`) → 3,
 * a URL path ending in /mqtt (or /mqtt5, /mqtt3) → 2, a first binary frame that is a CONNECT → 1.
 */
export function detectMqtt(hint: DetectHint): number {
  const chosen = hint.protocol.toLowerCase();
  if (SUBPROTOCOLS.has(chosen)) return 3;
  if (chosen === '' && hint.offered.some((p) => SUBPROTOCOLS.has(p.toLowerCase()))) return 3;
  let path = '';
  try {
    path = new URL(hint.url).pathname;
  } catch {
    path = '';
  }
  if (/\/mqtt[0-9]?\/?$/i.test(path)) return 2;
  const first = hint.frames.find((f) => f.format === 'binary');
  return first && first.format === 'binary' && looksLikeConnect(first.bytes) ? 1 : 0;
}
