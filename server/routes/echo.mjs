// @ts-check
import { HIGH_WATER_MARK } from './route.mjs';

/**
 * Echoes every message back with its type (text stays text, binary stays
 * binary) and bytes unchanged. When the peer stops reading and our send
 * queue passes the high-water mark, we stop reading from it until the queue
 * has been written out.
 *
 * @param {import('ws').WebSocket} ws
 */
export function echoMessages(ws) {
  const resumeWhenWritten = () => {
    if (ws.isPaused && ws.bufferedAmount < HIGH_WATER_MARK) ws.resume();
  };
  ws.on('message', (data, isBinary) => {
    ws.send(data, { binary: isBinary }, resumeWhenWritten);
    if (ws.bufferedAmount >= HIGH_WATER_MARK) ws.pause();
  });
}

/** @type {import('./route.mjs').WsRoute} */
export const echoRoute = {
  server: 'plain',
  accept: () => ({ ok: true, connect: echoMessages }),
};

/** @type {import('./route.mjs').WsRoute} */
export const echoDeflateRoute = {
  server: 'deflate',
  accept: () => ({ ok: true, connect: echoMessages }),
};
