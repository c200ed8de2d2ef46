import type { ComposeField, ComposeKind, ComposeValues, DecodeResult, DecodedMessage, EncodeOptions, EncodeResult, Field, Frame, Lens, LensSession, SessionHost, SessionOptions } from '../../types';
import { binaryOnTextLens } from '../../raw-note';
import { parseJson, preview, valueFields } from '../../fields';
import { MAX_JSON_CHARS } from '../json/index';
import { RS } from './detect';

/**
 * ASP.NET Core SignalR, JSON hub protocol (HubProtocol.md): every message is
 * a JSON object followed by the record separator 0x1E, and one WebSocket frame
 * may carry several. The client opens with a handshake request
 * `{"protocol":"json","version":1}`, the server answers `{}` or
 * `{"error":"…"}`; after that messages carry a numeric `type`.
 */

const PROTOCOL = 'SignalR';

export const MESSAGE_TYPES: Readonly<Record<number, string>> = {
  1: 'Invocation',
  2: 'StreamItem',
  3: 'Completion',
  4: 'StreamInvocation',
  5: 'CancelInvocation',
  6: 'Ping',
  7: 'Close',
  8: 'Ack',
  9: 'Sequence',
};

const TYPE_NOTES: Readonly<Record<number, string>> = {
  1: 'call a method on the other side',
  2: 'one item of a stream',
  3: 'the end of an invocation: result, error or nothing',
  4: 'call a method that streams its result',
  5: 'stop a stream',
  6: 'keep-alive',
  7: 'the server closes the connection',
  8: 'stateful reconnect: messages received so far',
  9: 'stateful reconnect: sequence id of the next message',
};

export const HANDSHAKE = `{"protocol":"json","version":1}${RS}`;

