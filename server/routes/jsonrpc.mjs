// @ts-check
import { JSONRPCErrorCode, JSONRPCErrorException, JSONRPCServer, createJSONRPCErrorResponse } from 'json-rpc-2.0';
import { WebSocket } from 'ws';
import { messageText } from './received-log.mjs';

/**
 * `/jsonrpc`: JSON-RPC 2.0 on the `json-rpc-2.0` library's `JSONRPCServer`
 * (transport-agnostic: every text frame goes to `receiveJSON`, whatever it
 * answers goes back as one text frame). The library parses, validates,
 * dispatches, answers batches and writes the spec's errors (-32700 parse
 * error, -32600 invalid request, -32601 method not found); the methods below
 * raise -32602 invalid params themselves, through the library's
 * `JSONRPCErrorException`. Replies go out as each finishes, so a quick call
 * overtakes a slow `sleep`.
 *
 * Methods: `sum(numbers…)` or `sum({numbers})`, `subtract([minuend,
 * subtrahend])` or `subtract({minuend, subtrahend})`, `echo(any)` (the params
 * back, or null), `log({message, level?})` (meant as a notification: it only
 * records), `fail(data?)` (application error 4000 with the params as data),
 * `sleep(ms)` or `sleep({ms})` (0..2000, then `{slept: ms}`).
 *
 * Every call the library dispatched to a method (or to its method-not-found
 * handler) is kept in `log` for `GET /jsonrpc-log`: what the server side
 * made of what a client composed.
 */

/** Subprotocols the route accepts; none offered is fine too. */
export const JSONRPC_SUBPROTOCOLS = Object.freeze(['jsonrpc', 'json-rpc']);
/** `sleep` waits at most this long. */
export const MAX_SLEEP_MS = 2000;
/** The application error code `fail` answers with (outside the spec's reserved -32768..-32000). */
export const FAIL_CODE = 4000;
/** GET /jsonrpc-log keeps this many calls. */
export const JSONRPC_LOG_SIZE = 500;

/**
 * @typedef {object} JsonRpcLogEntry
 * @property {string} time ISO time
 * @property {number} connection a number per connection, counting from 1
 * @property {'request' | 'notification'} kind
 * @property {string} method
 * @property {string | number | null} [id] requests only
 * @property {unknown} [params] as the library handed them over
 * @property {'pending' | 'result' | 'error' | 'none'} outcome pending: still running; none: a notification (nothing is sent back)
 * @property {number} [code] the error code, for outcome error
 *
 * @typedef {{ connection: number }} ServerParams
 */

/** @param {string} message */
const invalidParams = (message) => new JSONRPCErrorException(message, JSONRPCErrorCode.InvalidParams);

/** @param {unknown} v @returns {v is number} */
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The library's server with the playground's methods. `log` receives every
 * dispatched call.
 *
 * @param {JsonRpcLogEntry[]} log
 * @returns {JSONRPCServer<ServerParams>}
 */
export function createJsonRpcServer(log) {
  /** @type {JSONRPCServer<ServerParams>} */
  const rpc = new JSONRPCServer({
    // The library reports a method that threw; the thrown error is the answer, nothing to print.
    errorListener: () => {},
  });

  rpc.addMethod('sum', (params) => {
    const numbers = isObject(params) ? params.numbers : params;
    if (!Array.isArray(numbers) || !numbers.every(isNumber)) throw invalidParams('sum takes an array of numbers, [1, 2] or {"numbers": [1, 2]}');
    return numbers.reduce((a, b) => a + b, 0);
  });
  rpc.addMethod('subtract', (params) => {
    const [minuend, subtrahend] = Array.isArray(params) ? params : isObject(params) ? [params.minuend, params.subtrahend] : [];
    if (!isNumber(minuend) || !isNumber(subtrahend) || (Array.isArray(params) && params.length !== 2)) {
      throw invalidParams('subtract takes [minuend, subtrahend] or {"minuend": N, "subtrahend": N}');
    }
    return minuend - subtrahend;
  });
  rpc.addMethod('echo', (params) => params ?? null);
  rpc.addMethod('log', (params) => {
    if (!isObject(params) || typeof params.message !== 'string') throw invalidParams('log takes {"message": "…", "level": "info"}');
    return true;
  });
  rpc.addMethod('fail', (params) => {
    throw new JSONRPCErrorException('failed on purpose', FAIL_CODE, { params: params ?? null });
  });
  rpc.addMethod('sleep', async (params) => {
    const ms = isObject(params) ? params.ms : Array.isArray(params) ? params[0] : params;
    if (!isNumber(ms) || !Number.isInteger(ms) || ms < 0 || ms > MAX_SLEEP_MS) throw invalidParams(`sleep takes whole milliseconds 0..${MAX_SLEEP_MS}, [500] or {"ms": 500}`);
    await new Promise((resolve) => setTimeout(resolve, ms).unref());
    return { slept: ms };
  });

  // Runs for every request the library accepted as one (valid "jsonrpc",
  // "method"), known method or not: the log shows what it dispatched and what came of it.
  rpc.applyMiddleware(async (next, request, serverParams) => {
    const isRequest = request.id !== undefined;
    /** @type {JsonRpcLogEntry} */
    const entry = {
      time: new Date().toISOString(),
      connection: serverParams.connection,
      kind: isRequest ? 'request' : 'notification',
      method: String(request.method),
      ...(isRequest ? { id: request.id } : {}),
      ...(request.params !== undefined ? { params: request.params } : {}),
      outcome: 'pending',
    };
    // In the order dispatched; the outcome is filled in when the method is done.
    log.push(entry);
    if (log.length > JSONRPC_LOG_SIZE) log.splice(0, log.length - JSONRPC_LOG_SIZE);
    try {
      const response = await next(request, serverParams);
      entry.outcome = response === null ? 'none' : response.error ? 'error' : 'result';
      if (response?.error) entry.code = response.error.code;
      return response;
    } catch (err) {
      // A method that threw: the library turns it into the error reply (none for a notification) after us.
      entry.outcome = isRequest ? 'error' : 'none';
      if (isRequest) entry.code = err instanceof JSONRPCErrorException ? err.code : 0;
      throw err;
    }
  });
  return rpc;
}

/**
 * @param {JsonRpcLogEntry[]} log
 * @returns {import('./route.mjs').WsRoute}
 */
export function createJsonRpcRoute(log) {
  const rpc = createJsonRpcServer(log);
  let connections = 0;
  return {
    server: 'protocols',
    subprotocols: JSONRPC_SUBPROTOCOLS,
    accept: () => ({
      ok: true,
      connect: (ws) => {
        /** @type {ServerParams} */
        const serverParams = { connection: ++connections };
        ws.on('message', (data, isBinary) => {
          const text = messageText(data, isBinary);
          if (text === null) {
            // JSON-RPC over WebSocket is text; a binary frame cannot be a request.
            ws.close(1003, 'JSON-RPC is sent as text frames');
            return;
          }
          const batch = /^\s*\[/.test(text) && !/^\s*\[\s*\]\s*$/.test(text);
          rpc.receiveJSON(text, serverParams).then(
            (response) => {
              if (response === null || ws.readyState !== WebSocket.OPEN) return;
              // json-rpc-2.0 answers a batch with one reply as that reply alone; the spec wants an array.
              ws.send(JSON.stringify(batch && !Array.isArray(response) ? [response] : response));
            },
            () => {
              // The library throws on a batch entry that is not an object (`[null]`); it sent nothing.
              if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(createJSONRPCErrorResponse(null, JSONRPCErrorCode.InternalError, 'Internal error')));
            },
          );
        });
      },
    }),
  };
}
