import type { Correlation, DecodeResult, DecodedMessage, Field, Frame } from '../../types';
import { leaf, parseJson, preview, valueFields } from '../../fields';
import {
  ACK,
  BINARY_ACK,
  BINARY_EVENT,
  CONNECT,
  CONNECT_ERROR,
  DISCONNECT,
  ENGINE_TYPES,
  EVENT,
  ackNumber,
  decodeBase64,
  fillPlaceholders,
  findPlaceholders,
  isPlainObject,
  parseSocketPacket,
  socketTypeName,
  validatePacket,
  type Eio,
  type SocketPacket,
} from './codec';

export const PROTOCOL = 'Socket.IO';

type Direction = 'in' | 'out';

/** A binary packet whose attachments are still arriving (one per direction). */
interface Pending {
  packet: SocketPacket;
  /** `binary event "upload"`, `binary ack 3` */
  label: string;
  buffers: Uint8Array[];
  /** a problem found in the placeholder packet, carried to the assembled message */
  error?: string;
  /** the placeholder frame's explanation, extended when it completes */
  explain: string;
}

/**
 * What one connection's decoding remembers: the Engine.IO version (and how
 * sure it is), the session's sid, and binary packets waiting for attachments.
 */
export interface SocketIoState {
  eio: Eio | null;
  /** how the version was learnt: 0 not yet, 1 open packet, 2 traffic (who pings, the CONNECT reply), 3 the URL or an option */
  eioFrom: number;
  sid?: string;
  pingInterval?: number;
  pingTimeout?: number;
  pending: Record<Direction, Pending | null>;
  /** the binary packet that completed last, until a text frame arrives (to name it when one attachment too many comes) */
  done: Record<Direction, { label: string; count: number } | null>;
}

/**
 * A fresh state. The URL (`EIO=3` / `EIO=4`) or the session's `version`
 * option settle the version from the start; otherwise the traffic does.
 */
export function createSocketIoState(init: { url?: string; version?: string } = {}): SocketIoState {
  const state: SocketIoState = { eio: null, eioFrom: 0, pending: { in: null, out: null }, done: { in: null, out: null } };
  const m = init.url ? /[?&]EIO=(\d)/.exec(init.url) : null;
  if (m?.[1] === '3' || m?.[1] === '4') setEio(state, m[1] === '3' ? 3 : 4, 3);
  else if (init.version === '2') setEio(state, 3, 3);
  else if (init.version === '3' || init.version === '4') setEio(state, 4, 3);
  return state;
}

function setEio(state: SocketIoState, eio: Eio, from: number): void {
  if (from >= state.eioFrom) {
    state.eio = eio;
    state.eioFrom = from;
  }
}

