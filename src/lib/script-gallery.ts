/**
 * The Scripts panel's gallery (docs/user-code.md): worked examples of
 * custom lenses, each with `decode` and `encode`. Plain strings, run only in
 * the sandbox (src/lib/sandbox); script-gallery.test.ts runs every one in
 * the real engine. The sandbox gives scripts `utf8.encode(string) →
 * Uint8Array` and `utf8.decode(bytes) → string`; nothing else of the page.
 */

export interface GalleryExample {
  id: string;
  name: string;
  /** one line for the gallery list */
  about: string;
  source: string;
  /** a value for the composer's encode form that this example accepts */
  sampleValue: string;
  /** sample input for Test (hex for binary examples, text otherwise) */
  sampleInput: { format: 'text' | 'hex'; text: string };
}

const LENGTH_PREFIXED = `// Length-prefixed records, as the playground's /lp route speaks them:
//   [u16 big-endian: length of the rest][u8 type][payload], several per frame.
// Types: 1 hello (UTF-8 name), 2 reading (u32 id, f32 value), 3 ack (u32 id), 4 error (UTF-8).

const NAMES = { 1: 'hello', 2: 'reading', 3: 'ack', 4: 'error' };

function readRecord(type, view, payload) {
  const name = NAMES[type] || 'type ' + type;
  if (type === 1 || type === 4) {
    const text = utf8.decode(payload);
    return { name, summary: name + ' ' + JSON.stringify(text), fields: { type: name, text } };
  }
  if (type === 2) {
    if (payload.length !== 8) throw new Error('a reading is 8 bytes, got ' + payload.length);
    const id = view.getUint32(0);
    const value = view.getFloat32(4);
    return { name, id, summary: 'reading #' + id + ' = ' + value, fields: { type: name, id, value } };
  }
  if (type === 3) {
    if (payload.length !== 4) throw new Error('an ack is 4 bytes, got ' + payload.length);
    const id = view.getUint32(0);
    return { name, id, summary: 'ack #' + id, fields: { type: name, id } };
  }
  return { name, summary: name + ' (' + payload.length + ' bytes)', fields: { type: name, bytes: payload } };
}

function decode(frame, state) {
  if (frame.format !== 'binary') return null; // text frames stay raw
  const b = frame.bytes;
  const records = [];
  let at = 0;
  while (at < b.length) {
    if (b.length - at < 3) throw new Error('byte ' + at + ': ' + (b.length - at) + ' bytes left, a record needs 3');
    const length = (b[at] << 8) | b[at + 1];
    if (length < 1 || at + 2 + length > b.length) {
      throw new Error('byte ' + at + ': length ' + length + ' runs past the end of the frame (' + b.length + ' bytes)');
    }
    const payload = b.subarray(at + 3, at + 2 + length);
    const view = new DataView(b.buffer, b.byteOffset + at + 3, length - 1);
    records.push(readRecord(b[at + 2], view, payload));
    at += 2 + length;
  }
  // A reading we send pairs with the server's ack of the same id.
  return records.map((r) => ({
    type: r.name,
    summary: r.summary,
    fields: r.fields,
    correlation: r.id === undefined ? undefined : { key: 'reading:' + r.id, role: r.name === 'ack' ? 'reply' : 'request' },
  }));
}

// encode({ id: 7, value: 21.5 }) → a reading; { hello: 'me' } → a hello; an array → several records in one frame.
function encode(value) {
  const list = Array.isArray(value) ? value : [value];
  const parts = list.map((v, i) => {
    if (v && typeof v.hello === 'string') return record(1, utf8.encode(v.hello));
    if (v && Number.isInteger(v.id) && typeof v.value === 'number') {
      if (v.id < 0 || v.id > 0xffffffff) throw new Error('item ' + i + ': id must be 0 to 4294967295');
      const p = new Uint8Array(8);
      const view = new DataView(p.buffer);
      view.setUint32(0, v.id);
      view.setFloat32(4, v.value);
      return record(2, p);
    }
    throw new Error('item ' + i + ': expected { id, value } or { hello }');
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

// next(i, vars) for Repeat: reading 100 + i, a value that climbs by 0.5.
function next(i) {
  return encode({ id: 100 + i, value: 20 + i * 0.5 });
}

function record(type, payload) {
  const r = new Uint8Array(3 + payload.length);
  r[0] = (payload.length + 1) >> 8;
  r[1] = (payload.length + 1) & 0xff;
  r[2] = type;
  r.set(payload, 3);
  return r;
}
`;

