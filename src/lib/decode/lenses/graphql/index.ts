import { stringifyMessage, validateMessage } from 'graphql-ws/client';
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
import { parseJson, preview, valueFields } from '../../fields';
import { MAX_JSON_CHARS } from '../json/index';
import { pickOperation, type Operation } from './operation';

/**
 * GraphQL over WebSocket, both protocols:
 * - `graphql-transport-ws`, the graphql-ws library's protocol (its
 *   PROTOCOL.md): connection_init, connection_ack, ping, pong, subscribe,
 *   next, error, complete;
 * - the legacy `graphql-ws` subprotocol of subscriptions-transport-ws:
 *   connection_init, connection_ack, connection_error, ka, start, data,
 *   error, complete, stop, connection_terminate.
 * Which one: the negotiated subprotocol, else the first message type that
 * belongs to one only. The modern protocol's messages are checked with
 * graphql-ws's own `validateMessage` (and composed with its
 * `stringifyMessage`), so an error here reads like the server's.
 */

const PROTOCOL = 'GraphQL';

export type GraphqlVariant = 'modern' | 'legacy';

export interface GraphqlState {
  /** from the subprotocol or the first telling message type; null until known */
  variant: GraphqlVariant | null;
  /** operation of each open subscription, by `<subscriber direction>:<id>` */
  ops: Map<string, Operation>;
}

/** How many operations the state remembers (oldest forgotten first). */
const MAX_OPS = 1000;

export const MODERN_TYPES: readonly string[] = ['connection_init', 'connection_ack', 'ping', 'pong', 'subscribe', 'next', 'error', 'complete'];
export const LEGACY_TYPES: readonly string[] = [
  'connection_init',
  'connection_ack',
  'connection_error',
  'ka',
  'start',
  'data',
  'error',
  'complete',
  'stop',
  'connection_terminate',
];
const MODERN_ONLY = new Set(MODERN_TYPES.filter((t) => !LEGACY_TYPES.includes(t)));
const LEGACY_ONLY = new Set(LEGACY_TYPES.filter((t) => !MODERN_TYPES.includes(t)));

function variantOfProtocol(protocol: string): GraphqlVariant | null {
  if (protocol === 'graphql-transport-ws') return 'modern';
  if (protocol === 'graphql-ws') return 'legacy';
  return null;
}

