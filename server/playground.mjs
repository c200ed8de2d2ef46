// @ts-check
import { createServer } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocketServer } from 'ws';
import { HOME_PAGE } from './home-page.mjs';
import { rejectUpgrade, sendBody } from './http-responses.mjs';
import { listen, urlHost } from './listen.mjs';
import { binaryRoute } from './routes/binary.mjs';
import { createCableRoute } from './routes/cable.mjs';
import { createChatRoute } from './routes/chat.mjs';
import { closeRoute } from './routes/close.mjs';
import { dropRoute } from './routes/drop.mjs';
import { echoDeflateRoute, echoRoute } from './routes/echo.mjs';
import { encodingsRoute } from './routes/encodings.mjs';
import { lpRoute } from './routes/lp.mjs';
import { createFloodRoute } from './routes/flood.mjs';
import { createGraphqlServers, graphqlRoute, graphqlStrictRoute } from './routes/graphql.mjs';
import { createGraphqlLegacyRoute, selectLegacyProtocol } from './routes/graphql-legacy.mjs';
import { createJsonRpcRoute } from './routes/jsonrpc.mjs';
import { createStompRoute, selectStompProtocol } from './routes/stomp.mjs';
import { createMqttBroker, selectMqttSubprotocol } from './routes/mqtt.mjs';
import { pauseRoute } from './routes/pause.mjs';
import { createPhoenixRoute } from './routes/phoenix.mjs';
import { createReceivedLog } from './routes/received-log.mjs';
import { createSignalrRoute } from './routes/signalr.mjs';
import { sinkRoute } from './routes/sink.mjs';
import { createSocketIoPlayground } from './routes/socketio.mjs';
import { selectSubprotocol, subprotocolRoute } from './routes/subprotocol.mjs';
import { createTickerRoute } from './routes/ticker.mjs';
import { createWampRoute } from './routes/wamp.mjs';

/** @typedef {import('./routes/route.mjs').WsRoute} WsRoute */
/** @typedef {import('./routes/route.mjs').PlaygroundLimits} PlaygroundLimits */

/** @type {PlaygroundLimits} */
export const DEFAULT_LIMITS = Object.freeze({
  tickerMaxMs: 10 * 60 * 1000,
  floodMaxMs: 5 * 60 * 1000,
});

/** How long close() waits for clients to answer the close frame. */
const SHUTDOWN_GRACE_MS = 500;

const NOT_A_WEBSOCKET = 'This is not a WebSocket endpoint';

/**
 * @typedef {object} ReceivedLogs what the protocol routes received (server-side checks in tests)
 * @property {import('./routes/received-log.mjs').ReceivedLog} signalr
 * @property {import('./routes/received-log.mjs').ReceivedLog} phoenix
 * @property {import('./routes/received-log.mjs').ReceivedLog} cable
 * @property {import('./routes/received-log.mjs').ReceivedLog} wamp
 *
 * @typedef {object} Playground
 * @property {import('node:http').Server} server not yet listening
 * @property {() => Promise<void>} close drops every connection and stops the server
 * @property {ReceivedLogs} received
 */

/**
 * Builds the playground: one HTTP server, WebSocket upgrades routed by
 * pathname with `ws` in noServer mode.
 *
 * @param {{ limits?: Partial<PlaygroundLimits> }} [options]
 * @returns {Playground}
 */
