import type { ConnectionId } from '../../../lib/ids';
import type { BinaryType, ReadyStateName } from '../../../core/events';
import type { Session } from './session';

/**
 * Guided lessons against the playground server. Each lesson names the
 * connections it works with (roles), and each step has an action the "Do it"
 * button performs and a check that reads what actually happened: the same
 * check passes whether the user clicked "Do it" or did the step by hand.
 */

/** What a lesson can see of one connection. */
export interface ConnectionFacts {
  id: ConnectionId;
  name: string;
  /** the URL as configured */
  url: string;
  readyState: ReadyStateName;
  /** messages received, all sessions, evicted ones included */
  inMessages: number;
  session: Session;
}

export interface Role {
  /** playground route, with its query if any */
  path: string;
  name: string;
  binaryType?: BinaryType;
}

export type LessonAction =
  | { type: 'connect'; role: string }
  | { type: 'send-text'; role: string; text: string }
  | { type: 'send-hex'; role: string; hex: string }
  | { type: 'close'; role: string; code: number; reason: string };

export type Resolved = Record<string, ConnectionFacts | undefined>;

export interface LessonStep {
  title: string;
  text: string;
  action: LessonAction;
  check: (r: Resolved) => boolean;
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  roles: Record<string, Role>;
  steps: LessonStep[];
  /** what to take away, shown once every step is done */
  takeaway: string;
}

const opened = (c: ConnectionFacts | undefined): boolean => c?.session.openSeq != null;
const sentTexts = (c: ConnectionFacts | undefined): string[] => c?.session.sends.flatMap((s) => (s.payload.kind === 'text' ? [s.payload.text] : [])) ?? [];
const received = (c: ConnectionFacts | undefined, text: string): boolean => c?.session.recentTexts.includes(text) === true;
const closedWith = (c: ConnectionFacts | undefined, code: number): boolean => c?.session.close?.code === code;

