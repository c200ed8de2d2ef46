import type { BinaryType, SockEvent } from '../../../core/events';
import { describeCloseCode } from '../../../lib/close-codes';
import { assertNever } from '../../../lib/assert-never';
import { maskUrl } from '../../../lib/secrets';

/**
 * What the teaching mode says about each kind of event, and the topics every
 * WebSocket user runs into. Plain text only: the UI renders it as text.
 */
export interface Explanation {
  id: string;
  title: string;
  paragraphs: string[];
  /** a list of points, shown after the paragraphs */
  points?: string[];
  /** a short annotated example, shown as code */
  example?: string;
}

export interface ExplainContext {
  binaryType: BinaryType;
  /** the page's origin, sent by the browser in the handshake */
  origin: string;
}

const ERROR_1006_CAUSES = [
  'the connection was refused (nothing listens on that port, or a firewall said no);',
  'the host name did not resolve (DNS);',
  'TLS failed (an untrusted or expired certificate on wss://);',
  'the URL is not a WebSocket endpoint (the server answered plain HTTP such as 200, 404 or 426);',
  'the server did not accept any of the subprotocols you asked for, or answered one you did not ask for;',
  'the port is one browsers block, or the browser blocked it for mixed content or local-network access;',
  'the connection dropped without a close frame (network cut, server crash, proxy timeout).',
];

export const TOPICS: readonly Explanation[] = [
  {
    id: 'handshake',
    title: 'The opening handshake',
    paragraphs: [
      'new WebSocket(url) sends one HTTP/1.1 GET request asking to switch protocols. If the server answers 101 Switching Protocols, the same TCP (or TLS) connection carries WebSocket frames from then on, and the open event fires.',
      'The browser writes every header itself. The page chooses only the URL (path and query) and the list of subprotocols.',
    ],
    example: handshakeExample('ws://127.0.0.1:8787/echo', ['json'], 'http://127.0.0.1:5180'),
  },
  {
    id: 'headers',
    title: 'Why a page cannot set headers',
    paragraphs: [
      'The browser WebSocket API has no way to add headers such as Authorization to the handshake: new WebSocket(url, protocols) takes nothing else. This is deliberate: a page must not be able to forge headers on a request to another origin.',
      'What people do instead:',
    ],
    points: [
      'a token in the query string (wss://api.example.com/ws?token=…): simple, but it lands in server and proxy logs; Sockpit masks such values and does not store them unless you tick Remember secrets;',
      'a cookie the server set earlier on the same site: the browser sends it with the handshake by itself;',
      'the subprotocol list (new WebSocket(url, ["access_token", token])): it travels as Sec-WebSocket-Protocol, and the server must echo one of the values back or the browser fails the connection;',
      'a first message after open carrying the credentials, which the server checks before doing anything else.',
    ],
  },
  {
    id: 'buffered-amount',
    title: 'bufferedAmount: data not yet sent',
    paragraphs: [
      'send() never blocks and never says whether the data arrived. It queues the bytes and returns. ws.bufferedAmount is how many bytes are queued but not yet handed to the network.',
      'If you send faster than the network (or the server) takes the data, bufferedAmount grows and so does memory. Well-behaved senders wait until it falls before sending more. Sockpit shows it in the stats line.',
    ],
  },
  {
    id: 'binary-type',
    title: 'binaryType: how binary frames arrive',
    paragraphs: [
      'A WebSocket message is either text (event.data is a string, UTF-8 on the wire) or binary. For binary, ws.binaryType decides what event.data is: "blob" (the default) gives a Blob, read later with await blob.arrayBuffer(); "arraybuffer" gives an ArrayBuffer you can read at once with new Uint8Array(event.data).',
      'You can send a string, an ArrayBuffer, a typed array (Uint8Array …) or a Blob; any non-string goes out as a binary frame.',
    ],
  },
  {
    id: 'error-1006',
    title: 'An error event carries no detail',
    paragraphs: [
      'When a connection fails, the browser fires error (an Event with no message), then close with code 1006. It does not say why, on purpose: otherwise a page could scan the visitor’s network and learn what runs where. The reason only appears in the browser’s own console and DevTools, which the page cannot read.',
      'So 1006 can mean any of these, and Sockpit cannot tell which:',
    ],
    points: ERROR_1006_CAUSES,
  },
  {
    id: 'close-codes',
    title: 'Close codes and who may send them',
    paragraphs: [
      'close(code, reason) sends a close frame with a 2-byte code and up to 123 bytes of UTF-8 reason. A page may use only 1000 or 3000–4999. 1005, 1006 and 1015 are never sent on the wire: the browser reports them when there was no code, no close frame, or a TLS failure.',
    ],
    points: [1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 3000, 4000].map((code) => {
      const d = describeCloseCode(code);
      return `${code} ${d.name}: ${d.meaning} ${d.who}`;
    }),
  },
];

export function topic(id: string): Explanation | undefined {
  return TOPICS.find((t) => t.id === id);
}

/**
 * The handshake a browser would send for this URL, annotated. The key and
 * accept values are RFC 6455's own sample pair.
 */
