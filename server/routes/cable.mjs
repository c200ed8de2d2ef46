// @ts-check
import { WebSocket } from 'ws';
import { intParam } from '../params.mjs';
import { messageText } from './received-log.mjs';

/** Subprotocols /cable selects from, in the Rails server's order. */
export const CABLE_SUBPROTOCOLS = Object.freeze(['actioncable-v1-json', 'actioncable-unsupported']);

/**
 * `/cable?ping=MS&unauthorized=1`: a small Action Cable server (not Rails).
 * It selects `actioncable-v1-json`, sends `{"type":"welcome"}`, then a
 * `{"type":"ping","message":<Unix seconds>}` every `ping` ms (default 3000,
 * as Rails). `subscribe` to an identifier whose channel is `ChatChannel`
 * (any params) is confirmed, any other channel rejected; a `message` command
 * on a subscription broadcasts its data (action included) as
 * `{"identifier","message"}` to every subscriber of the same identifier,
 * sender included. `unauthorized=1` sends `disconnect` (unauthorized, no
 * reconnect) instead of welcome and closes.
 *
 * @param {import('./received-log.mjs').ReceivedLog} log
 * @returns {import('./route.mjs').WsRoute}
 */
export function createCableRoute(log) {
  /** @type {Map<string, Set<WebSocket>>} identifier → subscribers */
  const subscriptions = new Map();

  /**
   * @param {WebSocket} ws
   * @param {unknown} message
   */
  const send = (ws, message) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  return {
    server: 'protocols',
    subprotocols: CABLE_SUBPROTOCOLS,
    accept: (params) => {
      const ping = intParam(params, 'ping', { min: 100, max: 600_000, fallback: 3000 });
      if (!ping.ok) return ping;
      const unauthorized = params.get('unauthorized');
      if (unauthorized !== null && unauthorized !== '1') return { ok: false, error: 'unauthorized must be 1 when given.' };
      return {
        ok: true,
        connect: (ws) => {
          const connection = log.nextConnection();
          if (unauthorized === '1') {
            send(ws, { type: 'disconnect', reason: 'unauthorized', reconnect: false });
            ws.close(1000);
            return;
          }
          /** @type {Set<string>} */
          const mine = new Set();
          send(ws, { type: 'welcome' });
          const pinger = setInterval(() => send(ws, { type: 'ping', message: Math.floor(Date.now() / 1000) }), ping.value);
          ws.on('close', () => {
            clearInterval(pinger);
            for (const id of mine) {
              const subs = subscriptions.get(id);
              subs?.delete(ws);
              if (subs && subs.size === 0) subscriptions.delete(id);
            }
          });
          ws.on('message', (data, isBinary) => {
            const text = messageText(data, isBinary);
            if (text === null) {
              log.record(connection, '<binary>', 'binary frames are not read');
              return;
            }
            let m;
            try {
              m = JSON.parse(text);
            } catch {
              log.record(connection, text, 'invalid JSON');
              return;
            }
            if (typeof m !== 'object' || m === null || typeof m.identifier !== 'string') {
              log.record(connection, text, 'no identifier string');
              return;
            }
            const identifier = m.identifier;
            let channel = null;
            try {
              const id = JSON.parse(identifier);
              if (typeof id === 'object' && id !== null && typeof id.channel === 'string') channel = id.channel;
            } catch {
              // channel stays null
            }
            if (channel === null) {
              log.record(connection, text, 'identifier is not JSON with "channel"');
              return;
            }
            switch (m.command) {
              case 'subscribe': {
                log.record(connection, text, `subscribe ${channel}`);
                if (mine.has(identifier)) return;
                if (channel !== 'ChatChannel') {
                  send(ws, { identifier, type: 'reject_subscription' });
                  return;
                }
                mine.add(identifier);
                let subs = subscriptions.get(identifier);
                if (!subs) {
                  subs = new Set();
                  subscriptions.set(identifier, subs);
                }
                subs.add(ws);
                send(ws, { identifier, type: 'confirm_subscription' });
                return;
              }
              case 'unsubscribe': {
                log.record(connection, text, `unsubscribe ${channel}`);
                mine.delete(identifier);
                const subs = subscriptions.get(identifier);
                subs?.delete(ws);
                if (subs && subs.size === 0) subscriptions.delete(identifier);
                return;
              }
              case 'message': {
                if (!mine.has(identifier)) {
                  log.record(connection, text, 'message on a subscription not held');
                  return;
                }
                let payload;
                try {
                  payload = typeof m.data === 'string' ? JSON.parse(m.data) : null;
                } catch {
                  payload = null;
                }
                if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
                  log.record(connection, text, 'data is not a JSON object string');
                  return;
                }
                log.record(connection, text, `message ${channel} ${String(payload.action)}`);
                for (const sub of subscriptions.get(identifier) ?? []) send(sub, { identifier, message: payload });
                return;
              }
              default:
                log.record(connection, text, 'unknown command');
            }
          });
        },
      };
    },
  };
}
