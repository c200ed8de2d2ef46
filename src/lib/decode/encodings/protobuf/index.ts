import type { CodecDecodeResult, CodecEncodeResult, CodecOptions, PayloadCodec } from '../types';
import { parseJsonValue } from '../json-value';
import { preview } from '../../fields';
import type { ProtoMessage, ProtoSchema } from './schema';
import { ProtoSyntaxError, findMessage, parseProto } from './schema';
import { decodeRaw, decodeWithSchema, encodeWithSchema } from './wire';

/**
 * Protocol Buffers with a schema the user pastes (options `proto` and
 * `messageType`), or without one: the raw wire format. Reflection over our
 * own parsed schema; nothing is generated at run time.
 */

export type SchemaResult = { ok: true; schema: ProtoSchema; type: ProtoMessage | null } | { ok: false; error: string; field: 'proto' | 'messageType' };

let cache: { text: string; result: { ok: true; schema: ProtoSchema } | { ok: false; error: string } } | null = null;

/** Parses options.proto (the last text is cached) and finds options.messageType. */
export function loadSchema(options: CodecOptions = {}): SchemaResult | null {
  const text = options.proto ?? '';
  if (!text.trim()) return null;
  if (!cache || cache.text !== text) {
    try {
      cache = { text, result: { ok: true, schema: parseProto(text) } };
    } catch (err) {
      cache = { text, result: { ok: false, error: err instanceof ProtoSyntaxError ? err.message : String(err) } };
    }
  }
  const r = cache.result;
  if (!r.ok) return { ok: false, error: `.proto ${r.error}`, field: 'proto' };
  const wanted = (options.messageType ?? '').trim();
  const names = [...r.schema.messages.keys()];
  if (!wanted) {
    const only = names.length === 1 ? r.schema.messages.get(names[0] ?? '') : undefined;
    if (only) return { ok: true, schema: r.schema, type: only };
    return { ok: false, error: `choose the message type: ${names.join(', ') || 'the .proto defines no message'}`, field: 'messageType' };
  }
  const type = findMessage(r.schema, wanted);
  if (!type) return { ok: false, error: `no message type "${wanted}" in the .proto (it has ${names.join(', ') || 'none'})`, field: 'messageType' };
  return { ok: true, schema: r.schema, type };
}

function summaryOf(typeName: string, value: Record<string, unknown>): string {
  const keys = Object.keys(value);
  return `${typeName} {${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}} ${preview(value, 80)}`;
}

export function decodeProtobuf(bytes: Uint8Array, options: CodecOptions = {}): CodecDecodeResult {
  const s = loadSchema(options);
  if (s && !s.ok) return { ok: false, error: s.error };
  if (!s || !s.type) {
    const r = decodeRaw(bytes);
    if (!r.ok) return r;
    return { ok: true, value: r.value, fields: r.fields, type: 'message', summary: summaryOf('message (no schema)', r.value) };
  }
  const r = decodeWithSchema(s.schema, s.type, bytes);
  if (!r.ok) return r;
  return { ok: true, value: r.value, fields: r.fields, type: s.type.fullName, summary: summaryOf(s.type.fullName, r.value) };
}

export function encodeProtobuf(jsonText: string, options: CodecOptions = {}): CodecEncodeResult {
  const s = loadSchema(options);
  if (!s) return { ok: false, error: 'to encode protobuf, load a .proto and choose the message type' };
  if (!s.ok) return { ok: false, error: s.error };
  if (!s.type) return { ok: false, error: 'choose the message type' };
  const v = parseJsonValue(jsonText);
  if (!v.ok) return { ok: false, error: `JSON: ${v.error}` };
  return encodeWithSchema(s.schema, s.type, v.value);
}

export const protobufCodec: PayloadCodec = {
  id: 'protobuf',
  name: 'Protocol Buffers',
  decode: decodeProtobuf,
  encode: encodeProtobuf,
};