function variantLabel(v: GraphqlVariant | null): string {
  return v === 'legacy' ? 'graphql-ws (subscriptions-transport-ws)' : v === 'modern' ? 'graphql-transport-ws' : 'GraphQL over WebSocket';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Record<string, unknown>, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function invalid(summary: string, error: string, fields: Field[] = []): DecodedMessage {
  return { protocol: PROTOCOL, type: 'invalid', summary, fields, error };
}

/** The legacy protocol's rules (subscriptions-transport-ws has no validator of its own to borrow). */
function legacyProblem(type: string, o: Record<string, unknown>): string | undefined {
  const id = own(o, 'id');
  const payload = own(o, 'payload');
  const needsId = type === 'start' || type === 'data' || type === 'complete' || type === 'stop';
  if (needsId && (typeof id !== 'string' || id === '') && typeof id !== 'number') return `"${type}" needs an "id"`;
  if (type === 'start') {
    if (!isObject(payload)) return `"start" needs a payload object, got ${kindOf(payload)}`;
    if (typeof own(payload, 'query') !== 'string') return `"start" payload needs a "query" string, got ${kindOf(own(payload, 'query'))}`;
    const vars = own(payload, 'variables');
    if (vars != null && !isObject(vars)) return `"start" payload "variables" must be an object, got ${kindOf(vars)}`;
  }
  if (type === 'data' && !isObject(payload)) return `"data" needs a payload object, got ${kindOf(payload)}`;
  if (type === 'connection_init' && payload != null && !isObject(payload)) return `"connection_init" payload must be an object, got ${kindOf(payload)}`;
  return undefined;
}

function modernProblem(o: Record<string, unknown>): string | undefined {
  try {
    validateMessage(o);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function other(d: 'in' | 'out'): 'in' | 'out' {
  return d === 'in' ? 'out' : 'in';
}

function errorText(payload: unknown): string {
  const first = Array.isArray(payload) ? payload[0] : payload;
  const msg = isObject(first) && typeof own(first, 'message') === 'string' ? (own(first, 'message') as string) : preview(payload, 60);
  const more = Array.isArray(payload) && payload.length > 1 ? ` (+${payload.length - 1} more)` : '';
  return `${msg}${more}`;
}

function remember(state: GraphqlState, key: string, op: Operation): void {
  state.ops.delete(key);
  state.ops.set(key, op);
  if (state.ops.size > MAX_OPS) {
    const oldest = state.ops.keys().next();
    if (!oldest.done) state.ops.delete(oldest.value);
  }
}

/** Decodes one parsed message. */
export function decodeGraphqlMessage(value: unknown, direction: 'in' | 'out', state: GraphqlState): { message: DecodedMessage; stateful: boolean } {
  const fields = valueFields(value);
  if (!isObject(value)) return { message: invalid(`not a GraphQL over WebSocket message: ${preview(value)}`, `a message is a JSON object, got ${kindOf(value)}`, fields), stateful: false };
  const type = own(value, 'type');
  if (type === undefined) return { message: invalid(`no "type": ${preview(value)}`, 'the message has no "type" (every GraphQL over WebSocket message has one)', fields), stateful: false };
  if (typeof type !== 'string') return { message: invalid(`"type" is ${kindOf(type)}: ${preview(value)}`, `"type" must be a string, got ${kindOf(type)}`, fields), stateful: false };

  // the variant read from earlier frames (or the subprotocol) changes how a
  // type both protocols share is checked
  let stateful = state.variant !== null && !MODERN_ONLY.has(type) && !LEGACY_ONLY.has(type);
  if (state.variant === null) {
    if (MODERN_ONLY.has(type)) state.variant = 'modern';
    else if (LEGACY_ONLY.has(type)) state.variant = 'legacy';
  }
  const variant = state.variant;
  const known = variant === 'modern' ? MODERN_TYPES : variant === 'legacy' ? LEGACY_TYPES : LEGACY_TYPES;
  if (!known.includes(type) && !(variant === null && MODERN_TYPES.includes(type))) {
    return {
      message: { protocol: PROTOCOL, type, summary: `unknown type "${type}"`, fields, keys: [['type', type]], error: `"${type}" is not a message type of ${variantLabel(variant)}` },
      stateful,
    };
  }
  let problem = variant === 'modern' ? modernProblem(value) : legacyProblem(type, value);
  const rawId = own(value, 'id');
  const id = typeof rawId === 'string' ? rawId : typeof rawId === 'number' ? String(rawId) : undefined;
  const payload = own(value, 'payload');
  const keys: Array<[string, string]> = [['type', type]];
  if (id !== undefined) keys.push(['id', id]);
  let summary: string = type;
  let correlation: Correlation | undefined;
  let heartbeat: boolean | undefined;
  let opField: Field | undefined;

  switch (type) {
    case 'subscribe':
    case 'start': {
      const query = isObject(payload) ? own(payload, 'query') : undefined;
      const opName = isObject(payload) ? own(payload, 'operationName') : undefined;
      if (typeof query !== 'string') {
        problem ??= `"${type}" payload needs a "query" string`;
        summary = `${type} ${id ?? '?'} · no query`;
      } else {
        const picked = pickOperation(query, typeof opName === 'string' ? opName : null);
        if (picked.ok) {
          const op = picked.op;
          summary = `${type} ${id ?? '?'} · ${op.type}${op.name ? ` ${op.name}` : ''}`;
          keys.push(['operationType', op.type]);
          if (op.name) keys.push(['operation', op.name]);
          opField = { name: 'operation', value: op.name || '(anonymous)', note: op.type };
          if (id !== undefined) remember(state, `${direction}:${id}`, op);
        } else {
          summary = `${type} ${id ?? '?'} · ${picked.error}`;
          opField = { name: 'operation', value: null, note: picked.error };
        }
      }
      if (id !== undefined) correlation = { key: `graphql:${direction}:${id}`, role: 'request' };
      break;
    }
    case 'next':
    case 'data':
      summary = `${type} ${id ?? '?'} · ${preview(payload, 60)}`;
      if (id !== undefined) correlation = { key: `graphql:${other(direction)}:${id}`, role: 'partial' };
      break;
    case 'error':
      summary = `error ${id ?? '?'} · ${errorText(payload)}`;
      if (id !== undefined) correlation = { key: `graphql:${other(direction)}:${id}`, role: 'reply' };
      break;
    case 'complete':
    case 'stop':
      summary = `${type} ${id ?? '?'}`;
      // only the client subscribes; in Sockpit the client is the 'out' side,
      // so a complete from either side closes the client's subscription
      if (id !== undefined) correlation = { key: `graphql:out:${id}`, role: 'reply' };
      break;
    case 'connection_error':
      summary = `connection_error · ${errorText(payload)}`;
      break;
    case 'ping':
    case 'pong':
    case 'ka':
      heartbeat = true;
      if (payload != null) summary = `${type} · ${preview(payload, 60)}`;
      break;
    default:
      if (payload != null) summary = `${type} · ${preview(payload, 60)}`;
  }
  if ((type === 'next' || type === 'data' || type === 'error' || type === 'complete' || type === 'stop') && id !== undefined) {
    const subscriber = type === 'complete' || type === 'stop' ? 'out' : other(direction);
    const op = state.ops.get(`${subscriber}:${id}`);
    if (op) {
      stateful = true;
      keys.push(['operationType', op.type]);
      if (op.name) keys.push(['operation', op.name]);
      opField = { name: 'operation', value: op.name || '(anonymous)', note: `${op.type} (from its ${variant === 'legacy' ? 'start' : 'subscribe'})` };
    }
    if (type === 'complete' || type === 'stop' || type === 'error') state.ops.delete(`${subscriber}:${id}`);
  }
  if (opField) fields.unshift(opField);
  const message: DecodedMessage = { protocol: PROTOCOL, type, summary, fields, keys };
  if (correlation) message.correlation = correlation;
  if (heartbeat) message.heartbeat = true;
  if (problem) message.error = problem;
  return { message, stateful };
}

export function decodeGraphqlText(text: string, direction: 'in' | 'out', state: GraphqlState): DecodeResult {
  if (text.length > MAX_JSON_CHARS) return { messages: [invalid(`${text.length} characters: too long to decode`, `longer than ${MAX_JSON_CHARS} characters; see the Text view`)] };
  const parsed = parseJson(text);
  if (!parsed.ok) return { messages: [invalid(`invalid JSON: ${parsed.error}`, `invalid JSON: ${parsed.error}`)] };
  const { message, stateful } = decodeGraphqlMessage(parsed.value, direction, state);
  return stateful ? { messages: [message], stateful } : { messages: [message] };
}

// ---------------------------------------------------------------- compose

const PAYLOAD_FIELD: ComposeField = { name: 'payload', label: 'Payload (JSON object)', kind: 'json', initial: '', optional: true };
const ID_FIELD: ComposeField = { name: 'id', label: 'Id', kind: 'text', placeholder: '1' };

const COMPOSE: readonly ComposeKind[] = [
  { id: 'connection_init', label: 'connection_init', fields: [PAYLOAD_FIELD] },
  {
    id: 'subscribe',
    label: 'subscribe',
    fields: [
      { name: 'id', label: 'Id', kind: 'text', optional: true, help: 'left empty: the next number' },
      { name: 'query', label: 'Query', kind: 'textarea', placeholder: 'subscription OnTick { tick }' },
      { name: 'variables', label: 'Variables (JSON object)', kind: 'json', initial: '', optional: true },
      { name: 'operationName', label: 'Operation name', kind: 'text', optional: true, help: 'needed when the query holds several operations' },
    ],
  },
  { id: 'complete', label: 'complete', fields: [ID_FIELD] },
  { id: 'ping', label: 'ping', fields: [PAYLOAD_FIELD] },
  { id: 'pong', label: 'pong', fields: [PAYLOAD_FIELD] },
  {
    id: 'start',
    label: 'start (legacy graphql-ws)',
    fields: [
      { name: 'id', label: 'Id', kind: 'text', optional: true, help: 'left empty: the next number' },
      { name: 'query', label: 'Query', kind: 'textarea', placeholder: 'subscription OnTick { tick }' },
      { name: 'variables', label: 'Variables (JSON object)', kind: 'json', initial: '', optional: true },
      { name: 'operationName', label: 'Operation name', kind: 'text', optional: true },
    ],
  },
  { id: 'stop', label: 'stop (legacy graphql-ws)', fields: [ID_FIELD] },
  { id: 'connection_terminate', label: 'connection_terminate (legacy graphql-ws)', fields: [] },
];

let nextId = 1;

function jsonObject(values: ComposeValues, name: string): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; error: string; field: string } {
  const text = values[name]?.trim() ?? '';
  if (text === '') return { ok: true, value: undefined };
  const p = parseJson(text);
  if (!p.ok) return { ok: false, error: `${name}: ${p.error}`, field: name };
  if (!isObject(p.value)) return { ok: false, error: `${name} must be a JSON object, got ${kindOf(p.value)}`, field: name };
  return { ok: true, value: p.value };
}

/** graphql-ws's stringifyMessage validates then stringifies; its throw becomes an error result. */
function modern(msg: Record<string, unknown>, field?: string): EncodeResult {
  try {
    return { ok: true, frames: [stringifyMessage(msg as unknown as Parameters<typeof stringifyMessage>[0])] };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), ...(field ? { field } : {}) };
  }
}

