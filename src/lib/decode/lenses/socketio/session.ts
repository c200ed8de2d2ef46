import type { ComposeField, Frame, LensSession, SessionHost, SessionOptions } from '../../types';
import { parseJson } from '../../fields';
import { CONNECT, encodeSocketPacket, isPlainObject } from './codec';
import { toQuery } from './encode';
import { DEFAULT_PATH } from './url';

export const SOCKETIO_SESSION_FIELDS: readonly ComposeField[] = [
  {
    name: 'version',
    label: 'Socket.IO version',
    kind: 'select',
    initial: '4',
    options: [
      { value: '4', label: 'v4 (Engine.IO 4)' },
      { value: '3', label: 'v3 (Engine.IO 4)' },
      { value: '2', label: 'v2 (Engine.IO 3)' },
    ],
    help: 'sets EIO= in the URL; Engine.IO 4: the server pings and the session answers; Engine.IO 3: the session pings',
  },
  { name: 'namespace', label: 'Namespace', kind: 'text', initial: '/', placeholder: '/', optional: true },
  { name: 'auth', label: 'Auth (JSON object)', kind: 'json', placeholder: '{"token":"…"}', optional: true, help: 'sent with the CONNECT (v2: as the namespace\'s query)' },
  { name: 'connect', label: 'Connect the namespace on open', kind: 'checkbox', initial: 'true', optional: true },
  { name: 'path', label: 'Server path', kind: 'text', initial: DEFAULT_PATH, placeholder: DEFAULT_PATH, optional: true, help: 'where the server listens when the URL has no /socket.io/ of its own' },
];

/**
 * The automatic part of a Socket.IO client, beside the socket: on the
 * Engine.IO open packet it connects the configured namespace; with Engine.IO 4
 * it answers every server ping "2" with a pong "3"; with Engine.IO 3 it sends a
 * ping every pingInterval itself. Notes say what it did, once each.
 */