export function createPlayground({ limits = {} } = {}) {
  const effectiveLimits = { ...DEFAULT_LIMITS, ...limits };
  const graphql = createGraphqlServers();
  const stomp = createStompRoute();
  /** @type {import('./routes/mqtt.mjs').MqttLogEntry[]} */
  const mqttLog = [];
  const mqttBrokers = {
    '/mqtt': createMqttBroker({ path: '/mqtt', log: mqttLog }),
    '/mqtt5': createMqttBroker({ path: '/mqtt5', log: mqttLog }),
  };
  /** @type {import('./routes/jsonrpc.mjs').JsonRpcLogEntry[]} */
  const jsonRpcLog = [];
  /** @type {ReceivedLogs} */
  const received = { signalr: createReceivedLog(), phoenix: createReceivedLog(), cable: createReceivedLog(), wamp: createReceivedLog() };
  /** @type {Map<string, WsRoute>} */
  const routes = new Map([
    ['/echo', echoRoute],
    ['/echo-deflate', echoDeflateRoute],
    ['/chat', createChatRoute()],
    ['/ticker', createTickerRoute(effectiveLimits)],
    ['/binary', binaryRoute],
    ['/close', closeRoute],
    ['/drop', dropRoute],
    ['/subprotocol', subprotocolRoute],
    ['/flood', createFloodRoute(effectiveLimits)],
    ['/sink', sinkRoute],
    ['/pause', pauseRoute],
    ['/graphql', graphqlRoute('graphql', graphql.plain)],
    ['/graphql-strict', graphqlStrictRoute(graphql.strictFor)],
    ['/graphql-legacy', createGraphqlLegacyRoute(graphql.schema)],
    ['/stomp', stomp.route],
    ['/mqtt', mqttBrokers['/mqtt'].route],
    ['/mqtt5', mqttBrokers['/mqtt5'].route],
    ['/signalr', createSignalrRoute(received.signalr)],
    ['/phoenix/websocket', createPhoenixRoute(received.phoenix)],
    ['/cable', createCableRoute(received.cable)],
    ['/wamp', createWampRoute(received.wamp)],
    ['/jsonrpc', createJsonRpcRoute(jsonRpcLog)],
    ['/encodings', encodingsRoute],
    ['/lp', lpRoute],
  ]);
  const wsServers = {
    plain: new WebSocketServer({ noServer: true, perMessageDeflate: false }),
    deflate: new WebSocketServer({ noServer: true, perMessageDeflate: true }),
    subprotocol: new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      handleProtocols: selectSubprotocol,
    }),
    graphql: graphql.plain,
    'graphql-strict': graphql.strict,
    'graphql-legacy': new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: selectLegacyProtocol }),
    stomp: new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: selectStompProtocol }),
    mqtt: new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: 1024 * 1024,
      handleProtocols: selectMqttSubprotocol,
    }),
  };
  /** One WebSocketServer per route that selects its own subprotocols. @type {Map<WsRoute, WebSocketServer>} */
  const protocolServers = new Map();
  for (const route of routes.values()) {
    if (route.server !== 'protocols') continue;
    const supported = route.subprotocols ?? [];
    protocolServers.set(
      route,
      new WebSocketServer({
        noServer: true,
        perMessageDeflate: false,
        handleProtocols: (offered) => [...offered].find((p) => supported.includes(p)) ?? false,
      }),
    );
  }
  const allWsServers = () => [...Object.values(wsServers), ...protocolServers.values()];

  const socketIo = createSocketIoPlayground(effectiveLimits);

  const server = createServer((req, res) => {
    const url = parsePath(req.url);
    const pathname = url?.pathname;
    if (url !== undefined && socketIo.handleRequest(req, res, url)) {
      // /socket.io/, /socket.io-fast/ (Engine.IO's own answers) and GET /socket.io-log
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendBody(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
    } else if (pathname === '/') {
      sendBody(res, 200, 'text/html; charset=utf-8', HOME_PAGE);
    } else if (pathname === '/health') {
      sendBody(res, 200, 'text/plain; charset=utf-8', 'ok');
    } else if (pathname === '/stomp-log') {
      sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify(stomp.broker.log));
    } else if (pathname === '/mqtt-log') {
      sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify({ entries: mqttLog }));
    } else if (pathname === '/jsonrpc-log') {
      sendBody(res, 200, 'application/json; charset=utf-8', JSON.stringify({ entries: jsonRpcLog }));
    } else if (pathname === '/http-only') {
      sendBody(res, 200, 'text/plain; charset=utf-8', NOT_A_WEBSOCKET);
    } else if (pathname !== undefined && routes.has(pathname)) {
      sendBody(res, 426, 'text/plain; charset=utf-8', 'This is a WebSocket endpoint; connect with ws://\n', {
        Upgrade: 'websocket',
      });
    } else {
      sendBody(res, 404, 'text/plain; charset=utf-8', 'Not found; GET / lists the routes.\n');
    }
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = parsePath(req.url);
    if (url === undefined) {
      rejectUpgrade(socket, 400, 'Malformed request URL.');
      return;
    }
    if (url.pathname === '/http-only') {
      rejectUpgrade(socket, 404, NOT_A_WEBSOCKET);
      return;
    }
    if (socketIo.handleUpgrade(req, socket, head, url)) return;
    const route = routes.get(url.pathname);
    if (route === undefined) {
      rejectUpgrade(socket, 404, 'No WebSocket endpoint at this path; GET / lists the routes.');
      return;
    }
    const accepted = route.accept(url.searchParams);
    if (!accepted.ok) {
      rejectUpgrade(socket, 400, accepted.error);
      return;
    }
    const wss = route.server === 'protocols' ? protocolServers.get(route) : wsServers[route.server];
    if (wss === undefined) {
      rejectUpgrade(socket, 500, 'Route misconfigured.');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      accepted.connect(ws);
    });
  });

  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const close = async () => {
    const brokersClosed = Promise.all(Object.values(mqttBrokers).map((b) => b.close()));
    // Socket.IO: DISCONNECT every namespace, then close each connection.
    const socketIoClosed = socketIo.close();
    // Say goodbye with 1001 "going away"; whoever has not finished the
    // closing handshake within SHUTDOWN_GRACE_MS is cut off.
    /** @type {Promise<void>[]} */
    const goodbyes = [];
    for (const wss of allWsServers()) {
      for (const ws of wss.clients) {
        goodbyes.push(new Promise((resolve) => ws.once('close', () => resolve())));
        ws.close(1001, 'playground server shutting down');
      }
    }
    const wasListening = server.listening;
    const stopped = new Promise((resolve) => server.close(() => resolve(undefined)));
    const grace = new AbortController();
    await Promise.race([
      Promise.all(goodbyes),
      delay(SHUTDOWN_GRACE_MS, undefined, { signal: grace.signal }).catch(() => {}),
    ]);
    grace.abort();
    await socketIoClosed;
    for (const wss of allWsServers()) {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    }
    for (const socket of sockets) socket.destroy();
    stomp.broker.close();
    await brokersClosed;
    if (wasListening) await stopped;
  };

  return { server, close, received };
}

