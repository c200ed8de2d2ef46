/**
 * Copies in and out of the engine: values go in as JSON text with byte
 * arrays as {"\u0000bytes":[offset,length]} into one ArrayBuffer (the
 * context's JSON.parse makes fresh objects and fresh Uint8Arrays of them),
 * and come out as JSON text with byte arrays as {"\u0000bytes":index} into
 * the list of buffers the call returned.
 */

const BYTES = '\u0000bytes';

export interface EncodedInput {
  json: string;
  bytes: ArrayBuffer;
}

export function encodeInput(value: unknown): EncodedInput {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const json = JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Uint8Array) {
      const at = [length, v.byteLength];
      chunks.push(v);
      length += v.byteLength;
      return { [BYTES]: at };
    }
    if (v instanceof ArrayBuffer) {
      const u = new Uint8Array(v);
      const at = [length, u.byteLength];
      chunks.push(u);
      length += u.byteLength;
      return { [BYTES]: at };
    }
    return v;
  });
  const bytes = new Uint8Array(length);
  let o = 0;
  for (const c of chunks) {
    bytes.set(c, o);
    o += c.byteLength;
  }
  return { json: json ?? 'null', bytes: bytes.buffer };
}

/** The output's JSON with its byte markers replaced by Uint8Arrays (JSON.parse keeps `__proto__` an own key). */
export function decodeOutput(json: string, buffers: readonly ArrayBuffer[]): unknown {
  // No buffers, no markers: the engine's output check refuses the marker's key in a script's own objects.
  if (buffers.length === 0) return JSON.parse(json);
  return JSON.parse(json, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, BYTES)) {
      const i = (v as Record<string, unknown>)[BYTES];
      const buf = typeof i === 'number' ? buffers[i] : undefined;
      return buf ? new Uint8Array(buf) : new Uint8Array(0);
    }
    return v;
  });
}