/** Encodes a composed message; a preview (`options.preview`) leaves the automatic ids as they were, so it shows the frame that Send will send. */
export function encodeGraphql(kind: string, values: ComposeValues, options?: EncodeOptions): EncodeResult {
  const saved = nextId;
  try {
    return encodeGraphqlNow(kind, values);
  } finally {
    if (options?.preview) nextId = saved;
  }
}

function encodeGraphqlNow(kind: string, values: ComposeValues): EncodeResult {
  switch (kind) {
    case 'connection_init':
    case 'ping':
    case 'pong': {
      const p = jsonObject(values, 'payload');
      if (!p.ok) return p;
      const msg: Record<string, unknown> = { type: kind };
      if (p.value !== undefined) msg.payload = p.value;
      // connection_init is both protocols' and the same; graphql-ws validates it
      return modern(msg, 'payload');
    }
    case 'subscribe':
    case 'start': {
      const query = values.query ?? '';
      if (query.trim() === '') return { ok: false, error: 'a query is required', field: 'query' };
      const operationName = values.operationName?.trim() ?? '';
      const picked = pickOperation(query, operationName || null);
      if (!picked.ok) return { ok: false, error: picked.error, field: operationName ? 'operationName' : 'query' };
      const v = jsonObject(values, 'variables');
      if (!v.ok) return v;
      const id = values.id?.trim() || String(nextId++);
      const payload: Record<string, unknown> = { query };
      if (v.value !== undefined) payload.variables = v.value;
      if (operationName) payload.operationName = operationName;
      if (kind === 'subscribe') return modern({ id, type: 'subscribe', payload }, 'query');
      return { ok: true, frames: [JSON.stringify({ id, type: 'start', payload })] };
    }
    case 'complete':
    case 'stop': {
      const id = values.id?.trim() ?? '';
      if (!id) return { ok: false, error: 'the id of the subscription is required', field: 'id' };
      if (kind === 'complete') return modern({ id, type: 'complete' }, 'id');
      return { ok: true, frames: [JSON.stringify({ id, type: 'stop' })] };
    }
    case 'connection_terminate':
      return { ok: true, frames: ['{"type":"connection_terminate"}'] };
    default:
      return { ok: false, error: `unknown message kind "${kind}"` };
  }
}

