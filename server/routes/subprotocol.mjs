// @ts-check
import { echoMessages } from './echo.mjs';

/** Subprotocols /subprotocol accepts, in the server's own order. */
export const SUPPORTED_SUBPROTOCOLS = Object.freeze(['sockpit.v2', 'sockpit.v1', 'json']);

/**
 * `handleProtocols` for ws: the first protocol the client offered (in the
 * client's order) that the server supports, or `false` for none, in which
 * case the handshake succeeds without a Sec-WebSocket-Protocol header and a
 * browser that offered protocols fails the connection.
 *
 * @param {Set<string>} offered
 * @returns {string | false}
 */
export function selectSubprotocol(offered) {
  for (const protocol of offered) {
    if (SUPPORTED_SUBPROTOCOLS.includes(protocol)) return protocol;
  }
  return false;
}

/**
 * After open sends `{"protocol":"<selected>"}` (empty string for none), then echoes.
 *
 * @type {import('./route.mjs').WsRoute}
 */
export const subprotocolRoute = {
  server: 'subprotocol',
  accept: () => ({
    ok: true,
    connect: (ws) => {
      ws.send(JSON.stringify({ protocol: ws.protocol }));
      echoMessages(ws);
    },
  }),
};
