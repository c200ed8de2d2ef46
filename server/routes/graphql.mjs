// @ts-check
import { handleProtocols } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import { graphql } from './graphql-module.mjs';
import { intParam } from '../params.mjs';

const { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } = graphql;

/** How many `say` texts the playground remembers (the oldest go first). */
export const SAID_MAX = 100;
/** tick(every, count) bounds: every 10..10000 ms, count 1..100. */
export const TICK_EVERY = Object.freeze({ min: 10, max: 10_000, default: 1000 });
export const TICK_COUNT = Object.freeze({ min: 1, max: 100, default: 5 });

/** /graphql-strict: connection_init within this, or graphql-ws closes with 4408. */
export const STRICT_INIT_TIMEOUT_MS = 1000;
/** /graphql-strict?initTimeout=MS: the bounds of MS. */
export const STRICT_INIT_TIMEOUT_RANGE = Object.freeze({ min: 100, max: 60_000 });
/** How many different initTimeout values the playground serves at once (one graphql-ws server each). */
export const STRICT_INIT_TIMEOUTS_MAX = 8;
/** /graphql-strict: a GraphQL `ping` this often after the ack ... */
export const STRICT_PING_EVERY_MS = 300;
/** ... and a `pong` within this, or the route closes with 4499. */
export const STRICT_PONG_TIMEOUT_MS = 1000;
export const STRICT_PONG_CLOSE = 4499;

/** @param {number} v @param {{min: number, max: number}} r */
const clamp = (v, r) => Math.min(r.max, Math.max(r.min, Math.trunc(v)));

/**
 * The playground's schema: a query (`hello`, `said`), a mutation
 * (`say(text)`, remembered so tests can check the server got it), a
 * bounded ticking subscription and a field that errors (`boom`).
 *
 * @param {string[]} said where `say` records its texts
 */
export function createSchema(said) {
  const Query = new GraphQLObjectType({
    name: 'Query',
    fields: {
      hello: { type: GraphQLString, resolve: () => 'Hello from the Sockpit playground' },
      said: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))),
        description: `the last ${SAID_MAX} texts given to say(text)`,
        resolve: () => said,
      },
      boom: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('boom: this field always fails');
        },
      },
    },
  });
  const Mutation = new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      say: {
        type: GraphQLString,
        args: { text: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_root, args) => {
          const text = String(args.text).slice(0, 1000);
          said.push(text);
          if (said.length > SAID_MAX) said.splice(0, said.length - SAID_MAX);
          return `said: ${text}`;
        },
      },
    },
  });
  const Subscription = new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      tick: {
        type: GraphQLInt,
        description: `count ticks (1..${TICK_COUNT.max}) every \`every\` ms (${TICK_EVERY.min}..${TICK_EVERY.max}), then completes`,
        args: {
          every: { type: GraphQLInt, defaultValue: TICK_EVERY.default },
          count: { type: GraphQLInt, defaultValue: TICK_COUNT.default },
        },
        subscribe: (_root, args) => ticks(clamp(args.every, TICK_EVERY), clamp(args.count, TICK_COUNT)),
        resolve: (n) => n,
      },
    },
  });
  return new GraphQLSchema({ query: Query, mutation: Mutation, subscription: Subscription });
}

/**
 * 1, 2, … count, one per `every` ms; stops early when the subscriber leaves.
 *
 * @param {number} every
 * @param {number} count
 * @returns {AsyncGenerator<number>}
 */
async function* ticks(every, count) {
  for (let n = 1; n <= count; n++) {
    await new Promise((resolve) => setTimeout(resolve, every));
    yield n;
  }
}

/**
 * The WebSocketServers of /graphql and /graphql-strict: the real graphql-ws
 * server (`useServer`) on ws in noServer mode, subprotocol
 * graphql-transport-ws. /graphql-strict wants connection_init within
 * 1 s (else 4408), pings at the ws level every 500 ms (graphql-ws's
 * keepAlive; the WebSocket client answers those by itself) and sends a
 * GraphQL `ping` message every 300 ms after the ack, closing with 4499 when
 * no `pong` message comes back within 1 s.
 */
