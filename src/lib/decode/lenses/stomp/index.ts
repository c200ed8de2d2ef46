import type {
  ComposeField,
  ComposeKind,
  ComposeValues,
  Correlation,
  DecodeResult,
  DecodedMessage,
  EncodeOptions, EncodeResult,
  Field,
  Frame,
  Lens,
  LensSession,
  SessionHost,
  SessionOptions,
} from '../../types';
import { looksLikeJson, parseJson, preview, valueFields } from '../../fields';
import { bodyText, header, parseStomp, serializeStomp, toBytes, utf8Length, type StompFrame, type StompVersion } from './codec';

/**
 * STOMP 1.0, 1.1 and 1.2 over WebSocket (subprotocols v10.stomp, v11.stomp,
 * v12.stomp). One WebSocket message may hold several frames and heart-beat
 * EOLs. The version (it decides header escaping) comes from the subprotocol
 * or the CONNECTED frame; until then 1.2 is assumed.
 */

const PROTOCOL = 'STOMP';
const MASK = '••••••';
const MAX_BYTES = 1 << 20;

export interface StompState {
  version: StompVersion;
  /** where the version came from */
  versionFrom: 'default' | 'subprotocol' | 'frame';
}

export function versionOfProtocol(protocol: string): StompVersion | null {
  if (protocol === 'v12.stomp') return '1.2';
  if (protocol === 'v11.stomp') return '1.1';
  if (protocol === 'v10.stomp') return '1.0';
  return null;
}

function other(d: 'in' | 'out'): 'in' | 'out' {
  return d === 'in' ? 'out' : 'in';
}

function bodySummary(body: Uint8Array, contentType: string | undefined): { preview: string; fields: Field[]; json: boolean } {
  if (body.byteLength === 0) return { preview: '', fields: [], json: false };
  const text = bodyText(body);
  if (text === null) return { preview: `${body.byteLength} B binary`, fields: [{ name: 'body', value: body, note: `${body.byteLength} B` }], json: false };
  if ((contentType?.includes('json') || looksLikeJson(text)) && text.length <= MAX_BYTES) {
    const p = parseJson(text);
    if (p.ok) return { preview: preview(p.value, 48), fields: [{ name: 'body', note: `JSON · ${body.byteLength} B`, children: valueFields(p.value) }], json: true };
  }
  return { preview: preview(text, 48), fields: [{ name: 'body', value: text, note: `${body.byteLength} B` }], json: false };
}