function other(d: Direction): Direction {
  return d === 'in' ? 'out' : 'in';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const EIO_FROM = ['', 'from the open packet (maxPayload is Engine.IO 4)', 'from the traffic', 'from the URL or the version option'];

function eioLabel(eio: Eio | null): string {
  return eio === 3 ? 'Engine.IO 3 (Socket.IO v2)' : eio === 4 ? 'Engine.IO 4 (Socket.IO v3/v4)' : 'Engine.IO';
}

function quote(s: string, max = 40): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max - 1)}…` : s);
}

function msg(type: string, summary: string, fields: Field[], extra: Partial<DecodedMessage> = {}): DecodedMessage {
  return { protocol: PROTOCOL, type, summary, fields, ...extra };
}

export function decodeFrame(frame: Frame, state: SocketIoState): DecodeResult {
  const dir = frame.direction;
  if (frame.format === 'binary') return decodeBinary(frame.bytes, dir, state);
  const text = frame.text;
  if (text.length > 0 && text.charCodeAt(0) === 0x62 /* b */) {
    // Base64 binary (a client that asked for b64=1): "b4…" in EIO3, "b…" in EIO4.
    const typed = state.eio === 3;
    const bytes = decodeBase64(text.slice(typed ? 2 : 1));
    if (bytes && (!typed || text[1] === '4')) return decodeBinaryMessage(bytes, dir, state, 'base64');
  }
  const messages: DecodedMessage[] = [];
  let stateful = false;
  const waiting = state.pending[dir];
  if (waiting) {
    messages.push(abandoned(waiting, 'a text frame arrived'));
    state.pending[dir] = null;
    stateful = true;
  }
  state.done[dir] = null;
  if (text.length > 0 && text.charCodeAt(0) === 0x62) {
    messages.push(msg('invalid', 'not a base64 binary packet', [leaf('text', text.slice(0, 200))], { error: 'a frame starting with "b" is a base64 binary message ("b4…" in Engine.IO 3); this one does not decode' }));
    return { messages, stateful };
  }
  messages.push(...decodeText(text, dir, state));
  return stateful ? { messages, stateful } : { messages };
}

function abandoned(p: Pending, why: string): DecodedMessage {
  const n = p.packet.attachments ?? 0;
  const error = `${p.label} declared ${plural(n, 'attachment')} but ${why} after ${p.buffers.length}: the attachments never came`;
  return msg(socketTypeName(p.packet.type, null), `${p.label} · got ${p.buffers.length} of ${plural(n, 'attachment')}`, [leaf('attachments', n), leaf('received', p.buffers.length)], {
    keys: packetKeys(p.packet, eventName(p.packet)),
    error,
  });
}

function decodeText(text: string, dir: Direction, state: SocketIoState): DecodedMessage[] {
  if (text.length === 0) {
    return [msg('invalid', 'empty frame', [], { error: 'an Engine.IO packet starts with its type digit (0–6); this frame is empty' })];
  }
  const t = text.charCodeAt(0) - 0x30;
  const engineName = ENGINE_TYPES[t];
  if (t < 0 || t > 6 || !engineName) {
    return [
      msg('invalid', `unknown Engine.IO packet ${quote(text.slice(0, 1))}`, [leaf('text', text.slice(0, 200))], {
        error: `unknown Engine.IO packet type ${JSON.stringify(text.slice(0, 1))}: the types are 0 open, 1 close, 2 ping, 3 pong, 4 message, 5 upgrade, 6 noop`,
      }),
    ];
  }
  const data = text.slice(1);
  const engineField: Field = { name: 'Engine.IO packet', value: t, note: engineName };
  switch (t) {
    case 0:
      return [decodeOpen(data, state, engineField)];
    case 1:
      return [msg('close', 'Engine.IO close', [engineField], { keys: [['type', 'close']], explain: '"1" = Engine.IO close: the session ends (the socket usually closes next).' })];
    case 2:
    case 3: {
      const ping = t === 2;
      const probe = data === 'probe';
      if (ping && !probe && data === '') setEio(state, dir === 'out' ? 3 : 4, 2);
      const name = ping ? 'ping' : 'pong';
      const fields = data ? [engineField, leaf('data', data)] : [engineField];
      const explain = probe
        ? `"${t}probe" = Engine.IO ${name} probe: a client moving from HTTP long-polling to WebSocket sends "2probe" on the new socket, the server answers "3probe", then the client sends "5" (upgrade).`
        : heartbeatExplain(ping, dir);
      return [msg(name, `Engine.IO ${name}${probe ? ' probe' : data ? ` · ${quote(data)}` : ''}`, fields, { keys: [['type', name]], heartbeat: true, explain })];
    }
    case 4:
      return [decodeMessage(data, dir, state, engineField)];
    case 5:
      return [msg('upgrade', 'Engine.IO upgrade', [engineField], { keys: [['type', 'upgrade']], explain: '"5" = Engine.IO upgrade: the client moves the session from HTTP long-polling to this WebSocket.' })];
    default:
      return [msg('noop', 'Engine.IO noop', [engineField], { keys: [['type', 'noop']], explain: '"6" = Engine.IO noop: nothing; during an upgrade it ends a pending poll.' })];
  }
}

function heartbeatExplain(ping: boolean, dir: Direction): string {
  const from = dir === 'in' ? 'server' : 'client';
  if (ping) {
    return dir === 'in'
      ? '"2" = Engine.IO ping from the server. In Engine.IO 4 (Socket.IO v3/v4) the server pings every pingInterval ms and closes the session if no pong "3" comes within pingTimeout ms.'
      : '"2" = Engine.IO ping from the client. In Engine.IO 3 (Socket.IO v2) the client pings every pingInterval ms, the server answers "3" and drops the client after pingInterval + pingTimeout ms without a ping.';
  }
  return `"3" = Engine.IO pong from the ${from}: the answer to a ping "2" (Engine.IO 4: the client answers the server; Engine.IO 3: the server answers the client).`;
}

function decodeOpen(data: string, state: SocketIoState, engineField: Field): DecodedMessage {
  const parsed = parseJson(data);
  if (!parsed.ok) {
    return msg('open', 'Engine.IO open · invalid JSON', [engineField], { keys: [['type', 'open']], error: `the open packet carries JSON {"sid":…}: ${parsed.error}` });
  }
  const v = parsed.value;
  if (!isPlainObject(v)) {
    return msg('open', 'Engine.IO open · not an object', [engineField, ...valueFields(v)], { keys: [['type', 'open']], error: 'the open packet carries a JSON object {"sid":…,"pingInterval":…}' });
  }
  const sid = typeof v.sid === 'string' ? v.sid : undefined;
  const pingInterval = typeof v.pingInterval === 'number' ? v.pingInterval : undefined;
  const pingTimeout = typeof v.pingTimeout === 'number' ? v.pingTimeout : undefined;
  if (sid !== undefined) state.sid = sid;
  if (pingInterval !== undefined) state.pingInterval = pingInterval;
  if (pingTimeout !== undefined) state.pingTimeout = pingTimeout;
  // An Engine.IO 3 server sends no maxPayload; an Engine.IO 4 one does (so
  // does a v4 server talking EIO3 with allowEIO3, which the traffic corrects).
  setEio(state, Object.hasOwn(v, 'maxPayload') ? 4 : 3, 1);
  const problems: string[] = [];
  if (sid === undefined) problems.push('no "sid" string');
  if (pingInterval === undefined) problems.push('no "pingInterval" number');
  if (pingTimeout === undefined) problems.push('no "pingTimeout" number');
  const fields: Field[] = [engineField, ...valueFields(v), { name: 'version', value: eioLabel(state.eio), note: EIO_FROM[state.eioFrom] ?? '' }];
  const hb = pingInterval !== undefined && pingTimeout !== undefined ? ` · ping ${pingInterval}/${pingTimeout} ms` : '';
  const who =
    state.eio === 3
      ? `the client pings every pingInterval (${pingInterval ?? '?'} ms) and the server answers`
      : `the server pings every pingInterval (${pingInterval ?? '?'} ms) and expects a pong within pingTimeout (${pingTimeout ?? '?'} ms)`;
  return msg('open', `Engine.IO open · sid ${sid ?? '?'}${hb}`, fields, {
    keys: [['type', 'open'], ...(sid ? ([['sid', sid]] as Array<[string, string]>) : [])],
    explain: `"0" = Engine.IO open, the server's handshake: sid names the session; ${who}; upgrades lists transports to move to${Object.hasOwn(v, 'maxPayload') ? '; maxPayload (Engine.IO 4) bounds a packet' : ' (no maxPayload: Engine.IO 3)'}.`,
    ...(problems.length ? { error: `the open packet has ${problems.join(', ')}` } : {}),
  });
}