export function handshakeExample(url: string, protocols: readonly string[], origin: string): string {
  let host = 'example.com';
  let path = '/';
  let secure = false;
  try {
    const u = new URL(maskUrl(url).replace(/•••/g, 'xxx'));
    host = u.host;
    path = `${u.pathname}${u.search}`;
    secure = u.protocol === 'wss:' || u.protocol === 'https:';
  } catch {
    // Not a URL: keep the placeholders.
  }
  const lines = [
    `GET ${path} HTTP/1.1                       ← path and query from your URL${secure ? ' (inside TLS)' : ''}`,
    `Host: ${host}`,
    'Upgrade: websocket                        ← "switch this connection to WebSocket"',
    'Connection: Upgrade',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==  ← 16 random bytes, new for every connection',
    ...(protocols.length > 0 ? [`Sec-WebSocket-Protocol: ${protocols.join(', ')}   ← your subprotocols, in order`] : []),
    'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits',
    `Origin: ${origin}            ← set by the browser; the server may refuse it`,
    '(cookies for that host, if any; no other headers can be added)',
    '',
    'HTTP/1.1 101 Switching Protocols          ← anything else: error, then close 1006',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
    '                      ← base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")): proves the server speaks WebSocket',
    ...(protocols.length > 0 ? [`Sec-WebSocket-Protocol: ${protocols[0] ?? ''}   ← the one the server picked (must be one you offered)`] : []),
  ];
  return lines.join('\n');
}

/** What the teaching mode says about one timeline event. */
export function explainEvent(e: SockEvent, ctx: ExplainContext): Explanation[] {
  switch (e.type) {
    case 'connecting':
      return [
        {
          id: 'connecting',
          title: 'connecting: new WebSocket(url, protocols)',
          paragraphs: [
            'The constructor returns at once with readyState CONNECTING (0) and starts the opening handshake in the background. Errors in the URL or the subprotocol list throw right here, before any network traffic; everything else is reported later by the error and close events.',
          ],
          example: handshakeExample(e.url, e.protocols, ctx.origin),
        },
        topicOrThrow('headers'),
      ];
    case 'open':
      return [
        {
          id: 'open',
          title: 'open: the handshake succeeded',
          paragraphs: [
            'The server answered 101 Switching Protocols and readyState is now OPEN (1): send() works from here on.',
            `ws.protocol is the subprotocol the server picked (${e.protocol ? `"${e.protocol}"` : 'none: the empty string'}); ws.extensions lists the extensions it agreed to (${e.extensions ? `"${e.extensions}"` : 'none'}). permessage-deflate compresses each message.`,
          ],
        },
      ];
    case 'message': {
      const sent = e.direction === 'out';
      const what =
        e.format === 'text'
          ? 'a text frame: a string, sent as UTF-8'
          : `a binary frame${sent ? '' : `: with binaryType "${ctx.binaryType}", event.data is ${ctx.binaryType === 'blob' ? 'a Blob' : 'an ArrayBuffer'}`}`;
      return [
        {
          id: sent ? 'sent' : 'received',
          title: sent ? 'sent: ws.send(data)' : 'received: the message event',
          paragraphs: [
            sent
              ? `You sent ${what}. send() queues the data and returns at once; it does not wait for the server or say that the data arrived. The row is recorded when send() returned.`
              : `The server sent ${what}. A message may have been split into several frames on the wire; the browser joins them and fires one message event.`,
          ],
        },
        topicOrThrow(sent ? 'buffered-amount' : 'binary-type'),
      ];
    }
    case 'error':
      return [topicOrThrow('error-1006')];
    case 'close': {
      const d = describeCloseCode(e.code);
      const paragraphs = [
        `${e.code} ${d.name}: ${d.meaning}`,
        `Who sends it: ${d.who}`,
        e.reason ? `The reason ("${e.reason}") is free text chosen by whoever closed, at most 123 bytes.` : 'No reason was given.',
        e.wasClean
          ? 'wasClean is true: both sides exchanged close frames before the TCP connection ended.'
          : 'wasClean is false: the connection ended without a complete closing handshake.',
        'readyState is now CLOSED (3) and this socket cannot be reopened: a new connection needs a new WebSocket object (Sockpit’s Reconnect does exactly that).',
      ];
      const out: Explanation[] = [{ id: 'close', title: `close ${e.code}`, paragraphs }];
      if (e.code === 1006) out.push(topicOrThrow('error-1006'));
      else out.push(topicOrThrow('close-codes'));
      return out;
    }
    case 'note':
      return [
        {
          id: 'note',
          title: 'note: Sockpit’s own remark',
          paragraphs: [
            'Notes are not WebSocket events: Sockpit adds them to say what it did or refused, such as a send on a socket that is not OPEN (the browser throws on CONNECTING and silently drops data on CLOSING or CLOSED) or a constructor error.',
          ],
        },
      ];
    default:
      return assertNever(e, 'event');
  }
}

function topicOrThrow(id: string): Explanation {
  const t = topic(id);
  if (!t) throw new Error(`no topic ${id}`);
  return t;
}

export { rowHint } from './row-hint';
