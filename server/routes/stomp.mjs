// @ts-check
import { intParam } from '../params.mjs';
import { createStompBroker } from '../stomp-broker.mjs';

/** The STOMP subprotocols /stomp accepts, the highest version first. */
export const STOMP_SUBPROTOCOLS = Object.freeze(['v12.stomp', 'v11.stomp', 'v10.stomp']);

/**
 * `handleProtocols`: the highest STOMP version the client offered.
 *
 * @param {Set<string>} offered
 * @returns {string | false}
 */
export function selectStompProtocol(offered) {
  return STOMP_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false;
}

/**
 * /stomp: the playground's STOMP broker (server/stomp-broker.mjs). Server
 * heart-beat 10000,10000 and CONNECT within 10 s; `?heartbeat=MS`
 * (100..60000): heart-beat 0,MS, so a client that sends nothing for
 * 2 × max(its cx, MS) is dropped, and one that sends no CONNECT within 2 × MS.
 */
export function createStompRoute() {
  const broker = createStompBroker();
  /** @type {import('./route.mjs').WsRoute} */
  const route = {
    server: 'stomp',
    accept: (params) => {
      const hb = intParam(params, 'heartbeat', { min: 100, max: 60_000, fallback: 0 });
      if (!hb.ok) return hb;
      const options =
        hb.value > 0
          ? { heartbeat: /** @type {[number, number]} */ ([0, hb.value]), connectTimeoutMs: 2 * hb.value }
          : { heartbeat: /** @type {[number, number]} */ ([10_000, 10_000]), connectTimeoutMs: 10_000 };
      return { ok: true, connect: (ws) => broker.connect(ws, options) };
    },
  };
  return { route, broker };
}