function packetKeys(p: SocketPacket, event: string | null): Array<[string, string]> {
  const keys: Array<[string, string]> = [
    ['type', SOCKET_TYPE_KEYS[p.type] ?? String(p.type)],
    ['namespace', p.nsp],
  ];
  if (event !== null) keys.push(['event', event]);
  if (p.id !== undefined) keys.push(['ack', p.id]);
  return keys;
}

const SOCKET_TYPE_KEYS = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'];

function eventName(p: SocketPacket): string | null {
  if ((p.type === EVENT || p.type === BINARY_EVENT) && Array.isArray(p.data) && p.data.length > 0) {
    const e: unknown = p.data[0];
    if (typeof e === 'string') return e;
    if (typeof e === 'number') return String(e);
  }
  return null;
}

function nsSuffix(p: SocketPacket): string {
  return p.nsp !== '/' ? ` · ${p.nsp}` : '';
}

function label(p: SocketPacket): string {
  const ev = eventName(p);
  const shown = ev === null ? '?' : typeof (p.data as unknown[])[0] === 'number' ? ev : JSON.stringify(ev);
  if (p.type === BINARY_EVENT || p.type === EVENT) return `${p.type === BINARY_EVENT ? 'binary event' : 'event'} ${shown}`;
  return `${p.type === BINARY_ACK ? 'binary ack' : 'ack'} ${p.id ?? '?'}`;
}

