import type { ComposeField, ComposeKind, ComposeValues, Correlation, DecodeResult, DecodedMessage, EncodeOptions, EncodeResult, Field, Frame, Lens, LensSession, SessionHost, SessionOptions } from '../../types';
import { binaryOnTextLens } from '../../raw-note';
import { leaf, parseJson, preview, valueFields } from '../../fields';
import { MAX_JSON_CHARS } from '../json/index';
import { WAMP_JSON } from './detect';

/**
 * WAMP v2 with the JSON serialization (subprotocol `wamp.2.json`): every
 * message is a JSON array whose first item is the message code, followed by
 * the fields the spec lists for it (e.g. CALL `[48, Request|id,
 * Options|dict, Procedure|uri, Arguments|list, ArgumentsKw|dict]`). Requests
 * carry a request id that their reply (or ERROR) repeats.
 */

const PROTOCOL = 'WAMP';

type Kind = 'id' | 'dict' | 'uri' | 'list' | 'int' | 'string';
interface Spec {
  name: string;
  /** [name, kind, optional] */
  fields: ReadonlyArray<readonly [string, Kind, boolean?]>;
  gloss: string;
}

const ARGS = [
  ['Arguments', 'list', true],
  ['ArgumentsKw', 'dict', true],
] as const;

export const SPECS: Readonly<Record<number, Spec>> = {
  1: { name: 'HELLO', fields: [['Realm', 'uri'], ['Details', 'dict']], gloss: 'the client opens a session on a realm, announcing its roles' },
  2: { name: 'WELCOME', fields: [['Session', 'id'], ['Details', 'dict']], gloss: 'the router accepts the session' },
  3: { name: 'ABORT', fields: [['Details', 'dict'], ['Reason', 'uri']], gloss: 'the session is refused or aborted' },
  4: { name: 'CHALLENGE', fields: [['AuthMethod', 'string'], ['Extra', 'dict']], gloss: 'the router asks the client to authenticate' },
  5: { name: 'AUTHENTICATE', fields: [['Signature', 'string'], ['Extra', 'dict']], gloss: "the client's answer to a CHALLENGE" },
  6: { name: 'GOODBYE', fields: [['Details', 'dict'], ['Reason', 'uri']], gloss: 'closes the session; the other side answers GOODBYE wamp.close.goodbye_and_out' },
  8: { name: 'ERROR', fields: [['Type', 'int'], ['Request', 'id'], ['Details', 'dict'], ['Error', 'uri'], ...ARGS], gloss: 'a request failed; Type is the code of the request' },
  16: { name: 'PUBLISH', fields: [['Request', 'id'], ['Options', 'dict'], ['Topic', 'uri'], ...ARGS], gloss: 'publish an event to a topic (PUBLISHED back only with acknowledge: true)' },
  17: { name: 'PUBLISHED', fields: [['Request', 'id'], ['Publication', 'id']], gloss: 'the broker acknowledges a PUBLISH' },
  32: { name: 'SUBSCRIBE', fields: [['Request', 'id'], ['Options', 'dict'], ['Topic', 'uri']], gloss: 'subscribe to a topic' },
  33: { name: 'SUBSCRIBED', fields: [['Request', 'id'], ['Subscription', 'id']], gloss: 'the broker confirms a SUBSCRIBE' },
  34: { name: 'UNSUBSCRIBE', fields: [['Request', 'id'], ['Subscription', 'id']], gloss: 'end a subscription' },
  35: { name: 'UNSUBSCRIBED', fields: [['Request', 'id'], ['Details', 'dict', true]], gloss: 'the broker confirms an UNSUBSCRIBE' },
  36: { name: 'EVENT', fields: [['Subscription', 'id'], ['Publication', 'id'], ['Details', 'dict'], ...ARGS], gloss: 'an event published to a subscribed topic' },
  48: { name: 'CALL', fields: [['Request', 'id'], ['Options', 'dict'], ['Procedure', 'uri'], ...ARGS], gloss: 'call a procedure' },
  49: { name: 'CANCEL', fields: [['Request', 'id'], ['Options', 'dict']], gloss: 'cancel a pending CALL' },
  50: { name: 'RESULT', fields: [['Request', 'id'], ['Details', 'dict'], ...ARGS], gloss: "the result of a CALL (progressive when Details.progress)" },
  64: { name: 'REGISTER', fields: [['Request', 'id'], ['Options', 'dict'], ['Procedure', 'uri']], gloss: 'offer a procedure to callers' },
  65: { name: 'REGISTERED', fields: [['Request', 'id'], ['Registration', 'id']], gloss: 'the dealer confirms a REGISTER' },
  66: { name: 'UNREGISTER', fields: [['Request', 'id'], ['Registration', 'id']], gloss: 'withdraw a procedure' },
  67: { name: 'UNREGISTERED', fields: [['Request', 'id'], ['Details', 'dict', true]], gloss: 'the dealer confirms an UNREGISTER' },
  68: { name: 'INVOCATION', fields: [['Request', 'id'], ['Registration', 'id'], ['Details', 'dict'], ...ARGS], gloss: 'the dealer asks the callee to run a registered procedure' },
  69: { name: 'INTERRUPT', fields: [['Request', 'id'], ['Options', 'dict']], gloss: 'the dealer cancels an INVOCATION' },
  70: { name: 'YIELD', fields: [['Request', 'id'], ['Options', 'dict'], ...ARGS], gloss: "the callee's result for an INVOCATION" },
};

