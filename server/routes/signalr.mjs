// @ts-check
import { WebSocket } from 'ws';
import { intParam } from '../params.mjs';
import { messageText } from './received-log.mjs';

/** The record separator ending every SignalR JSON message. */
export const RS = '\x1e';
/** Unterminated text kept per connection before the route gives up on it. */
const MAX_PENDING = 1024 * 1024;
/** Bounds of the Counter stream. */
const MAX_STREAM_COUNT = 1000;
const MAX_STREAM_DELAY_MS = 10_000;

/**
 * `/signalr?ping=MS&timeout=MS`: a small hub speaking the ASP.NET Core
 * SignalR JSON hub protocol (not the real server: ASP.NET Core needs .NET).
 * The client's first record must be the handshake `{"protocol":"json",
 * "version":1}`; the route answers `{}` (or `{"error":…}` and closes). Hub
 * methods: `echo(...args)` completes with its arguments as an array,
 * `SendMessage(...args)` invokes `ReceiveMessage(...args)` on every connected
 * client and completes void, and the stream method `Counter(count, delayMs)`
 * streams 0..count-1 then completes. Any other method completes with an
 * error. The server sends a Ping every `ping` ms (default 15000, like
 * KeepAliveInterval); with `timeout` (ms) it closes a client it has heard
 * nothing from for that long (ClientTimeoutInterval, off by default).
 *
 * @param {import('./received-log.mjs').ReceivedLog} log
 * @returns {import('./route.mjs').WsRoute}
 */
