// @ts-check
/**
 * The playground's Socket.IO servers (the real `socket.io` 4 library, with
 * Engine.IO 3 allowed so that Socket.IO v2 clients work too). They are not
 * attached to the HTTP server: the playground's own upgrade and request
 * handlers hand `/socket.io/` and `/socket.io-fast/` to each engine.
 *
 * - `/socket.io/`: default heartbeat (pingInterval 25 s, pingTimeout 20 s);
 * - `/socket.io-fast/`: pingInterval 500 ms, pingTimeout 500 ms, so a client
 *   that does not keep the heartbeat is dropped within about a second.
 *
 * Both have the same namespaces and events (docs/playground.md, "Socket.IO").
 */
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { Server as Engine } from 'engine.io';
import { Server } from 'socket.io';
import { rejectUpgrade, sendBody } from '../http-responses.mjs';
import { intParam } from '../params.mjs';

export const SOCKETIO_PATH = '/socket.io/';
export const SOCKETIO_FAST_PATH = '/socket.io-fast/';
export const SOCKETIO_LOG_PATH = '/socket.io-log';
export const FAST_HEARTBEAT = Object.freeze({ pingInterval: 500, pingTimeout: 500 });
export const ADMIN_TOKEN = 'letmein';

export const SOCKETIO_LIMITS = Object.freeze({
  /** `tick`: at most this many ticks per request */
  tickMaxCount: 1000,
  tickMinIntervalMs: 10,
  tickMaxIntervalMs: 1000,
  /** `flood`: at most this many events */
  floodMaxCount: 2_000_000,
  floodMaxSize: 64 * 1024,
  /** received events kept for `inspect` (per socket) and GET /socket.io-log (per server) */
  logSize: 200,
});

/** The bytes the `binary` event sends back. */
export const BINARY_SAMPLE = Object.freeze([0xde, 0xad, 0xbe, 0xef]);

/** Events emitted between two turns of the event loop while flooding. */
const BATCH = 512;
const SHUTDOWN_GRACE_MS = 500;
const ROOM = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * @typedef {object} Received one event (or CONNECT) as the server's library decoded it
 * @property {string} server 'main' or 'fast'
 * @property {string} namespace
 * @property {string} socket the socket id in that namespace
 * @property {string} event the event name, or "(connect)" with the auth in `args`
 * @property {unknown[]} args JSON-safe: a Buffer becomes {"$bytes": "<hex>", "length": n}
 * @property {boolean} ack whether the client asked for an ack
 * @property {string} at ISO time
 */

/**
 * @param {unknown} value
 * @returns {unknown} the value with every Buffer/ArrayBuffer/typed array as {"$bytes": hex, length}
 */