/** Reply code → the request code it answers. */
const REPLY_OF: Readonly<Record<number, number>> = { 17: 16, 33: 32, 35: 34, 50: 48, 65: 64, 67: 66, 70: 68 };
const REQUESTS = new Set([16, 32, 34, 48, 64, 66, 68]);

export const WAMP_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(SPECS).map(([c, s]) => [c, s.name]));

const MAX_ID = 2 ** 53;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_ID;
}

function check(kind: Kind, v: unknown): string | null {
  switch (kind) {
    case 'id':
      return isId(v) ? null : `an id (integer 0 to 2^53), got ${preview(v)}`;
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) ? null : `an integer, got ${preview(v)}`;
    case 'dict':
      return isObject(v) ? null : `a dict (JSON object), got ${preview(v)}`;
    case 'list':
      return Array.isArray(v) ? null : `a list (JSON array), got ${preview(v)}`;
    case 'uri':
      return typeof v === 'string' && v.length > 0 && !/[\s#]/.test(v) ? null : `a URI (a string like com.example.topic), got ${preview(v)}`;
    case 'string':
      return typeof v === 'string' ? null : `a string, got ${preview(v)}`;
  }
}

function other(d: 'in' | 'out'): 'in' | 'out' {
  return d === 'in' ? 'out' : 'in';
}

function shape(code: number, spec: Spec): string {
  return `[${code}, ${spec.fields.map(([n, k, opt]) => `${n}|${k}${opt ? '?' : ''}`).join(', ')}]`;
}

function argsText(args: unknown, kwargs: unknown): string {
  const parts: string[] = [];
  if (Array.isArray(args) && (args.length > 0 || isObject(kwargs))) parts.push(preview(args, 50));
  if (isObject(kwargs) && Object.keys(kwargs).length > 0) parts.push(preview(kwargs, 50));
  return parts.length > 0 ? ` · ${parts.join(' ')}` : '';
}

function rolesText(details: unknown): string {
  if (!isObject(details) || !isObject(details.roles)) return '';
  const roles = Object.keys(details.roles);
  return roles.length > 0 ? ` · roles ${roles.join(', ')}` : '';
}

function invalid(summary: string, error: string, fields: Field[] = []): DecodedMessage {
  return { protocol: PROTOCOL, type: 'invalid', summary, fields, error };
}