function other(d: 'in' | 'out'): 'in' | 'out' {
  return d === 'in' ? 'out' : 'in';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function typeField(code: number): Field {
  return { name: 'type', value: code, note: `${MESSAGE_TYPES[code] ?? 'unknown'}${TYPE_NOTES[code] ? `: ${TYPE_NOTES[code]}` : ''}` };
}

/** The field tree of a record, with the type code glossed. */
function recordFields(o: Record<string, unknown>): Field[] {
  const fields = valueFields(o);
  const code = o.type;
  if (typeof code === 'number') return fields.map((f) => (f.name === 'type' && f.value === code ? typeField(code) : f));
  return fields;
}

function explainFor(code: number | 'handshake' | 'handshake-response'): string {
  const base = 'SignalR JSON hub protocol: each message is a JSON object ended by the record separator 0x1E; a frame may hold several.';
  switch (code) {
    case 'handshake':
      return `${base} The client's first message is the handshake: it names the hub protocol ("json") and its version; nothing else may be sent until the server answers.`;
    case 'handshake-response':
      return `${base} The server answers the handshake with an empty object {} (accepted) or {"error": …} (refused, then it closes).`;
    case 1:
      return `${base} Type 1 is an Invocation: "target" names the hub method, "arguments" its parameters. With an "invocationId" the caller expects a Completion (type 3) with that id; without one it is fire-and-forget.`;
    case 2:
      return `${base} Type 2 is a StreamItem: one value ("item") of the stream opened by the StreamInvocation with this invocationId; a Completion ends the stream.`;
    case 3:
      return `${base} Type 3 is a Completion: it ends the invocation with this invocationId, carrying "result" or "error" (or neither for a void method).`;
    case 4:
      return `${base} Type 4 is a StreamInvocation: like an Invocation, but the method streams back StreamItems (type 2) and then one Completion.`;
    case 5:
      return `${base} Type 5 is a CancelInvocation: the caller stops the stream with this invocationId.`;
    case 6:
      return `${base} Type 6 is a Ping, a keep-alive with no payload. Both sides send one when they have been quiet (15 s by default); a server drops a client it has not heard from within ClientTimeoutInterval (30 s).`;
    case 7:
      return `${base} Type 7 is a Close: the server ends the connection, with an "error" when it was not a normal close and "allowReconnect" saying whether the client may try again.`;
    case 8:
      return `${base} Type 8 is an Ack (stateful reconnect): "sequenceId" says how many messages have been received, so the sender can drop them from its buffer.`;
    case 9:
      return `${base} Type 9 is a Sequence (stateful reconnect): after a reconnect, "sequenceId" is the id of the next message the sender will send.`;
  }
  return base;
}

function invalid(summary: string, error: string, fields: Field[] = []): DecodedMessage {
  return { protocol: PROTOCOL, type: 'invalid', summary, fields, error };
}

function idText(id: unknown): string {
  return typeof id === 'string' ? id : preview(id, 30);
}

/** Decodes one record (the text between separators). */
export function decodeRecord(text: string, direction: 'in' | 'out'): DecodedMessage {
  if (text.length > MAX_JSON_CHARS) return invalid(`record of ${text.length} characters: too long to decode`, 'record too long to decode');
  const parsed = parseJson(text);
  if (!parsed.ok) return invalid(`invalid JSON: ${parsed.error}`, parsed.error);
  const o = parsed.value;
  if (!isObject(o)) return invalid(`not a SignalR message: ${preview(o)}`, 'a SignalR message is a JSON object', valueFields(o));
  if (!Object.hasOwn(o, 'type')) return decodeHandshake(o, direction);
  const code = o.type;
  const fields = recordFields(o);
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    return { protocol: PROTOCOL, type: 'invalid', summary: `"type" must be an integer message type, got ${preview(code)}`, fields, error: `"type" must be an integer message type, got ${preview(code)}` };
  }
  const name = MESSAGE_TYPES[code];
  if (!name) return { protocol: PROTOCOL, type: 'invalid', summary: `unknown message type ${code}`, fields, error: `unknown message type ${code} (SignalR knows 1 to 9)` };
  const problems: string[] = [];
  const base = { protocol: PROTOCOL, type: name, fields, explain: explainFor(code) };
  const hasId = Object.hasOwn(o, 'invocationId');
  const id = o.invocationId;
  if (hasId && typeof id !== 'string') problems.push(`"invocationId" must be a string, got ${preview(id)}`);
  const keys: Array<[string, string]> = [];
  if (hasId) keys.push(['id', idText(id)]);
  const done = (summary: string, extra: Partial<DecodedMessage> = {}): DecodedMessage => ({
    ...base,
    summary,
    keys,
    ...extra,
    ...(problems.length ? { error: problems.join('; ') } : {}),
  });
  switch (code) {
    case 1:
    case 4: {
      const target = o.target;
      if (typeof target !== 'string') problems.push(`"target" must be a string, got ${preview(target)}`);
      else keys.unshift(['target', target]);
      const args = o.arguments;
      if (!Array.isArray(args)) problems.push(`"arguments" must be an array, got ${preview(args)}`);
      if (code === 4 && !hasId) problems.push('a StreamInvocation needs an "invocationId"');
      if (Object.hasOwn(o, 'streamIds') && !(Array.isArray(o.streamIds) && o.streamIds.every((s) => typeof s === 'string'))) problems.push('"streamIds" must be an array of strings');
      const argText = Array.isArray(args) ? ` · ${plural(args.length, 'arg')}` : '';
      const streams = Array.isArray(o.streamIds) && o.streamIds.length > 0 ? ` · ${plural(o.streamIds.length, 'upload stream')}` : '';
      const what = code === 1 ? 'invocation' : 'stream invocation';
      const idPart = hasId ? `id ${idText(id)}` : '(no reply)';
      const summary = `${what} ${typeof target === 'string' ? target : '?'} ${idPart}${argText}${streams}`;
      return done(summary, hasId && typeof id === 'string' ? { correlation: { key: `signalr:${direction}:${id}`, role: 'request' } } : {});
    }
    case 2: {
      if (!hasId) problems.push('a StreamItem needs an "invocationId"');
      if (!Object.hasOwn(o, 'item')) problems.push('a StreamItem needs an "item"');
      return done(`stream item ${idText(id)} · ${preview(o.item, 60)}`, typeof id === 'string' ? { correlation: { key: `signalr:${other(direction)}:${id}`, role: 'partial' } } : {});
    }
    case 3: {
      if (!hasId) problems.push('a Completion needs an "invocationId"');
      const hasResult = Object.hasOwn(o, 'result');
      const hasError = Object.hasOwn(o, 'error');
      if (hasResult && hasError) problems.push('a Completion carries "result" or "error", not both');
      if (hasError && typeof o.error !== 'string') problems.push(`"error" must be a string, got ${preview(o.error)}`);
      const tail = hasError ? `error ${preview(o.error, 60)}` : hasResult ? `result ${preview(o.result, 60)}` : 'void';
      return done(`completion ${idText(id)} · ${tail}`, typeof id === 'string' ? { correlation: { key: `signalr:${other(direction)}:${id}`, role: 'reply' } } : {});
    }
    case 5:
      if (!hasId) problems.push('a CancelInvocation needs an "invocationId"');
      return done(`cancel invocation ${idText(id)}`);
    case 6:
      return done('ping', { heartbeat: true });
    case 7: {
      if (Object.hasOwn(o, 'error') && typeof o.error !== 'string') problems.push(`"error" must be a string, got ${preview(o.error)}`);
      if (Object.hasOwn(o, 'allowReconnect') && typeof o.allowReconnect !== 'boolean') problems.push('"allowReconnect" must be a boolean');
      const err = typeof o.error === 'string' ? ` · error ${preview(o.error, 60)}` : '';
      const again = o.allowReconnect === true ? ' · may reconnect' : '';
      return done(`close${err}${again}`);
    }
    default: {
      const seq = o.sequenceId;
      if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) problems.push(`"sequenceId" must be a non-negative integer, got ${preview(seq)}`);
      return done(`${code === 8 ? 'ack' : 'sequence'} ${preview(seq, 20)}`);
    }
  }
}

