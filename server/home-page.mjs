// @ts-check
/**
 * The page served at GET / of the playground. A constant: nothing from the
 * request is ever written into it.
 */
export const HOME_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sockpit playground server</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
  code { background: #f2f4f7; padding: 0 .25rem; border-radius: 3px; }
  dt { margin-top: .9rem; font-weight: 600; }
  dd { margin-left: 1.2rem; }
</style>
</head>
<body>
<h1>Sockpit playground server</h1>
<p>A local WebSocket server to try the Sockpit console against. Connect to the routes below with
<code>ws://</code> and this page's host and port. Every route accepts any Origin.
Bad parameters refuse the handshake with HTTP 400 and a plain-text explanation.</p>
<dl>
  <dt><code>/echo</code></dt>
  <dd>Echoes every message: text as text, binary as binary, byte for byte. No compression.</dd>
  <dt><code>/echo-deflate</code></dt>
  <dd>The same echo with <code>permessage-deflate</code> negotiated when the client offers it.</dd>
  <dt><code>/chat</code></dt>
  <dd>Broadcasts every message to everyone connected to <code>/chat</code>, sender included.</dd>
  <dt><code>/ticker?rate=N</code></dt>
  <dd>JSON ticks <code>{"type":"tick","seq":1,"time":"…","symbol":"SOCK","price":123.45}</code>,
  N per second (default 1, clamped to 1..1000); closes with 1000 "ticker finished" after 10 minutes.</dd>
  <dt><code>/binary</code></dt>
  <dd>Sends four binary frames on connect: bytes 00..FF; DE AD BE EF; an empty frame;
  "Sockpit" followed by 00 FF. Then echoes.</dd>
  <dt><code>/close?code=C&amp;reason=R</code></dt>
  <dd>Closes right after open with code C (default 1000; allowed 1000-1003, 1007-1014, 3000-4999)
  and reason R (default empty, at most 123 UTF-8 bytes).</dd>
  <dt><code>/drop?after=MS</code></dt>
  <dd>Destroys the TCP connection without a close frame MS ms after open (default 100, 0..10000).
  The client sees code 1006, wasClean false.</dd>
  <dt><code>/subprotocol</code></dt>
  <dd>Supports <code>sockpit.v2</code>, <code>sockpit.v1</code>, <code>json</code>; picks the first the client
  offered that is supported. With no match it answers without a protocol, and a browser fails the
  connection. Sends <code>{"protocol":"…"}</code> after open, then echoes.</dd>
  <dt><code>/flood?count=N&amp;size=B&amp;type=text|binary</code></dt>
  <dd>Sends N sequenced messages of B bytes as fast as the client reads them, then stays open.
  count 1..2,000,000 (default 1000), size 1..268,435,456 (default 64), count × size at most 2 GiB,
  type text (default) or binary.</dd>
  <dt><code>/sink</code></dt>
  <dd>Reads every message and keeps only counts; answers each with
  <code>{"received":B,"total":T,"messages":N}</code> once all its bytes have arrived.</dd>
  <dt><code>/pause?before=N&amp;pause=MS&amp;after=N&amp;every=MS</code></dt>
  <dd>A known silence: <code>{"phase":"before","seq":1}</code> … every <code>every</code> ms (default 5 messages, 100 ms),
  nothing for <code>pause</code> ms (default 3000), then the <code>after</code> messages; then echoes.</dd>
  <dt><code>/graphql</code></dt>
  <dd>GraphQL over WebSocket on the real graphql-ws server (subprotocol <code>graphql-transport-ws</code>):
  <code>hello</code>, <code>said</code>, <code>say(text)</code>, <code>tick(every, count)</code>, <code>boom</code>.</dd>
  <dt><code>/graphql-strict?initTimeout=MS</code></dt>
  <dd>The same, strict: <code>connection_init</code> within 1 s or <code>initTimeout</code> ms (100..60000; else 4408); a GraphQL <code>ping</code> every 300 ms,
  closed with 4499 when a <code>pong</code> is missing for 1 s.</dd>
  <dt><code>/graphql-legacy?initTimeout=MS</code></dt>
  <dd>The legacy <code>graphql-ws</code> subprotocol (subscriptions-transport-ws framing) with <code>ka</code> every second;
  with initTimeout, closed with 4408 when no <code>connection_init</code> comes in time.</dd>
  <dt><code>/stomp?heartbeat=MS</code></dt>
  <dd>A small STOMP 1.0–1.2 broker (<code>v12.stomp</code>, <code>v11.stomp</code>, <code>v10.stomp</code>): /topic/* and /queue/*,
  receipts, ACK/NACK, transactions, <code>/topic/tick</code>. With heartbeat, server heart-beat 0,MS: a client silent for
  2 × the negotiated interval is dropped (4001). <code>GET /stomp-log</code> lists the SEND, ACK and NACK it accepted.</dd>
  <dt><code>/mqtt</code></dt>
  <dd>MQTT 3.1.1 over WebSocket (subprotocol <code>mqtt</code>) with the aedes 1.x broker: QoS 0/1/2,
  retained messages (a retained <code>playground/hello</code> is there from the start), wills, and
  <code>playground/tick</code>, a JSON tick a second while somebody subscribes to it. Keepalive is enforced:
  1.5 × keepalive without a packet drops the client. At most 100 clients; messages up to 1 MiB.</dd>
  <dt><code>/mqtt5</code></dt>
  <dd>The same with aedes 2.0.0-beta.1, which also speaks MQTT 5.0 (aedes 1.x refuses 5.0).</dd>
  <dt><code>GET /mqtt-log</code></dt>
  <dd>JSON: the last 200 messages clients published to either broker (route, client id, topic, QoS, retain, payload).</dd>
  <dt><code>/signalr?ping=MS&amp;timeout=MS</code></dt>
  <dd>A small SignalR hub (JSON hub protocol, records end with 0x1E): handshake, <code>echo</code>,
  <code>SendMessage</code> (broadcast as <code>ReceiveMessage</code>), a <code>Counter(count, delayMs)</code> stream;
  pings every 15 s; <code>timeout</code> closes a client silent for that long.</dd>
  <dt><code>/phoenix/websocket?vsn=2.0.0&amp;timeout=MS</code></dt>
  <dd>A small Phoenix Channels socket (serializer 1.0.0 or 2.0.0): join <code>room:NAME</code>, pushes echoed and
  sent to the room, <code>room:locked</code> refused, heartbeat replies; <code>timeout</code> closes a socket without heartbeats.</dd>
  <dt><code>/cable?ping=MS</code></dt>
  <dd>A small Action Cable server (<code>actioncable-v1-json</code>): welcome, pings every 3 s,
  <code>ChatChannel</code> subscriptions confirmed (others rejected), messages broadcast.
  <code>?unauthorized=1</code> sends disconnect.</dd>
  <dt><code>/wamp</code></dt>
  <dd>A small WAMP v2 router (<code>wamp.2.json</code>, realm <code>realm1</code>): subscribe/publish/event,
  call <code>com.sockpit.add</code>, register your own procedures; unknown procedures get an ERROR.</dd>
  <dt><code>/jsonrpc</code></dt>
  <dd>JSON-RPC 2.0 on the <code>json-rpc-2.0</code> library's server (subprotocol <code>jsonrpc</code> if offered):
  <code>sum</code>, <code>subtract</code>, <code>echo</code>, <code>log</code> (a notification), <code>fail</code> (error 4000 with data),
  <code>sleep(ms)</code> up to 2000 ms (replies come out of order); batches; the spec's error codes.</dd>
  <dt><code>GET /jsonrpc-log</code></dt>
  <dd>JSON: the last 500 calls the JSON-RPC server dispatched (connection, request or notification, method, id, params, outcome).</dd>
  <dt><code>/encodings?format=msgpack|cbor|protobuf</code></dt>
  <dd>Three sample binary frames of that encoding on open (a tick with a nested map, an array, bytes,
  a timestamp or CBOR tags, an integer beyond 2^53; protobuf: a <code>sockpit.Tick</code> of
  <code>docs/protocols/sample.proto</code>), then answers every binary frame decoded and re-encoded
  by the encoding's own library; what it cannot read gets a text frame <code>{"error":"…"}</code>.</dd>
  <dt><code>/lp</code></dt>
  <dd>A length-prefixed binary format for trying a custom lens: records <code>[u16 BE length][u8 type][payload]</code>,
  several per frame (1 hello: UTF-8 name; 2 reading: u32 id, f32 value; 3 ack: u32 id; 4 error: UTF-8 text).
  Sends a hello and three readings on open; answers a frame of hellos and readings with a welcome and an ack each,
  a record it cannot use with an error record, and broken framing with close 1007.</dd>
  <dt><code>/socket.io/</code> (connect to <code>http://host:port</code> with a Socket.IO client)</dt>
  <dd>A real Socket.IO 4 server, WebSocket transport only, Socket.IO v2 clients (<code>EIO=3</code>) allowed.
  Namespace <code>/</code>: <code>echo</code> (acks with its arguments), <code>join</code>(room), <code>chat</code>(room, message),
  <code>binary</code> (answers with a Buffer), <code>tick</code>({count, interval}), <code>flood</code>({count, size}),
  <code>inspect</code> (acks with what the server received). <code>/admin</code> takes the auth <code>{"token":"letmein"}</code>.
  <code>?flood=N&amp;size=B</code> on the handshake URL floods N <code>tick</code> events after connecting.</dd>
  <dt><code>/socket.io-fast/</code></dt>
  <dd>The same with pingInterval 500 ms and pingTimeout 500 ms: a client that does not keep the heartbeat is dropped within a second.</dd>
  <dt><code>/socket.io-log</code></dt>
  <dd>JSON: the last events both Socket.IO servers received, as their library decoded them.</dd>
  <dt><code>/http-only</code></dt>
  <dd>A plain HTTP endpoint; a WebSocket handshake to it (or to any unknown path) gets HTTP 404.</dd>
  <dt><code>/health</code></dt>
  <dd>Returns <code>ok</code>.</dd>
</dl>
<p>Details: <code>docs/playground.md</code> in the Sockpit repository.</p>
</body>
</html>
`;