export function decodeWampValue(v: unknown, direction: 'in' | 'out'): DecodedMessage {
  if (!Array.isArray(v)) return invalid(`not a WAMP message: ${preview(v)}`, 'a WAMP message is a JSON array [code, …]', valueFields(v));
  if (v.length === 0) return invalid('empty array', 'a WAMP message is a JSON array [code, …]; this one is empty');
  const code = v[0] as unknown;
  if (typeof code !== 'number' || !Number.isInteger(code)) return invalid(`the message code must be an integer, got ${preview(code)}`, `the message code must be an integer, got ${preview(code)}`, valueFields(v));
  const spec = SPECS[code];
  if (!spec) return invalid(`unknown message code ${code}`, `unknown message code ${code}`, valueFields(v));
  const problems: string[] = [];
  const required = spec.fields.filter((f) => !f[2]).length;
  if (v.length - 1 < required) problems.push(`${spec.name} is ${shape(code, spec)}: ${required} fields after the code, got ${v.length - 1}`);
  if (v.length - 1 > spec.fields.length) problems.push(`${spec.name} is ${shape(code, spec)}: at most ${spec.fields.length} fields after the code, got ${v.length - 1}`);
  const fields: Field[] = [{ name: 'code', value: code, note: spec.name }];
  const named: Record<string, unknown> = {};
  spec.fields.forEach(([name, kind], i) => {
    if (i + 1 >= v.length) return;
    const x = v[i + 1] as unknown;
    named[name] = x;
    const bad = check(kind, x);
    if (bad) problems.push(`${name} must be ${bad}`);
    const f = leaf(name, x);
    if (f.children) f.children = valueFields(x);
    if (name === 'Type' && typeof x === 'number' && SPECS[x]) f.note = SPECS[x]?.name;
    fields.push(f);
  });
  for (let i = spec.fields.length + 1; i < v.length; i++) fields.push(leaf(String(i), v[i]));
  const keys: Array<[string, string]> = [];
  const key = (k: string, x: unknown) => {
    if (typeof x === 'string' || typeof x === 'number') keys.push([k, String(x)]);
  };
  const uriKey = (k: string, x: unknown) => {
    key(k, x);
    key('uri', x);
  };
  const req = named.Request;
  if (req !== undefined) key('id', req);
  let summary = spec.name;
  let correlation: Correlation | undefined;
  const a = named.Arguments;
  const kw = named.ArgumentsKw;
  switch (code) {
    case 1:
      uriKey('realm', named.Realm);
      summary = `HELLO ${String(named.Realm)}${rolesText(named.Details)}`;
      correlation = { key: 'wamp:session', role: 'request' };
      break;
    case 2:
      key('session', named.Session);
      summary = `WELCOME session ${String(named.Session)}${rolesText(named.Details)}`;
      correlation = { key: 'wamp:session', role: 'reply' };
      break;
    case 3:
    case 6: {
      uriKey('reason', named.Reason);
      const d = named.Details;
      const msg = isObject(d) && typeof d.message === 'string' ? ` · ${preview(d.message, 60)}` : '';
      summary = `${spec.name} ${String(named.Reason)}${msg}`;
      if (code === 3) correlation = { key: 'wamp:session', role: 'reply' };
      else correlation = named.Reason === 'wamp.close.goodbye_and_out' ? { key: `wamp:goodbye:${other(direction)}`, role: 'reply' } : { key: `wamp:goodbye:${direction}`, role: 'request' };
      break;
    }
    case 4:
      summary = `CHALLENGE ${String(named.AuthMethod)}`;
      correlation = { key: 'wamp:session', role: 'partial' };
      break;
    case 5:
      summary = 'AUTHENTICATE';
      break;
    case 8: {
      uriKey('error', named.Error);
      const t = named.Type;
      const tn = typeof t === 'number' ? (SPECS[t]?.name ?? String(t)) : '?';
      if (typeof t === 'number' && !REQUESTS.has(t) && t !== 49) problems.push(`ERROR answers a request; ${tn} (${String(t)}) is not one`);
      summary = `ERROR ${tn} ${String(req)} · ${String(named.Error)}${argsText(a, kw)}`;
      if (typeof t === 'number' && isId(req)) correlation = { key: `wamp:${other(direction)}:${t}:${req}`, role: 'reply' };
      break;
    }
    case 16:
    case 32:
    case 48:
    case 64: {
      const what = code === 16 || code === 32 ? 'topic' : 'procedure';
      const uri = code === 16 || code === 32 ? named.Topic : named.Procedure;
      uriKey(what, uri);
      const opts = named.Options;
      const ack = code === 16 && isObject(opts) && opts.acknowledge === true;
      summary = `${spec.name} ${String(uri)} id ${String(req)}${ack ? ' · acknowledge' : ''}${argsText(a, kw)}`;
      if (isId(req) && (code !== 16 || ack)) correlation = { key: `wamp:${direction}:${code}:${req}`, role: 'request' };
      break;
    }
    case 34:
    case 66: {
      const sub = code === 34 ? named.Subscription : named.Registration;
      key(code === 34 ? 'subscription' : 'registration', sub);
      summary = `${spec.name} ${String(sub)} id ${String(req)}`;
      if (isId(req)) correlation = { key: `wamp:${direction}:${code}:${req}`, role: 'request' };
      break;
    }
    case 17:
    case 33:
    case 65: {
      const what = code === 17 ? 'publication' : code === 33 ? 'subscription' : 'registration';
      const x = code === 17 ? named.Publication : code === 33 ? named.Subscription : named.Registration;
      key(what, x);
      summary = `${spec.name} ${String(req)} · ${what} ${String(x)}`;
      break;
    }
    case 35:
    case 67:
      summary = `${spec.name} ${String(req)}`;
      break;
    case 36:
      key('subscription', named.Subscription);
      key('publication', named.Publication);
      {
        const d = named.Details;
        const topic = isObject(d) && typeof d.topic === 'string' ? d.topic : null;
        if (topic) uriKey('topic', topic);
        summary = `EVENT ${topic ?? `subscription ${String(named.Subscription)}`} · publication ${String(named.Publication)}${argsText(a, kw)}`;
      }
      break;
    case 50:
    case 70: {
      const d = code === 50 ? named.Details : named.Options;
      const progress = isObject(d) && d.progress === true;
      summary = `${spec.name} ${String(req)}${progress ? ' · progress' : ''}${argsText(a, kw)}`;
      break;
    }
    case 68: {
      key('registration', named.Registration);
      const d = named.Details;
      const proc = isObject(d) && typeof d.procedure === 'string' ? d.procedure : null;
      if (proc) uriKey('procedure', proc);
      summary = `INVOCATION ${proc ?? `registration ${String(named.Registration)}`} id ${String(req)}${argsText(a, kw)}`;
      if (isId(req)) correlation = { key: `wamp:${direction}:68:${req}`, role: 'request' };
      break;
    }
    case 49:
    case 69:
      summary = `${spec.name} ${String(req)}`;
      break;
  }
  const replyOf = REPLY_OF[code];
  if (replyOf !== undefined && isId(req)) {
    const d = code === 50 ? named.Details : code === 70 ? named.Options : undefined;
    const progress = isObject(d) && d.progress === true;
    correlation = { key: `wamp:${other(direction)}:${replyOf}:${req}`, role: progress ? 'partial' : 'reply' };
  }
  return {
    protocol: PROTOCOL,
    type: spec.name,
    summary,
    fields,
    keys,
    ...(correlation ? { correlation } : {}),
    explain: `WAMP v2, JSON serialization: every message is a JSON array whose first item is the message code. ${code} is ${spec.name}, ${shape(code, spec)}: ${spec.gloss}.${REPLY_OF[code] ? ` It repeats the Request id of the ${SPECS[REPLY_OF[code] ?? 0]?.name ?? ''} it answers.` : ''}`,
    ...(problems.length ? { error: problems.join('; ') } : {}),
  };
}

