import type { CodecId, PayloadCodec } from './types';

export type { CodecDecodeResult, CodecEncodeResult, CodecId, CodecOptions, PayloadCodec } from './types';

/** The payload codecs, for menus (e.g. MQTT's "payload as"). Their code loads on first use. */
export const CODECS: ReadonlyArray<{ id: CodecId; name: string }> = [
  { id: 'msgpack', name: 'MessagePack' },
  { id: 'cbor', name: 'CBOR' },
  { id: 'protobuf', name: 'Protocol Buffers' },
];

const loaders: Record<CodecId, () => Promise<PayloadCodec>> = {
  msgpack: () => import('./msgpack').then((m) => m.msgpackCodec),
  cbor: () => import('./cbor').then((m) => m.cborCodec),
  protobuf: () => import('./protobuf/index').then((m) => m.protobufCodec),
};

const loaded = new Map<CodecId, PayloadCodec>();
const loading = new Map<CodecId, Promise<PayloadCodec>>();

export function isCodecId(v: unknown): v is CodecId {
  return v === 'msgpack' || v === 'cbor' || v === 'protobuf';
}

/** The codec if its code is loaded already. */
export function loadedCodec(id: CodecId): PayloadCodec | undefined {
  return loaded.get(id);
}

/** Loads a codec once; later calls share the promise. */
export function loadCodec(id: CodecId): Promise<PayloadCodec> {
  const have = loaded.get(id);
  if (have) return Promise.resolve(have);
  let p = loading.get(id);
  if (!p) {
    const load = loaders[id];
    if (!load) return Promise.reject(new Error(`no codec "${String(id)}"`));
    p = load().then((codec) => {
      loaded.set(id, codec);
      loading.delete(id);
      return codec;
    });
    loading.set(id, p);
  }
  return p;
}
