// @ts-check
import { WebSocket } from 'ws';

/**
 * A small STOMP 1.0/1.1/1.2 broker for the playground (no well-kept STOMP
 * broker for Node speaks over `ws`: stomp-broker-js is STOMP 1.1 only and
 * unmaintained since 2018; the real brokers are Java or Erlang). One STOMP
 * frame stream per WebSocket message (several frames in one message are
 * fine; a frame split across messages is not: it lacks its NUL).
 *
 * - CONNECT / STOMP → CONNECTED with the highest common version, heart-beat
 *   negotiation (max of what one side offers and the other wants), and
 *   enforcement: a client silent for 2 × the negotiated interval gets an
 *   ERROR and close 4001; one that sends no CONNECT in time, close 4001.
 * - SUBSCRIBE / UNSUBSCRIBE to /topic/* (every subscriber) and /queue/* (one
 *   subscriber in turn; kept, up to 100, while nobody listens).
 * - SEND → MESSAGE (message-id, subscription, destination, content-type,
 *   content-length, the sender's own headers); `ack:` when the subscription
 *   is client or client-individual, then ACK / NACK.
 * - BEGIN / COMMIT / ABORT buffer SEND, ACK and NACK of a transaction.
 * - RECEIPT for any frame with a `receipt` header; DISCONNECT closes.
 * - ERROR (then close 1002) for a frame it cannot read or accept.
 * - /topic/tick: `{"tick":n}` every 500 ms (header `tick-every`: 50..10000)
 *   while subscribed, at most 20 (`tick-count`: 1..100).
 * - `log`: the last 200 SEND, ACK and NACK it accepted, for tests.
 */

export const VERSIONS = Object.freeze(['1.2', '1.1', '1.0']);
export const LOG_MAX = 200;
export const QUEUE_BACKLOG_MAX = 100;
export const MAX_FRAME_BYTES = 1024 * 1024;
const MAX_HEADERS = 100;
const MAX_SUBSCRIPTIONS = 100;
const MAX_TX_FRAMES = 100;
const CLIENT_COMMANDS = new Set(['CONNECT', 'STOMP', 'SEND', 'SUBSCRIBE', 'UNSUBSCRIBE', 'ACK', 'NACK', 'BEGIN', 'COMMIT', 'ABORT', 'DISCONNECT']);
const RESERVED = new Set(['destination', 'receipt', 'transaction', 'content-length', 'content-type', 'message-id', 'subscription', 'ack', 'id']);

/**
 * @typedef {{ command: string, headers: Array<[string, string]>, body: Buffer }} StompFrame
 * @typedef {{ frames: StompFrame[], heartbeats: number, error?: string }} Parsed
 * @typedef {{ time: number, command: string, destination?: string, id?: string, transaction?: string, headers: Record<string, string>, body: string }} LogEntry
 */

/**
 * Decodes a header name or value (1.1: \n \c \\; 1.2 also \r). 1.0 and the
 * CONNECT / CONNECTED frames: no escaping.
 *
 * @param {string} s
 * @param {string | null} version
 * @returns {string | { error: string }}
 */
export function unescapeHeader(s, version) {
  if (version === '1.0' || version === null || !s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = s[++i];
    if (e === 'n') out += '\n';
    else if (e === 'c') out += ':';
    else if (e === '\\') out += '\\';
    else if (e === 'r' && version === '1.2') out += '\r';
    else return { error: `invalid escape "\\${e ?? ''}" in header "${s.slice(0, 60)}"` };
  }
  return out;
}

/**
 * @param {string} s
 * @param {string | null} version
 */
export function escapeHeader(s, version) {
  if (version === '1.0' || version === null) return s.replace(/[\r\n]/g, ' ');
  let out = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/:/g, '\\c');
  out = version === '1.2' ? out.replace(/\r/g, '\\r') : out.replace(/\r/g, ' ');
  return out;
}

/**
 * Splits one WebSocket message into STOMP frames. Escapes are decoded by
 * the caller (they depend on the command and the version).
 *
 * @param {Buffer} buf
 * @returns {Parsed}
 */