export function createSignalrRoute(log) {
  /** @type {Set<WebSocket>} */
  const hub = new Set();

  /**
   * @param {WebSocket} ws
   * @param {unknown} message
   */
  const send = (ws, message) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(`${JSON.stringify(message)}${RS}`);
  };

  return {
    server: 'plain',
    accept: (params) => {
      const ping = intParam(params, 'ping', { min: 100, max: 600_000, fallback: 15_000 });
      if (!ping.ok) return ping;
      const timeout = intParam(params, 'timeout', { min: 100, max: 600_000, fallback: 0 });
      if (!timeout.ok) return timeout;
      return {
        ok: true,
        connect: (ws) => {
          const connection = log.nextConnection();
          let handshaken = false;
          let pending = '';
          /** @type {Map<string, ReturnType<typeof setTimeout>>} */
          const streams = new Map();
          /** @type {ReturnType<typeof setInterval> | undefined} */
          let pinger;
          /** @type {ReturnType<typeof setTimeout> | undefined} */
          let idle;
          const armIdle = () => {
            if (timeout.value === 0) return;
            clearTimeout(idle);
            idle = setTimeout(() => {
              send(ws, { type: 7, error: `Server timeout (${timeout.value} ms) elapsed without receiving a message from the client.` });
              ws.close(1000, 'client timeout');
            }, timeout.value);
          };
          armIdle();
          ws.on('close', () => {
            hub.delete(ws);
            clearInterval(pinger);
            clearTimeout(idle);
            for (const t of streams.values()) clearTimeout(t);
            streams.clear();
          });

          /** @param {string} record */
          const handshake = (record) => {
            let req;
            try {
              req = JSON.parse(record);
            } catch {
              log.record(connection, record, 'invalid handshake JSON');
              send(ws, { error: 'Handshake request is not valid JSON.' });
              ws.close(1000);
              return;
            }
            if (typeof req !== 'object' || req === null || req.protocol !== 'json' || req.version !== 1) {
              const protocol = req && typeof req === 'object' ? String(req.protocol) : '?';
              log.record(connection, record, 'handshake refused');
              send(ws, { error: protocol === 'json' ? 'The server does not support version ' + String(req.version) + ' of the \'json\' protocol.' : `Requested protocol '${protocol}' is not available.` });
              ws.close(1000);
              return;
            }
            log.record(connection, record, 'handshake json v1');
            handshaken = true;
            hub.add(ws);
            send(ws, {});
            pinger = setInterval(() => send(ws, { type: 6 }), ping.value);
          };

          /**
           * @param {string} id
           * @param {number} count
           * @param {number} delay
           */
          const stream = (id, count, delay) => {
            let i = 0;
            const step = () => {
              if (i >= count) {
                streams.delete(id);
                send(ws, { type: 3, invocationId: id });
                return;
              }
              send(ws, { type: 2, invocationId: id, item: i++ });
              streams.set(id, setTimeout(step, delay));
            };
            streams.set(id, setTimeout(step, 0));
          };

          /** @param {string} record */
          const handle = (record) => {
            if (!handshaken) {
              handshake(record);
              return;
            }
            let m;
            try {
              m = JSON.parse(record);
            } catch {
              log.record(connection, record, 'invalid JSON');
              return;
            }
            if (typeof m !== 'object' || m === null || Array.isArray(m)) {
              log.record(connection, record, 'not an object');
              return;
            }
            const id = typeof m.invocationId === 'string' ? m.invocationId : null;
            const target = typeof m.target === 'string' ? m.target : '';
            const args = Array.isArray(m.arguments) ? m.arguments : null;
            switch (m.type) {
              case 1: {
                log.record(connection, record, `invocation ${target}`);
                if (args === null) {
                  if (id) send(ws, { type: 3, invocationId: id, error: 'Invocation has no arguments array.' });
                  return;
                }
                const method = target.toLowerCase();
                if (method === 'echo') {
                  if (id) send(ws, { type: 3, invocationId: id, result: args });
                } else if (method === 'sendmessage') {
                  for (const client of hub) send(client, { type: 1, target: 'ReceiveMessage', arguments: args });
                  if (id) send(ws, { type: 3, invocationId: id });
                } else if (id) {
                  send(ws, { type: 3, invocationId: id, error: `Failed to invoke '${target}' due to an error on the server. HubException: Method does not exist.` });
                }
                return;
              }
              case 4: {
                log.record(connection, record, `stream invocation ${target}`);
                if (!id) return;
                if (target.toLowerCase() !== 'counter' || args === null) {
                  send(ws, { type: 3, invocationId: id, error: `Failed to invoke '${target}' due to an error on the server. HubException: Method does not exist.` });
                  return;
                }
                const [count, delay] = args;
                if (!Number.isInteger(count) || count < 0 || count > MAX_STREAM_COUNT || !Number.isInteger(delay ?? 0) || (delay ?? 0) < 0 || (delay ?? 0) > MAX_STREAM_DELAY_MS) {
                  send(ws, { type: 3, invocationId: id, error: `Counter(count, delayMs): count 0..${MAX_STREAM_COUNT}, delayMs 0..${MAX_STREAM_DELAY_MS}.` });
                  return;
                }
                stream(id, count, delay ?? 0);
                return;
              }
              case 5: {
                log.record(connection, record, 'cancel invocation');
                const t = id ? streams.get(id) : undefined;
                if (id && t) {
                  clearTimeout(t);
                  streams.delete(id);
                }
                return;
              }
              case 6:
                log.record(connection, record, 'ping');
                return;
              case 7:
                log.record(connection, record, 'close');
                ws.close(1000);
                return;
              case 2:
              case 3:
              case 8:
              case 9:
                log.record(connection, record, `type ${m.type} (ignored)`);
                return;
              default:
                log.record(connection, record, 'unknown message type');
            }
          };

          ws.on('message', (data, isBinary) => {
            armIdle();
            const text = messageText(data, isBinary);
            if (text === null) {
              log.record(connection, `<binary ${Buffer.isBuffer(data) ? data.length : 0} B>`, 'binary frames are not read (JSON protocol)');
              return;
            }
            const parts = (pending + text).split(RS);
            pending = parts.pop() ?? '';
            if (pending.length > MAX_PENDING) {
              log.record(connection, pending.slice(0, 200), 'over 1 MiB without a record separator');
              ws.close(1009, 'record too long');
              return;
            }
            for (const record of parts) if (record.length > 0) handle(record);
          });
        },
      };
    },
  };
}