export function decodeStompFrame(frame: StompFrame, direction: 'in' | 'out', state: StompState): DecodedMessage {
  const h = (name: string) => header(frame, name);
  const c = frame.command;
  const headerFields: Field[] = frame.headers.map((x) => {
    const secret = x.name === 'passcode';
    const f: Field = { name: x.name, value: secret ? MASK : x.value };
    const notes: string[] = [];
    if (secret) notes.push('masked');
    if (x.repeated) notes.push('repeated: the first one counts');
    if (!secret && x.raw !== `${x.name}:${x.value}`) notes.push(`sent as ${x.raw}`);
    if (notes.length > 0) f.note = notes.join('; ');
    return f;
  });
  const body = bodySummary(frame.body, h('content-type'));
  const size = `${frame.body.byteLength} B`;
  const dest = h('destination');
  const receiptHeader = h('receipt');
  let summary: string = c || '(no command)';
  let correlation: Correlation | undefined;
  switch (c) {
    case 'CONNECT':
    case 'STOMP': {
      const parts: string[] = [c];
      const av = h('accept-version');
      if (av !== undefined) parts.push(`accept-version ${av}`);
      const host = h('host');
      if (host !== undefined) parts.push(`host ${host}`);
      const login = h('login');
      if (login !== undefined) parts.push(`login ${login}`);
      const hb = h('heart-beat');
      if (hb !== undefined) parts.push(`heart-beat ${hb}`);
      summary = parts.join(' ');
      correlation = { key: `stomp:connect:${direction}`, role: 'request' };
      break;
    }
    case 'CONNECTED': {
      summary = `CONNECTED ${h('version') ?? '1.0'}${h('heart-beat') !== undefined ? ` heart-beat ${h('heart-beat')}` : ''}`;
      correlation = { key: `stomp:connect:${other(direction)}`, role: 'reply' };
      break;
    }
    case 'SEND':
      summary = `SEND ${dest ?? '(no destination)'} · ${size}`;
      break;
    case 'MESSAGE': {
      const sub = h('subscription');
      summary = `MESSAGE ${dest ?? '(no destination)'}${sub !== undefined ? ` sub ${sub}` : ''} · ${body.preview || size}`;
      if (sub !== undefined) correlation = { key: `stomp:sub:${other(direction)}:${sub}`, role: 'partial' };
      break;
    }
    case 'SUBSCRIBE': {
      const id = h('id');
      summary = `SUBSCRIBE ${dest ?? '(no destination)'}${id !== undefined ? ` id ${id}` : ''}${h('ack') !== undefined ? ` ack ${h('ack')}` : ''}`;
      if (id !== undefined) correlation = { key: `stomp:sub:${direction}:${id}`, role: 'request' };
      break;
    }
    case 'UNSUBSCRIBE': {
      const id = h('id') ?? dest;
      summary = `UNSUBSCRIBE ${id ?? '(no id)'}`;
      if (id !== undefined) correlation = { key: `stomp:sub:${direction}:${id}`, role: 'reply' };
      break;
    }
    case 'ACK':
    case 'NACK':
      summary = `${c} ${h('id') ?? h('message-id') ?? '(no id)'}${h('transaction') !== undefined ? ` tx ${h('transaction')}` : ''}`;
      break;
    case 'BEGIN':
    case 'COMMIT':
    case 'ABORT':
      summary = `${c} ${h('transaction') ?? '(no transaction)'}`;
      break;
    case 'DISCONNECT':
      summary = 'DISCONNECT';
      break;
    case 'RECEIPT': {
      const r = h('receipt-id');
      summary = `RECEIPT ${r ?? '(no receipt-id)'}`;
      if (r !== undefined) correlation = { key: `stomp:receipt:${other(direction)}:${r}`, role: 'reply' };
      break;
    }
    case 'ERROR': {
      summary = `ERROR ${h('message') ?? ''}${body.preview ? ` · ${body.preview}` : ''}`.trim();
      const r = h('receipt-id');
      if (r !== undefined) correlation = { key: `stomp:receipt:${other(direction)}:${r}`, role: 'reply' };
      break;
    }
    default:
      if (frame.body.byteLength > 0) summary = `${c} · ${size}`;
  }
  if (receiptHeader !== undefined) {
    summary += ` · receipt ${receiptHeader}`;
    // SUBSCRIBE / UNSUBSCRIBE pair by subscription, CONNECT with CONNECTED; the rest by receipt
    if (c !== 'SUBSCRIBE' && c !== 'UNSUBSCRIBE' && c !== 'CONNECT' && c !== 'STOMP') correlation = { key: `stomp:receipt:${direction}:${receiptHeader}`, role: 'request' };
  }
  if (frame.errors.length > 0) summary = `${summary} · ${frame.errors[0]}`;

  const keys: Array<[string, string]> = [['command', c]];
  const push = (k: string, v: string | undefined) => {
    if (v !== undefined) keys.push([k, v]);
  };
  push('destination', dest);
  push('subscription', h('subscription') ?? (c === 'SUBSCRIBE' || c === 'UNSUBSCRIBE' ? h('id') : undefined));
  push('receipt', receiptHeader ?? h('receipt-id'));
  push('message-id', h('message-id'));

  const fields: Field[] = [{ name: 'command', value: c }, { name: 'headers', note: `${frame.headers.length}`, children: headerFields }, ...body.fields];
  const message: DecodedMessage = { protocol: PROTOCOL, type: c || 'invalid', summary, fields, keys };
  if (correlation) message.correlation = correlation;
  if (frame.errors.length > 0) message.error = frame.errors.join('; ');
  // The passcode as decoded and as written in the frame (1.1+ escapes ":" and "\\"): both are masked in the raw view.
  const secrets = frame.headers.flatMap((x) => (x.name === 'passcode' && x.value !== '' ? [x.value, x.raw.slice(x.raw.indexOf(':') + 1)] : []));
  if (secrets.length > 0) message.secrets = [...new Set(secrets)];
  if (c === 'CONNECTED') {
    const v = h('version');
    state.version = v === '1.1' || v === '1.2' ? v : '1.0';
    state.versionFrom = 'frame';
  } else if ((c === 'CONNECT' || c === 'STOMP') && state.versionFrom === 'default') {
    // until CONNECTED says, decode as the highest version offered
    const offered = (h('accept-version') ?? '1.0').split(',').map((s) => s.trim());
    state.version = offered.includes('1.2') ? '1.2' : offered.includes('1.1') ? '1.1' : '1.0';
  }
  return message;
}

