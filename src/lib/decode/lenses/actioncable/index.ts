import type { ComposeField, ComposeKind, ComposeValues, DecodeResult, DecodedMessage, EncodeResult, Field, Frame, Lens, LensSession, SessionHost, SessionOptions } from '../../types';
import { binaryOnTextLens } from '../../raw-note';
import { parseJson, preview, valueFields } from '../../fields';
import { MAX_JSON_CHARS } from '../json/index';
import { ACTION_CABLE_PROTOCOLS } from './detect';

/**
 * Rails Action Cable, subprotocol `actioncable-v1-json`. The server sends
 * `{"type": "welcome" | "ping" | "confirm_subscription" |
 * "reject_subscription" | "disconnect"}` and broadcasts
 * `{"identifier", "message"}`; the client sends `{"command": "subscribe" |
 * "unsubscribe" | "message", "identifier"}`. The identifier is itself a JSON
 * text (`"{\"channel\":\"ChatChannel\",\"room\":\"1\"}"`), and so is a
 * message command's `data`: both are decoded and shown.
 */

const PROTOCOL = 'Action Cable';

const SERVER_TYPES: Readonly<Record<string, string>> = {
  welcome: 'the server accepted the connection',
  ping: 'keep-alive every 3 s; "message" is the server time in Unix seconds',
  confirm_subscription: 'the channel accepted the subscription',
  reject_subscription: 'the channel refused the subscription',
  disconnect: 'the server closes the connection',
};

const COMMANDS: Readonly<Record<string, string>> = {
  subscribe: 'subscribe to a channel',
  unsubscribe: 'unsubscribe from a channel',
  message: 'perform an action on a channel (data.action names the method)',
};