// ---------------------------------------------------------------- session

const SESSION_FIELDS: readonly ComposeField[] = [
  {
    name: 'payload',
    label: 'connection_init payload (JSON object)',
    kind: 'json',
    initial: '',
    optional: true,
    placeholder: '{"authToken":"…"}',
    help: 'sent in connection_init on open; the server may read auth from it',
  },
];

/**
 * On open: connection_init with the payload option. graphql-transport-ws:
 * answers every ping with a pong. Legacy graphql-ws: the server sends `ka`
 * keep-alives, nothing to answer. Notes the connection_ack once.
 */
export function graphqlSession(host: SessionHost, options: SessionOptions): LensSession {
  let variant: GraphqlVariant = 'modern';
  let acked = false;
  let closed = false;
  return {
    open(protocol) {
      variant = variantOfProtocol(protocol) ?? 'modern';
      const msg: Record<string, unknown> = { type: 'connection_init' };
      const p = jsonObject(options, 'payload');
      if (!p.ok) host.note('warn', `GraphQL: connection_init sent without a payload: ${p.error}`);
      else if (p.value !== undefined) msg.payload = p.value;
      host.send(JSON.stringify(msg));
    },
    receive(frame: Frame) {
      if (closed || frame.format !== 'text' || frame.text.length > 64 * 1024) return;
      const parsed = parseJson(frame.text);
      if (!parsed.ok || !isObject(parsed.value)) return;
      const type = own(parsed.value, 'type');
      if (type === 'ping' && variant === 'modern') host.send('{"type":"pong"}');
      else if (type === 'connection_ack' && !acked) {
        acked = true;
        host.note('info', `GraphQL: connection acknowledged (${variantLabel(variant)})${variant === 'modern' ? '; answering pings' : ''}`);
      } else if (type === 'connection_error') host.note('error', `GraphQL: connection_error · ${errorText(own(parsed.value, 'payload'))}`);
    },
    close() {
      closed = true;
    },
  };
}

export const graphqlLens: Lens<GraphqlState> = {
  id: 'graphql',
  name: 'GraphQL',
  createState: () => ({ variant: null, ops: new Map() }),
  // The variant and the operations open at that time (names for next/complete rows).
  fork: (s) => ({ variant: s.variant, ops: new Map(s.ops) }),
  opened(state, protocol) {
    state.variant = variantOfProtocol(protocol) ?? state.variant;
  },
  decode(frame: Frame, state: GraphqlState): DecodeResult {
    if (frame.format !== 'text') {
      return { messages: [invalid(`binary frame (${frame.bytes.byteLength} B)`, 'GraphQL over WebSocket messages are JSON text; a binary frame is not one')] };
    }
    return decodeGraphqlText(frame.text, frame.direction, state);
  },
  compose: COMPOSE,
  encode: encodeGraphql,
  sessionFields: SESSION_FIELDS,
  session: graphqlSession,
  defaultProtocols: ['graphql-transport-ws'],
};
