import type { DetectHint } from '../../types';
import { MAX_DETECT_BYTES, firstBinaryFrames, subprotocolNames } from '../binary-detect';

/**
 * Whether bytes are exactly one well-formed MessagePack map or array with at
 * least one entry (maps keyed by strings), walked without decoding or
 * allocating: a count of items still to read, no recursion.
 */
export function looksLikeMsgpack(b: Uint8Array): boolean {
  const n = b.length;
  if (n < 2 || n > MAX_DETECT_BYTES) return false;
  const first = b[0] as number;
  const isMap = (x: number) => (x >= 0x80 && x <= 0x8f) || x === 0xde || x === 0xdf;
  const isArray = (x: number) => (x >= 0x90 && x <= 0x9f) || x === 0xdc || x === 0xdd;
  if (!isMap(first) && !isArray(first)) return false;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 0;
  let pending = 1;
  const uint = (size: 1 | 2 | 4): number => {
    if (pos + size > n) return -1;
    const v = size === 1 ? view.getUint8(pos) : size === 2 ? view.getUint16(pos) : view.getUint32(pos);
    pos += size;
    return v;
  };
  const extLength = (size: 1 | 2 | 4): number => {
    const len = uint(size);
    return len < 0 ? -1 : len + 1;
  };
  // keys of the top-level map must be strings: depth is not tracked, so check the first key only
  let top = true;
  while (pending > 0) {
    if (pos >= n) return false;
    const x = b[pos++] as number;
    pending--;
    let skip = 0;
    let items = 0;
    if (x <= 0x7f || x >= 0xe0 || x === 0xc0 || x === 0xc2 || x === 0xc3) skip = 0;
    else if (x >= 0x80 && x <= 0x8f) items = (x & 15) * 2;
    else if (x >= 0x90 && x <= 0x9f) items = x & 15;
    else if (x >= 0xa0 && x <= 0xbf) skip = x & 31;
    else if (x === 0xc1) return false;
    else if (x === 0xc4 || x === 0xd9) skip = uint(1);
    else if (x === 0xc5 || x === 0xda) skip = uint(2);
    else if (x === 0xc6 || x === 0xdb) skip = uint(4);
    else if (x === 0xc7) skip = extLength(1);
    else if (x === 0xc8) skip = extLength(2);
    else if (x === 0xc9) skip = extLength(4);
    else if (x === 0xca || x === 0xce || x === 0xd2) skip = 4;
    else if (x === 0xcb || x === 0xcf || x === 0xd3) skip = 8;
    else if (x === 0xcc || x === 0xd0) skip = 1;
    else if (x === 0xcd || x === 0xd1) skip = 2;
    else if (x >= 0xd4 && x <= 0xd8) skip = 1 + (1 << (x - 0xd4));
    else if (x === 0xdc) items = uint(2);
    else if (x === 0xdd) items = uint(4);
    else if (x === 0xde) items = uint(2) * 2;
    else items = uint(4) * 2;
    if (skip < 0 || items < 0 || pos + skip > n || items > n - pos) return false;
    if (top) {
      top = false;
      if (items === 0) return false;
      if (isMap(x) && !((b[pos] as number) >= 0xa0 && (b[pos] as number) <= 0xbf) && b[pos] !== 0xd9) return false;
    }
    pos += skip;
    pending += items;
  }
  return pos === n;
}

/** 3 when the subprotocol names MessagePack; 1 when the first binary frames are each one whole MessagePack map or array. */
export function detectMsgpack(hint: DetectHint): number {
  if (subprotocolNames(hint, ['msgpack', 'messagepack'])) return 3;
  const frames = firstBinaryFrames(hint);
  return frames && frames.every(looksLikeMsgpack) ? 1 : 0;
}