export function decodeStompBytes(bytes: Uint8Array, direction: 'in' | 'out', state: StompState): DecodeResult {
  if (bytes.byteLength > MAX_BYTES) {
    return { messages: [{ protocol: PROTOCOL, type: 'invalid', summary: `${bytes.byteLength} B: too long to decode`, fields: [], error: `longer than ${MAX_BYTES} B` }] };
  }
  const usedState = state.versionFrom !== 'default';
  const messages: DecodedMessage[] = [];
  let escapesMatter = false;
  for (const part of parseStomp(bytes, state.version)) {
    if (part.kind === 'heartbeat') {
      messages.push({
        protocol: PROTOCOL,
        type: 'heartbeat',
        summary: part.eols === 1 ? 'heart-beat' : `heart-beat ×${part.eols}`,
        fields: [{ name: 'heart-beat', value: part.eols, note: 'EOLs' }],
        heartbeat: true,
      });
      continue;
    }
    if (part.frame.headers.some((x) => x.raw.includes('\\'))) escapesMatter = true;
    messages.push(decodeStompFrame(part.frame, direction, state));
  }
  return usedState && escapesMatter ? { messages, stateful: true } : { messages };
}

// ---------------------------------------------------------------- compose

const RECEIPT: ComposeField = { name: 'receipt', label: 'Receipt', kind: 'text', optional: true, help: 'the server answers with RECEIPT receipt-id' };
const HEADERS: ComposeField = { name: 'headers', label: 'More headers', kind: 'textarea', optional: true, placeholder: 'priority:9\nx-trace:abc', help: 'one name:value per line' };
const TX: ComposeField = { name: 'transaction', label: 'Transaction', kind: 'text', optional: true };
const CONNECT_FIELDS: readonly ComposeField[] = [
  { name: 'accept-version', label: 'accept-version', kind: 'text', initial: '1.2,1.1,1.0' },
  { name: 'host', label: 'host', kind: 'text', initial: 'localhost', help: 'the virtual host (RabbitMQ: the vhost)' },
  { name: 'login', label: 'login', kind: 'text', optional: true },
  { name: 'passcode', label: 'passcode', kind: 'text', optional: true, secret: true },
  { name: 'heart-beat', label: 'heart-beat (cx,cy ms)', kind: 'text', initial: '10000,10000', help: 'what this side sends, what it wants from the server; 0 = none' },
  HEADERS,
];

