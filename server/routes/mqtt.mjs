// @ts-check
import { Aedes } from 'aedes';
import { Aedes as AedesV5 } from 'aedes-v5';
import { Duplex } from 'node:stream';

/**
 * MQTT over WebSocket with real brokers: `aedes` 1.x (MQTT 3.1 and 3.1.1;
 * it answers a 5.0 CONNECT with return code 1, unacceptable protocol
 * version) on /mqtt, and aedes 2.0.0-beta.1 (installed as `aedes-v5`; it
 * speaks 5.0 as well) on /mqtt5. Each socket becomes a duplex stream that
 * the broker handles. Every broker has a retained `playground/hello`, a
 * `playground/tick` topic that publishes a tick a second while somebody is
 * subscribed to it, and keeps the last publishes from clients for
 * `GET /mqtt-log`, so tests can see what the broker received.
 */

/** Subprotocols the MQTT routes accept, in order of preference. */
export const MQTT_SUBPROTOCOLS = Object.freeze(['mqtt', 'mqttv3.1']);

/**
 * `handleProtocols` for the MQTT WebSocketServer: `mqtt` when offered (then
 * `mqttv3.1`); a client that offers neither connects without a subprotocol.
 *
 * @param {Set<string>} offered
 * @returns {string | false}
 */
export function selectMqttSubprotocol(offered) {
  for (const p of MQTT_SUBPROTOCOLS) if (offered.has(p)) return p;
  return false;
}

export const TICK_TOPIC = 'playground/tick';
export const HELLO_TOPIC = 'playground/hello';
/** At most this many clients per broker at once. */
export const MAX_MQTT_CLIENTS = 100;
/** GET /mqtt-log keeps this many publishes. */
export const MQTT_LOG_SIZE = 200;
/** Payload bytes kept per logged publish. */
const LOG_PAYLOAD_BYTES = 4096;

/**
 * @typedef {object} MqttLogEntry
 * @property {string} route '/mqtt' or '/mqtt5'
 * @property {string} time ISO time
 * @property {string | null} clientId
 * @property {string} topic
 * @property {number} qos
 * @property {boolean} retain
 * @property {string | null} payload UTF-8 text, or null when not UTF-8
 * @property {string} payloadHex the first 4,096 bytes in hex
 * @property {number} size payload bytes
 */

/**
 * Does a topic filter match a topic name (+ one level, # the rest)?
 *
 * @param {string} filter
 * @param {string} topic
 */