function decodeHandshake(o: Record<string, unknown>, direction: 'in' | 'out'): DecodedMessage {
  const fields = valueFields(o);
  if (Object.hasOwn(o, 'protocol')) {
    const problems: string[] = [];
    if (typeof o.protocol !== 'string') problems.push(`"protocol" must be a string, got ${preview(o.protocol)}`);
    if (typeof o.version !== 'number' || !Number.isInteger(o.version)) problems.push(`"version" must be an integer, got ${preview(o.version)}`);
    return {
      protocol: PROTOCOL,
      type: 'Handshake',
      summary: `handshake ${typeof o.protocol === 'string' ? o.protocol : '?'} v${preview(o.version, 10)}`,
      fields,
      keys: typeof o.protocol === 'string' ? [['protocol', o.protocol]] : [],
      correlation: { key: `signalr:handshake:${direction}`, role: 'request' },
      explain: explainFor('handshake'),
      ...(problems.length ? { error: problems.join('; ') } : {}),
    };
  }
  const hasError = Object.hasOwn(o, 'error');
  const extra = Object.keys(o).filter((k) => k !== 'error');
  const problems: string[] = [];
  if (hasError && typeof o.error !== 'string') problems.push(`"error" must be a string, got ${preview(o.error)}`);
  if (extra.length > 0 && !hasError) problems.push(`no "type": neither a handshake ({"protocol",…}) nor its response ({} or {"error"}); keys ${extra.slice(0, 5).join(', ')}`);
  return {
    protocol: PROTOCOL,
    type: 'HandshakeResponse',
    summary: hasError ? `handshake refused · ${preview(o.error, 60)}` : 'handshake accepted',
    fields,
    correlation: { key: `signalr:handshake:${other(direction)}`, role: 'reply' },
    explain: explainFor('handshake-response'),
    ...(problems.length ? { error: problems.join('; ') } : {}),
  };
}

/** Decodes a text frame: one message per record; text after the last separator is an error. */
export function decodeSignalRText(text: string, direction: 'in' | 'out'): DecodedMessage[] {
  if (text.length === 0) return [invalid('empty frame', 'a SignalR frame holds at least one record ended by 0x1E')];
  const parts = text.split(RS);
  const rest = parts.pop() ?? '';
  const messages: DecodedMessage[] = [];
  parts.forEach((record, i) => {
    if (record.length === 0) {
      messages.push(invalid(`empty record ${i + 1}`, 'an empty record between separators'));
      return;
    }
    messages.push(decodeRecord(record, direction));
  });
  if (rest.length > 0) {
    const m = decodeRecord(rest, direction);
    const error = 'missing record separator: a SignalR message ends with 0x1E';
    messages.push({ ...m, summary: `unterminated · ${m.summary}`, error: m.error ? `${error}; ${m.error}` : error });
  }
  if (messages.length > 1) return messages.map((m, i) => ({ ...m, summary: `${i + 1}/${messages.length} · ${m.summary}` }));
  return messages;
}

// ---------------------------------------------------------------- compose

const ID_FIELD: ComposeField = { name: 'invocationId', label: 'Invocation id', kind: 'text', optional: true, help: 'left empty: the next number' };