export function createSocketIoSession(host: SessionHost, options: SessionOptions): LensSession {
  const version = options.version === '2' || options.version === '3' ? options.version : '4';
  let eio: 3 | 4 = version === '2' ? 3 : 4;
  const nsp = options.namespace?.trim() || '/';
  const connectOnOpen = options.connect === undefined || options.connect === 'true';
  const authText = options.auth?.trim() ?? '';
  let opened = false;
  let connected = false;
  let pingInterval = 25_000;
  let cancelPing: (() => void) | null = null;
  const noted = new Set<string>();
  const noteOnce = (key: string, level: 'info' | 'warn' | 'error', text: string) => {
    if (noted.has(key)) return;
    noted.add(key);
    host.note(level, text);
  };

  const stopPinging = () => {
    cancelPing?.();
    cancelPing = null;
  };
  const schedulePing = () => {
    stopPinging();
    cancelPing = host.setTimer(pingInterval, () => {
      cancelPing = null;
      host.send('2');
      schedulePing();
    });
  };
  const startPinging = () => {
    noteOnce('eio3-ping', 'info', `Engine.IO 3: the client pings, so the session sends "2" every ${pingInterval} ms (pingInterval); the server answers "3".`);
    schedulePing();
  };

  const connectNamespace = () => {
    let auth: Record<string, unknown> | undefined;
    if (authText) {
      const p = parseJson(authText);
      if (!p.ok || !isPlainObject(p.value)) {
        noteOnce('auth', 'error', `The auth option is not a JSON object (${p.ok ? 'got another JSON value' : p.error}); ${nsp} was not connected.`);
        return;
      }
      auth = p.value;
    }
    if (eio === 3) {
      if (nsp === '/') {
        noteOnce('v2-root', 'info', 'Socket.IO v2 joins "/" by itself when the connection opens: no CONNECT sent.');
        if (auth) noteOnce('v2-root-auth', 'warn', 'Socket.IO v2 takes the auth of "/" from the URL\'s query; the auth option was not sent.');
        return;
      }
      const q = auth ? toQuery(auth) : { ok: true as const, query: '' };
      if (!q.ok) {
        noteOnce('auth', 'error', `${q.error}; ${nsp} was not connected.`);
        return;
      }
      host.send(`4${encodeSocketPacket({ type: CONNECT, nsp, ...(q.query ? { query: q.query } : {}) })}`);
      noteOnce('connect', 'info', `Sent CONNECT ${nsp} on open (Socket.IO v2: auth as the namespace's query).`);
      return;
    }
    host.send(`4${encodeSocketPacket({ type: CONNECT, nsp, ...(auth ? { data: auth } : {}) })}`);
    noteOnce('connect', 'info', `Sent CONNECT ${nsp} on open${auth ? ' with the auth payload' : ''}.`);
  };

  const onOpen = (json: string) => {
    const p = parseJson(json);
    const v = p.ok && isPlainObject(p.value) ? p.value : null;
    if (!v) {
      noteOnce('open', 'error', 'The Engine.IO open packet is not a JSON object: the session does nothing.');
      return;
    }
    opened = true;
    if (typeof v.pingInterval === 'number' && v.pingInterval > 0) pingInterval = v.pingInterval;
    if (eio === 4 && !Object.hasOwn(v, 'maxPayload')) {
      eio = 3;
      noteOnce('eio3-open', 'warn', 'The open packet has no maxPayload: the server speaks Engine.IO 3 (Socket.IO v2). The session pings as a v2 client; set the version to 2.');
    }
    if (eio === 3) startPinging();
    if (connectOnOpen) connectNamespace();
  };

  const onMessage = (data: string) => {
    const type = data.charAt(0);
    const m = /^(\/[^,]*)?,?/.exec(data.slice(1));
    const ns = m?.[1] ?? '/';
    if (type === '0') {
      const payload = data.slice(1 + (m?.[0].length ?? 0));
      if (eio === 4 && ns === '/' && payload === '') {
        eio = 3;
        noteOnce('eio3-connect', 'warn', 'The server connected "/" without a sid, as Socket.IO v2 does: the session pings as an Engine.IO 3 client from now on; set the version to 2.');
        startPinging();
      }
      if (ns === nsp) {
        connected = true;
        const sid = /"sid":"([^"]*)"/.exec(payload)?.[1];
        noteOnce(`connected`, 'info', `Connected ${nsp}${sid ? ` (sid ${sid})` : ''}.`);
      }
    } else if (type === '4' && ns === nsp) {
      noteOnce('refused', 'warn', `The server refused ${nsp}: ${data.slice(1 + (m?.[0].length ?? 0)).slice(0, 200)}`);
    } else if (type === '1' && ns === nsp && connected) {
      connected = false;
      noteOnce('disconnected', 'info', `The server disconnected ${nsp}.`);
    }
  };

  return {
    open() {
      // Nothing to send yet: an Engine.IO client waits for the server's open packet.
    },
    receive(frame: Frame) {
      if (frame.format !== 'text') return;
      const t = frame.text;
      const c = t.charAt(0);
      if (c === '0' && !opened) onOpen(t.slice(1));
      else if (c === '2') {
        if (eio === 4) {
          host.send(`3${t.slice(1)}`);
          noteOnce('pong', 'info', 'Engine.IO 4: answering each server ping "2" with a pong "3".');
        } else noteOnce('eio3-server-ping', 'warn', 'The server sent a ping, which an Engine.IO 3 server never does; is the version right?');
      } else if (c === '4') onMessage(t.slice(1));
      else if (c === '1') stopPinging();
    },
    sent(frame: Frame) {
      // A ping the user sent by hand counts as this interval's ping.
      if (eio === 3 && cancelPing && frame.format === 'text' && frame.text === '2') schedulePing();
    },
    close() {
      stopPinging();
    },
  };
}