function argsOf(p: SocketPacket): unknown[] | null {
  if (!Array.isArray(p.data)) return null;
  return p.type === EVENT || p.type === BINARY_EVENT ? p.data.slice(1) : p.data;
}

/** The explanation of the packet's header: `42` = message (4) carrying EVENT (2), then the rest. */
function headerExplain(p: SocketPacket, eio: Eio | null): string {
  const name = socketTypeName(p.type, eio);
  const parts = [`"4${p.type}" = Engine.IO message (4) carrying Socket.IO ${name} (${p.type})`];
  if (p.attachments !== undefined) parts.push(`"${p.attachments}-": ${plural(p.attachments, 'binary attachment')} follow${p.attachments === 1 ? 's' : ''}, each in its own binary frame`);
  if (p.nsp !== '/' || p.query !== undefined) {
    parts.push(`"${p.nsp}${p.query !== undefined ? `?${p.query}` : ''}," names the namespace (left out for the default "/")${p.query !== undefined ? '; Socket.IO v2 puts the CONNECT query (its auth) after "?"' : ''}`);
  }
  if (p.id !== undefined) {
    parts.push(
      p.type === ACK || p.type === BINARY_ACK
        ? `"${p.id}" is the ack id of the event this answers`
        : `"${p.id}" is the ack id: the other side answers with ACK "43${p.nsp !== '/' ? `${p.nsp},` : ''}${p.id}[…]"`,
    );
  }
  return parts.join('; then ');
}

function payloadExplain(p: SocketPacket, dir: Direction, eio: Eio | null): string {
  switch (p.type) {
    case CONNECT:
      if (dir === 'out') return p.hasData ? 'the JSON is the auth payload the server\'s middleware reads (Socket.IO v3/v4).' : eio === 3 ? 'Socket.IO v2 sends no payload: the default namespace is joined on open, others by this packet.' : 'no auth payload.';
      return p.hasData ? 'the server accepts: {"sid":…} is the socket\'s id in this namespace (Socket.IO v3/v4).' : 'the server accepts (Socket.IO v2 sends no sid).';
    case DISCONNECT:
      return 'leaves the namespace (the connection stays open for other namespaces).';
    case EVENT:
    case BINARY_EVENT: {
      const args = argsOf(p);
      return `the JSON array is the event name${args ? `, then ${plural(args.length, 'argument')}` : ''}.`;
    }
    case ACK:
    case BINARY_ACK: {
      const args = argsOf(p);
      return `the JSON array holds the reply's ${args ? plural(args.length, 'argument') : 'arguments'}.`;
    }
    case CONNECT_ERROR:
      return 'the server refused the namespace (its middleware called next(err)); the JSON is the error.';
    default:
      return '';
  }
}

function explainOf(p: SocketPacket, dir: Direction, eio: Eio | null): string {
  return `${headerExplain(p, eio)}. Then ${payloadExplain(p, dir, eio)}`;
}

function correlationOf(p: SocketPacket, dir: Direction): Correlation | undefined {
  if (p.id === undefined) return undefined;
  if (p.type === EVENT || p.type === BINARY_EVENT) return { key: `ack:${p.nsp}:${p.id}:${dir}`, role: 'request' };
  if (p.type === ACK || p.type === BINARY_ACK) return { key: `ack:${p.nsp}:${p.id}:${other(dir)}`, role: 'reply' };
  return undefined;
}

