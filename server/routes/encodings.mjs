// @ts-check
import { readFileSync } from 'node:fs';
import { decode as msgpackDecode, encode as msgpackEncode, ExtData } from '@msgpack/msgpack';
import { decode as cborDecode, encode as cborEncode, Tagged } from 'cborg';
import protobuf from 'protobufjs';

/**
 * /encodings?format=msgpack|cbor|protobuf: sends SAMPLE_COUNT sample frames
 * of that encoding on open, then answers every binary frame by decoding it
 * with the encoding's own library (@msgpack/msgpack, cborg, protobufjs with
 * docs/protocols/sample.proto) and sending it back re-encoded, so a client
 * sees that the server read its bytes. What the library cannot read is
 * answered with a text frame {"error":"…"}. Server side only: CSP does not
 * apply here, protobufjs may generate its code.
 */

export const ENCODING_FORMATS = Object.freeze(['msgpack', 'cbor', 'protobuf']);
export const SAMPLE_COUNT = 3;
/** Binary frames larger than this are not decoded (answered with an error). */
export const MAX_ECHO_BYTES = 64 * 1024;

/** The sample schema, shared with the docs and the tests. */
export const SAMPLE_PROTO = readFileSync(new URL('../../docs/protocols/sample.proto', import.meta.url), 'utf8');
const Tick = protobuf.parse(SAMPLE_PROTO).root.lookupType('sockpit.Tick');

/** A fixed time so the samples are the same on every run: 2024-01-02T03:04:05.678Z. */
const SAMPLE_MS = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

/** CBOR tags the echo keeps (cborg refuses tags it has no decoder for). */
const CBOR_TAGS = [0, 1, 2, 3, 4, 5, 21, 22, 23, 24, 32, 33, 34, 36, 55799];

/**
 * The sample frames, in order: a tick with a nested map, an array, bytes,
 * a timestamp or tag, and an integer beyond 2^53.
 *
 * @param {'msgpack' | 'cbor' | 'protobuf'} format
 * @returns {Uint8Array[]}
 */
export function sampleFrames(format) {
  /** @type {Uint8Array[]} */
  const frames = [];
  for (let seq = 1; seq <= SAMPLE_COUNT; seq++) {
    const at = new Date(SAMPLE_MS + seq * 1000);
    const big = 2n ** 63n + BigInt(seq);
    if (format === 'msgpack') {
      frames.push(
        msgpackEncode(
          {
            type: 'tick',
            seq,
            at,
            values: [1.5 * seq, -seq, 2 ** 40],
            tags: { symbol: 'SOCK', venue: { id: seq, open: true } },
            blob: new Uint8Array([0xde, 0xad, 0xbe, 0xef, seq]),
            big,
            ext: new ExtData(5, new Uint8Array([seq, 0xff])),
          },
          { useBigInt64: true },
        ),
      );
    } else if (format === 'cbor') {
      frames.push(
        cborEncode({
          type: 'tick',
          seq,
          at: new Tagged(1, at.getTime() / 1000),
          date: new Tagged(0, at.toISOString()),
          values: [1.5 * seq, -seq, 2 ** 40],
          tags: new Map(/** @type {[unknown, unknown][]} */ ([['symbol', 'SOCK'], [1, 'one'], [seq, { open: true }]])),
          blob: new Uint8Array([0xde, 0xad, 0xbe, 0xef, seq]),
          big,
          // 2^64 + seq as a bignum (tag 2): beyond what an integer head holds
          huge: new Tagged(2, new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, seq])),
          missing: undefined,
        }),
      );
    } else {
      frames.push(
        Tick.encode(
          Tick.fromObject({
            seq: (2n ** 64n - BigInt(seq)).toString(),
            at: at.toISOString(),
            values: [1.5 * seq, -seq, 2 ** 40],
            tags: { symbol: 'SOCK', venue: 'X' },
            kind: seq % 2 ? 'KIND_TICK' : 'KIND_TRADE',
            ...(seq === 2 ? { blob: new Uint8Array([0xde, 0xad, seq]) } : { note: `sample ${seq}` }),
            origin: { x: seq, y: -seq },
            delta: (-(2n ** 62n) - BigInt(seq)).toString(),
          }),
        ).finish(),
      );
    }
  }
  return frames;
}

/**
 * Decodes with the library and encodes again.
 *
 * @param {'msgpack' | 'cbor' | 'protobuf'} format
 * @param {Uint8Array} bytes
 * @returns {Uint8Array}
 */
export function reencode(format, bytes) {
  if (format === 'msgpack') return msgpackEncode(msgpackDecode(bytes, { useBigInt64: true }), { useBigInt64: true });
  if (format === 'cbor') return cborEncode(cborDecode(bytes, { tags: Tagged.preserve(...CBOR_TAGS), useMaps: true }));
  return Tick.encode(Tick.decode(bytes)).finish();
}

/** @type {import('./route.mjs').WsRoute} */
export const encodingsRoute = {
  server: 'plain',
  accept: (params) => {
    const format = params.get('format') ?? 'msgpack';
    if (format !== 'msgpack' && format !== 'cbor' && format !== 'protobuf') {
      return { ok: false, error: `format must be one of ${ENCODING_FORMATS.join(', ')}.` };
    }
    return {
      ok: true,
      connect: (ws) => {
        for (const frame of sampleFrames(format)) ws.send(frame, { binary: true });
        ws.on('message', (data, isBinary) => {
          const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
          if (!isBinary) {
            ws.send(JSON.stringify({ error: `send ${format} as a binary frame` }));
            return;
          }
          if (bytes.length > MAX_ECHO_BYTES) {
            ws.send(JSON.stringify({ error: `frames over ${MAX_ECHO_BYTES} bytes are not decoded` }));
            return;
          }
          try {
            ws.send(reencode(format, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)), { binary: true });
          } catch (err) {
            ws.send(JSON.stringify({ error: `${format}: ${err instanceof Error ? err.message : String(err)}` }));
          }
        });
      },
    };
  },
};