const COMPOSE: readonly ComposeKind[] = [
  { id: 'handshake', label: 'Handshake', fields: [{ name: 'protocol', label: 'Protocol', kind: 'text', initial: 'json' }, { name: 'version', label: 'Version', kind: 'number', initial: '1' }] },
  {
    id: 'invocation',
    label: 'Invocation (1)',
    fields: [
      { name: 'target', label: 'Target (hub method)', kind: 'text', placeholder: 'SendMessage' },
      { name: 'arguments', label: 'Arguments (JSON array)', kind: 'json', initial: '[]' },
      { ...ID_FIELD, help: 'left empty: the next number' },
      { name: 'noReply', label: 'No reply (omit the invocation id)', kind: 'checkbox', initial: '' },
    ],
  },
  { id: 'streamItem', label: 'StreamItem (2)', fields: [{ ...ID_FIELD, optional: false, help: undefined }, { name: 'item', label: 'Item (JSON)', kind: 'json', initial: 'null' }] },
  {
    id: 'completion',
    label: 'Completion (3)',
    fields: [
      { ...ID_FIELD, optional: false, help: undefined },
      { name: 'result', label: 'Result (JSON)', kind: 'json', optional: true, help: 'left empty: a void completion' },
      { name: 'error', label: 'Error', kind: 'text', optional: true, help: 'set: an error completion (no result)' },
    ],
  },
  {
    id: 'streamInvocation',
    label: 'StreamInvocation (4)',
    fields: [
      { name: 'target', label: 'Target (hub method)', kind: 'text', placeholder: 'Counter' },
      { name: 'arguments', label: 'Arguments (JSON array)', kind: 'json', initial: '[]' },
      ID_FIELD,
    ],
  },
  { id: 'cancelInvocation', label: 'CancelInvocation (5)', fields: [{ ...ID_FIELD, optional: false, help: undefined }] },
  { id: 'ping', label: 'Ping (6)', fields: [] },
  {
    id: 'close',
    label: 'Close (7)',
    fields: [
      { name: 'error', label: 'Error', kind: 'text', optional: true },
      { name: 'allowReconnect', label: 'Allow reconnect', kind: 'checkbox', initial: '' },
    ],
  },
  { id: 'ack', label: 'Ack (8)', fields: [{ name: 'sequenceId', label: 'Sequence id', kind: 'number', initial: '1' }] },
  { id: 'sequence', label: 'Sequence (9)', fields: [{ name: 'sequenceId', label: 'Sequence id', kind: 'number', initial: '1' }] },
];

let nextInvocationId = 1;

function fail(error: string, field?: string): EncodeResult {
  return field ? { ok: false, error, field } : { ok: false, error };
}

function record(o: Record<string, unknown>): EncodeResult {
  return { ok: true, frames: [`${JSON.stringify(o)}${RS}`] };
}

function argumentsValue(values: ComposeValues): { ok: true; value: unknown[] } | { ok: false; error: string } {
  const text = values.arguments?.trim() || '[]';
  const p = parseJson(text);
  if (!p.ok) return { ok: false, error: `arguments: ${p.error}` };
  if (!Array.isArray(p.value)) return { ok: false, error: 'arguments must be a JSON array' };
  return { ok: true, value: p.value };
}

function requiredId(values: ComposeValues): string | null {
  const id = values.invocationId?.trim() ?? '';
  return id === '' ? null : id;
}