const COMPOSE: readonly ComposeKind[] = [
  { id: 'CONNECT', label: 'CONNECT', fields: CONNECT_FIELDS },
  { id: 'STOMP', label: 'STOMP (1.2 CONNECT)', fields: CONNECT_FIELDS },
  {
    id: 'SUBSCRIBE',
    label: 'SUBSCRIBE',
    fields: [
      { name: 'destination', label: 'destination', kind: 'text', placeholder: '/topic/tick' },
      { name: 'id', label: 'id', kind: 'text', optional: true, help: 'left empty: sub-N' },
      {
        name: 'ack',
        label: 'ack',
        kind: 'select',
        initial: 'auto',
        options: [
          { value: 'auto', label: 'auto' },
          { value: 'client', label: 'client (cumulative)' },
          { value: 'client-individual', label: 'client-individual' },
        ],
      },
      RECEIPT,
      HEADERS,
    ],
  },
  { id: 'UNSUBSCRIBE', label: 'UNSUBSCRIBE', fields: [{ name: 'id', label: 'id', kind: 'text' }, RECEIPT, HEADERS] },
  {
    id: 'SEND',
    label: 'SEND',
    fields: [
      { name: 'destination', label: 'destination', kind: 'text', placeholder: '/queue/a' },
      { name: 'content-type', label: 'content-type', kind: 'text', initial: 'text/plain', optional: true },
      { name: 'body', label: 'body', kind: 'textarea', optional: true },
      TX,
      RECEIPT,
      HEADERS,
    ],
  },
  ...(['ACK', 'NACK'] as const).map(
    (id): ComposeKind => ({
      id,
      label: id,
      fields: [
        { name: 'id', label: 'id', kind: 'text', help: "1.2: the MESSAGE's ack header; 1.1 and 1.0: its message-id" },
        {
          name: 'version',
          label: 'version',
          kind: 'select',
          initial: '1.2',
          options: [
            { value: '1.2', label: '1.2 (id)' },
            { value: '1.1', label: '1.1 (message-id, subscription)' },
            { value: '1.0', label: '1.0 (message-id)' },
          ],
        },
        { name: 'subscription', label: 'subscription', kind: 'text', optional: true, help: 'needed by 1.1' },
        TX,
        RECEIPT,
        HEADERS,
      ],
    }),
  ),
  ...(['BEGIN', 'COMMIT', 'ABORT'] as const).map((id): ComposeKind => ({ id, label: id, fields: [{ ...TX, optional: false }, RECEIPT, HEADERS] })),
  { id: 'DISCONNECT', label: 'DISCONNECT', fields: [RECEIPT, HEADERS] },
];

let nextSub = 0;

function extraHeaders(text: string | undefined): { ok: true; headers: Array<[string, string]> } | { ok: false; error: string; field: string } {
  const headers: Array<[string, string]> = [];
  const lines = (text ?? '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, error: `line ${i + 1} is not name:value: "${line.slice(0, 40)}"`, field: 'headers' };
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1)]);
  }
  return { ok: true, headers };
}

/** Encodes a composed message; a preview (`options.preview`) leaves the automatic ids as they were, so it shows the frame that Send will send. */
export function encodeStomp(kind: string, values: ComposeValues, options?: EncodeOptions): EncodeResult {
  const saved = nextSub;
  try {
    return encodeStompNow(kind, values);
  } finally {
    if (options?.preview) nextSub = saved;
  }
}