function headerFields(p: SocketPacket, engineField: Field | null, eio: Eio | null): Field[] {
  const fields: Field[] = [];
  if (engineField) fields.push(engineField);
  fields.push({ name: 'Socket.IO packet', value: p.type, note: socketTypeName(p.type, eio) });
  fields.push({ name: 'namespace', value: p.nsp, ...(p.nsp === '/' ? { note: 'the default namespace' } : {}) });
  if (p.query !== undefined) {
    const q: Field = { name: 'query', value: p.query, note: 'Socket.IO v2: the CONNECT query' };
    try {
      const params = [...new URLSearchParams(p.query)];
      if (params.length > 0) {
        delete q.value;
        q.children = params.map(([k, v]) => ({ name: k, value: v }));
      }
    } catch {
      // shown as text
    }
    fields.push(q);
  }
  if (p.attachments !== undefined) fields.push({ name: 'attachments', value: p.attachments });
  if (p.id !== undefined) {
    const n = ackNumber(p.id);
    fields.push({ name: 'ack id', value: n ?? p.id, note: p.type === ACK || p.type === BINARY_ACK ? 'answers the event with this id' : 'the other side answers with ACK ' + p.id });
  }
  return fields;
}

function payloadFields(p: SocketPacket, dir: Direction): Field[] {
  if (!p.hasData) return [];
  const d = p.data;
  switch (p.type) {
    case EVENT:
    case BINARY_EVENT: {
      if (!Array.isArray(d) || d.length === 0) return [{ ...leaf('payload', d), ...(isContainer(d) ? { children: valueFields(d) } : {}) }];
      const args = d.slice(1);
      return [leaf('event', d[0]), { name: 'args', note: plural(args.length, 'item'), children: valueFields(args) }];
    }
    case ACK:
    case BINARY_ACK:
      if (!Array.isArray(d)) return [{ ...leaf('payload', d), ...(isContainer(d) ? { children: valueFields(d) } : {}) }];
      return [{ name: 'args', note: plural(d.length, 'item'), children: valueFields(d) }];
    case CONNECT: {
      const name = dir === 'out' ? 'auth' : 'payload';
      return [{ ...leaf(name, d), ...(isContainer(d) ? { children: valueFields(d) } : {}) }];
    }
    case CONNECT_ERROR:
      if (typeof d === 'string') return [leaf('message', d)];
      return [{ ...leaf('error', d), ...(isContainer(d) ? { children: valueFields(d) } : {}) }];
    default:
      return [{ ...leaf('payload', d), ...(isContainer(d) ? { children: valueFields(d) } : {}) }];
  }
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
}

function summaryOf(p: SocketPacket, dir: Direction, eio: Eio | null): string {
  switch (p.type) {
    case CONNECT: {
      let s = `connect ${p.nsp}`;
      if (p.query) s += ` · query ${preview(p.query, 40).slice(1, -1)}`;
      if (isPlainObject(p.data)) {
        if (dir === 'in' && typeof p.data.sid === 'string') s += ` · sid ${p.data.sid}`;
        else s += ` · ${dir === 'out' ? 'auth ' : ''}${preview(p.data, 50)}`;
      }
      return s;
    }
    case DISCONNECT:
      return `disconnect ${p.nsp}`;
    case CONNECT_ERROR: {
      const d = p.data;
      const m = typeof d === 'string' ? d : isPlainObject(d) && typeof d.message === 'string' ? d.message : d === undefined ? '' : preview(d, 50);
      return `${eio === 3 ? 'error' : 'connect error'} ${p.nsp}${m ? ` · ${m}` : ''}`;
    }
    case EVENT:
    case ACK:
    case BINARY_EVENT:
    case BINARY_ACK: {
      const args = argsOf(p);
      let s = label(p);
      if (args) s += ` · ${plural(args.length, 'arg')}`;
      if ((p.type === EVENT || p.type === BINARY_EVENT) && p.id !== undefined) s += ` · ack ${p.id}`;
      return s + nsSuffix(p);
    }
    default:
      return socketTypeName(p.type, eio);
  }
}

