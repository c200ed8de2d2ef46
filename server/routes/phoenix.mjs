// @ts-check
import { WebSocket } from 'ws';
import { intParam } from '../params.mjs';
import { messageText } from './received-log.mjs';

/** Topics a client may join: `room:` and a short plain name. */
const ROOM_TOPIC = /^room:[A-Za-z0-9_.-]{1,64}$/;

/**
 * @typedef {{ ws: WebSocket, joinRef: string | null, vsn: string }} Member
 * @typedef {{ joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown }} Message
 */

/**
 * `/phoenix/websocket?vsn=2.0.0&timeout=MS`: a small Phoenix Channels socket
 * (not Phoenix itself: that needs Elixir). `vsn` picks the serializer,
 * 1.0.0 objects (the default, as in Phoenix) or 2.0.0 arrays. Joining
 * `room:NAME` replies ok and echoes every push on it (phx_reply ok with the
 * payload as response) while the other members of the room get the event;
 * `room:locked` replies error `unauthorized`; any other topic replies error
 * `unmatched topic`, as does a push to a topic not joined. phx_leave replies
 * ok then phx_close. A heartbeat on "phoenix" replies ok. With `timeout` the
 * socket is closed when no heartbeat came for that long.
 *
 * @param {import('./received-log.mjs').ReceivedLog} log
 * @returns {import('./route.mjs').WsRoute}
 */
export function createPhoenixRoute(log) {
  /** @type {Map<string, Set<Member>>} */
  const rooms = new Map();

  /**
   * @param {Member} to
   * @param {Message} m
   */
  const send = (to, m) => {
    if (to.ws.readyState !== WebSocket.OPEN) return;
    to.ws.send(
      to.vsn === '2.0.0'
        ? JSON.stringify([m.joinRef, m.ref, m.topic, m.event, m.payload])
        : JSON.stringify({ topic: m.topic, event: m.event, payload: m.payload, ref: m.ref, join_ref: m.joinRef }),
    );
  };

  return {
    server: 'plain',
    accept: (params) => {
      const vsn = params.get('vsn') ?? '1.0.0';
      if (vsn !== '1.0.0' && vsn !== '2.0.0') return { ok: false, error: 'vsn must be 1.0.0 or 2.0.0.' };
      const timeout = intParam(params, 'timeout', { min: 100, max: 600_000, fallback: 0 });
      if (!timeout.ok) return timeout;
      return {
        ok: true,
        connect: (ws) => {
          const connection = log.nextConnection();
          /** @type {Map<string, Member>} topic → this socket's membership */
          const joined = new Map();
          /** @type {ReturnType<typeof setTimeout> | undefined} */
          let idle;
          const armIdle = () => {
            if (timeout.value === 0) return;
            clearTimeout(idle);
            idle = setTimeout(() => ws.close(1000, 'heartbeat timeout'), timeout.value);
          };
          armIdle();
          /** @param {string} topic */
          const leave = (topic) => {
            const member = joined.get(topic);
            joined.delete(topic);
            const room = rooms.get(topic);
            if (room && member) {
              room.delete(member);
              if (room.size === 0) rooms.delete(topic);
            }
          };
          ws.on('close', () => {
            clearTimeout(idle);
            for (const topic of [...joined.keys()]) leave(topic);
          });
          /** @type {Member} */
          const self = { ws, joinRef: null, vsn };
          /**
           * @param {Message} m
           * @param {'ok' | 'error'} status
           * @param {unknown} response
           * @param {string | null} joinRef
           */
          const reply = (m, status, response, joinRef) => send(self, { joinRef, ref: m.ref, topic: m.topic, event: 'phx_reply', payload: { status, response } });

          ws.on('message', (data, isBinary) => {
            const text = messageText(data, isBinary);
            if (text === null) {
              log.record(connection, '<binary>', 'binary frames are not read');
              return;
            }
            const m = parse(text, vsn);
            if (typeof m === 'string') {
              log.record(connection, text, m);
              return;
            }
            log.record(connection, text, `${m.event} ${m.topic}`);
            if (m.topic === 'phoenix' && m.event === 'heartbeat') {
              armIdle();
              reply(m, 'ok', {}, null);
              return;
            }
            if (m.event === 'phx_join') {
              if (m.topic === 'room:locked') reply(m, 'error', { reason: 'unauthorized' }, m.joinRef);
              else if (!ROOM_TOPIC.test(m.topic)) reply(m, 'error', { reason: 'unmatched topic' }, m.joinRef);
              else {
                leave(m.topic);
                /** @type {Member} */
                const member = { ws, joinRef: m.joinRef ?? m.ref, vsn };
                joined.set(m.topic, member);
                let room = rooms.get(m.topic);
                if (!room) {
                  room = new Set();
                  rooms.set(m.topic, room);
                }
                room.add(member);
                reply(m, 'ok', {}, member.joinRef);
              }
              return;
            }
            const member = joined.get(m.topic);
            if (!member) {
              reply(m, 'error', { reason: 'unmatched topic' }, m.joinRef);
              return;
            }
            if (m.event === 'phx_leave') {
              reply(m, 'ok', {}, member.joinRef);
              leave(m.topic);
              send(self, { joinRef: member.joinRef, ref: member.joinRef, topic: m.topic, event: 'phx_close', payload: {} });
              return;
            }
            if (m.ref !== null) reply(m, 'ok', m.payload, member.joinRef);
            for (const other of rooms.get(m.topic) ?? []) {
              if (other.ws !== ws) send(other, { joinRef: other.joinRef, ref: null, topic: m.topic, event: m.event, payload: m.payload });
            }
          });
        },
      };
    },
  };
}

/**
 * @param {string} text
 * @param {string} vsn
 * @returns {Message | string} the message, or what is wrong with it
 */
function parse(text, vsn) {
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    return 'invalid JSON';
  }
  /** @param {unknown} r */
  const ref = (r) => (typeof r === 'string' ? r : typeof r === 'number' ? String(r) : null);
  if (vsn === '2.0.0') {
    if (!Array.isArray(v) || v.length !== 5 || typeof v[2] !== 'string' || typeof v[3] !== 'string') return 'not a 2.0.0 message [join_ref, ref, topic, event, payload]';
    return { joinRef: ref(v[0]), ref: ref(v[1]), topic: v[2], event: v[3], payload: v[4] };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof v.topic !== 'string' || typeof v.event !== 'string') return 'not a 1.0.0 message {topic, event, payload, ref}';
  return { joinRef: ref(v.join_ref), ref: ref(v.ref), topic: v.topic, event: v.event, payload: v.payload };
}
