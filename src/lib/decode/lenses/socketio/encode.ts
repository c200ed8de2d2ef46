import type { EncodeOptions, ComposeField, ComposeKind, ComposeValues, EncodeResult } from '../../types';
import { parseJson } from '../../fields';
import { ACK, BINARY_EVENT, CONNECT, DISCONNECT, EVENT, RESERVED_EVENTS, eio3Binary, encodeSocketPacket, extractHex, isPlainObject } from './codec';

/**
 * The composer's Socket.IO messages. Every one is an Engine.IO message
 * ("4…"); a binary emit is its placeholder packet then one binary frame per
 * attachment. `values.version` ('4' default, '3', '2') picks the framing:
 * v2 (Engine.IO 3) puts a CONNECT's auth in the namespace's query and starts
 * each binary frame with byte 04.
 */

const VERSION_FIELD: ComposeField = {
  name: 'version',
  label: 'Socket.IO version',
  kind: 'select',
  initial: '4',
  options: [
    { value: '4', label: 'v4 (Engine.IO 4)' },
    { value: '3', label: 'v3 (Engine.IO 4)' },
    { value: '2', label: 'v2 (Engine.IO 3)' },
  ],
  help: 'the connection\'s version: v2 sends CONNECT auth as a query and prefixes binary frames with byte 04',
};

const NAMESPACE_FIELD: ComposeField = { name: 'namespace', label: 'Namespace', kind: 'text', initial: '/', placeholder: '/', optional: true };

export const SOCKETIO_COMPOSE: readonly ComposeKind[] = [
  {
    id: 'emit',
    label: 'Emit',
    fields: [
      NAMESPACE_FIELD,
      { name: 'event', label: 'Event', kind: 'text', placeholder: 'chat' },
      { name: 'args', label: 'Arguments (JSON array)', kind: 'json', initial: '[]', optional: true },
      { name: 'ack', label: 'With ack (the next ack id)', kind: 'checkbox', initial: '', optional: true },
    ],
  },
  {
    id: 'binaryEmit',
    label: 'Binary emit',
    fields: [
      NAMESPACE_FIELD,
      { name: 'event', label: 'Event', kind: 'text', placeholder: 'upload' },
      {
        name: 'args',
        label: 'Arguments (JSON array)',
        kind: 'json',
        initial: '[{"$hex":"de ad be ef"}]',
        help: 'each {"$hex":"…"} becomes a binary attachment sent in its own frame',
      },
      { name: 'ack', label: 'With ack (the next ack id)', kind: 'checkbox', initial: '', optional: true },
      VERSION_FIELD,
    ],
  },
  {
    id: 'connect',
    label: 'Connect',
    fields: [
      NAMESPACE_FIELD,
      { name: 'auth', label: 'Auth (JSON object)', kind: 'json', placeholder: '{"token":"…"}', optional: true },
      VERSION_FIELD,
    ],
  },
  { id: 'disconnect', label: 'Disconnect', fields: [NAMESPACE_FIELD] },
  {
    id: 'ack',
    label: 'Ack',
    fields: [
      NAMESPACE_FIELD,
      { name: 'id', label: 'Ack id', kind: 'number', placeholder: '0' },
      { name: 'args', label: 'Arguments (JSON array)', kind: 'json', initial: '[]', optional: true },
    ],
  },
];

let nextAckId = 0;

/** The ack id the next "with ack" emit will use. */
export function peekNextAckId(): number {
  return nextAckId;
}

type Fail = { ok: false; error: string; field?: string };