function encodeStompNow(kind: string, values: ComposeValues): EncodeResult {
  const v = (name: string) => values[name]?.trim() ?? '';
  const headers: Array<[string, string]> = [];
  const need = (name: string, label = name): string | null => {
    const x = v(name);
    if (!x) return null;
    headers.push([label, x]);
    return x;
  };
  const optional = (name: string) => {
    const x = v(name);
    if (x) headers.push([name, x]);
  };
  let body = '';
  let version: StompVersion = '1.2';
  switch (kind) {
    case 'CONNECT':
    case 'STOMP': {
      const av = v('accept-version') || '1.2,1.1,1.0';
      if (!/^(1\.[012])(,1\.[012])*$/.test(av.replace(/\s/g, ''))) return { ok: false, error: 'accept-version is a list like 1.2,1.1,1.0', field: 'accept-version' };
      headers.push(['accept-version', av.replace(/\s/g, '')]);
      headers.push(['host', v('host') || 'localhost']);
      optional('login');
      const pass = values.passcode ?? '';
      if (pass !== '') headers.push(['passcode', pass]);
      const hb = v('heart-beat');
      if (hb) {
        if (!/^\d{1,9},\d{1,9}$/.test(hb)) return { ok: false, error: 'heart-beat is two numbers of ms: cx,cy (e.g. 10000,10000)', field: 'heart-beat' };
        headers.push(['heart-beat', hb]);
      }
      break;
    }
    case 'SUBSCRIBE': {
      if (!need('destination')) return { ok: false, error: 'a destination is required', field: 'destination' };
      headers.push(['id', v('id') || `sub-${nextSub++}`]);
      const ack = v('ack') || 'auto';
      if (!['auto', 'client', 'client-individual'].includes(ack)) return { ok: false, error: 'ack is auto, client or client-individual', field: 'ack' };
      headers.push(['ack', ack]);
      break;
    }
    case 'UNSUBSCRIBE':
      if (!need('id')) return { ok: false, error: 'the id of the subscription is required', field: 'id' };
      break;
    case 'SEND': {
      if (!need('destination')) return { ok: false, error: 'a destination is required', field: 'destination' };
      optional('content-type');
      optional('transaction');
      body = values.body ?? '';
      headers.push(['content-length', String(utf8Length(body))]);
      break;
    }
    case 'ACK':
    case 'NACK': {
      const ver = v('version') || '1.2';
      if (ver !== '1.2' && ver !== '1.1' && ver !== '1.0') return { ok: false, error: 'version is 1.2, 1.1 or 1.0', field: 'version' };
      version = ver;
      if (!need('id', ver === '1.2' ? 'id' : 'message-id')) return { ok: false, error: 'the id of the message is required', field: 'id' };
      if (ver === '1.1' && !need('subscription')) return { ok: false, error: 'STOMP 1.1 ACK and NACK need the subscription', field: 'subscription' };
      if (ver !== '1.1') optional('subscription');
      optional('transaction');
      break;
    }
    case 'BEGIN':
    case 'COMMIT':
    case 'ABORT':
      if (!need('transaction')) return { ok: false, error: 'a transaction name is required', field: 'transaction' };
      break;
    case 'DISCONNECT':
      break;
    default:
      return { ok: false, error: `unknown frame kind "${kind}"` };
  }
  if (kind !== 'CONNECT' && kind !== 'STOMP') optional('receipt');
  const extra = extraHeaders(values.headers);
  if (!extra.ok) return extra;
  headers.push(...extra.headers);
  const out = serializeStomp(kind, headers, body, version);
  if (!out.ok) return { ok: false, error: out.error, field: 'headers' };
  return { ok: true, frames: [out.text] };
}

// ---------------------------------------------------------------- session

const SESSION_FIELDS: readonly ComposeField[] = [
  { name: 'host', label: 'host', kind: 'text', optional: true, help: "CONNECT's host header; empty: the URL's host name" },
  { name: 'login', label: 'login', kind: 'text', optional: true },
  { name: 'passcode', label: 'passcode', kind: 'text', optional: true, secret: true },
  { name: 'heart-beat', label: 'heart-beat (cx,cy ms)', kind: 'text', initial: '10000,10000', help: 'sent in CONNECT; EOLs then go out as negotiated' },
];

function hostOf(url: string | undefined): string {
  const m = url ? /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url) : null;
  return m?.[1] || 'localhost';
}

