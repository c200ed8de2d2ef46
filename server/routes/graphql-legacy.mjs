// @ts-check
import { WebSocket } from 'ws';
import { intParam } from '../params.mjs';
import { graphql } from './graphql-module.mjs';

const { execute, getOperationAST, GraphQLError, parse, subscribe, validate } = graphql;

/**
 * The legacy `graphql-ws` subprotocol of subscriptions-transport-ws (which
 * is unmaintained, so this is a small server of ours on graphql's own
 * execute and subscribe): connection_init → connection_ack then `ka` every
 * KA_EVERY_MS; start → data… complete; stop; connection_terminate.
 * `?initTimeout=MS` (100..60000) closes with 4408 when no connection_init
 * arrives in time (the legacy protocol has no such rule; it is here so a
 * test can tell that the session sends the init).
 */

export const LEGACY_SUBPROTOCOL = 'graphql-ws';
export const KA_EVERY_MS = 1000;
/** operations one socket may run at once */
export const MAX_OPERATIONS = 20;
const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * @param {Set<string>} offered
 * @returns {string | false}
 */
export function selectLegacyProtocol(offered) {
  return offered.has(LEGACY_SUBPROTOCOL) ? LEGACY_SUBPROTOCOL : false;
}

/**
 * @param {import('graphql').GraphQLSchema} schema
 * @returns {import('./route.mjs').WsRoute}
 */
export function createGraphqlLegacyRoute(schema) {
  return {
    server: 'graphql-legacy',
    accept: (params) => {
      let initTimeout = 0;
      if (params.has('initTimeout')) {
        const t = intParam(params, 'initTimeout', { min: 100, max: 60_000, fallback: 0 });
        if (!t.ok) return t;
        initTimeout = t.value;
      }
      return { ok: true, connect: (ws) => runLegacy(ws, schema, initTimeout) };
    },
  };
}

/**
 * @param {WebSocket} ws
 * @param {import('graphql').GraphQLSchema} schema
 * @param {number} initTimeout
 */
function runLegacy(ws, schema, initTimeout) {
  let initialised = false;
  /** @type {NodeJS.Timeout | undefined} */
  let ka;
  /** @type {Map<string, AsyncGenerator<unknown> | null>} */
  const ops = new Map();
  /** @param {unknown} msg */
  const send = (msg) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  };
  const initTimer =
    initTimeout > 0
      ? setTimeout(() => {
          if (!initialised) ws.close(4408, `graphql-legacy: no connection_init within ${initTimeout} ms`);
        }, initTimeout)
      : undefined;

  ws.on('close', () => {
    clearTimeout(initTimer);
    clearInterval(ka);
    for (const it of ops.values()) void it?.return(undefined);
    ops.clear();
  });

  ws.on('message', (data, isBinary) => {
    const raw = Buffer.isBuffer(data) ? data : Buffer.from(/** @type {ArrayBuffer} */ (data));
    if (isBinary || raw.byteLength > MAX_MESSAGE_BYTES) {
      send({ type: 'connection_error', payload: { message: isBinary ? 'binary messages are not GraphQL' : 'message too large' } });
      return;
    }
    /** @type {any} */
    let msg;
    try {
      msg = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      send({ type: 'connection_error', payload: { message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` } });
      return;
    }
    if (typeof msg !== 'object' || msg === null || typeof msg.type !== 'string') {
      send({ type: 'connection_error', payload: { message: 'a message is an object with a "type"' } });
      return;
    }
    switch (msg.type) {
      case 'connection_init':
        if (initialised) return;
        initialised = true;
        clearTimeout(initTimer);
        send({ type: 'connection_ack' });
        send({ type: 'ka' });
        ka = setInterval(() => send({ type: 'ka' }), KA_EVERY_MS);
        return;
      case 'connection_terminate':
        ws.close(1000, 'connection_terminate');
        return;
      case 'stop': {
        const id = String(msg.id);
        const it = ops.get(id);
        ops.delete(id);
        void it?.return(undefined);
        return;
      }
      case 'start':
        if (!initialised) {
          send({ id: msg.id, type: 'error', payload: { message: 'start before connection_init' } });
          return;
        }
        void start(String(msg.id), msg.payload);
        return;
      default:
        send({ id: msg.id, type: 'error', payload: { message: `unknown message type "${String(msg.type).slice(0, 64)}"` } });
    }
  });

  /**
   * @param {string} id
   * @param {any} payload
   */
  async function start(id, payload) {
    if (ops.has(id)) {
      send({ id, type: 'error', payload: { message: `operation "${id}" is already running` } });
      return;
    }
    if (ops.size >= MAX_OPERATIONS) {
      send({ id, type: 'error', payload: { message: `at most ${MAX_OPERATIONS} operations at once` } });
      return;
    }
    if (typeof payload !== 'object' || payload === null || typeof payload.query !== 'string') {
      send({ id, type: 'error', payload: { message: 'start needs payload.query' } });
      return;
    }
    /** @type {import('graphql').DocumentNode} */
    let document;
    try {
      document = parse(payload.query);
    } catch (err) {
      send({ id, type: 'error', payload: err instanceof GraphQLError ? err.toJSON() : { message: String(err) } });
      return;
    }
    const errors = validate(schema, document);
    if (errors.length > 0) {
      send({ id, type: 'error', payload: errors.map((e) => e.toJSON()) });
      return;
    }
    const args = {
      schema,
      document,
      variableValues: typeof payload.variables === 'object' ? payload.variables : undefined,
      operationName: typeof payload.operationName === 'string' ? payload.operationName : undefined,
    };
    const op = getOperationAST(document, args.operationName);
    ops.set(id, null);
    try {
      if (op?.operation === 'subscription') {
        const result = await subscribe(args);
        if (!(Symbol.asyncIterator in result)) {
          send({ id, type: 'data', payload: result });
        } else {
          const it = /** @type {AsyncGenerator<unknown>} */ (result);
          if (!ops.has(id)) {
            void it.return(undefined);
            return;
          }
          ops.set(id, it);
          for await (const value of it) {
            if (!ops.has(id)) break;
            send({ id, type: 'data', payload: value });
          }
        }
      } else {
        send({ id, type: 'data', payload: await execute(args) });
      }
      if (ops.has(id)) send({ id, type: 'complete' });
    } finally {
      ops.delete(id);
    }
  }
}
