import type { DecodeResult, DecodedMessage, Frame, Lens } from '../../types';
import { looksLikeJson, parseJson, preview, valueFields } from '../../fields';
import { binaryOnTextLens, rawNote, tooLongNote } from '../../raw-note';
import { startsLikeJson } from '../../../json-detect';

/** Longer texts are not decoded as JSON on the timeline (the inspector still parses them). */
export const MAX_JSON_CHARS = 1 << 20;

/** Top-level scalar members, for `field:value` filters (e.g. type:tick). */
export function scalarKeys(value: unknown): Array<[string, string]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const keys: Array<[string, string]> = [];
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') keys.push([k, String(v)]);
    if (keys.length >= 32) break;
  }
  return keys;
}

/** "object · 3 keys: type, seq, at", "array · 12 items". */
export function jsonSummary(value: unknown): { type: string; summary: string } {
  if (Array.isArray(value)) return { type: 'array', summary: `array · ${value.length} item${value.length === 1 ? '' : 's'} ${preview(value, 80)}` };
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    return { type: 'object', summary: `{${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}} ${preview(value, 80)}` };
  }
  return { type: value === null ? 'null' : typeof value, summary: preview(value, 80) };
}

export function decodeJsonText(text: string, protocol = 'JSON'): DecodedMessage[] {
  if (text.length > MAX_JSON_CHARS || !looksLikeJson(text)) return [];
  const parsed = parseJson(text);
  if (!parsed.ok) return [{ protocol, type: 'invalid', summary: `invalid JSON: ${parsed.error}`, fields: [], error: parsed.error }];
  const { type, summary } = jsonSummary(parsed.value);
  return [{ protocol, type, summary, fields: valueFields(parsed.value), keys: scalarKeys(parsed.value) }];
}

/**
 * A frame on a JSON-text lens (JSON, JSON-RPC): what `decodeText` reads, or a
 * note saying why the frame is shown raw (binary, too long, not JSON, cut off).
 */
export function jsonFrameMessages(frame: Frame, protocol: string, decodeText: (text: string) => DecodedMessage[]): DecodedMessage[] {
  if (frame.format === 'binary') return [binaryOnTextLens(protocol, frame)];
  const text = frame.text;
  if (text.length > MAX_JSON_CHARS) return [tooLongNote(protocol, text.length, MAX_JSON_CHARS)];
  const messages = decodeText(text);
  if (messages.length > 0) return messages;
  if (startsLikeJson(text)) {
    const cut = parseJson(text);
    const why = cut.ok ? 'not a JSON object or array' : cut.error;
    return [{ protocol, type: 'invalid', summary: `invalid JSON: ${why}`, fields: [], error: why }];
  }
  return [rawNote(protocol, text.length === 0 ? 'an empty text frame' : 'not JSON')];
}

export const jsonLens: Lens<null> = {
  id: 'json',
  name: 'JSON',
  createState: () => null,
  lazy: true,
  decode(frame: Frame): DecodeResult {
    return { messages: jsonFrameMessages(frame, 'JSON', decodeJsonText) };
  },
};