function sequenceId(values: ComposeValues): number | null {
  const t = values.sequenceId?.trim() ?? '';
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

/** Encodes a composed message; a preview (`options.preview`) leaves the automatic ids as they were, so it shows the frame that Send will send. */
export function encodeSignalR(kind: string, values: ComposeValues, options?: EncodeOptions): EncodeResult {
  const saved = nextInvocationId;
  try {
    return encodeSignalRNow(kind, values);
  } finally {
    if (options?.preview) nextInvocationId = saved;
  }
}

function encodeSignalRNow(kind: string, values: ComposeValues): EncodeResult {
  switch (kind) {
    case 'handshake': {
      const protocol = values.protocol?.trim() || 'json';
      const vt = values.version?.trim() || '1';
      if (!/^\d+$/.test(vt)) return fail('the version is a whole number', 'version');
      return record({ protocol, version: Number(vt) });
    }
    case 'invocation':
    case 'streamInvocation': {
      const target = values.target?.trim() ?? '';
      if (!target) return fail('a target (hub method name) is required', 'target');
      const args = argumentsValue(values);
      if (!args.ok) return fail(args.error, 'arguments');
      const noReply = kind === 'invocation' && values.noReply === 'true';
      const o: Record<string, unknown> = { type: kind === 'invocation' ? 1 : 4 };
      if (!noReply) o.invocationId = requiredId(values) ?? String(nextInvocationId++);
      o.target = target;
      o.arguments = args.value;
      return record(o);
    }
    case 'streamItem': {
      const id = requiredId(values);
      if (!id) return fail('the invocation id of the stream is required', 'invocationId');
      const item = parseJson(values.item?.trim() || 'null');
      if (!item.ok) return fail(`item: ${item.error}`, 'item');
      return record({ type: 2, invocationId: id, item: item.value });
    }
    case 'completion': {
      const id = requiredId(values);
      if (!id) return fail('the invocation id to complete is required', 'invocationId');
      const error = values.error ?? '';
      const resultText = values.result?.trim() ?? '';
      if (error && resultText) return fail('a Completion carries a result or an error, not both', 'result');
      const o: Record<string, unknown> = { type: 3, invocationId: id };
      if (error) o.error = error;
      else if (resultText) {
        const r = parseJson(resultText);
        if (!r.ok) return fail(`result: ${r.error}`, 'result');
        o.result = r.value;
      }
      return record(o);
    }
    case 'cancelInvocation': {
      const id = requiredId(values);
      if (!id) return fail('the invocation id of the stream to cancel is required', 'invocationId');
      return record({ type: 5, invocationId: id });
    }
    case 'ping':
      return record({ type: 6 });
    case 'close': {
      const o: Record<string, unknown> = { type: 7 };
      if (values.error) o.error = values.error;
      if (values.allowReconnect === 'true') o.allowReconnect = true;
      return record(o);
    }
    case 'ack':
    case 'sequence': {
      const seq = sequenceId(values);
      if (seq === null) return fail('the sequence id is a non-negative whole number', 'sequenceId');
      return record({ type: kind === 'ack' ? 8 : 9, sequenceId: seq });
    }
  }
  return fail(`unknown message kind "${kind}"`);
}

// ---------------------------------------------------------------- session

/** A number of seconds from an option ('' → the default); fractions allowed; 0 turns it off. */
export function secondsOption(text: string | undefined, fallback: number): number | null {
  const t = text?.trim() ?? '';
  if (t === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

const SESSION_FIELDS: readonly ComposeField[] = [
  {
    name: 'pingInterval',
    label: 'Ping interval (s)',
    kind: 'number',
    initial: '15',
    help: 'a Ping (type 6) after this long without sending; servers drop clients quiet for 30 s (ClientTimeoutInterval). 0: no pings',
  },
];

const PING = `{"type":6}${RS}`;

function createSession(host: SessionHost, options: SessionOptions): LensSession {
  let seconds = secondsOption(options.pingInterval, 15);
  if (seconds === null) {
    host.note('warn', `SignalR: ping interval "${options.pingInterval ?? ''}" is not a number of seconds; using 15`);
    seconds = 15;
  }
  const intervalMs = Math.round(seconds * 1000);
  let cancel: (() => void) | null = null;
  let closed = false;
  const arm = () => {
    cancel?.();
    cancel = null;
    if (closed || intervalMs <= 0) return;
    cancel = host.setTimer(intervalMs, () => {
      cancel = null;
      host.send(PING);
      arm();
    });
  };
  return {
    open() {
      host.send(HANDSHAKE);
      arm();
    },
    receive(frame: Frame) {
      if (frame.format !== 'text') {
        host.note('warn', 'SignalR: a binary frame (the MessagePack hub protocol is not decoded by this lens)');
        return;
      }
      for (const m of decodeSignalRText(frame.text, 'in')) {
        if (m.type === 'HandshakeResponse' && m.summary.includes('refused')) host.note('error', `SignalR: ${m.summary}`);
        else if (m.type === 'Close') host.note(m.summary.includes('error') ? 'warn' : 'info', `SignalR: server sent ${m.summary}`);
      }
    },
    sent() {
      arm();
    },
    close() {
      closed = true;
      cancel?.();
      cancel = null;
    },
  };
}

export const signalRLens: Lens<null> = {
  id: 'signalr',
  name: PROTOCOL,
  createState: () => null,
  decode(frame: Frame): DecodeResult {
    return { messages: frame.format === 'text' ? decodeSignalRText(frame.text, frame.direction) : [binaryOnTextLens(PROTOCOL, frame)] };
  },
  compose: COMPOSE,
  encode: encodeSignalR,
  sessionFields: SESSION_FIELDS,
  session: createSession,
};
