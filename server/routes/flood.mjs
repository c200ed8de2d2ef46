// @ts-check
import { setImmediate as nextTurn } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { intParam } from '../params.mjs';
import { SOCKET_IO_PRELUDE, binaryEncoder, socketIoEncoder, textEncoder } from './flood-messages.mjs';
import { HIGH_WATER_MARK } from './route.mjs';

export const FLOOD_LIMITS = Object.freeze({
  maxCount: 2_000_000,
  maxSize: 256 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
});

/** Messages sent between two turns of the event loop. */
const BATCH = 512;

/**
 * @typedef {object} FloodOptions
 * @property {number} count
 * @property {number} size
 * @property {'text' | 'binary' | 'socketio'} type
 */

/**
 * Validates `count`, `size` and `type` of /flood.
 *
 * @param {URLSearchParams} params
 * @returns {import('../params.mjs').Parsed<FloodOptions>}
 */
export function parseFloodParams(params) {
  const count = intParam(params, 'count', { min: 1, max: FLOOD_LIMITS.maxCount, fallback: 1000 });
  if (!count.ok) return count;
  const size = intParam(params, 'size', { min: 1, max: FLOOD_LIMITS.maxSize, fallback: 64 });
  if (!size.ok) return size;
  const type = params.get('type') ?? 'text';
  if (type !== 'text' && type !== 'binary' && type !== 'socketio') {
    return { ok: false, error: 'type must be text, binary or socketio.' };
  }
  if (count.value * size.value > FLOOD_LIMITS.maxTotalBytes) {
    return {
      ok: false,
      error: `count * size is ${count.value * size.value} bytes; the limit is 2 GiB (${FLOOD_LIMITS.maxTotalBytes}).`,
    };
  }
  return { ok: true, value: { count: count.value, size: size.value, type } };
}

/**
 * `/flood?count=N&size=B&type=text|binary|socketio`: sends N sequenced
 * messages as fast as the client reads them, then stays open until the
 * client closes. `socketio`: a Socket.IO v4 server's open and CONNECT
 * packets, then N events `42["tick",{"seq":i,"pad":"…"}]` of `size` bytes.
 *
 * @param {import('./route.mjs').PlaygroundLimits} limits
 * @returns {import('./route.mjs').WsRoute}
 */
export function createFloodRoute(limits) {
  return {
    server: 'plain',
    accept: (params) => {
      const parsed = parseFloodParams(params);
      if (!parsed.ok) return parsed;
      return {
        ok: true,
        connect: (ws) => {
          // Errors here would be bugs; never let one take the server down.
          flood(ws, parsed.value, limits.floodMaxMs).catch(() => ws.terminate());
        },
      };
    },
  };
}

/**
 * Sends while the socket's queue is under the high-water mark; past it,
 * waits until the message that crossed it has been written out. Stops when
 * the client goes away; closes with 1008 when `maxMs` runs out.
 *
 * @param {WebSocket} ws
 * @param {FloodOptions} options
 * @param {number} maxMs
 */
export async function flood(ws, { count, size, type }, maxMs) {
  const binary = type === 'binary';
  const encode = binary ? binaryEncoder(size) : type === 'socketio' ? socketIoEncoder(size) : textEncoder(size);
  if (type === 'socketio') for (const packet of SOCKET_IO_PRELUDE) ws.send(packet);
  const deadline = performance.now() + maxMs;
  /** @type {(() => void) | undefined} */
  let wake;
  ws.once('close', () => wake?.());

  /** @param {Buffer[]} fragments @param {(() => void) | undefined} written */
  const sendMessage = (fragments, written) => {
    const last = fragments.length - 1;
    for (let i = 0; i <= last; i += 1) {
      const fragment = /** @type {Buffer} */ (fragments[i]);
      ws.send(fragment, { binary, fin: i === last }, i === last ? written : undefined);
    }
  };

  for (let seq = 1; seq <= count; seq += 1) {
    if (ws.readyState !== WebSocket.OPEN) return;
    const fragments = encode(seq);
    if (ws.bufferedAmount + size < HIGH_WATER_MARK) {
      sendMessage(fragments, undefined);
      if (seq % BATCH !== 0) continue;
      await nextTurn(); // let other connections run
    } else {
      await new Promise((resolve) => {
        wake = () => resolve(undefined);
        sendMessage(fragments, wake);
      });
      wake = undefined;
    }
    if (performance.now() > deadline) {
      if (ws.readyState === WebSocket.OPEN) {
        ws.close(1008, `flood stopped after the ${Math.round(maxMs / 1000)} s limit`);
      }
      return;
    }
  }
}
