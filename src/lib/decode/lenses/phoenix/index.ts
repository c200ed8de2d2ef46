import type { ComposeField, ComposeKind, ComposeValues, DecodeResult, DecodedMessage, EncodeOptions, EncodeResult, Field, Frame, Lens, LensSession, SessionHost, SessionOptions } from '../../types';
import { binaryOnTextLens } from '../../raw-note';
import { leaf, parseJson, preview, valueFields } from '../../fields';
import { MAX_JSON_CHARS } from '../json/index';

/**
 * Phoenix Channels over WebSocket. Two JSON serializers: 1.0.0 sends objects
 * `{"topic","event","payload","ref"}`, 2.0.0 (the client's default, chosen
 * by `vsn=2.0.0` in the URL) sends arrays `[join_ref, ref, topic, event,
 * payload]`. Clients join topics (phx_join), push events, and send a
 * heartbeat on the topic "phoenix"; the server answers pushes that carry a
 * ref with phx_reply and the same ref.
 */

const PROTOCOL = 'Phoenix';

export type Vsn = '1.0.0' | '2.0.0';

export interface PhoenixMessage {
  vsn: Vsn;
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

const EVENT_NOTES: Readonly<Record<string, string>> = {
  phx_join: 'join the topic (payload: join params)',
  phx_reply: 'the reply to the push with this ref',
  phx_leave: 'leave the topic',
  phx_close: 'the channel closed',
  phx_error: 'the channel crashed',
  heartbeat: 'keep-alive on the topic "phoenix"',
};

const EXPLAIN: Readonly<Record<string, string>> = {
  phx_join:
    'phx_join asks to join a topic; the payload is handed to the channel\'s join/3. The server answers with phx_reply carrying the same ref and {"status":"ok"|"error","response":…}. In serializer 2.0.0 the join\'s ref becomes the join_ref of every later message on that topic.',
  phx_reply: 'phx_reply answers the push whose ref it repeats: payload {"status": "ok" | "error", "response": …}.',
  phx_leave: 'phx_leave leaves the topic; the server replies ok and then sends phx_close.',
  phx_close: 'phx_close: the server closed this channel (after a leave, or when the channel process stopped normally).',
  phx_error: 'phx_error: the channel process crashed; the client is expected to rejoin.',
  heartbeat:
    'heartbeat on the topic "phoenix" keeps the socket alive; the server replies phx_reply with the same ref. The JavaScript client sends one every 30 s, and servers close sockets that stay silent past their timeout (60 s by default).',
};

function other(d: 'in' | 'out'): 'in' | 'out' {
  return d === 'in' ? 'out' : 'in';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function refValue(v: unknown, name: string, problems: string[]): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  problems.push(`"${name}" must be a string or null, got ${preview(v)}`);
  return null;
}

function fieldFor(name: string, v: unknown, note?: string): Field {
  const f = leaf(name, v);
  if (f.children) f.children = valueFields(v);
  return note ? { ...f, note } : f;
}

function invalid(summary: string, error: string, fields: Field[] = []): DecodedMessage {
  return { protocol: PROTOCOL, type: 'invalid', summary, fields, error };
}

/** Reads a parsed frame as a Phoenix message; problems are collected, not thrown. */
export function readPhoenix(v: unknown, problems: string[]): PhoenixMessage | null {
  if (Array.isArray(v)) {
    if (v.length !== 5) {
      problems.push(`a 2.0.0 message is [join_ref, ref, topic, event, payload]: 5 items, got ${v.length}`);
      return null;
    }
    const [joinRef, ref, topic, event, payload] = v as unknown[];
    const m: PhoenixMessage = {
      vsn: '2.0.0',
      joinRef: refValue(joinRef, 'join_ref', problems),
      ref: refValue(ref, 'ref', problems),
      topic: typeof topic === 'string' ? topic : '',
      event: typeof event === 'string' ? event : '',
      payload,
    };
    if (typeof topic !== 'string') problems.push(`the topic (item 3) must be a string, got ${preview(topic)}`);
    if (typeof event !== 'string') problems.push(`the event (item 4) must be a string, got ${preview(event)}`);
    return m;
  }
  if (isObject(v)) {
    const missing = ['topic', 'event', 'payload', 'ref'].filter((k) => !Object.hasOwn(v, k));
    if (missing.length > 0) {
      problems.push(`a 1.0.0 message is {"topic","event","payload","ref"}; missing ${missing.map((k) => `"${k}"`).join(', ')}`);
      if (typeof v.topic !== 'string' || typeof v.event !== 'string') return null;
    }
    const m: PhoenixMessage = {
      vsn: '1.0.0',
      joinRef: refValue(v.join_ref, 'join_ref', problems),
      ref: refValue(v.ref, 'ref', problems),
      topic: typeof v.topic === 'string' ? v.topic : '',
      event: typeof v.event === 'string' ? v.event : '',
      payload: v.payload,
    };
    if (typeof v.topic !== 'string') problems.push(`"topic" must be a string, got ${preview(v.topic)}`);
    if (typeof v.event !== 'string') problems.push(`"event" must be a string, got ${preview(v.event)}`);
    return m;
  }
  problems.push('a Phoenix message is a 5-item array (serializer 2.0.0) or an object with topic, event, payload and ref (1.0.0)');
  return null;
}

function refPart(ref: string | null): string {
  return ref === null ? '' : ` ref ${ref}`;
}

export function describePhoenix(m: PhoenixMessage, direction: 'in' | 'out', fields: Field[], problems: string[]): DecodedMessage {
  const keys: Array<[string, string]> = [
    ['topic', m.topic],
    ['event', m.event],
  ];
  if (m.ref !== null) keys.push(['ref', m.ref]);
  if (m.joinRef !== null) keys.push(['join_ref', m.joinRef]);
  const isHeartbeatTopic = m.topic === 'phoenix';
  let type = m.event;
  let summary: string;
  let correlation: DecodedMessage['correlation'];
  let heartbeat = false;
  const requestKey = m.ref !== null ? `phx:${direction}:${m.topic}:${m.ref}` : null;
  switch (m.event) {
    case 'phx_join':
      summary = `join ${m.topic}${refPart(m.ref)} · ${preview(m.payload, 60)}`;
      break;
    case 'phx_leave':
      summary = `leave ${m.topic}${refPart(m.ref)}`;
      break;
    case 'phx_close':
      summary = `close ${m.topic}`;
      break;
    case 'phx_error':
      summary = `channel error ${m.topic}${isObject(m.payload) && Object.keys(m.payload).length > 0 ? ` · ${preview(m.payload, 60)}` : ''}`;
      break;
    case 'phx_reply': {
      const p = m.payload;
      const status = isObject(p) && typeof p.status === 'string' ? p.status : null;
      if (status === null) problems.push('a phx_reply payload is {"status": "ok" | "error", "response": …}');
      else keys.push(['status', status]);
      const response = isObject(p) ? p.response : undefined;
      const resp = response === undefined || (isObject(response) && Object.keys(response).length === 0) ? '' : ` · ${preview(response, 60)}`;
      heartbeat = isHeartbeatTopic;
      summary = isHeartbeatTopic ? `heartbeat reply ${status ?? '?'}${refPart(m.ref)}` : `reply ${status ?? '?'} ${m.topic}${refPart(m.ref)}${resp}`;
      if (m.ref !== null) correlation = { key: `phx:${other(direction)}:${m.topic}:${m.ref}`, role: 'reply' };
      if (m.ref === null) problems.push('a phx_reply carries the ref of the push it answers');
      break;
    }
    default:
      if (m.event === 'heartbeat' && isHeartbeatTopic) {
        heartbeat = true;
        summary = `heartbeat${refPart(m.ref)}`;
      } else {
        // "heartbeat" on another topic is an ordinary event
        type = 'event';
        summary = `event ${JSON.stringify(m.event)} ${m.topic}${refPart(m.ref)} · ${preview(m.payload, 60)}`;
      }
  }
  const asks = m.event === 'phx_join' || m.event === 'phx_leave' || (m.event === 'heartbeat' && isHeartbeatTopic) || type === 'event';
  if (asks && requestKey) correlation = { key: requestKey, role: 'request' };
  return {
    protocol: PROTOCOL,
    type,
    summary,
    fields,
    keys,
    ...(correlation ? { correlation } : {}),
    ...(heartbeat ? { heartbeat: true } : {}),
    explain: `Phoenix Channels, serializer ${m.vsn}: ${m.vsn === '2.0.0' ? 'a JSON array [join_ref, ref, topic, event, payload]' : 'a JSON object with topic, event, payload and ref'}. ${EXPLAIN[m.event] ?? `"${m.event}" is an application event on ${m.topic}; with a ref the server may answer with phx_reply.`}`,
    ...(problems.length ? { error: problems.join('; ') } : {}),
  };
}

function v2Fields(v: unknown[], event: string): Field[] {
  const names = ['join_ref', 'ref', 'topic', 'event', 'payload'];
  return v.map((x, i) => fieldFor(names[i] ?? String(i), x, i === 3 ? EVENT_NOTES[event] : undefined));
}

export function decodePhoenixText(text: string, direction: 'in' | 'out'): DecodedMessage[] {
  if (text.length > MAX_JSON_CHARS) return [invalid(`frame of ${text.length} characters: too long to decode`, 'frame too long to decode')];
  const parsed = parseJson(text);
  if (!parsed.ok) return [invalid(`invalid JSON: ${parsed.error}`, parsed.error)];
  const problems: string[] = [];
  const m = readPhoenix(parsed.value, problems);
  if (!m) return [invalid(`not a Phoenix message: ${preview(parsed.value)}`, problems.join('; '), valueFields(parsed.value))];
  const fields = m.vsn === '2.0.0' ? v2Fields(parsed.value as unknown[], m.event) : valueFields(parsed.value);
  return [describePhoenix(m, direction, fields, problems)];
}

// ---------------------------------------------------------------- encode

let nextRef = 1;

/** The next ref, shared by the composer and the session so that refs never repeat on a socket. */
export function takeRef(): string {
  return String(nextRef++);
}

export function serialize(m: Omit<PhoenixMessage, 'vsn'>, vsn: Vsn): string {
  if (vsn === '2.0.0') return JSON.stringify([m.joinRef, m.ref, m.topic, m.event, m.payload]);
  const o: Record<string, unknown> = { topic: m.topic, event: m.event, payload: m.payload, ref: m.ref };
  if (m.joinRef !== null) o.join_ref = m.joinRef;
  return JSON.stringify(o);
}

const VSN_FIELD: ComposeField = {
  name: 'vsn',
  label: 'Serializer',
  kind: 'select',
  initial: '2.0.0',
  options: [
    { value: '2.0.0', label: '2.0.0 (arrays)' },
    { value: '1.0.0', label: '1.0.0 (objects)' },
  ],
};
const REF_FIELD: ComposeField = { name: 'ref', label: 'Ref', kind: 'text', optional: true, help: 'left empty: the next number' };
const JOIN_REF_FIELD: ComposeField = { name: 'joinRef', label: 'Join ref', kind: 'text', optional: true, help: "the ref of the topic's phx_join (2.0.0)" };
const TOPIC_FIELD: ComposeField = { name: 'topic', label: 'Topic', kind: 'text', placeholder: 'room:lobby' };

const COMPOSE: readonly ComposeKind[] = [
  { id: 'join', label: 'Join (phx_join)', fields: [TOPIC_FIELD, { name: 'payload', label: 'Join params (JSON)', kind: 'json', initial: '{}' }, REF_FIELD, VSN_FIELD] },
  { id: 'leave', label: 'Leave (phx_leave)', fields: [TOPIC_FIELD, JOIN_REF_FIELD, REF_FIELD, VSN_FIELD] },
  {
    id: 'push',
    label: 'Push (event)',
    fields: [TOPIC_FIELD, { name: 'event', label: 'Event', kind: 'text', placeholder: 'new_msg' }, { name: 'payload', label: 'Payload (JSON)', kind: 'json', initial: '{}' }, JOIN_REF_FIELD, REF_FIELD, VSN_FIELD],
  },
  { id: 'heartbeat', label: 'Heartbeat', fields: [REF_FIELD, VSN_FIELD] },
];

function vsnOf(values: ComposeValues): Vsn | null {
  const v = values.vsn?.trim() || '2.0.0';
  return v === '2.0.0' || v === '1.0.0' ? v : null;
}

/** Encodes a composed message; a preview (`options.preview`) leaves the automatic ids as they were, so it shows the frame that Send will send. */
export function encodePhoenix(kind: string, values: ComposeValues, options?: EncodeOptions): EncodeResult {
  const saved = nextRef;
  try {
    return encodePhoenixNow(kind, values);
  } finally {
    if (options?.preview) nextRef = saved;
  }
}

function encodePhoenixNow(kind: string, values: ComposeValues): EncodeResult {
  const vsn = vsnOf(values);
  if (!vsn) return { ok: false, error: 'the serializer is 1.0.0 or 2.0.0', field: 'vsn' };
  const ref = values.ref?.trim() || null;
  const joinRef = values.joinRef?.trim() || null;
  const topic = values.topic?.trim() ?? '';
  const payloadOf = (): { ok: true; value: unknown } | { ok: false; error: string } => {
    const p = parseJson(values.payload?.trim() || '{}');
    if (!p.ok) return { ok: false, error: `payload: ${p.error}` };
    if (!isObject(p.value)) return { ok: false, error: 'the payload is a JSON object' };
    return p;
  };
  const done = (m: Omit<PhoenixMessage, 'vsn'>): EncodeResult => ({ ok: true, frames: [serialize(m, vsn)] });
  if (kind === 'heartbeat') {
    return done({ joinRef: null, ref: ref ?? takeRef(), topic: 'phoenix', event: 'heartbeat', payload: {} });
  }
  if (!topic) return { ok: false, error: 'a topic is required', field: 'topic' };
  switch (kind) {
    case 'join': {
      const p = payloadOf();
      if (!p.ok) return { ok: false, error: p.error, field: 'payload' };
      const r = ref ?? takeRef();
      return done({ joinRef: vsn === '2.0.0' ? r : null, ref: r, topic, event: 'phx_join', payload: p.value });
    }
    case 'leave':
      return done({ joinRef, ref: ref ?? takeRef(), topic, event: 'phx_leave', payload: {} });
    case 'push': {
      const event = values.event?.trim() ?? '';
      if (!event) return { ok: false, error: 'an event name is required', field: 'event' };
      const p = payloadOf();
      if (!p.ok) return { ok: false, error: p.error, field: 'payload' };
      return done({ joinRef, ref: ref ?? takeRef(), topic, event, payload: p.value });
    }
  }
  return { ok: false, error: `unknown message kind "${kind}"` };
}

// ---------------------------------------------------------------- session

function secondsOption(text: string | undefined, fallback: number): number | null {
  const t = text?.trim() ?? '';
  if (t === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

const SESSION_FIELDS: readonly ComposeField[] = [
  { ...VSN_FIELD, help: 'added to the URL as vsn= when it has none' },
  { name: 'heartbeat', label: 'Heartbeat interval (s)', kind: 'number', initial: '30', help: 'a heartbeat on "phoenix" this often; 0: none (servers then drop the socket after their timeout)' },
  { name: 'topic', label: 'Join topic on open', kind: 'text', optional: true, placeholder: 'room:lobby' },
  { name: 'payload', label: 'Join params (JSON)', kind: 'json', initial: '{}', optional: true },
];

function createSession(host: SessionHost, options: SessionOptions): LensSession {
  const vsn = vsnOf(options) ?? '2.0.0';
  let seconds = secondsOption(options.heartbeat, 30);
  if (seconds === null) {
    host.note('warn', `Phoenix: heartbeat interval "${options.heartbeat ?? ''}" is not a number of seconds; using 30`);
    seconds = 30;
  }
  const intervalMs = Math.round(seconds * 1000);
  const topic = options.topic?.trim() ?? '';
  let cancel: (() => void) | null = null;
  let pendingHeartbeat: string | null = null;
  let joinRef: string | null = null;
  let closed = false;
  const beat = () => {
    cancel = null;
    if (closed) return;
    if (pendingHeartbeat !== null) host.note('warn', `Phoenix: no reply to heartbeat ref ${pendingHeartbeat} within ${seconds} s`);
    const ref = takeRef();
    pendingHeartbeat = ref;
    host.send(serialize({ joinRef: null, ref, topic: 'phoenix', event: 'heartbeat', payload: {} }, vsn));
    cancel = host.setTimer(intervalMs, beat);
  };
  return {
    open() {
      if (topic) {
        const p = parseJson(options.payload?.trim() || '{}');
        if (!p.ok || !isObject(p.value)) host.note('error', `Phoenix: join params are not a JSON object${p.ok ? '' : `: ${p.error}`}; not joining ${topic}`);
        else {
          joinRef = takeRef();
          host.send(serialize({ joinRef: vsn === '2.0.0' ? joinRef : null, ref: joinRef, topic, event: 'phx_join', payload: p.value }, vsn));
        }
      }
      if (intervalMs > 0) cancel = host.setTimer(intervalMs, beat);
    },
    receive(frame: Frame) {
      if (frame.format !== 'text') return;
      const parsed = parseJson(frame.text);
      if (!parsed.ok) return;
      const m = readPhoenix(parsed.value, []);
      if (!m) return;
      if (m.event === 'phx_reply' && m.topic === 'phoenix' && m.ref === pendingHeartbeat) pendingHeartbeat = null;
      if (m.event === 'phx_reply' && m.topic === topic && m.ref !== null && m.ref === joinRef) {
        const p = m.payload;
        const status = isObject(p) ? p.status : undefined;
        if (status === 'ok') host.note('info', `Phoenix: joined ${topic}`);
        else host.note('warn', `Phoenix: join ${topic} refused: ${preview(isObject(p) ? p.response : p, 80)}`);
      }
      if ((m.event === 'phx_error' || m.event === 'phx_close') && m.topic === topic) host.note('warn', `Phoenix: ${m.event} on ${topic}`);
    },
    close() {
      closed = true;
      cancel?.();
      cancel = null;
    },
  };
}

/** Adds vsn= to a socket URL that has none; refuses a URL whose vsn differs from the session's serializer. */
export function resolvePhoenixUrl(url: string, options: SessionOptions): { ok: true; url: string } | { ok: false; error: string } {
  const vsn = vsnOf(options);
  if (!vsn) return { ok: false, error: `serializer "${options.vsn ?? ''}": Phoenix has 1.0.0 and 2.0.0` };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: true, url };
  }
  const have = u.searchParams.get('vsn');
  if (have !== null) {
    if (have !== vsn) return { ok: false, error: `the URL asks for vsn=${have} but the session speaks serializer ${vsn}: change one of them` };
    return { ok: true, url };
  }
  if (!/\/websocket\/?$/.test(u.pathname)) return { ok: true, url };
  u.searchParams.set('vsn', vsn);
  return { ok: true, url: u.toString() };
}

export const phoenixLens: Lens<null> = {
  id: 'phoenix',
  name: PROTOCOL,
  createState: () => null,
  decode(frame: Frame): DecodeResult {
    return { messages: frame.format === 'text' ? decodePhoenixText(frame.text, frame.direction) : [binaryOnTextLens(PROTOCOL, frame)] };
  },
  compose: COMPOSE,
  encode: encodePhoenix,
  sessionFields: SESSION_FIELDS,
  session: createSession,
  resolveUrl: resolvePhoenixUrl,
};