function parseBeat(s: string | undefined): [number, number] | null {
  const m = /^\s*(\d{1,9})\s*,\s*(\d{1,9})\s*$/.exec(s ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * On open: CONNECT with host, login, passcode and heart-beat. On CONNECTED:
 * sends an EOL whenever nothing else went out for max(cx, sy) ms (the
 * negotiated interval of the spec), and notes the negotiation once.
 */
export function stompSession(host: SessionHost, options: SessionOptions): LensSession {
  let lastSent = host.now();
  let cancel: (() => void) | null = null;
  let interval = 0;
  let closed = false;
  let connected = false;
  let cx = 10000;
  let cy = 10000;
  const send = (data: string) => {
    lastSent = host.now();
    host.send(data);
  };
  const schedule = (ms: number) => {
    cancel?.();
    cancel = host.setTimer(ms, () => {
      cancel = null;
      if (closed) return;
      const idle = host.now() - lastSent;
      if (idle >= interval) send('\n');
      schedule(idle >= interval ? interval : interval - idle);
    });
  };
  return {
    open(protocol) {
      const v = versionOfProtocol(protocol);
      const accept = v === '1.0' ? '1.0' : v === '1.1' ? '1.1,1.0' : '1.2,1.1,1.0';
      const beat = parseBeat(options['heart-beat'] || '10000,10000');
      if (!beat) host.note('warn', `STOMP: heart-beat "${options['heart-beat'] ?? ''}" is not cx,cy; sending 0,0`);
      [cx, cy] = beat ?? [0, 0];
      const headers: Array<[string, string]> = [
        ['accept-version', accept],
        ['host', options.host?.trim() || hostOf(host.url)],
      ];
      if (options.login?.trim()) headers.push(['login', options.login.trim()]);
      if (options.passcode) headers.push(['passcode', options.passcode]);
      headers.push(['heart-beat', `${cx},${cy}`]);
      const out = serializeStomp('CONNECT', headers, '', '1.2');
      if (!out.ok) {
        host.note('error', `STOMP: CONNECT not sent: ${out.error}`);
        return;
      }
      send(out.text);
    },
    receive(frame: Frame) {
      if (closed || connected) return;
      const bytes = frame.format === 'text' ? toBytes(frame.text.slice(0, 64 * 1024)) : frame.bytes.subarray(0, 64 * 1024);
      for (const part of parseStomp(bytes, '1.2')) {
        if (part.kind !== 'frame') continue;
        const f = part.frame;
        if (f.command === 'ERROR' && !connected) host.note('error', `STOMP: ERROR before CONNECTED: ${header(f, 'message') ?? bodyText(f.body) ?? ''}`);
        if (f.command !== 'CONNECTED') continue;
        connected = true;
        const [sx, sy] = parseBeat(header(f, 'heart-beat')) ?? [0, 0];
        interval = cx > 0 && sy > 0 ? Math.max(cx, sy) : 0;
        const incoming = cy > 0 && sx > 0 ? Math.max(cy, sx) : 0;
        host.note(
          'info',
          `STOMP ${header(f, 'version') ?? '1.0'} connected; heart-beats: ${interval > 0 ? `sending an EOL after ${interval} ms of silence` : 'none sent'}, ${incoming > 0 ? `the server every ${incoming} ms` : 'none expected'}`,
        );
        if (interval > 0) schedule(Math.max(1, interval - (host.now() - lastSent)));
        return;
      }
    },
    sent() {
      lastSent = host.now();
    },
    close() {
      closed = true;
      cancel?.();
      cancel = null;
    },
  };
}

export const stompLens: Lens<StompState> = {
  id: 'stomp',
  name: 'STOMP',
  createState: () => ({ version: '1.2', versionFrom: 'default' }),
  fork: (s) => ({ ...s }),
  opened(state, protocol) {
    const v = versionOfProtocol(protocol);
    if (v && state.versionFrom === 'default') {
      state.version = v;
      state.versionFrom = 'subprotocol';
    }
  },
  decode(frame: Frame, state: StompState): DecodeResult {
    const bytes = frame.format === 'text' ? toBytes(frame.text) : frame.bytes;
    return decodeStompBytes(bytes, frame.direction, state);
  },
  compose: COMPOSE,
  encode: encodeStomp,
  sessionFields: SESSION_FIELDS,
  session: stompSession,
  defaultProtocols: ['v12.stomp', 'v11.stomp', 'v10.stomp'],
};