export function decodeWampText(text: string, direction: 'in' | 'out'): DecodedMessage[] {
  if (text.length > MAX_JSON_CHARS) return [invalid(`frame of ${text.length} characters: too long to decode`, 'frame too long to decode')];
  const parsed = parseJson(text);
  if (!parsed.ok) return [invalid(`invalid JSON: ${parsed.error}`, parsed.error)];
  return [decodeWampValue(parsed.value, direction)];
}

// ---------------------------------------------------------------- encode

export const DEFAULT_ROLES = { caller: {}, callee: {}, publisher: {}, subscriber: {} };

const ID_FIELD: ComposeField = { name: 'request', label: 'Request id', kind: 'number', optional: true, help: 'left empty: the next number' };
const ARGS_FIELDS: readonly ComposeField[] = [
  { name: 'args', label: 'Arguments (JSON array)', kind: 'json', initial: '[]', optional: true },
  { name: 'kwargs', label: 'ArgumentsKw (JSON object)', kind: 'json', initial: '', optional: true },
];
const OPTIONS_FIELD: ComposeField = { name: 'options', label: 'Options (JSON object)', kind: 'json', initial: '{}', optional: true };

const COMPOSE: readonly ComposeKind[] = [
  {
    id: 'HELLO',
    label: 'HELLO (1)',
    fields: [
      { name: 'realm', label: 'Realm', kind: 'text', initial: 'realm1' },
      { name: 'details', label: 'Details (JSON object)', kind: 'json', initial: JSON.stringify({ roles: DEFAULT_ROLES }) },
    ],
  },
  { id: 'SUBSCRIBE', label: 'SUBSCRIBE (32)', fields: [{ name: 'topic', label: 'Topic', kind: 'text', placeholder: 'com.sockpit.chat' }, OPTIONS_FIELD, ID_FIELD] },
  {
    id: 'PUBLISH',
    label: 'PUBLISH (16)',
    fields: [
      { name: 'topic', label: 'Topic', kind: 'text', placeholder: 'com.sockpit.chat' },
      ...ARGS_FIELDS,
      { name: 'acknowledge', label: 'Acknowledge (PUBLISHED back)', kind: 'checkbox', initial: '' },
      OPTIONS_FIELD,
      ID_FIELD,
    ],
  },
  { id: 'CALL', label: 'CALL (48)', fields: [{ name: 'procedure', label: 'Procedure', kind: 'text', placeholder: 'com.sockpit.add' }, ...ARGS_FIELDS, OPTIONS_FIELD, ID_FIELD] },
  { id: 'REGISTER', label: 'REGISTER (64)', fields: [{ name: 'procedure', label: 'Procedure', kind: 'text', placeholder: 'com.example.hello' }, OPTIONS_FIELD, ID_FIELD] },
  {
    id: 'YIELD',
    label: 'YIELD (70)',
    fields: [{ name: 'request', label: 'INVOCATION request id', kind: 'number', help: 'the Request id of the INVOCATION this answers' }, ...ARGS_FIELDS, OPTIONS_FIELD],
  },
  { id: 'UNSUBSCRIBE', label: 'UNSUBSCRIBE (34)', fields: [{ name: 'subscription', label: 'Subscription id', kind: 'number' }, ID_FIELD] },
  { id: 'UNREGISTER', label: 'UNREGISTER (66)', fields: [{ name: 'registration', label: 'Registration id', kind: 'number' }, ID_FIELD] },
  {
    id: 'GOODBYE',
    label: 'GOODBYE (6)',
    fields: [
      { name: 'reason', label: 'Reason', kind: 'text', initial: 'wamp.close.close_realm' },
      { name: 'message', label: 'Message', kind: 'text', optional: true },
    ],
  },
];