const VARINT = `// A varint-based record (the LEB128 varints protobuf uses): each frame is
//   [varint seq][zigzag varint delta][varint name length][name, UTF-8]
// Varints keep 7 bits per byte, low bits first; the top bit says "more follows".

function readVarint(b, at) {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 8; i++) {
    if (at + i >= b.length) throw new Error('byte ' + (at + i) + ': the varint runs past the end of the frame');
    const byte = b[at + i];
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  throw new Error('byte ' + at + ': a varint longer than 8 bytes');
}

function writeVarint(n, out) {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error('a varint holds a whole number from 0, got ' + n);
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
}

const unzigzag = (n) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);
const zigzag = (n) => (n >= 0 ? n * 2 : -n * 2 - 1);

function decode(frame) {
  if (frame.format !== 'binary') return null;
  const b = frame.bytes;
  const seq = readVarint(b, 0);
  const delta = readVarint(b, seq.next);
  const length = readVarint(b, delta.next);
  const end = length.next + length.value;
  if (end > b.length) throw new Error('the name is ' + length.value + ' bytes but only ' + (b.length - length.next) + ' remain');
  const name = utf8.decode(b.subarray(length.next, end));
  const d = unzigzag(delta.value);
  return {
    type: 'record',
    summary: '#' + seq.value + ' ' + name + ' ' + (d >= 0 ? '+' : '') + d,
    fields: { seq: seq.value, delta: d, name, trailing: b.length - end },
  };
}

// encode({ seq: 300, delta: -2, name: 'sensor' }) → the bytes
function encode(value) {
  if (!value || typeof value.name !== 'string') throw new Error('expected { seq, delta, name }');
  const out = [];
  writeVarint(value.seq, out);
  if (!Number.isSafeInteger(value.delta)) throw new Error('delta must be a whole number');
  writeVarint(zigzag(value.delta), out);
  const name = utf8.encode(value.name);
  writeVarint(name.length, out);
  for (const byte of name) out.push(byte);
  return new Uint8Array(out);
}
`;

const CHECKSUM_JSON = `// A custom JSON wrapper with a checksum: {"v":1,"kind":"…","body":{…},"sum":"8 hex digits"}
// where sum is the FNV-1a 32-bit hash of the UTF-8 bytes of JSON.stringify(body).

function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function decode(frame) {
  if (frame.format !== 'text') return null;
  let msg;
  try {
    msg = JSON.parse(frame.text);
  } catch (e) {
    return null; // not ours: the raw text stays
  }
  if (!msg || msg.v !== 1 || typeof msg.sum !== 'string') return null;
  const want = fnv1a(utf8.encode(JSON.stringify(msg.body)));
  const ok = want === msg.sum.toLowerCase();
  return {
    type: String(msg.kind || 'message'),
    summary: (msg.kind || 'message') + (ok ? ' · checksum ok' : ' · checksum MISMATCH'),
    fields: { kind: msg.kind, sum: msg.sum, checksum: ok ? 'ok' : 'expected ' + want, body: msg.body },
    error: ok ? undefined : 'checksum ' + msg.sum + ' does not match the body (' + want + ')',
  };
}

// encode({ kind: 'order', body: { item: 'tea', qty: 2 } }) → the wrapped text with its checksum
function encode(value) {
  if (!value || typeof value.kind !== 'string') throw new Error('expected { kind, body }');
  const body = value.body === undefined ? null : value.body;
  return JSON.stringify({ v: 1, kind: value.kind, body, sum: fnv1a(utf8.encode(JSON.stringify(body))) });
}
`;

export const GALLERY: readonly GalleryExample[] = [
  {
    id: 'length-prefixed',
    name: 'Length-prefixed envelope',
    about: '[u16 length][u8 type][payload] records, several per frame: the playground’s /lp route',
    source: LENGTH_PREFIXED,
    sampleValue: '{ "id": 7, "value": 21.5 }',
    sampleInput: { format: 'hex', text: '00 09 02 00 00 00 07 41 ac 00 00 00 05 03 00 00 00 07' },
  },
  {
    id: 'varint',
    name: 'Varint record',
    about: 'LEB128 varints and a zigzag signed delta, then a UTF-8 name',
    source: VARINT,
    sampleValue: '{ "seq": 300, "delta": -2, "name": "sensor" }',
    sampleInput: { format: 'hex', text: 'ac 02 03 06 73 65 6e 73 6f 72' },
  },
  {
    id: 'checksum-json',
    name: 'JSON with a checksum',
    about: 'a {v, kind, body, sum} wrapper whose sum is FNV-1a of the body',
    source: CHECKSUM_JSON,
    sampleValue: '{ "kind": "order", "body": { "item": "tea", "qty": 2 } }',
    sampleInput: { format: 'text', text: '{"v":1,"kind":"order","body":{"item":"tea","qty":2},"sum":"5be0055e"}' },
  },
];

/** A new script's text: the shape of a lens, with the functions commented. */
export const NEW_SCRIPT_SOURCE = `// decode(frame, state): frame is { direction: 'in' | 'out', format: 'text', text }
// or { direction, format: 'binary', bytes: Uint8Array }; state is yours, kept between frames.
// Return { type, summary, fields } (fields: a plain object or [{ name, value, children }]),
// an array of them, or null to leave the frame raw. Throw to mark the row with your error.
function decode(frame, state) {
  if (frame.format === 'text') return { type: 'text', summary: frame.text.length + ' characters', fields: { length: frame.text.length } };
  return { type: 'binary', summary: frame.bytes.length + ' bytes', fields: { length: frame.bytes.length } };
}

// encode(value): a JSON value from the composer → the text or Uint8Array to send.
function encode(value) {
  return JSON.stringify(value);
}
`;