/** A text `from` sent that `to` received. */
function relayed(from: ConnectionFacts | undefined, to: ConnectionFacts | undefined): boolean {
  return sentTexts(from).some((t) => received(to, t));
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'echo',
    title: 'Echo',
    summary: 'Open a socket, send a message, get it back, close.',
    roles: { echo: { path: '/echo', name: 'Echo lesson' } },
    steps: [
      {
        title: 'Connect to /echo',
        text: 'new WebSocket(url) starts the handshake. Watch the state go CONNECTING → OPEN in the lifecycle diagram.',
        action: { type: 'connect', role: 'echo' },
        check: (r) => opened(r.echo),
      },
      {
        title: 'Send a text message',
        text: 'ws.send("Hello, WebSocket!") sends one text frame; the echo server sends the same text back as a message event.',
        action: { type: 'send-text', role: 'echo', text: 'Hello, WebSocket!' },
        check: (r) => relayed(r.echo, r.echo),
      },
      {
        title: 'Close with 1000',
        text: 'ws.close(1000, reason) starts the closing handshake: CLOSING, then CLOSED when the server answers with its own close frame.',
        action: { type: 'close', role: 'echo', code: 1000, reason: 'lesson done' },
        check: (r) => closedWith(r.echo, 1000) && r.echo?.session.close?.wasClean === true,
      },
    ],
    takeaway: 'Look at the Code tab: those few lines are everything you just did.',
  },
  {
    id: 'chat',
    title: 'Chat between two connections',
    summary: 'Two sockets to /chat: what one sends, both receive.',
    roles: { alice: { path: '/chat', name: 'Alice' }, bob: { path: '/chat', name: 'Bob' } },
    steps: [
      { title: 'Connect Alice to /chat', text: 'The first member of the chat room.', action: { type: 'connect', role: 'alice' }, check: (r) => opened(r.alice) },
      { title: 'Connect Bob to /chat', text: 'A second, independent socket: the server sees two clients.', action: { type: 'connect', role: 'bob' }, check: (r) => opened(r.bob) },
      {
        title: 'Alice says hello',
        text: 'The server relays each message to everyone in the room, sender included. Select Bob to see it arrive there.',
        action: { type: 'send-text', role: 'alice', text: 'Hi Bob, this is Alice' },
        check: (r) => relayed(r.alice, r.bob),
      },
      {
        title: 'Bob answers',
        text: 'Messages flow both ways on the same socket at any time: WebSocket is full duplex.',
        action: { type: 'send-text', role: 'bob', text: 'Hi Alice!' },
        check: (r) => relayed(r.bob, r.alice),
      },
    ],
    takeaway: 'A server can push to a client whenever it likes; no request is needed.',
  },
  {
    id: 'binary',
    title: 'Binary frames',
    summary: 'Receive bytes as ArrayBuffer, send bytes with a Uint8Array.',
    roles: { bin: { path: '/binary', name: 'Binary lesson', binaryType: 'arraybuffer' } },
    steps: [
      {
        title: 'Connect to /binary',
        text: 'With binaryType "arraybuffer", each binary message arrives as an ArrayBuffer. The server sends four frames at once: 256 bytes, DE AD BE EF, an empty one and "Sockpit" 00 FF.',
        action: { type: 'connect', role: 'bin' },
        check: (r) => (r.bin?.session.received.binary ?? 0) >= 4,
      },
      {
        title: 'Send four bytes',
        text: 'ws.send(new Uint8Array([0xde, 0xad, 0xbe, 0xef])) sends a binary frame; the route echoes it back.',
        action: { type: 'send-hex', role: 'bin', hex: 'de ad be ef' },
        check: (r) => {
          const s = r.bin?.session;
          const sentFour = s?.sends.some((x) => x.payload.kind === 'binary' && (x.payload.data instanceof ArrayBuffer ? x.payload.data.byteLength : x.payload.data.size) === 4) === true;
          return sentFour && (s?.received.binary ?? 0) >= 5;
        },
      },
    ],
    takeaway: 'Text frames carry UTF-8 strings; binary frames carry any bytes. The inspector shows them as hex.',
  },
  {
    id: 'close-codes',
    title: 'Close codes',
    summary: 'The server closes with a code; then you close with one.',
    roles: { server: { path: '/close?code=4001&reason=Lesson%20over', name: 'Server closes' }, mine: { path: '/echo', name: 'I close' } },
    steps: [
      {
        title: 'Let the server close',
        text: '/close closes right after open with the code and reason in its URL: 4001 "Lesson over". The close event carries both, and wasClean is true.',
        action: { type: 'connect', role: 'server' },
        check: (r) => closedWith(r.server, 4001),
      },
      { title: 'Open another socket', text: 'To /echo this time, which stays open.', action: { type: 'connect', role: 'mine' }, check: (r) => opened(r.mine) },
      {
        title: 'Close it with 4000',
        text: 'A page may only use 1000 or 3000–4999; 4000–4999 are yours to define. Try 1001 in the Close panel to see the browser refuse it.',
        action: { type: 'close', role: 'mine', code: 4000, reason: 'bye' },
        check: (r) => closedWith(r.mine, 4000),
      },
    ],
    takeaway: 'Open the Explain tab on a close row: every code has a meaning and a rule about who may send it.',
  },
  {
    id: 'drop',
    title: 'A dropped connection',
    summary: 'No close frame: 1006, and an error event that says nothing.',
    roles: { drop: { path: '/drop?after=1000', name: 'Dropped' }, http: { path: '/http-only', name: 'Not a WebSocket' } },
    steps: [
      {
        title: 'Connect, then get cut off',
        text: '/drop cuts the TCP connection after one second without a close frame. The browser reports 1006 Abnormal Closure and wasClean false.',
        action: { type: 'connect', role: 'drop' },
        check: (r) => closedWith(r.drop, 1006) && r.drop?.session.close?.wasClean === false,
      },
      {
        title: 'Connect to something that is not a WebSocket',
        text: '/http-only answers plain HTTP. The handshake fails: error, then close 1006. The page is not told why (the browser console is): refused, DNS, TLS, wrong endpoint or a rejected subprotocol all look the same.',
        action: { type: 'connect', role: 'http' },
        check: (r) => r.http?.session.errorSeq != null && closedWith(r.http, 1006),
      },
    ],
    takeaway: 'When you see 1006, look at the server’s logs and the browser’s Network tab: the page cannot know more.',
  },
  {
    id: 'flood',
    title: 'A flood',
    summary: '20,000 messages as fast as the browser can take them.',
    roles: { flood: { path: '/flood?count=20000&size=64', name: 'Flood' } },
    steps: [
      {
        title: 'Open the floodgates',
        text: 'The server sends 20,000 text messages of 64 bytes as fast as the socket reads. Watch the rate in the stats line; the timeline stays responsive because only the rows in view are drawn.',
        action: { type: 'connect', role: 'flood' },
        check: (r) => (r.flood?.inMessages ?? 0) >= 20_000,
      },
      {
        title: 'Close it',
        text: 'Messages already on their way still arrive until the server answers the close frame.',
        action: { type: 'close', role: 'flood', code: 1000, reason: 'enough' },
        check: (r) => closedWith(r.flood, 1000),
      },
    ],
    takeaway: 'A browser has no flow control on receive: the server decides the pace. bufferedAmount only tells you about your own sends.',
  },
];

/** The playground URL for a role: its route appended to the playground's base (ws://host:port). */
export function roleUrl(playground: string, role: Role): string {
  return `${playground.replace(/\/+$/, '')}${role.path}`;
}

function pathOf(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/**
 * The connection playing each role: the one "Do it" created if it still
 * exists, otherwise the earliest connection made since the lesson started
 * whose path is the role's route and that plays no other role.
 */
export function resolveRoles(
  lesson: Lesson,
  facts: readonly ConnectionFacts[],
  known: Readonly<Record<string, ConnectionId>>,
  existedBefore: ReadonlySet<ConnectionId>,
): Resolved {
  const out: Resolved = {};
  const used = new Set<ConnectionId>();
  const names = Object.keys(lesson.roles);
  for (const name of names) {
    const id = known[name];
    const c = id === undefined ? undefined : facts.find((f) => f.id === id);
    if (c) {
      out[name] = c;
      used.add(c.id);
    }
  }
  for (const name of names) {
    if (out[name]) continue;
    const role = lesson.roles[name];
    if (!role) continue;
    const route = role.path.split('?')[0];
    const c = facts.find((f) => !used.has(f.id) && !existedBefore.has(f.id) && pathOf(f.url) === route);
    if (c) {
      out[name] = c;
      used.add(c.id);
    }
  }
  return out;
}