let nextRequest = 1;

type Result<T> = { ok: true; value: T } | { ok: false; error: string; field: string };

function idValue(values: ComposeValues, name: string, required: boolean): Result<number> {
  const t = values[name]?.trim() ?? '';
  if (t === '') return required ? { ok: false, error: `the ${name} id is required`, field: name } : { ok: true, value: nextRequest++ };
  if (!/^\d+$/.test(t) || Number(t) > MAX_ID) return { ok: false, error: `${name} must be an id: a whole number from 0 to 2^53`, field: name };
  return { ok: true, value: Number(t) };
}

function dictValue(values: ComposeValues, name: string, fallback: Record<string, unknown> | null): Result<Record<string, unknown> | null> {
  const t = values[name]?.trim() ?? '';
  if (t === '') return { ok: true, value: fallback };
  const p = parseJson(t);
  if (!p.ok) return { ok: false, error: `${name}: ${p.error}`, field: name };
  if (!isObject(p.value)) return { ok: false, error: `${name} must be a JSON object`, field: name };
  return { ok: true, value: p.value };
}

function uriValue(values: ComposeValues, name: string): Result<string> {
  const t = values[name]?.trim() ?? '';
  if (!t) return { ok: false, error: `a ${name} URI is required`, field: name };
  if (/[\s#]/.test(t)) return { ok: false, error: `the ${name} URI has no spaces or "#"`, field: name };
  return { ok: true, value: t };
}

/** Arguments and ArgumentsKw as trailing items: omitted when empty; [] kept before a kwargs dict. */
function argsTail(values: ComposeValues): Result<unknown[]> {
  const at = values.args?.trim() ?? '';
  let args: unknown[] = [];
  if (at) {
    const p = parseJson(at);
    if (!p.ok) return { ok: false, error: `args: ${p.error}`, field: 'args' };
    if (!Array.isArray(p.value)) return { ok: false, error: 'Arguments must be a JSON array', field: 'args' };
    args = p.value;
  }
  const kw = dictValue(values, 'kwargs', null);
  if (!kw.ok) return kw;
  if (kw.value && Object.keys(kw.value).length > 0) return { ok: true, value: [args, kw.value] };
  return { ok: true, value: args.length > 0 ? [args] : [] };
}

function message(items: unknown[]): EncodeResult {
  return { ok: true, frames: [JSON.stringify(items)] };
}

/** Encodes a composed message; a preview (`options.preview`) leaves the automatic ids as they were, so it shows the frame that Send will send. */
export function encodeWamp(kind: string, values: ComposeValues, options?: EncodeOptions): EncodeResult {
  const saved = nextRequest;
  try {
    return encodeWampNow(kind, values);
  } finally {
    if (options?.preview) nextRequest = saved;
  }
}

function encodeWampNow(kind: string, values: ComposeValues): EncodeResult {
  switch (kind) {
    case 'HELLO': {
      const realm = uriValue(values, 'realm');
      if (!realm.ok) return realm;
      const details = dictValue(values, 'details', { roles: DEFAULT_ROLES });
      if (!details.ok) return details;
      return message([1, realm.value, details.value]);
    }
    case 'SUBSCRIBE':
    case 'REGISTER': {
      const what = kind === 'SUBSCRIBE' ? 'topic' : 'procedure';
      const uri = uriValue(values, what);
      if (!uri.ok) return uri;
      const options = dictValue(values, 'options', {});
      if (!options.ok) return options;
      const id = idValue(values, 'request', false);
      if (!id.ok) return id;
      return message([kind === 'SUBSCRIBE' ? 32 : 64, id.value, options.value, uri.value]);
    }
    case 'PUBLISH':
    case 'CALL': {
      const what = kind === 'PUBLISH' ? 'topic' : 'procedure';
      const uri = uriValue(values, what);
      if (!uri.ok) return uri;
      const options = dictValue(values, 'options', {});
      if (!options.ok) return options;
      const opts: Record<string, unknown> = { ...(options.value ?? {}) };
      if (kind === 'PUBLISH' && values.acknowledge === 'true') opts.acknowledge = true;
      const tail = argsTail(values);
      if (!tail.ok) return tail;
      const id = idValue(values, 'request', false);
      if (!id.ok) return id;
      return message([kind === 'PUBLISH' ? 16 : 48, id.value, opts, uri.value, ...tail.value]);
    }
    case 'YIELD': {
      const id = idValue(values, 'request', true);
      if (!id.ok) return id;
      const options = dictValue(values, 'options', {});
      if (!options.ok) return options;
      const tail = argsTail(values);
      if (!tail.ok) return tail;
      return message([70, id.value, options.value, ...tail.value]);
    }
    case 'UNSUBSCRIBE':
    case 'UNREGISTER': {
      const which = kind === 'UNSUBSCRIBE' ? 'subscription' : 'registration';
      const target = idValue(values, which, true);
      if (!target.ok) return target;
      const id = idValue(values, 'request', false);
      if (!id.ok) return id;
      return message([kind === 'UNSUBSCRIBE' ? 34 : 66, id.value, target.value]);
    }
    case 'GOODBYE': {
      const reason = values.reason?.trim() ? uriValue(values, 'reason') : { ok: true as const, value: 'wamp.close.close_realm' };
      if (!reason.ok) return reason;
      const msg = values.message ?? '';
      return message([6, msg ? { message: msg } : {}, reason.value]);
    }
  }
  return { ok: false, error: `unknown message kind "${kind}"` };
}

// ---------------------------------------------------------------- session

const SESSION_FIELDS: readonly ComposeField[] = [
  { name: 'realm', label: 'Realm', kind: 'text', initial: 'realm1', help: 'HELLO is sent on open with this realm and the roles caller, callee, publisher, subscriber' },
];

const GOODBYE_AND_OUT = JSON.stringify([6, {}, 'wamp.close.goodbye_and_out']);

function createSession(host: SessionHost, options: SessionOptions): LensSession {
  const realm = options.realm?.trim() || 'realm1';
  let saidGoodbye = false;
  const isGoodbye = (frame: Frame): boolean => frame.format === 'text' && /^\s*\[\s*6\s*,/.test(frame.text);
  return {
    open(protocol: string) {
      if (protocol !== WAMP_JSON) host.note('warn', `WAMP: the server chose ${protocol ? `"${protocol}"` : 'no subprotocol'}, not ${WAMP_JSON}`);
      if (/[\s#]/.test(realm)) host.note('warn', `WAMP: realm "${realm}" is not a valid URI`);
      host.send(JSON.stringify([1, realm, { roles: DEFAULT_ROLES, agent: 'Sockpit' }]));
    },
    receive(frame: Frame) {
      if (frame.format !== 'text') return;
      const [m] = decodeWampText(frame.text, 'in');
      if (!m) return;
      if (m.type === 'WELCOME') host.note('info', `WAMP: ${m.summary}`);
      else if (m.type === 'ABORT') host.note('error', `WAMP: ${m.summary}`);
      else if (m.type === 'GOODBYE' && !saidGoodbye) {
        saidGoodbye = true;
        host.send(GOODBYE_AND_OUT);
      }
    },
    sent(frame: Frame) {
      if (isGoodbye(frame)) saidGoodbye = true;
    },
    close() {
      saidGoodbye = false;
    },
  };
}

export const wampLens: Lens<null> = {
  id: 'wamp',
  name: PROTOCOL,
  createState: () => null,
  decode(frame: Frame): DecodeResult {
    return { messages: frame.format === 'text' ? decodeWampText(frame.text, frame.direction) : [binaryOnTextLens(PROTOCOL, frame)] };
  },
  compose: COMPOSE,
  encode: encodeWamp,
  sessionFields: SESSION_FIELDS,
  session: createSession,
  defaultProtocols: [WAMP_JSON],
};