function noteTraffic(p: SocketPacket, dir: Direction, state: SocketIoState): void {
  if (dir !== 'in') return;
  if (p.type === CONNECT) setEio(state, p.hasData ? 4 : 3, 2);
  else if (p.type === CONNECT_ERROR && typeof p.data === 'string') setEio(state, 3, 2);
}

function decodeMessage(data: string, dir: Direction, state: SocketIoState, engineField: Field): DecodedMessage {
  const parsed = parseSocketPacket(data);
  const p = parsed.packet;
  if (!p) {
    return msg('invalid', data.length === 0 ? 'Engine.IO message · empty' : `unknown Socket.IO packet ${quote(data.slice(0, 1))}`, [engineField, leaf('data', data.slice(0, 200))], {
      keys: [['type', 'message']],
      error: parsed.ok ? 'no Socket.IO packet' : parsed.error,
      explain: '"4" = Engine.IO message: what follows is a Socket.IO packet, which starts with its type digit 0–6.',
    });
  }
  noteTraffic(p, dir, state);
  const syntaxError = parsed.ok ? undefined : parsed.error;
  const error = syntaxError ?? validatePacket(p);
  const ev = eventName(p);
  const type = socketTypeName(p.type, state.eio);
  const fields = [...headerFields(p, engineField, state.eio), ...payloadFields(p, dir)];
  const explain = explainOf(p, dir, state.eio);
  if (p.type === BINARY_EVENT || p.type === BINARY_ACK) {
    const n = p.attachments;
    if (n === undefined) {
      return msg(type, `${label(p)} · bad attachment count`, fields, { keys: packetKeys(p, ev), error, explain });
    }
    const ph = p.hasData && !syntaxError ? findPlaceholders(p.data, n) : { nums: [] as number[] };
    const pendingError = error ?? ph.error;
    const attachExplain =
      state.eio === 3
        ? 'Each attachment is an Engine.IO 3 binary frame: byte 04 (message), then the bytes.'
        : 'Each attachment is one binary frame holding just the bytes (Engine.IO 4 adds no type byte).';
    const pending: Pending = {
      packet: p,
      label: label(p),
      buffers: [],
      explain: `${explain} {"_placeholder":true,"num":k} marks where attachment k goes. ${attachExplain}`,
      ...(pendingError ? { error: pendingError } : {}),
    };
    state.pending[dir] = pending;
    const args = argsOf(p);
    return msg(type, `${label(p)}${args ? ` · ${plural(args.length, 'arg')}` : ''} · waiting for ${plural(n, 'attachment')}${nsSuffix(p)}`, fields, {
      keys: packetKeys(p, ev),
      explain: pending.explain,
      ...(pendingError ? { error: pendingError } : {}),
    });
  }
  const correlation = error ? undefined : correlationOf(p, dir);
  const summary = syntaxError ? `${type} · ${syntaxError.startsWith('invalid JSON') ? 'invalid JSON payload' : 'unreadable'}${nsSuffix(p)}` : summaryOf(p, dir, state.eio);
  return msg(type, summary, fields, {
    keys: packetKeys(p, ev),
    explain,
    ...(correlation ? { correlation } : {}),
    ...(error ? { error } : {}),
  });
}

function hexPreview(bytes: Uint8Array, max = 8): string {
  let s = '';
  for (let i = 0; i < Math.min(bytes.length, max); i++) s += (i ? ' ' : '') + (bytes[i] as number).toString(16).padStart(2, '0');
  return bytes.length > max ? `${s} …` : s;
}

function decodeBinary(bytes: Uint8Array, dir: Direction, state: SocketIoState): DecodeResult {
  if (state.eio === 3) {
    if (bytes.length === 0 || bytes[0] !== 4) {
      const first = bytes.length === 0 ? 'an empty frame' : `byte ${hexPreview(bytes, 1)}`;
      const pend = state.pending[dir];
      if (pend) {
        state.pending[dir] = null;
        return { messages: [abandoned(pend, 'a binary frame that is not an Engine.IO message arrived')], stateful: true };
      }
      return {
        messages: [msg('invalid', `binary frame · not an Engine.IO 3 message (${first})`, [{ name: 'bytes', value: bytes, note: `${bytes.length} B` }], { error: `an Engine.IO 3 binary frame starts with its packet type byte 04 (message); got ${first}` })],
        stateful: true,
      };
    }
    return decodeBinaryMessage(bytes.subarray(1), dir, state, 'eio3');
  }
  return decodeBinaryMessage(bytes, dir, state, 'eio4');
}

