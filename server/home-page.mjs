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