function namespaceOf(values: ComposeValues): { ok: true; nsp: string } | Fail {
  const nsp = (values.namespace ?? '').trim() || '/';
  if (!nsp.startsWith('/')) return { ok: false, error: 'a namespace starts with "/", e.g. /admin', field: 'namespace' };
  if (/[,?#]/.test(nsp)) return { ok: false, error: 'a namespace cannot contain ",", "?" or "#"', field: 'namespace' };
  return { ok: true, nsp };
}

function argsOf(values: ComposeValues): { ok: true; args: unknown[] } | Fail {
  const text = (values.args ?? '').trim();
  if (!text) return { ok: true, args: [] };
  const p = parseJson(text);
  if (!p.ok) return { ok: false, error: `arguments: ${p.error}`, field: 'args' };
  if (!Array.isArray(p.value)) return { ok: false, error: 'arguments are a JSON array, e.g. ["hello", {"n": 1}]', field: 'args' };
  return { ok: true, args: p.value };
}

function eventOf(values: ComposeValues): { ok: true; event: string } | Fail {
  const event = values.event ?? '';
  if (!event.trim()) return { ok: false, error: 'an event name is required', field: 'event' };
  if (RESERVED_EVENTS.includes(event)) return { ok: false, error: `"${event}" is reserved: Socket.IO's parser refuses it and drops the connection`, field: 'event' };
  return { ok: true, event };
}

function versionOf(values: ComposeValues): '2' | '3' | '4' | null {
  const v = (values.version ?? '').trim() || '4';
  return v === '2' || v === '3' || v === '4' ? v : null;
}

/** Encodes a composed message; a preview (`options.preview`) leaves the next ack id as it was, so it shows the frame that Send will send. */
export function encodeSocketIo(kind: string, values: ComposeValues, options?: EncodeOptions): EncodeResult {
  const saved = nextAckId;
  try {
    return encodeSocketIoNow(kind, values);
  } finally {
    if (options?.preview) nextAckId = saved;
  }
}

function encodeSocketIoNow(kind: string, values: ComposeValues): EncodeResult {
  const version = versionOf(values);
  if (!version) return { ok: false, error: 'version is 2, 3 or 4', field: 'version' };
  const ns = namespaceOf(values);
  if (!ns.ok) return ns;
  const nsp = ns.nsp;
  switch (kind) {
    case 'emit':
    case 'binaryEmit': {
      const ev = eventOf(values);
      if (!ev.ok) return ev;
      const a = argsOf(values);
      if (!a.ok) return a;
      const data: unknown[] = [ev.event, ...a.args];
      const withAck = values.ack === 'true';
      if (kind === 'emit') {
        const id = withAck ? nextAckId++ : undefined;
        return { ok: true, frames: [`4${encodeSocketPacket({ type: EVENT, nsp, id, data })}`] };
      }
      const x = extractHex(data);
      if (!x.ok) return { ...x, field: 'args' };
      if (x.buffers.length === 0) return { ok: false, error: 'a binary emit needs at least one {"$hex":"…"} value in its arguments', field: 'args' };
      const id = withAck ? nextAckId++ : undefined;
      const head = `4${encodeSocketPacket({ type: BINARY_EVENT, attachments: x.buffers.length, nsp, id, data: x.value })}`;
      return { ok: true, frames: [head, ...x.buffers.map((b) => (version === '2' ? eio3Binary(b) : b))] };
    }
    case 'connect': {
      const text = (values.auth ?? '').trim();
      let auth: Record<string, unknown> | undefined;
      if (text) {
        const p = parseJson(text);
        if (!p.ok) return { ok: false, error: `auth: ${p.error}`, field: 'auth' };
        if (!isPlainObject(p.value)) return { ok: false, error: 'auth is a JSON object, e.g. {"token":"…"}', field: 'auth' };
        auth = p.value;
      }
      if (version === '2') {
        if (nsp === '/') {
          return {
            ok: false,
            error: 'Socket.IO v2 joins "/" by itself when the connection opens; a second CONNECT for "/" makes the server close the connection. Put auth for "/" in the URL\'s query instead.',
            field: 'namespace',
          };
        }
        const q = auth ? toQuery(auth) : { ok: true as const, query: '' };
        if (!q.ok) return q;
        return { ok: true, frames: [`4${encodeSocketPacket({ type: CONNECT, nsp, ...(q.query ? { query: q.query } : {}) })}`] };
      }
      return { ok: true, frames: [`4${encodeSocketPacket({ type: CONNECT, nsp, ...(auth ? { data: auth } : {}) })}`] };
    }
    case 'disconnect':
      return { ok: true, frames: [`4${encodeSocketPacket({ type: DISCONNECT, nsp })}`] };
    case 'ack': {
      const idText = (values.id ?? '').trim();
      if (!/^\d{1,15}$/.test(idText)) return { ok: false, error: 'the ack id is the number of the event it answers, e.g. 3', field: 'id' };
      const a = argsOf(values);
      if (!a.ok) return a;
      return { ok: true, frames: [`4${encodeSocketPacket({ type: ACK, nsp, id: Number(idText), data: a.args })}`] };
    }
    default:
      return { ok: false, error: `unknown message kind "${kind}"` };
  }
}

/** Socket.IO v2 auth: a flat object as a query string. */
export function toQuery(auth: Record<string, unknown>): { ok: true; query: string } | Fail {
  const params = new URLSearchParams();
  for (const k of Object.keys(auth)) {
    const v = auth[k];
    if (typeof v === 'object' && v !== null) return { ok: false, error: `Socket.IO v2 sends auth as a query string: "${k}" must be a string, number or boolean`, field: 'auth' };
    params.append(k, String(v));
  }
  return { ok: true, query: params.toString() };
}