/**
 * @typedef {object} RunningPlayground
 * @property {number} port the bound port (the real one when 0 was asked for)
 * @property {string} url e.g. ws://127.0.0.1:8787
 * @property {string} httpUrl e.g. http://127.0.0.1:8787
 * @property {() => Promise<void>} close
 * @property {ReceivedLogs} received what the protocol routes received
 */

/**
 * Starts the playground. Binds 127.0.0.1 unless told otherwise; port 0
 * picks a free port. Rejects (error.code 'EADDRINUSE') when the port is taken.
 *
 * @param {{ host?: string, port?: number, limits?: Partial<PlaygroundLimits> }} [options]
 * @returns {Promise<RunningPlayground>}
 */
export async function startPlayground({ host = '127.0.0.1', port = 8787, limits } = {}) {
  const playground = createPlayground({ limits });
  const boundPort = await listen(playground.server, host, port);
  const authority = `${urlHost(host)}:${boundPort}`;
  return {
    port: boundPort,
    url: `ws://${authority}`,
    httpUrl: `http://${authority}`,
    close: playground.close,
    received: playground.received,
  };
}

/**
 * @param {string | undefined} requestUrl
 * @returns {URL | undefined}
 */
function parsePath(requestUrl) {
  if (requestUrl === undefined || !requestUrl.startsWith('/')) return undefined;
  try {
    return new URL(requestUrl, 'http://playground.invalid');
  } catch {
    return undefined;
  }
}
