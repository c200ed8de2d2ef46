import type { ComposeKind, DecodeResult, EncodeResult, Frame, Lens, LensId } from '../types';
import type { CodecOptions, PayloadCodec } from './types';
import { topKeys } from './values';

/** The one compose kind of the encoding lenses: JSON text → the exact bytes. */
export const FROM_JSON: ComposeKind = {
  id: 'json',
  label: 'From JSON',
  fields: [
    {
      name: 'json',
      label: 'JSON',
      kind: 'json',
      initial: '{"type":"tick","seq":1}',
      help: 'Integers beyond 2^53 stay exact. Bytes: {"$bytes":"0a0b"}. CBOR tag: {"$tag":1,"$value":0}; MessagePack extension: {"$ext":5,"$bytes":"…"}, timestamp: {"$timestamp":"2024-01-02T03:04:05Z"}.',
    },
  ],
};

/**
 * A lens over a payload codec: each binary frame is one value (text frames
 * are not this encoding: no messages). Bad bytes give one message with the
 * codec's error, which says where.
 */
export function codecLens(id: LensId, codec: PayloadCodec, options: CodecOptions = {}): Lens<null> {
  return {
    id,
    name: codec.name,
    createState: () => null,
    decode(frame: Frame): DecodeResult {
      if (frame.format !== 'binary') return { messages: [] };
      const r = codec.decode(frame.bytes, options);
      if (!r.ok) return { messages: [{ protocol: codec.name, type: 'invalid', summary: `invalid ${codec.name}: ${r.error}`, fields: [], error: r.error }] };
      return { messages: [{ protocol: codec.name, type: r.type, summary: r.summary, fields: r.fields, keys: topKeys(r.value) }] };
    },
    compose: [FROM_JSON],
    encode(kind, values): EncodeResult {
      if (kind !== 'json') return { ok: false, error: `unknown message kind "${kind}"` };
      const r = codec.encode(values.json ?? '', options);
      return r.ok ? { ok: true, frames: [r.bytes] } : { ok: false, error: r.error, field: 'json' };
    },
  };
}
