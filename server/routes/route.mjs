// @ts-check
/**
 * The shape every WebSocket route of the playground has. A route validates
 * its query string before the handshake (so bad parameters become an HTTP
 * 400 the client can read) and then handles the open socket.
 */

/**
 * @typedef {(ws: import('ws').WebSocket) => void} Connect
 *
 * @typedef {{ ok: true, connect: Connect } | { ok: false, error: string }} Acceptance
 *
 * @typedef {object} WsRoute
 * @property {'plain' | 'deflate' | 'subprotocol' | 'graphql' | 'graphql-strict' | 'graphql-legacy' | 'stomp' | 'mqtt' | 'protocols'} server
 *   which WebSocketServer performs the handshake: plain (no extensions),
 *   deflate (permessage-deflate offered), subprotocol (with protocol
 *   selection), graphql and graphql-strict (graphql-ws's servers, subprotocol
 *   graphql-transport-ws), graphql-legacy (subprotocol graphql-ws), stomp
 *   (subprotocols v12.stomp, v11.stomp, v10.stomp), mqtt (selects the `mqtt`
 *   subprotocol; 1 MiB message limit), protocols (the route's own: the
 *   first offered of its `subprotocols`)
 * @property {readonly string[]} [subprotocols] for server 'protocols': what the
 *   route speaks; none offered → no Sec-WebSocket-Protocol in the answer
 * @property {(params: URLSearchParams) => Acceptance} accept
 *
 * @typedef {object} PlaygroundLimits
 * @property {number} tickerMaxMs how long /ticker runs before closing
 * @property {number} floodMaxMs hard time limit of one /flood
 */

/** High-water mark for bytes queued on one socket before we wait. */
export const HIGH_WATER_MARK = 1024 * 1024;

export {};