const EXPLAIN = {
  base: 'Action Cable (Rails), subprotocol actioncable-v1-json: every frame is one JSON object.',
  welcome: 'After the handshake the server sends {"type":"welcome"}; only then does the client subscribe.',
  ping: 'Every 3 s the server sends {"type":"ping","message":<Unix time>}; the client answers nothing, but reconnects when pings stop (after about 6 s).',
  confirm_subscription: 'confirm_subscription repeats the identifier of the subscribe command it accepts.',
  reject_subscription: 'reject_subscription repeats the identifier of the subscribe command the channel refused (its subscribed callback called reject).',
  disconnect: 'disconnect carries a reason (unauthorized, invalid_request, server_restart, remote) and whether the client should reconnect; the server then closes.',
  broadcast: 'A broadcast has no type: "identifier" names the subscription and "message" is what the channel transmitted or broadcast.',
  subscribe: 'subscribe: "identifier" is a JSON text naming the channel class ("channel") and its params; the server answers confirm_subscription or reject_subscription with the same identifier.',
  unsubscribe: 'unsubscribe: leaves the subscription with this identifier; the server sends nothing back.',
  message: 'message: "data" is a JSON text whose "action" names the channel method to run (perform); the other keys are its data.',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface Identifier {
  channel: string | null;
  params: Record<string, unknown>;
}

/** Parses an identifier string (a JSON object with "channel"); problems are collected. */
export function parseIdentifier(v: unknown, problems: string[]): { ok: true; value: Record<string, unknown>; id: Identifier } | { ok: false } {
  if (typeof v !== 'string') {
    problems.push(`"identifier" must be a string holding JSON, got ${preview(v)}`);
    return { ok: false };
  }
  const p = parseJson(v);
  if (!p.ok) {
    problems.push(`"identifier" is not JSON: ${p.error}`);
    return { ok: false };
  }
  if (!isObject(p.value)) {
    problems.push(`"identifier" must hold a JSON object, got ${preview(p.value)}`);
    return { ok: false };
  }
  const channel = typeof p.value.channel === 'string' ? p.value.channel : null;
  if (channel === null) problems.push('the identifier has no "channel" string');
  const params: Record<string, unknown> = {};
  for (const k of Object.keys(p.value)) if (k !== 'channel') Object.defineProperty(params, k, { value: p.value[k], enumerable: true, writable: true, configurable: true });
  return { ok: true, value: p.value, id: { channel, params } };
}

function channelText(id: Identifier | null): string {
  if (!id) return '?';
  const params = Object.keys(id.params);
  return `${id.channel ?? '?'}${params.length > 0 ? ` ${preview(id.params, 50)}` : ''}`;
}

function decodedField(name: string, value: unknown, note: string): Field {
  return { name, note, children: valueFields(value) };
}

function invalid(summary: string, error: string, fields: Field[] = []): DecodedMessage {
  return { protocol: PROTOCOL, type: 'invalid', summary, fields, error };
}

export function decodeCable(value: unknown): DecodedMessage {
  if (!isObject(value)) return invalid(`not an Action Cable message: ${preview(value)}`, 'an Action Cable message is a JSON object', valueFields(value));
  const o = value;
  const fields = valueFields(o);
  const problems: string[] = [];
  const keys: Array<[string, string]> = [];
  let identifier: Identifier | null = null;
  if (Object.hasOwn(o, 'identifier')) {
    const id = parseIdentifier(o.identifier, problems);
    if (id.ok) {
      identifier = id.id;
      fields.push(decodedField('identifier (decoded)', id.value, 'the identifier string parsed as JSON'));
      if (id.id.channel !== null) keys.push(['channel', id.id.channel]);
    }
    if (typeof o.identifier === 'string') keys.push(['identifier', o.identifier]);
  }
  const done = (type: string, summary: string, explain: string, extra: Partial<DecodedMessage> = {}): DecodedMessage => ({
    protocol: PROTOCOL,
    type,
    summary,
    fields,
    keys,
    explain: `${EXPLAIN.base} ${explain}`,
    ...extra,
    ...(problems.length ? { error: problems.join('; ') } : {}),
  });
  const subKey = typeof o.identifier === 'string' ? `cable:sub:${o.identifier}` : null;
  if (Object.hasOwn(o, 'type')) {
    const type = o.type;
    if (typeof type !== 'string') return invalid(`"type" must be a string, got ${preview(type)}`, `"type" must be a string, got ${preview(type)}`, fields);
    switch (type) {
      case 'welcome':
        return done('welcome', 'welcome', EXPLAIN.welcome);
      case 'ping': {
        const t = o.message;
        let when = '';
        if (typeof t === 'number' && Number.isFinite(t)) {
          const d = new Date(t * 1000);
          when = Number.isNaN(d.getTime()) ? String(t) : d.toISOString().replace('.000Z', 'Z');
        } else problems.push(`a ping's "message" is the server time in Unix seconds, got ${preview(t)}`);
        return done('ping', `ping${when ? ` ${when}` : ''}`, EXPLAIN.ping, { heartbeat: true });
      }
      case 'confirm_subscription':
      case 'reject_subscription': {
        if (!Object.hasOwn(o, 'identifier')) problems.push(`${type} carries the identifier of the subscription`);
        return done(type, `${type === 'confirm_subscription' ? 'confirm' : 'reject'} ${channelText(identifier)}`, EXPLAIN[type], subKey ? { correlation: { key: subKey, role: 'reply' } } : {});
      }
      case 'disconnect': {
        const reason = o.reason;
        if (Object.hasOwn(o, 'reason') && typeof reason !== 'string') problems.push(`"reason" must be a string, got ${preview(reason)}`);
        if (Object.hasOwn(o, 'reconnect') && typeof o.reconnect !== 'boolean') problems.push('"reconnect" must be a boolean');
        if (typeof reason === 'string') keys.push(['reason', reason]);
        const again = typeof o.reconnect === 'boolean' ? ` · reconnect ${o.reconnect ? 'yes' : 'no'}` : '';
        return done('disconnect', `disconnect${typeof reason === 'string' ? ` ${reason}` : ''}${again}`, EXPLAIN.disconnect);
      }
    }
    return { ...done(type, `unknown type ${JSON.stringify(type)}`, ''), error: [`unknown message type ${JSON.stringify(type)} (Action Cable has ${Object.keys(SERVER_TYPES).join(', ')})`, ...problems].join('; ') };
  }
  if (Object.hasOwn(o, 'command')) {
    const command = o.command;
    if (typeof command !== 'string') return invalid(`"command" must be a string, got ${preview(command)}`, `"command" must be a string, got ${preview(command)}`, fields);
    keys.push(['command', command]);
    if (!Object.hasOwn(o, 'identifier')) problems.push(`the ${command} command needs an "identifier"`);
    switch (command) {
      case 'subscribe':
        return done('subscribe', `subscribe ${channelText(identifier)}`, EXPLAIN.subscribe, subKey ? { correlation: { key: subKey, role: 'request' } } : {});
      case 'unsubscribe':
        return done('unsubscribe', `unsubscribe ${channelText(identifier)}`, EXPLAIN.unsubscribe);
      case 'message': {
        let action = '';
        let rest: unknown;
        if (typeof o.data !== 'string') problems.push(`a message's "data" must be a string holding JSON, got ${preview(o.data)}`);
        else {
          const d = parseJson(o.data);
          if (!d.ok) problems.push(`"data" is not JSON: ${d.error}`);
          else if (!isObject(d.value)) problems.push(`"data" must hold a JSON object, got ${preview(d.value)}`);
          else {
            fields.push(decodedField('data (decoded)', d.value, 'the data string parsed as JSON'));
            if (typeof d.value.action === 'string') {
              action = d.value.action;
              keys.push(['action', action]);
            }
            rest = d.value;
          }
        }
        return done('message', `message ${identifier?.channel ?? '?'}${action ? ` · ${action}` : ''}${rest !== undefined ? ` · ${preview(rest, 60)}` : ''}`, EXPLAIN.message);
      }
    }
    return { ...done(command, `unknown command ${JSON.stringify(command)}`, ''), error: [`unknown command ${JSON.stringify(command)} (Action Cable has ${Object.keys(COMMANDS).join(', ')})`, ...problems].join('; ') };
  }
  if (Object.hasOwn(o, 'identifier') && Object.hasOwn(o, 'message')) {
    return done('broadcast', `broadcast ${identifier?.channel ?? '?'} · ${preview(o.message, 60)}`, EXPLAIN.broadcast);
  }
  return invalid(`neither a server message, a command nor a broadcast: ${preview(o)}`, 'an Action Cable message has "type", "command", or "identifier" with "message"', fields);
}

export function decodeCableText(text: string): DecodedMessage[] {
  if (text.length > MAX_JSON_CHARS) return [invalid(`frame of ${text.length} characters: too long to decode`, 'frame too long to decode')];
  const parsed = parseJson(text);
  if (!parsed.ok) return [invalid(`invalid JSON: ${parsed.error}`, parsed.error)];
  return [decodeCable(parsed.value)];
}

// ---------------------------------------------------------------- encode

const IDENTIFIER_FIELD: ComposeField = {
  name: 'identifier',
  label: 'Identifier',
  kind: 'json',
  initial: '{"channel":"ChatChannel"}',
  help: 'a JSON object with "channel" and its params (or just the channel name); sent as a JSON string',
};

const COMPOSE: readonly ComposeKind[] = [
  { id: 'subscribe', label: 'Subscribe', fields: [IDENTIFIER_FIELD] },
  { id: 'unsubscribe', label: 'Unsubscribe', fields: [IDENTIFIER_FIELD] },
  {
    id: 'message',
    label: 'Message (perform)',
    fields: [
      IDENTIFIER_FIELD,
      { name: 'action', label: 'Action', kind: 'text', placeholder: 'speak', help: 'the channel method; sent as data.action' },
      { name: 'data', label: 'Data (JSON object)', kind: 'json', initial: '{}' },
    ],
  },
];

/** The identifier string to send: a JSON object with "channel" (a bare channel name becomes {"channel": name}). */
export function identifierText(input: string | undefined): { ok: true; text: string } | { ok: false; error: string } {
  const t = input?.trim() ?? '';
  if (!t) return { ok: false, error: 'an identifier is required' };
  if (/^[A-Za-z_][\w:]*$/.test(t)) return { ok: true, text: JSON.stringify({ channel: t }) };
  const p = parseJson(t);
  if (!p.ok) return { ok: false, error: `identifier: ${p.error}` };
  if (!isObject(p.value)) return { ok: false, error: 'the identifier is a JSON object' };
  if (typeof p.value.channel !== 'string' || !p.value.channel) return { ok: false, error: 'the identifier needs a "channel" name' };
  return { ok: true, text: JSON.stringify(p.value) };
}

export function encodeCable(kind: string, values: ComposeValues): EncodeResult {
  if (!Object.hasOwn(COMMANDS, kind)) return { ok: false, error: `unknown message kind "${kind}"` };
  const id = identifierText(values.identifier);
  if (!id.ok) return { ok: false, error: id.error, field: 'identifier' };
  if (kind !== 'message') return { ok: true, frames: [JSON.stringify({ command: kind, identifier: id.text })] };
  const action = values.action?.trim() ?? '';
  if (!action) return { ok: false, error: 'an action is required', field: 'action' };
  const d = parseJson(values.data?.trim() || '{}');
  if (!d.ok) return { ok: false, error: `data: ${d.error}`, field: 'data' };
  if (!isObject(d.value)) return { ok: false, error: 'the data is a JSON object', field: 'data' };
  // Like the Rails client's perform(action, data): data.action = action, then JSON.
  const data: Record<string, unknown> = { ...d.value };
  Object.defineProperty(data, 'action', { value: action, enumerable: true, writable: true, configurable: true });
  return { ok: true, frames: [JSON.stringify({ command: 'message', identifier: id.text, data: JSON.stringify(data) })] };
}

// ---------------------------------------------------------------- session

const SESSION_FIELDS: readonly ComposeField[] = [
  { ...IDENTIFIER_FIELD, label: 'Subscribe on welcome', optional: true, initial: '', help: 'an identifier ({"channel":"ChatChannel","room":"1"}) to subscribe to once the server says welcome; empty: none' },
];

function createSession(host: SessionHost, options: SessionOptions): LensSession {
  const wanted = options.identifier?.trim() ?? '';
  let subscribed: string | null = null;
  return {
    open(protocol: string) {
      if (protocol === 'actioncable-unsupported') host.note('error', 'Action Cable: the server chose actioncable-unsupported: it does not speak actioncable-v1-json');
    },
    receive(frame: Frame) {
      if (frame.format !== 'text') return;
      const [m] = decodeCableText(frame.text);
      if (!m) return;
      if (m.type === 'welcome' && wanted && subscribed === null) {
        const id = identifierText(wanted);
        if (!id.ok) {
          host.note('error', `Action Cable: not subscribing: ${id.error}`);
          return;
        }
        subscribed = id.text;
        host.send(JSON.stringify({ command: 'subscribe', identifier: id.text }));
      } else if (m.type === 'reject_subscription') host.note('warn', `Action Cable: ${m.summary}`);
      else if (m.type === 'disconnect') host.note('warn', `Action Cable: server sent ${m.summary}`);
    },
    close() {
      subscribed = null;
    },
  };
}

export const actionCableLens: Lens<null> = {
  id: 'actioncable',
  name: PROTOCOL,
  createState: () => null,
  decode(frame: Frame): DecodeResult {
    return { messages: frame.format === 'text' ? decodeCableText(frame.text) : [binaryOnTextLens(PROTOCOL, frame)] };
  },
  compose: COMPOSE,
  encode: encodeCable,
  sessionFields: SESSION_FIELDS,
  session: createSession,
  defaultProtocols: ACTION_CABLE_PROTOCOLS,
};
