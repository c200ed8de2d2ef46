import type { Field } from '../types';

/**
 * A payload codec: MessagePack, CBOR or protobuf bytes ⇄ a JSON-like value.
 * The lenses of the same names use them for whole binary frames; other
 * lenses (MQTT PUBLISH) use them for payloads. Plain TypeScript, no DOM, no
 * Node, no run-time code generation.
 */

export type CodecId = 'msgpack' | 'cbor' | 'protobuf';

/**
 * Codec options, as strings like compose values. Protobuf reads `proto`
 * (the .proto text) and `messageType` (e.g. "sockpit.Tick"); MessagePack and
 * CBOR read none.
 */
export type CodecOptions = Readonly<Record<string, string>>;

/**
 * A decoded value is JSON-like: null, boolean, number, bigint, string,
 * Uint8Array, arrays, Maps (keys that are not all strings) and plain objects
 * made with Object.create(null) (so `__proto__` is just a key). What JSON
 * cannot say is written the way the encoders read it back from JSON:
 * `{"$tag": 1, "$value": …}` (CBOR tag), `{"$simple": 16}` (CBOR simple value),
 * `{"$ext": 5, "$bytes": Uint8Array}` (MessagePack extension),
 * `{"$timestamp": "2024-01-02T03:04:05.123456789Z"}` (MessagePack timestamp).
 */
export type CodecDecodeResult =
  | {
      ok: true;
      value: unknown;
      fields: Field[];
      /** one line: `{type, seq, at} {"type":"tick",…}` */
      summary: string;
      /** what the value is: map, array, string, … (protobuf: the message type, e.g. sockpit.Tick) */
      type: string;
    }
  /** the error says where: a byte offset, a field number */
  | { ok: false; error: string };

export type CodecEncodeResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export interface PayloadCodec {
  id: CodecId;
  /** display name, e.g. "MessagePack" */
  name: string;
  /** never throws */
  decode(bytes: Uint8Array, options?: CodecOptions): CodecDecodeResult;
  /** JSON text (with the `$bytes`, `$tag`, … conventions above) → the exact bytes; never throws */
  encode(jsonText: string, options?: CodecOptions): CodecEncodeResult;
}
