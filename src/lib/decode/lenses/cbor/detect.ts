import type { DetectHint } from '../../types';
import { MAX_DETECT_BYTES, firstBinaryFrames, subprotocolNames } from '../binary-detect';

/**
 * Whether bytes are exactly one well-formed CBOR array or map with at least
 * one entry (a map's first key a text string), walked without decoding or
 * allocating: a stack of counts of items still to read, no recursion.
 */
export function looksLikeCbor(b: Uint8Array): boolean {
  const n = b.length;
  if (n < 2 || n > MAX_DETECT_BYTES) return false;
  const first = b[0] as number;
  const major0 = first >> 5;
  if ((major0 !== 4 && major0 !== 5) || (first & 31) === 0 || b[1] === 0xff) return false;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const stack: number[] = [1];
  let pos = 0;
  let top = true;
  while (stack.length > 0) {
    const left = stack[stack.length - 1] as number;
    if (left === 0) {
      stack.pop();
      continue;
    }
    if (pos >= n || stack.length > 512) return false;
    const ib = b[pos++] as number;
    if (ib === 0xff) {
      if (left !== Infinity) return false;
      stack.pop();
      continue;
    }
    if (left !== Infinity) stack[stack.length - 1] = left - 1;
    const major = ib >> 5;
    const ai = ib & 31;
    let arg = ai;
    if (ai >= 24 && ai <= 27) {
      const size = 1 << (ai - 24);
      if (pos + size > n) return false;
      arg = size === 1 ? view.getUint8(pos) : size === 2 ? view.getUint16(pos) : size === 4 ? view.getUint32(pos) : Number(view.getBigUint64(pos));
      pos += size;
    } else if (ai >= 28 && ai <= 30) return false;
    const indefinite = ai === 31;
    if (indefinite && (major < 2 || major > 5)) return false;
    if (major === 7 && ai === 24 && arg < 32) return false;
    if (top) {
      top = false;
      if (major === 5 && b[pos] !== undefined && (b[pos] as number) >> 5 !== 3) return false;
    }
    if (major === 2 || major === 3) {
      if (indefinite) stack.push(Infinity);
      else if (arg > n - pos) return false;
      else pos += arg;
    } else if (major === 4) {
      if (!indefinite && arg > n - pos) return false;
      stack.push(indefinite ? Infinity : arg);
    } else if (major === 5) {
      if (!indefinite && arg * 2 > n - pos) return false;
      stack.push(indefinite ? Infinity : arg * 2);
    } else if (major === 6) stack.push(1);
  }
  return pos === n;
}

/** 3 when the subprotocol names CBOR; 1 when the first binary frames are each one whole CBOR array or map. */
export function detectCbor(hint: DetectHint): number {
  if (subprotocolNames(hint, ['cbor'])) return 3;
  const frames = firstBinaryFrames(hint);
  return frames && frames.every(looksLikeCbor) ? 1 : 0;
}