export function jsonSafe(value) {
  /** @param {unknown} v @param {number} depth @returns {unknown} */
  const walk = (v, depth) => {
    if (depth > 32) return '…';
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('hex'), length: v.byteLength };
    if (v instanceof ArrayBuffer) return { $bytes: Buffer.from(v).toString('hex'), length: v.byteLength };
    if (Array.isArray(v)) return v.slice(0, 100).map((x) => walk(x, depth + 1));
    if (typeof v === 'object' && v !== null) {
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const k of Object.keys(v).slice(0, 100)) {
        Object.defineProperty(out, k, { value: walk(/** @type {Record<string, unknown>} */ (v)[k], depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    if (typeof v === 'string' && v.length > 1000) return `${v.slice(0, 1000)}…`;
    return v;
  };
  return walk(value, 0);
}

/**
 * The text of flood event `seq`, `42["tick",{"seq":1,"pad":"xx…"}]`, padded
 * with "x" to `size` bytes (never shorter than with an empty pad).
 *
 * @param {number} seq
 * @param {number} size
 */
export function floodTick(seq, size) {
  const head = `42["tick",{"seq":${seq},"pad":"`;
  const tail = '"}]';
  return { seq, pad: 'x'.repeat(Math.max(0, size - head.length - tail.length)) };
}

/**
 * @param {URLSearchParams} params
 * @returns {import('../params.mjs').Parsed<{ count: number, size: number } | null>}
 */
export function parseFloodQuery(params) {
  if (!params.has('flood')) return { ok: true, value: null };
  const count = intParam(params, 'flood', { min: 1, max: SOCKETIO_LIMITS.floodMaxCount, fallback: 1000 });
  if (!count.ok) return count;
  const size = intParam(params, 'size', { min: 1, max: SOCKETIO_LIMITS.floodMaxSize, fallback: 64 });
  if (!size.ok) return size;
  return { ok: true, value: { count: count.value, size: size.value } };
}

/**
 * @param {{ count?: unknown, size?: unknown } | undefined} req
 * @returns {{ ok: true, count: number, size: number } | { ok: false, error: string }}
 */
function floodRequest(req) {
  const count = req?.count ?? 1000;
  const size = req?.size ?? 64;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > SOCKETIO_LIMITS.floodMaxCount) {
    return { ok: false, error: `count must be an integer from 1 to ${SOCKETIO_LIMITS.floodMaxCount}` };
  }
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > SOCKETIO_LIMITS.floodMaxSize) {
    return { ok: false, error: `size must be an integer from 1 to ${SOCKETIO_LIMITS.floodMaxSize}` };
  }
  return { ok: true, count, size };
}

/**
 * Emits `count` tick events as fast as the client reads them: past BATCH
 * packets waiting in Engine.IO's write buffer it waits until the transport
 * has written what it holds. Stops when the client goes away or `maxMs` runs
 * out.
 *
 * @param {import('socket.io').Socket} socket
 * @param {number} count
 * @param {number} size
 * @param {number} maxMs
 * @returns {Promise<{ sent: number, stopped?: string }>}
 */
export async function floodTicks(socket, count, size, maxMs) {
  const conn = socket.conn;
  // Engine.IO's queue of packets not yet handed to the transport (not in its typings).
  const queue = /** @type {{ writeBuffer: unknown[] }} */ (/** @type {unknown} */ (conn));
  const deadline = performance.now() + maxMs;
  for (let seq = 1; seq <= count; seq += 1) {
    if (!socket.connected) return { sent: seq - 1, stopped: 'client left' };
    socket.emit('tick', floodTick(seq, size));
    if (queue.writeBuffer.length >= BATCH) {
      await new Promise((resolve) => {
        const done = () => {
          conn.transport.off('drain', done);
          conn.off('close', done);
          resolve(undefined);
        };
        conn.transport.once('drain', done);
        conn.once('close', done);
      });
    } else if (seq % BATCH === 0) {
      await nextTurn();
    }
    if (performance.now() > deadline) return { sent: seq, stopped: `time limit ${Math.round(maxMs / 1000)} s` };
  }
  return { sent: count };
}

/**
 * @param {{ name: string, path: string, pingInterval?: number, pingTimeout?: number, limits: import('./route.mjs').PlaygroundLimits }} options
 */
function createOne({ name, path, pingInterval, pingTimeout, limits }) {
  /** @type {Received[]} */
  const log = [];
  const engine = new Engine({
    transports: ['websocket'],
    allowEIO3: true,
    perMessageDeflate: false,
    ...(pingInterval ? { pingInterval } : {}),
    ...(pingTimeout ? { pingTimeout } : {}),
  });
  const io = new Server({ path, serveClient: false, transports: ['websocket'], allowEIO3: true });
  io.bind(/** @type {never} */ (engine));
  /** @type {Set<() => void>} */
  const stops = new Set();
  /** @type {Set<import('engine.io').Socket>} */
  const conns = new Set();
  engine.on('connection', (/** @type {import('engine.io').Socket} */ conn) => {
    conns.add(conn);
    conn.once('close', () => conns.delete(conn));
  });

  /** @param {import('socket.io').Socket} socket */
  const setup = (socket) => {
    /** @type {Received[]} */
    const mine = [];
    /** @param {string} event @param {unknown[]} args @param {boolean} ack */
    const record = (event, args, ack) => {
      /** @type {Received} */
      const r = { server: name, namespace: socket.nsp.name, socket: socket.id, event, args: /** @type {unknown[]} */ (jsonSafe(args)), ack, at: new Date().toISOString() };
      log.push(r);
      if (log.length > SOCKETIO_LIMITS.logSize) log.shift();
      mine.push(r);
      if (mine.length > SOCKETIO_LIMITS.logSize) mine.shift();
    };
    record('(connect)', [socket.handshake.auth], false);
    socket.onAny((event, ...args) => {
      const ack = typeof args[args.length - 1] === 'function';
      record(String(event), ack ? args.slice(0, -1) : args, ack);
    });
    socket.emit('welcome', {
      namespace: socket.nsp.name,
      id: socket.id,
      events: ['echo', 'join', 'chat', 'binary', 'tick', 'flood', 'inspect', 'ask'],
    });
    // A namespace DISCONNECT from the client ("client namespace disconnect"), a dropped transport, a ping timeout…
    socket.once('disconnect', (reason) => record('(disconnect)', [reason], false));

    /** @param {unknown[]} args @returns {[unknown[], ((...a: unknown[]) => void) | undefined]} */
    const split = (args) => {
      const last = args[args.length - 1];
      return typeof last === 'function' ? [args.slice(0, -1), /** @type {(...a: unknown[]) => void} */ (last)] : [args, undefined];
    };

    socket.on('echo', (...raw) => {
      const [args, ack] = split(raw);
      if (ack) ack(...args);
      else socket.emit('echo', ...args);
    });
    socket.on('inspect', (...raw) => {
      const [, ack] = split(raw);
      // This very `inspect` is the last entry; the client asked about what came before.
      const received = mine.filter((r) => r.event !== 'inspect');
      if (ack) ack({ received });
      else socket.emit('inspect', { received });
    });
    socket.on('ask', (...raw) => {
      const [args, ack] = split(raw);
      ack?.({ asked: true });
      // The server asks for an ack: the client's ACK is recorded as "(ack)" with its arguments, then emitted back as `answered`.
      // No timeout (no timer to outlive the server); an unanswered question is dropped with the socket.
      socket.emit('question', ...args, (/** @type {unknown[]} */ ...answer) => {
        record('(ack)', answer, false);
        socket.emit('answered', ...answer);
      });
    });
    socket.on('join', (...raw) => {
      const [[room], ack] = split(raw);
      if (typeof room !== 'string' || !ROOM.test(room)) {
        ack?.({ error: 'room is 1 to 64 of A-Z a-z 0-9 _ . -' });
        return;
      }
      socket.join(room);
      ack?.({ room, members: socket.nsp.adapter.rooms.get(room)?.size ?? 0 });
    });
    socket.on('chat', (...raw) => {
      const [[room, message], ack] = split(raw);
      if (typeof room !== 'string' || !ROOM.test(room)) {
        ack?.({ error: 'chat(room, message): room is 1 to 64 of A-Z a-z 0-9 _ . -' });
        return;
      }
      socket.nsp.to(room).emit('chat', { room, from: socket.id, message: jsonSafe(message) });
      ack?.({ room, members: socket.nsp.adapter.rooms.get(room)?.size ?? 0 });
    });
    socket.on('binary', (...raw) => {
      const [args, ack] = split(raw);
      const sizes = args.filter((a) => Buffer.isBuffer(a)).map((a) => /** @type {Buffer} */ (a).length);
      const reply = { name: 'sample', bytes: Buffer.from(BINARY_SAMPLE), received: sizes };
      if (ack) ack(reply);
      else socket.emit('binary', reply);
    });
    socket.on('tick', (...raw) => {
      const [[opts], ack] = split(raw);
      const o = /** @type {{ count?: unknown, interval?: unknown }} */ (typeof opts === 'object' && opts !== null ? opts : {});
      const count = o.count ?? 5;
      const interval = o.interval ?? 100;
      const { tickMaxCount, tickMinIntervalMs, tickMaxIntervalMs } = SOCKETIO_LIMITS;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > tickMaxCount) {
        ack?.({ error: `count must be an integer from 1 to ${tickMaxCount}` });
        return;
      }
      if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < tickMinIntervalMs || interval > tickMaxIntervalMs) {
        ack?.({ error: `interval must be an integer from ${tickMinIntervalMs} to ${tickMaxIntervalMs} ms` });
        return;
      }
      ack?.({ count, interval });
      let seq = 0;
      const deadline = Date.now() + limits.tickerMaxMs;
      const timer = setInterval(() => {
        seq += 1;
        if (!socket.connected || Date.now() > deadline) {
          stop();
          return;
        }
        socket.emit('tick', { seq, time: new Date().toISOString() });
        if (seq >= count) stop();
      }, interval);
      const stop = () => {
        clearInterval(timer);
        stops.delete(stop);
      };
      stops.add(stop);
      socket.once('disconnect', stop);
    });
    socket.on('flood', (...raw) => {
      const [[opts], ack] = split(raw);
      const req = floodRequest(/** @type {{ count?: unknown, size?: unknown } | undefined} */ (typeof opts === 'object' && opts !== null ? opts : undefined));
      if (!req.ok) {
        ack?.({ error: req.error });
        return;
      }
      floodTicks(socket, req.count, req.size, limits.floodMaxMs).then(
        (r) => ack?.(r),
        () => socket.disconnect(true),
      );
    });
  };

  io.of('/').on('connection', (socket) => {
    setup(socket);
    const flood = parseFloodQuery(new URLSearchParams(/** @type {Record<string, string>} */ (socket.handshake.query)));
    if (flood.ok && flood.value) {
      const { count, size } = flood.value;
      floodTicks(socket, count, size, limits.floodMaxMs).then(
        (r) => socket.emit('flood-done', r),
        () => socket.disconnect(true),
      );
    }
  });
  const admin = io.of('/admin');
  admin.use((socket, next) => {
    const auth = /** @type {Record<string, unknown>} */ (socket.handshake.auth ?? {});
    if (auth.token === ADMIN_TOKEN) next();
    else {
      /** @type {Error & { data?: unknown }} */
      const err = new Error(`not authorized: /admin takes the auth {"token":"${ADMIN_TOKEN}"}`);
      // Socket.IO v2 clients get `data` instead of the message when there is one.
      if (socket.conn.protocol !== 3) err.data = { hint: 'connect /admin with the auth payload {"token":"letmein"}' };
      next(err);
    }
  });
  admin.on('connection', setup);

  const close = async () => {
    for (const stop of [...stops]) stop();
    /** @type {Promise<void>[]} */
    const goodbyes = [];
    for (const conn of conns) {
      goodbyes.push(new Promise((resolve) => conn.once('close', () => resolve())));
    }
    // DISCONNECT each namespace, then close each connection (Engine.IO close, then the WebSocket's).
    io.of('/admin').disconnectSockets(true);
    io.of('/').disconnectSockets(true);
    for (const conn of [...conns]) conn.close();
    const grace = new AbortController();
    await Promise.race([Promise.all(goodbyes), delay(SHUTDOWN_GRACE_MS, undefined, { signal: grace.signal }).catch(() => {})]);
    grace.abort();
    await io.close();
  };

  return { name, path, engine, io, log, close };
}