export function parseFrames(buf) {
  /** @type {StompFrame[]} */
  const frames = [];
  let heartbeats = 0;
  let p = 0;
  const n = buf.length;
  while (p < n) {
    // EOLs between frames are heart-beats
    if (buf[p] === 0x0a) {
      heartbeats++;
      p++;
      continue;
    }
    if (buf[p] === 0x0d && buf[p + 1] === 0x0a) {
      heartbeats++;
      p += 2;
      continue;
    }
    const headEnd = findHeadEnd(buf, p);
    if (headEnd === null) return { frames, heartbeats, error: 'the frame has no blank line ending its headers' };
    const lines = buf.subarray(p, headEnd.start).toString('utf8').split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    const command = lines.shift() ?? '';
    if (lines.length > MAX_HEADERS) return { frames, heartbeats, error: `more than ${MAX_HEADERS} headers` };
    /** @type {Array<[string, string]>} */
    const headers = [];
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon < 0) return { frames, heartbeats, error: `header line without a colon: "${line.slice(0, 60)}"` };
      headers.push([line.slice(0, colon), line.slice(colon + 1)]);
    }
    const bodyStart = headEnd.end;
    const cl = headers.find(([k]) => k === 'content-length');
    let bodyEnd;
    if (cl) {
      if (!/^\d{1,10}$/.test(cl[1])) return { frames, heartbeats, error: `content-length "${cl[1].slice(0, 20)}" is not a number` };
      bodyEnd = bodyStart + Number(cl[1]);
      if (bodyEnd > n) return { frames, heartbeats, error: `content-length ${cl[1]} is longer than the body (${n - bodyStart} B)` };
      if (buf[bodyEnd] !== 0) return { frames, heartbeats, error: `no NUL after the ${cl[1]} bytes of content-length` };
    } else {
      bodyEnd = buf.indexOf(0, bodyStart);
      if (bodyEnd < 0) return { frames, heartbeats, error: 'the frame does not end with a NUL' };
    }
    frames.push({ command, headers, body: buf.subarray(bodyStart, bodyEnd) });
    p = bodyEnd + 1;
    // EOLs right after a frame belong to it
    while (p < n && (buf[p] === 0x0a || (buf[p] === 0x0d && buf[p + 1] === 0x0a))) p += buf[p] === 0x0d ? 2 : 1;
  }
  return { frames, heartbeats };
}

/**
 * @param {Buffer} buf
 * @param {number} from
 */
function findHeadEnd(buf, from) {
  for (let i = from; i < buf.length; i++) {
    if (buf[i] !== 0x0a) continue;
    if (buf[i + 1] === 0x0a) return { start: i, end: i + 2 };
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { start: i, end: i + 3 };
  }
  return null;
}

/**
 * @param {string} command
 * @param {Array<[string, string]>} headers
 * @param {Buffer | string} body
 * @param {string | null} version
 */
export function serializeFrame(command, headers, body, version) {
  const escape = command !== 'CONNECTED' && command !== 'CONNECT';
  const head = headers.map(([k, v]) => (escape ? `${escapeHeader(k, version)}:${escapeHeader(v, version)}` : `${k}:${v}`)).join('\n');
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`${command}\n${head}${head ? '\n' : ''}\n`, 'utf8'), b, Buffer.from([0])]);
}

/**
 * @param {StompFrame} f
 * @param {string} name
 */
function header(f, name) {
  const h = f.headers.find(([k]) => k === name);
  return h ? h[1] : undefined;
}

