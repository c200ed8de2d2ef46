import type { ComposeKind, ComposeValues, DecodeResult, DecodedMessage, EncodeOptions, EncodeResult, Frame, Lens } from '../../types';
import { looksLikeJson, parseJson, preview, valueFields } from '../../fields';
import { MAX_JSON_CHARS, jsonFrameMessages } from '../json/index';
import { startsLikeJson } from '../../../json-detect';

/**
 * JSON-RPC 2.0 (https://www.jsonrpc.org/specification): requests (method and
 * id), notifications (method, no id), results and errors (id), and batches
 * (arrays of those). A request opens a pair keyed on who sent it and its id;
 * the reply from the other side closes it.
 */

const PROTOCOL = 'JSON-RPC';

function idKey(id: unknown): string | null {
  if (typeof id === 'string') return `s${id}`;
  if (typeof id === 'number' && Number.isFinite(id)) return `n${id}`;
  return null;
}

function showId(id: unknown): string {
  return typeof id === 'string' ? JSON.stringify(id) : String(id);
}

function other(d: 'in' | 'out'): 'in' | 'out' {
  return d === 'in' ? 'out' : 'in';
}

export function decodeRpc(value: unknown, direction: 'in' | 'out'): DecodedMessage {
  const fields = valueFields(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { protocol: PROTOCOL, type: 'invalid', summary: `not a JSON-RPC object: ${preview(value)}`, fields, error: 'a JSON-RPC message is an object' };
  }
  const o = value as Record<string, unknown>;
  const bad = o.jsonrpc !== '2.0' ? `"jsonrpc" must be "2.0", got ${preview(o.jsonrpc)}` : undefined;
  const hasId = Object.hasOwn(o, 'id');
  const key = hasId ? idKey(o.id) : null;
  if (typeof o.method === 'string') {
    const params = Object.hasOwn(o, 'params') ? ` · params ${preview(o.params, 60)}` : '';
    const keys: Array<[string, string]> = [['method', o.method]];
    if (hasId) keys.push(['id', String(o.id)]);
    if (!hasId) return { protocol: PROTOCOL, type: 'notification', summary: `notification ${o.method}${params}`, fields, keys, ...(bad ? { error: bad } : {}) };
    return {
      protocol: PROTOCOL,
      type: 'request',
      summary: `request ${o.method} id ${showId(o.id)}${params}`,
      fields,
      keys,
      ...(key ? { correlation: { key: `${direction}:${key}`, role: 'request' as const } } : {}),
      ...(bad ? { error: bad } : {}),
    };
  }
  const correlation = key ? { correlation: { key: `${other(direction)}:${key}`, role: 'reply' as const } } : {};
  if (Object.hasOwn(o, 'error')) {
    const e = o.error as Record<string, unknown> | null;
    const code = e && typeof e === 'object' ? e.code : undefined;
    const message = e && typeof e === 'object' && typeof e.message === 'string' ? e.message : '';
    return {
      protocol: PROTOCOL,
      type: 'error',
      summary: `error id ${showId(o.id)} · ${String(code)} ${message}`.trim(),
      fields,
      keys: [['id', String(o.id)], ['code', String(code)]],
      ...correlation,
      ...(bad ? { error: bad } : {}),
    };
  }
  if (Object.hasOwn(o, 'result')) {
    return { protocol: PROTOCOL, type: 'result', summary: `result id ${showId(o.id)} · ${preview(o.result, 60)}`, fields, keys: [['id', String(o.id)]], ...correlation, ...(bad ? { error: bad } : {}) };
  }
  return { protocol: PROTOCOL, type: 'invalid', summary: `neither a request nor a response: ${preview(o)}`, fields, error: bad ?? 'a JSON-RPC message has "method", "result" or "error"' };
}

export function decodeRpcText(text: string, direction: 'in' | 'out'): DecodedMessage[] {
  if (text.length > MAX_JSON_CHARS) return [];
  if (!looksLikeJson(text)) {
    // Cut off (starts as JSON, never closes): say so on the row, not silence. Other text stays raw.
    if (!startsLikeJson(text)) return [];
    const cut = parseJson(text);
    const why = cut.ok ? 'not a JSON object or array' : cut.error;
    return [{ protocol: PROTOCOL, type: 'invalid', summary: `invalid JSON: ${why}`, fields: [], error: why }];
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return [{ protocol: PROTOCOL, type: 'invalid', summary: `invalid JSON: ${parsed.error}`, fields: [], error: parsed.error }];
  const v = parsed.value;
  if (Array.isArray(v)) {
    if (v.length === 0) return [{ protocol: PROTOCOL, type: 'invalid', summary: 'empty batch', fields: [], error: 'a batch holds at least one message' }];
    const messages = v.map((item) => decodeRpc(item, direction));
    return messages.map((m, i) => ({ ...m, summary: `batch ${i + 1}/${v.length} · ${m.summary}`, fields: i === 0 ? valueFields(v) : m.fields }));
  }
  return [decodeRpc(v, direction)];
}

const COMPOSE: readonly ComposeKind[] = [
  {
    id: 'request',
    label: 'Request',
    fields: [
      { name: 'method', label: 'Method', kind: 'text', placeholder: 'subtract' },
      { name: 'params', label: 'Params (JSON)', kind: 'json', initial: '[]', optional: true },
      { name: 'id', label: 'Id', kind: 'text', help: 'left empty: the next number', optional: true },
    ],
  },
  {
    id: 'notification',
    label: 'Notification',
    fields: [
      { name: 'method', label: 'Method', kind: 'text', placeholder: 'update' },
      { name: 'params', label: 'Params (JSON)', kind: 'json', initial: '[]', optional: true },
    ],
  },
];

let nextId = 1;

/** Encodes a composed message; a preview (`options.preview`) leaves the automatic ids as they were, so it shows the frame that Send will send. */
export function encodeRpc(kind: string, values: ComposeValues, options?: EncodeOptions): EncodeResult {
  const saved = nextId;
  try {
    return encodeRpcNow(kind, values);
  } finally {
    if (options?.preview) nextId = saved;
  }
}

function encodeRpcNow(kind: string, values: ComposeValues): EncodeResult {
  const method = values.method?.trim() ?? '';
  if (!method) return { ok: false, error: 'a method name is required', field: 'method' };
  const msg: Record<string, unknown> = { jsonrpc: '2.0', method };
  const paramsText = values.params?.trim() ?? '';
  if (paramsText) {
    const p = parseJson(paramsText);
    if (!p.ok) return { ok: false, error: `params: ${p.error}`, field: 'params' };
    if (typeof p.value !== 'object' || p.value === null) return { ok: false, error: 'params must be an array or an object', field: 'params' };
    msg.params = p.value;
  }
  if (kind === 'request') {
    const idText = values.id?.trim() ?? '';
    if (idText === '') msg.id = nextId++;
    else msg.id = /^-?\d+$/.test(idText) ? Number(idText) : idText;
  } else if (kind !== 'notification') return { ok: false, error: `unknown message kind "${kind}"` };
  return { ok: true, frames: [JSON.stringify(msg)] };
}

export const jsonRpcLens: Lens<null> = {
  id: 'jsonrpc',
  name: 'JSON-RPC 2.0',
  createState: () => null,
  lazy: true,
  decode(frame: Frame): DecodeResult {
    return { messages: jsonFrameMessages(frame, PROTOCOL, (text) => decodeRpcText(text, frame.direction)) };
  },
  compose: COMPOSE,
  encode: encodeRpc,
};