export function topicMatches(filter, topic) {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return !(i === 0 && topic.startsWith('$'));
    if (i >= t.length) return false;
    if (f[i] === '+') {
      if (i === 0 && topic.startsWith('$')) return false;
      continue;
    }
    if (f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * @param {Uint8Array | string} payload
 * @returns {{ text: string | null, hex: string, size: number }}
 */
function describePayload(payload) {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  let text = null;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = null;
  }
  return { text, hex: Buffer.from(bytes.subarray(0, LOG_PAYLOAD_BYTES)).toString('hex'), size: bytes.length };
}

/**
 * @typedef {object} MqttBroker
 * @property {import('./route.mjs').WsRoute} route
 * @property {() => Promise<void>} close closes the broker, its clients and its tick timer
 */

/**
 * @param {{ path: '/mqtt' | '/mqtt5', log: MqttLogEntry[] }} options
 * @returns {MqttBroker}
 */
export function createMqttBroker({ path, log }) {
  /** @type {Aedes} */
  const broker = path === '/mqtt5' ? /** @type {Aedes} */ (/** @type {unknown} */ (new AedesV5())) : new Aedes();
  let closed = false;
  let clients = 0;
  /** client id → the filters it holds that match the tick topic */
  /** @type {Map<string, Set<string>>} */
  const tickSubscribers = new Map();
  /** @type {NodeJS.Timeout | undefined} */
  let tickTimer;
  let seq = 0;

  const ready = broker.listen().then(
    () =>
      new Promise((resolve) => {
        broker.publish(
          {
            cmd: 'publish',
            topic: HELLO_TOPIC,
            payload: Buffer.from(JSON.stringify({ hello: 'from the Sockpit playground', broker: path === '/mqtt5' ? 'aedes 2.0.0-beta.1 (MQTT 3.1.1 and 5.0)' : 'aedes 1.x (MQTT 3.1.1)' })),
            qos: 1,
            retain: true,
            dup: false,
          },
          () => resolve(undefined),
        );
      }),
  );

  const updateTicker = () => {
    const wanted = !closed && [...tickSubscribers.values()].some((s) => s.size > 0);
    if (wanted && tickTimer === undefined) {
      tickTimer = setInterval(() => {
        seq += 1;
        broker.publish({ cmd: 'publish', topic: TICK_TOPIC, payload: Buffer.from(JSON.stringify({ seq, time: new Date().toISOString() })), qos: 0, retain: false, dup: false }, () => {});
      }, 1000);
    } else if (!wanted && tickTimer !== undefined) {
      clearInterval(tickTimer);
      tickTimer = undefined;
    }
  };

  broker.on('subscribe', (subscriptions, client) => {
    if (!client) return;
    const set = tickSubscribers.get(client.id) ?? new Set();
    for (const s of subscriptions) if (topicMatches(s.topic, TICK_TOPIC)) set.add(s.topic);
    tickSubscribers.set(client.id, set);
    updateTicker();
  });
  broker.on('unsubscribe', (topics, client) => {
    const set = client ? tickSubscribers.get(client.id) : undefined;
    if (!set) return;
    for (const t of topics) set.delete(t);
    updateTicker();
  });
  broker.on('clientDisconnect', (client) => {
    tickSubscribers.delete(client.id);
    updateTicker();
  });
  broker.on('publish', (packet, client) => {
    if (!client) return;
    const p = describePayload(packet.payload);
    log.push({ route: path, time: new Date().toISOString(), clientId: client.id, topic: packet.topic, qos: packet.qos, retain: packet.retain, payload: p.text, payloadHex: p.hex, size: p.size });
    if (log.length > MQTT_LOG_SIZE) log.splice(0, log.length - MQTT_LOG_SIZE);
  });

  /** @type {import('./route.mjs').WsRoute} */
  const route = {
    server: 'mqtt',
    accept: () => ({
      ok: true,
      connect: (ws) => {
        if (closed || clients >= MAX_MQTT_CLIENTS) {
          ws.close(1013, closed ? 'broker closed' : 'too many MQTT clients; try again later');
          return;
        }
        clients += 1;
        ws.once('close', () => {
          clients -= 1;
        });
        const stream = packetStream(ws);
        stream.on('error', () => ws.terminate());
        ready.then(() => {
          if (closed || ws.readyState !== ws.OPEN) {
            stream.destroy();
            return;
          }
          broker.handle(/** @type {any} */ (stream));
        });
      },
    }),
  };

  const close = async () => {
    closed = true;
    updateTicker();
    await ready;
    await new Promise((resolve) => broker.close(() => resolve(undefined)));
  };

  return { route, close };
}

/**
 * A socket as the duplex stream a broker handles, writing what the broker
 * writes in one turn of the event loop as one binary frame. (ws's own
 * createWebSocketStream sends each write as a frame, and aedes writes a
 * packet in several pieces: a client would see every packet split over
 * frames, which no real broker does. Splitting stays legal and the lens
 * reassembles it; this keeps the playground's traffic readable.)
 *
 * @param {import('ws').WebSocket} ws
 * @returns {Duplex}
 */
export function packetStream(ws) {
  /** @type {Buffer[]} */
  let pending = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const data = pending.length === 1 ? /** @type {Buffer} */ (pending[0]) : Buffer.concat(pending);
    pending = [];
    if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
  };
  const stream = new Duplex({
    read() {},
    write(chunk, _encoding, callback) {
      pending.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      callback();
    },
    final(callback) {
      flush();
      if (ws.readyState === ws.OPEN) ws.close();
      callback();
    },
    destroy(err, callback) {
      // What the broker wrote last (a CONNACK refusing the client) goes out before the close.
      flush();
      if (ws.readyState === ws.OPEN) {
        if (err) ws.terminate();
        else ws.close();
      } else if (ws.readyState === ws.CONNECTING) ws.terminate();
      callback(err);
    },
  });
  ws.on('message', (data) => {
    stream.push(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));
  });
  ws.once('close', () => {
    flush();
    stream.push(null);
  });
  ws.once('error', (err) => stream.destroy(err));
  return stream;
}