/** @param {Buffer} b */
function isUtf8Text(b) {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {{ tickEveryMs?: number, tickCount?: number }} [options]
 */
export function createStompBroker({ tickEveryMs = 500, tickCount = 20 } = {}) {
  /** @type {LogEntry[]} */
  const log = [];
  /** @typedef {{ conn: Connection, id: string, destination: string, ack: string, tick?: NodeJS.Timeout }} Sub */
  /** @type {Map<string, Set<Sub>>} */
  const byDestination = new Map();
  /** @type {Map<string, StompFrame[]>} */
  const backlog = new Map();
  /** @type {Map<string, number>} */
  const turn = new Map();
  /** @type {Set<Connection>} */
  const connections = new Set();
  let messageSeq = 0;
  let sessionSeq = 0;

  /** @param {LogEntry} e */
  const record = (e) => {
    log.push(e);
    if (log.length > LOG_MAX) log.splice(0, log.length - LOG_MAX);
  };

  /**
   * @typedef {object} Connection
   * @property {WebSocket} ws
   * @property {string | null} version
   * @property {Map<string, Sub>} subs
   * @property {Map<string, StompFrame[]>} tx
   * @property {Map<string, Sub>} unacked ack id → subscription, in delivery order
   * @property {() => void} stop
   */

  /**
   * Sends a MESSAGE for `send` to `sub`.
   *
   * @param {Sub} sub
   * @param {StompFrame} send
   * @param {boolean} binary
   */
  function deliver(sub, send, binary) {
    const { conn } = sub;
    const id = `m-${++messageSeq}`;
    /** @type {Array<[string, string]>} */
    const headers = [
      ['destination', sub.destination],
      ['message-id', id],
      ['subscription', sub.id],
    ];
    if (sub.ack !== 'auto') {
      if (conn.version === '1.2') headers.push(['ack', id]);
      conn.unacked.set(id, sub);
    }
    const ct = header(send, 'content-type');
    if (ct !== undefined) headers.push(['content-type', ct]);
    headers.push(['content-length', String(send.body.length)]);
    const seen = new Set();
    for (const [k, v] of send.headers) {
      if (RESERVED.has(k) || seen.has(k)) continue;
      seen.add(k);
      headers.push([k, v]);
    }
    const out = serializeFrame('MESSAGE', headers, send.body, conn.version);
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(binary || !isUtf8Text(send.body) ? out : out.toString('utf8'), { binary: binary || !isUtf8Text(send.body) });
  }

  /**
   * @param {StompFrame} send
   * @param {boolean} binary
   */
  function route(send, binary) {
    const destination = header(send, 'destination') ?? '';
    const subs = [...(byDestination.get(destination) ?? [])];
    if (destination.startsWith('/topic/')) {
      for (const s of subs) deliver(s, send, binary);
      return;
    }
    if (subs.length === 0) {
      const q = backlog.get(destination) ?? [];
      q.push(send);
      if (q.length > QUEUE_BACKLOG_MAX) q.shift();
      backlog.set(destination, q);
      return;
    }
    const t = (turn.get(destination) ?? 0) % subs.length;
    turn.set(destination, t + 1);
    const s = subs[t];
    if (s) deliver(s, send, binary);
  }

  /**
   * @param {Sub} sub
   * @param {number} every
   * @param {number} count
   */
  function startTick(sub, every, count) {
    let n = 0;
    sub.tick = setInterval(() => {
      n++;
      const body = Buffer.from(JSON.stringify({ tick: n, time: new Date().toISOString() }));
      deliver(sub, { command: 'SEND', headers: [['destination', sub.destination], ['content-type', 'application/json']], body }, false);
      if (n >= count) clearInterval(sub.tick);
    }, every);
  }

  /** @param {Sub} sub */
  function removeSub(sub) {
    clearInterval(sub.tick);
    const set = byDestination.get(sub.destination);
    set?.delete(sub);
    if (set && set.size === 0) byDestination.delete(sub.destination);
    sub.conn.subs.delete(sub.id);
    for (const [k, s] of sub.conn.unacked) if (s === sub) sub.conn.unacked.delete(k);
  }

  /**
   * @param {WebSocket} ws
   * @param {{ heartbeat?: [number, number], connectTimeoutMs?: number }} [options]
   *   heartbeat: the server's own `sx,sy` (what it sends, what it wants)
   */
  function connect(ws, { heartbeat = [10_000, 10_000], connectTimeoutMs = 10_000 } = {}) {
    /** @type {Connection} */
    const conn = { ws, version: null, subs: new Map(), tx: new Map(), unacked: new Map(), stop: () => {} };
    connections.add(conn);
    let lastReceived = Date.now();
    /** @type {NodeJS.Timeout | undefined} */
    let watch;
    /** @type {NodeJS.Timeout | undefined} */
    let beat;
    let closing = false;
    const connectTimer = setTimeout(() => {
      if (conn.version === null) ws.close(4001, `stomp: no CONNECT within ${connectTimeoutMs} ms`);
    }, connectTimeoutMs);
    conn.stop = () => {
      clearTimeout(connectTimer);
      clearInterval(watch);
      clearInterval(beat);
      for (const s of [...conn.subs.values()]) removeSub(s);
      connections.delete(conn);
    };
    ws.on('close', conn.stop);

    /** @param {Buffer | string} data */
    const send = (data) => {
      if (ws.readyState === WebSocket.OPEN && !closing) ws.send(data);
    };
    /**
     * @param {string} message
     * @param {StompFrame} [about]
     * @param {string} [detail]
     * @param {[number, string]} [closeWith]
     */
    const fail = (message, about, detail = '', closeWith = [1002, 'stomp: ERROR sent']) => {
      /** @type {Array<[string, string]>} */
      const headers = [['message', message.slice(0, 200)]];
      const r = about && header(about, 'receipt');
      if (r !== undefined) headers.push(['receipt-id', r]);
      headers.push(['content-type', 'text/plain']);
      send(serializeFrame('ERROR', headers, detail || message, conn.version).toString('utf8'));
      closing = true;
      ws.close(...closeWith);
    };
    /** @param {StompFrame} f */
    const receipt = (f) => {
      const r = header(f, 'receipt');
      if (r !== undefined) send(serializeFrame('RECEIPT', [['receipt-id', r]], '', conn.version).toString('utf8'));
    };

    /**
     * @param {StompFrame} f
     * @param {boolean} binary
     * @param {boolean} [inTx] replayed by COMMIT
     * @returns {boolean} false when it failed (and the connection is closing)
     */
    const handle = (f, binary, inTx = false) => {
      if (!CLIENT_COMMANDS.has(f.command)) return (fail(`unknown command "${f.command.slice(0, 40)}"`, f), false);
      if (f.command === 'CONNECT' || f.command === 'STOMP') {
        if (conn.version !== null) return (fail('already connected', f), false);
        const offered = (header(f, 'accept-version') ?? '1.0').split(',').map((v) => v.trim());
        const version = VERSIONS.find((v) => offered.includes(v));
        if (!version) {
          send(serializeFrame('ERROR', [['version', '1.0,1.1,1.2'], ['message', 'Supported protocol versions are 1.0, 1.1, 1.2'], ['content-type', 'text/plain']], '', '1.0').toString('utf8'));
          closing = true;
          ws.close(1002, 'stomp: no common version');
          return false;
        }
        if (header(f, 'login') === 'denied') return (fail('bad credentials: login "denied" is always refused', f), false);
        conn.version = version;
        clearTimeout(connectTimer);
        const hb = /^(\d{1,9}),(\d{1,9})$/.exec(header(f, 'heart-beat') ?? '0,0');
        const [cx, cy] = hb ? [Number(hb[1]), Number(hb[2])] : [0, 0];
        const [sx, sy] = heartbeat;
        const outgoing = sx > 0 && cy > 0 ? Math.max(sx, cy) : 0;
        const incoming = cx > 0 && sy > 0 ? Math.max(cx, sy) : 0;
        /** @type {Array<[string, string]>} */
        const headers = [['version', version], ['heart-beat', `${sx},${sy}`], ['server', 'sockpit-playground/1'], ['session', `s-${++sessionSeq}`]];
        send(serializeFrame('CONNECTED', headers, '', version).toString('utf8'));
        if (outgoing > 0) beat = setInterval(() => send('\n'), outgoing);
        if (incoming > 0) {
          watch = setInterval(() => {
            if (Date.now() - lastReceived > 2 * incoming) {
              clearInterval(watch);
              fail(`heart-beat timeout: nothing received for ${2 * incoming} ms`, undefined, '', [4001, `stomp: no heart-beat within ${2 * incoming} ms`]);
            }
          }, Math.max(50, Math.floor(incoming / 4)));
        }
        return true;
      }
      if (conn.version === null) return (fail(`${f.command} before CONNECT`, f), false);
      // decode the escapes of this frame's headers
      for (const h of f.headers) {
        for (const i of [0, 1]) {
          const u = unescapeHeader(h[i] ?? '', conn.version);
          if (typeof u !== 'string') return (fail(u.error, f), false);
          h[i] = u;
        }
      }
      const txName = header(f, 'transaction');
      if (!inTx && txName !== undefined && (f.command === 'SEND' || f.command === 'ACK' || f.command === 'NACK')) {
        const tx = conn.tx.get(txName);
        if (!tx) return (fail(`unknown transaction "${txName.slice(0, 60)}"`, f), false);
        if (tx.length >= MAX_TX_FRAMES) return (fail(`a transaction holds at most ${MAX_TX_FRAMES} frames`, f), false);
        tx.push({ ...f, body: Buffer.from(f.body) });
        receipt(f);
        return true;
      }
      switch (f.command) {
        case 'SEND': {
          const destination = header(f, 'destination');
          if (destination === undefined) return (fail('SEND needs a destination header', f), false);
          if (!/^\/(topic|queue)\/\S{1,200}$/.test(destination)) return (fail(`destination "${destination.slice(0, 60)}" is not /topic/… or /queue/…`, f), false);
          record({ time: Date.now(), command: 'SEND', destination, ...(txName !== undefined ? { transaction: txName } : {}), headers: Object.fromEntries([...f.headers].reverse()), body: f.body.toString('utf8') });
          route(f, binary);
          break;
        }
        case 'SUBSCRIBE': {
          const destination = header(f, 'destination');
          if (destination === undefined) return (fail('SUBSCRIBE needs a destination header', f), false);
          if (!/^\/(topic|queue)\/\S{1,200}$/.test(destination)) return (fail(`destination "${destination.slice(0, 60)}" is not /topic/… or /queue/…`, f), false);
          const id = header(f, 'id') ?? (conn.version === '1.0' ? destination : undefined);
          if (id === undefined) return (fail('SUBSCRIBE needs an id header', f), false);
          if (conn.subs.has(id)) return (fail(`subscription id "${id.slice(0, 60)}" is in use`, f), false);
          if (conn.subs.size >= MAX_SUBSCRIPTIONS) return (fail(`at most ${MAX_SUBSCRIPTIONS} subscriptions`, f), false);
          const ack = header(f, 'ack') ?? 'auto';
          if (ack !== 'auto' && ack !== 'client' && ack !== 'client-individual') return (fail(`ack "${ack.slice(0, 40)}" is not auto, client or client-individual`, f), false);
          /** @type {Sub} */
          const sub = { conn, id, destination, ack };
          conn.subs.set(id, sub);
          const set = byDestination.get(destination) ?? new Set();
          set.add(sub);
          byDestination.set(destination, set);
          receipt(f);
          if (destination === '/topic/tick') {
            const every = Math.min(10_000, Math.max(50, Number(header(f, 'tick-every')) || tickEveryMs));
            const count = Math.min(100, Math.max(1, Number(header(f, 'tick-count')) || tickCount));
            startTick(sub, every, count);
          }
          const q = backlog.get(destination);
          if (q && destination.startsWith('/queue/')) {
            backlog.delete(destination);
            for (const m of q) route(m, false);
          }
          return true;
        }
        case 'UNSUBSCRIBE': {
          const id = header(f, 'id') ?? (conn.version === '1.0' ? header(f, 'destination') : undefined);
          if (id === undefined) return (fail('UNSUBSCRIBE needs an id header', f), false);
          const sub = conn.subs.get(id);
          if (!sub) return (fail(`no subscription "${id.slice(0, 60)}"`, f), false);
          removeSub(sub);
          break;
        }
        case 'ACK':
        case 'NACK': {
          const id = conn.version === '1.2' ? header(f, 'id') : header(f, 'message-id');
          const name = conn.version === '1.2' ? 'id' : 'message-id';
          if (id === undefined) return (fail(`${f.command} needs a ${name} header`, f), false);
          const sub = conn.unacked.get(id);
          if (!sub) return (fail(`${f.command} of "${id.slice(0, 60)}": no such message waits for an acknowledgement`, f), false);
          if (sub.ack === 'client' && f.command === 'ACK') {
            // cumulative: this one and every earlier one of the subscription
            for (const [k, s] of conn.unacked) {
              if (s === sub) conn.unacked.delete(k);
              if (k === id) break;
            }
          } else conn.unacked.delete(id);
          record({ time: Date.now(), command: f.command, id, ...(txName !== undefined ? { transaction: txName } : {}), headers: Object.fromEntries([...f.headers].reverse()), body: '' });
          break;
        }
        case 'BEGIN':
        case 'COMMIT':
        case 'ABORT': {
          if (txName === undefined) return (fail(`${f.command} needs a transaction header`, f), false);
          const tx = conn.tx.get(txName);
          if (f.command === 'BEGIN') {
            if (tx) return (fail(`transaction "${txName.slice(0, 60)}" has begun already`, f), false);
            if (conn.tx.size >= 20) return (fail('at most 20 open transactions', f), false);
            conn.tx.set(txName, []);
            break;
          }
          if (!tx) return (fail(`unknown transaction "${txName.slice(0, 60)}"`, f), false);
          conn.tx.delete(txName);
          if (f.command === 'COMMIT') for (const t of tx) if (!handle({ ...t, headers: t.headers.filter(([k]) => k !== 'receipt') }, false, true)) return false;
          break;
        }
        case 'DISCONNECT':
          receipt(f);
          closing = true;
          ws.close(1000, 'stomp: DISCONNECT');
          return true;
        default:
          return (fail(`${f.command} is not accepted here`, f), false);
      }
      if (!inTx) receipt(f);
      return true;
    };

    ws.on('message', (data, isBinary) => {
      lastReceived = Date.now();
      if (closing) return;
      const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (buf.length > MAX_FRAME_BYTES) return fail(`message over ${MAX_FRAME_BYTES} B`);
      const parsed = parseFrames(buf);
      for (const f of parsed.frames) if (!handle(f, isBinary)) return;
      if (parsed.error) fail(parsed.error, undefined, parsed.error);
    });
  }

  return {
    connect,
    log,
    close() {
      for (const c of [...connections]) c.stop();
    },
  };
}
