import type { DetectHint } from '../types';

/**
 * Shared by the MessagePack, CBOR and protobuf detections (always loaded, so
 * small: no codec here). A subprotocol names the encoding as a whole word,
 * e.g. "msgpack", "v1.msgpack", "cbor+json"; WAMP's "wamp.2.msgpack" and
 * "wamp.2.cbor" belong to the WAMP lens.
 */
export function subprotocolNames(hint: DetectHint, words: readonly string[]): boolean {
  const chosen = hint.protocol || (hint.offered.length === 1 ? (hint.offered[0] ?? '') : '');
  const p = chosen.toLowerCase();
  if (!p || p.startsWith('wamp.')) return false;
  return p.split(/[.+_\-/;]/).some((part) => words.includes(part));
}

/**
 * The first binary frames (at most 3), or null when there are none. Text
 * frames are not considered: a JSON text frame is never MessagePack or CBOR.
 */
export function firstBinaryFrames(hint: DetectHint): Uint8Array[] | null {
  const out: Uint8Array[] = [];
  for (const f of hint.frames) {
    if (f.format === 'binary') out.push(f.bytes);
    if (out.length >= 3) break;
  }
  return out.length ? out : null;
}

/** Frames bigger than this are not walked by detection. */
export const MAX_DETECT_BYTES = 1 << 16;
