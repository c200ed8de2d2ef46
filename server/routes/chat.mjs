// @ts-check
import { WebSocket } from 'ws';

/** A member whose unsent backlog passes this is closed instead of buffered forever. */
const SLOW_MEMBER_LIMIT = 16 * 1024 * 1024;
/** Room names: short and plain, so a query string cannot make arbitrary keys. */
const ROOM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Chat rooms: every message goes to everyone currently in the same room, the
 * sender included, with its type kept. `/chat` is the room "lobby";
 * `/chat?room=NAME` joins another, so separate demos (or tests) don't hear
 * each other.
 *
 * @returns {import('./route.mjs').WsRoute}
 */
export function createChatRoute() {
  /** @type {Map<string, Set<WebSocket>>} */
  const rooms = new Map();

  /** @param {string} name */
  const join = (name) => {
    let members = rooms.get(name);
    if (!members) {
      members = new Set();
      rooms.set(name, members);
    }
    return members;
  };

  /**
   * @param {string} name
   * @returns {import('./route.mjs').Connect}
   */
  const connectTo = (name) => (ws) => {
    const members = join(name);
    members.add(ws);
    ws.on('close', () => {
      members.delete(ws);
      if (members.size === 0) rooms.delete(name);
    });
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

  return {
    server: 'plain',
    accept: (params) => {
      const room = params.get('room') ?? 'lobby';
      if (!ROOM_NAME.test(room)) return { ok: false, error: 'room must be 1 to 64 letters, digits, "_", "." or "-".' };
      return { ok: true, connect: connectTo(room) };
    },
  };
}