function decodeBinaryMessage(bytes: Uint8Array, dir: Direction, state: SocketIoState, how: 'eio3' | 'eio4' | 'base64'): DecodeResult {
  const p = state.pending[dir];
  const framing =
    how === 'eio3' ? 'an Engine.IO 3 binary message: byte 04, then the attachment' : how === 'base64' ? 'a base64 binary message ("b…"), the attachment' : 'an Engine.IO 4 binary message: the attachment itself';
  if (!p) {
    const done = state.done[dir];
    if (done) {
      return {
        messages: [
          msg('attachment', `extra attachment · ${bytes.length} B`, [{ name: 'bytes', value: bytes, note: `${bytes.length} B` }], {
            error: `more attachments than declared: ${done.label} declared ${plural(done.count, 'attachment')} and already has ${done.count === 1 ? 'it' : 'them all'}`,
          }),
        ],
        stateful: true,
      };
    }
    return {
      messages: [
        msg('binary', `binary message · ${bytes.length} B`, [{ name: 'bytes', value: bytes, note: `${bytes.length} B` }], {
          error: 'a binary frame with no BINARY_EVENT or BINARY_ACK waiting for attachments',
          explain: `This frame is ${framing}; Socket.IO sends binary frames only right after a BINARY_EVENT (5) or BINARY_ACK (6) that announces them.`,
        }),
      ],
      stateful: true,
    };
  }
  p.buffers.push(bytes);
  const n = p.packet.attachments ?? 0;
  const k = p.buffers.length;
  if (k < n) {
    return {
      messages: [
        msg('attachment', `attachment ${k}/${n} of ${p.label} · ${bytes.length} B`, [leaf('attachment', `${k} of ${n}`), { name: 'bytes', value: bytes, note: `${bytes.length} B` }], {
          keys: packetKeys(p.packet, eventName(p.packet)),
          explain: `This frame is ${framing} number ${k - 1} (placeholder "num":${k - 1}) of ${p.label}; ${n - k} more to come.`,
        }),
      ],
      stateful: true,
    };
  }
  state.pending[dir] = null;
  state.done[dir] = { label: p.label, count: n };
  return { messages: [assemble(p, dir, state, framing)], stateful: true };
}

function assemble(p: Pending, dir: Direction, state: SocketIoState, framing: string): DecodedMessage {
  const packet = p.packet;
  const n = packet.attachments ?? 0;
  let data = packet.data;
  if (packet.dataText !== undefined && !p.error) {
    // A fresh copy, so that the placeholder frame's own result keeps its placeholders.
    const again = parseJson(packet.dataText);
    if (again.ok) data = fillPlaceholders(again.value, p.buffers);
  }
  const full: SocketPacket = { ...packet, data };
  const ev = eventName(full);
  const total = p.buffers.reduce((a, b) => a + b.byteLength, 0);
  const args = argsOf(full);
  const type = socketTypeName(packet.type, state.eio);
  let summary = `${p.label}${args ? ` · ${plural(args.length, 'arg')}` : ''} · ${plural(n, 'attachment')}, ${total} B`;
  if (packet.type === BINARY_EVENT && packet.id !== undefined) summary += ` · ack ${packet.id}`;
  summary += nsSuffix(packet);
  const fields: Field[] = [...headerFields(full, null, state.eio), ...payloadFields(full, dir), leaf('this frame', `attachment ${n} of ${n}`)];
  const correlation = p.error ? undefined : correlationOf(packet, dir);
  return msg(type, summary, fields, {
    keys: packetKeys(packet, ev),
    explain: `This frame is ${framing}, the last of ${plural(n, 'attachment')}: it completes ${p.label}, shown here with every placeholder replaced by its bytes. ${p.explain}`,
    ...(correlation ? { correlation } : {}),
    ...(p.error ? { error: p.error } : {}),
  });
}