/**
 * @typedef {object} SocketIoPlayground
 * @property {(req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer, url: URL) => boolean} handleUpgrade
 *   true when the path is a Socket.IO one (the upgrade is then handled or refused)
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => boolean} handleRequest
 *   true when the request was answered
 * @property {() => Received[]} log what both servers received, oldest first
 * @property {() => Promise<void>} close
 */

/**
 * @param {import('./route.mjs').PlaygroundLimits} limits
 * @returns {SocketIoPlayground}
 */
export function createSocketIoPlayground(limits) {
  const servers = [
    createOne({ name: 'main', path: SOCKETIO_PATH, limits }),
    createOne({ name: 'fast', path: SOCKETIO_FAST_PATH, ...FAST_HEARTBEAT, limits }),
  ];
  const byPath = new Map(servers.map((s) => [s.path, s]));
  return {
    handleUpgrade(req, socket, head, url) {
      const s = byPath.get(url.pathname);
      if (!s) return false;
      const flood = parseFloodQuery(url.searchParams);
      if (!flood.ok) {
        rejectUpgrade(socket, 400, flood.error);
        return true;
      }
      s.engine.handleUpgrade(/** @type {never} */ (req), /** @type {never} */ (socket), head);
      return true;
    },
    handleRequest(req, res, url) {
      if (url.pathname === SOCKETIO_LOG_PATH) {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          sendBody(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
        } else {
          const events = servers.flatMap((s) => s.log).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
          sendBody(res, 200, 'application/json; charset=utf-8', `${JSON.stringify({ events })}\n`);
        }
        return true;
      }
      const s = byPath.get(url.pathname);
      if (!s) return false;
      // Only the WebSocket transport is on: Engine.IO answers a polling request
      // with its own 400 {"code":0,"message":"Transport unknown"}.
      s.engine.handleRequest(/** @type {never} */ (req), /** @type {never} */ (res));
      return true;
    },
    log: () => servers.flatMap((s) => s.log),
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