export function createGraphqlServers() {
  /** @type {string[]} */
  const said = [];
  const schema = createSchema(said);
  const plain = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols });
  useServer({ schema }, plain, 12_000);
  /** @param {number} initTimeout */
  const strictServer = (initTimeout) => {
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols });
    useServer(
      {
        schema,
        connectionInitWaitTimeout: initTimeout,
        onConnect: (ctx) => {
          const socket = /** @type {{ socket?: WebSocket }} */ (ctx.extra).socket;
          if (socket) setTimeout(() => pingForPongs(socket), 0);
          return true;
        },
      },
      wss,
      500,
    );
    return wss;
  };
  const strict = strictServer(STRICT_INIT_TIMEOUT_MS);
  /** The strict servers by init timeout (graphql-ws takes it per server): made on first use, a few at most. */
  const strictByTimeout = new Map([[STRICT_INIT_TIMEOUT_MS, strict]]);
  /**
   * The strict server whose connection_init timeout is `initTimeout` ms, or
   * null when STRICT_INIT_TIMEOUTS_MAX different ones are in use already.
   *
   * @param {number} initTimeout
   * @returns {WebSocketServer | null}
   */
  const strictFor = (initTimeout) => {
    let wss = strictByTimeout.get(initTimeout);
    if (!wss) {
      if (strictByTimeout.size >= STRICT_INIT_TIMEOUTS_MAX) return null;
      wss = strictServer(initTimeout);
      strictByTimeout.set(initTimeout, wss);
    }
    return wss;
  };
  return { said, schema, plain, strict, strictFor };
}

/**
 * Sends `{"type":"ping"}` every STRICT_PING_EVERY_MS; closes with
 * STRICT_PONG_CLOSE when a ping has had no pong for STRICT_PONG_TIMEOUT_MS.
 *
 * @param {WebSocket} socket
 */
function pingForPongs(socket) {
  /** @type {number | null} time of the oldest unanswered ping */
  let waitingSince = null;
  const onMessage = (/** @type {import('ws').RawData} */ data) => {
    try {
      const msg = JSON.parse(String(data));
      if (msg && msg.type === 'pong') waitingSince = null;
    } catch {
      // graphql-ws itself answers bad JSON
    }
  };
  socket.on('message', onMessage);
  const timer = setInterval(() => {
    if (socket.readyState !== WebSocket.OPEN) return;
    const now = Date.now();
    if (waitingSince !== null && now - waitingSince >= STRICT_PONG_TIMEOUT_MS) {
      socket.close(STRICT_PONG_CLOSE, `graphql-strict: no pong within ${STRICT_PONG_TIMEOUT_MS} ms`);
      return;
    }
    socket.send('{"type":"ping"}');
    waitingSince ??= now;
  }, STRICT_PING_EVERY_MS);
  socket.once('close', () => {
    clearInterval(timer);
    socket.off('message', onMessage);
  });
}

/**
 * A route whose handshake is done by `wss` and whose socket is handed to
 * the graphql-ws server listening on it.
 *
 * @param {'graphql' | 'graphql-strict'} server
 * @param {WebSocketServer} wss
 * @returns {import('./route.mjs').WsRoute}
 */
export function graphqlRoute(server, wss) {
  return {
    server,
    accept: () => ({ ok: true, connect: (ws) => wss.emit('connection', ws, undefined) }),
  };
}

/**
 * /graphql-strict[?initTimeout=MS]: connection_init within MS (default
 * STRICT_INIT_TIMEOUT_MS, 100..60000), else graphql-ws closes with 4408;
 * the pings and the 4499 for a missing pong are the same whatever MS.
 *
 * @param {(initTimeout: number) => WebSocketServer | null} strictFor
 * @returns {import('./route.mjs').WsRoute}
 */
export function graphqlStrictRoute(strictFor) {
  return {
    server: 'graphql-strict',
    accept: (params) => {
      const t = intParam(params, 'initTimeout', { ...STRICT_INIT_TIMEOUT_RANGE, fallback: STRICT_INIT_TIMEOUT_MS });
      if (!t.ok) return t;
      const wss = strictFor(t.value);
      if (!wss) return { ok: false, error: `at most ${STRICT_INIT_TIMEOUTS_MAX} different initTimeout values are served at once; use one of those in use or the default.` };
      return { ok: true, connect: (ws) => wss.emit('connection', ws, undefined) };
    },
  };
}
