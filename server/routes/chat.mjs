// @ts-check
import { WebSocket } from 'ws';

/** A member whose unsent backlog passes this is closed instead of buffered forever. */
const SLOW_MEMBER_LIMIT = 16 * 1024 * 1024;

/**
 * One chat room per playground: every message goes to everyone currently
 * connected, the sender included, with its type kept.
 *
 * @returns {import('./route.mjs').WsRoute}
 */
export function createChatRoute() {
  /** @type {Set<WebSocket>} */
  const members = new Set();

  /** @param {WebSocket} ws */
  const connect = (ws) => {
    members.add(ws);
    ws.on('close', () => members.delete(ws));
    ws.on('message', (data, isBinary) => {
      for (const member of members) {
        if (member.readyState !== WebSocket.OPEN) continue;
        if (member.bufferedAmount > SLOW_MEMBER_LIMIT) {
          member.close(1008, 'chat: client too slow, backlog over 16 MiB');
          continue;
        }
        member.send(data, { binary: isBinary });
      }
    });
  };

  return { server: 'plain', accept: () => ({ ok: true, connect }) };
}
