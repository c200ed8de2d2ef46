// @ts-check
/**
 * /lp: a small length-prefixed binary format, the worked example for a
 * custom lens (docs/user-code.md, the gallery's "Length-prefixed
 * envelope"). No built-in lens reads it.
 *
 * A frame holds one or more records, back to back:
 *
 *     [u16 big-endian: length of the rest][u8 type][payload]
 *
 * The length counts the type byte and the payload (so it is at least 1).
 *
 * | type | name    | payload                                  | sent by         |
 * |-----:|---------|------------------------------------------|-----------------|
 * |    1 | hello   | UTF-8 name                               | both            |
 * |    2 | reading | u32 BE id, f32 BE value (8 bytes)        | both            |
 * |    3 | ack     | u32 BE id of a reading accepted          | server          |
 * |    4 | error   | UTF-8 text                               | server          |
 *
 * On open the server sends HELLO_FRAMES. After that every binary frame from
 * the client is read in full before anything is accepted:
 * - a frame whose records do not add up (a length that runs past the end of
 *   the frame, a length of 0, a frame too short for a length) closes the
 *   socket with 1007 and a reason naming the byte offset;
 * - well-framed records of an unknown type or a wrong payload size are
 *   answered with one error record (type 4) and nothing of the frame is
 *   accepted;
 * - otherwise the answer is one frame: a hello record "welcome, <name>" for
 *   each hello, an ack record for each reading, in order.
 * A text frame is answered with an error record.
 */

export const LP_TYPES = Object.freeze({ hello: 1, reading: 2, ack: 3, error: 4 });

/** A 1007 close reason must fit 123 UTF-8 bytes. */
const MAX_REASON = 123;

/**
 * One record's bytes.
 *
 * @param {number} type
 * @param {Uint8Array} payload
 * @returns {Buffer}
 */
export function lpRecord(type, payload) {
  const out = Buffer.alloc(3 + payload.length);
  out.writeUInt16BE(1 + payload.length, 0);
  out.writeUInt8(type, 2);
  out.set(payload, 3);
  return out;
}

/** @param {string} text */
export const helloRecord = (text) => lpRecord(LP_TYPES.hello, Buffer.from(text, 'utf8'));
/** @param {string} text */
export const errorRecord = (text) => lpRecord(LP_TYPES.error, Buffer.from(text, 'utf8'));

/** @param {number} id */
export function ackRecord(id) {
  const p = Buffer.alloc(4);
  p.writeUInt32BE(id, 0);
  return lpRecord(LP_TYPES.ack, p);
}

/**
 * @param {number} id
 * @param {number} value stored as a 32-bit float
 */
export function readingRecord(id, value) {
  const p = Buffer.alloc(8);
  p.writeUInt32BE(id, 0);
  p.writeFloatBE(value, 4);
  return lpRecord(LP_TYPES.reading, p);
}

/**
 * The frames sent on open, in order: a hello; two readings in one frame;
 * one more reading. The values are exact in a 32-bit float.
 *
 * @type {readonly Buffer[]}
 */
export const HELLO_FRAMES = Object.freeze([
  helloRecord('sockpit-lp'),
  Buffer.concat([readingRecord(1, 21.5), readingRecord(2, -3.25)]),
  readingRecord(3, 1013.25),
]);

/**
 * @typedef {{ type: number, offset: number, payload: Buffer }} LpRecord
 * @typedef {{ ok: true, records: LpRecord[] } | { ok: false, reason: string }} Split
 */

/**
 * Splits a frame into records, or says where the framing is broken.
 *
 * @param {Buffer} frame
 * @returns {Split}
 */
export function splitRecords(frame) {
  /** @type {LpRecord[]} */
  const records = [];
  let at = 0;
  if (frame.length === 0) return { ok: false, reason: 'lp: empty frame; a frame holds at least one record' };
  while (at < frame.length) {
    if (frame.length - at < 2) return { ok: false, reason: `lp: byte ${at}: ${frame.length - at} byte left, a record starts with a 2-byte length` };
    const length = frame.readUInt16BE(at);
    if (length === 0) return { ok: false, reason: `lp: byte ${at}: length 0, a record holds at least its type byte` };
    if (at + 2 + length > frame.length) {
      return { ok: false, reason: `lp: byte ${at}: length ${length} runs past the end of the frame (${frame.length} bytes)` };
    }
    records.push({ type: frame.readUInt8(at + 2), offset: at, payload: frame.subarray(at + 3, at + 2 + length) });
    at += 2 + length;
  }
  return { ok: true, records };
}

/**
 * What the server answers to one binary frame.
 *
 * @param {Buffer} frame
 * @returns {{ kind: 'reply', frame: Buffer } | { kind: 'close', code: 1007, reason: string }}
 */
export function answerFrame(frame) {
  const split = splitRecords(frame);
  if (!split.ok) return { kind: 'close', code: 1007, reason: split.reason.slice(0, MAX_REASON) };
  /** @type {Buffer[]} */
  const out = [];
  for (let i = 0; i < split.records.length; i++) {
    const r = /** @type {LpRecord} */ (split.records[i]);
    const where = `record ${i + 1} (byte ${r.offset})`;
    if (r.type === LP_TYPES.hello) {
      const name = new TextDecoder('utf-8', { fatal: false }).decode(r.payload);
      out.push(helloRecord(`welcome, ${name}`));
    } else if (r.type === LP_TYPES.reading) {
      if (r.payload.length !== 8) return { kind: 'reply', frame: errorRecord(`${where}: a reading is 8 bytes (u32 id, f32 value), got ${r.payload.length}`) };
      out.push(ackRecord(r.payload.readUInt32BE(0)));
    } else {
      return { kind: 'reply', frame: errorRecord(`${where}: type ${r.type} is not one a client sends (1 hello, 2 reading)`) };
    }
  }
  return { kind: 'reply', frame: Buffer.concat(out) };
}

/** @type {import('./route.mjs').WsRoute} */
export const lpRoute = {
  server: 'plain',
  accept: () => ({
    ok: true,
    connect: (ws) => {
      for (const frame of HELLO_FRAMES) ws.send(frame, { binary: true });
      ws.on('message', (data, isBinary) => {
        if (!isBinary) {
          ws.send(errorRecord('send records as a binary frame'), { binary: true });
          return;
        }
        const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        const answer = answerFrame(bytes);
        if (answer.kind === 'close') ws.close(answer.code, answer.reason);
        else ws.send(answer.frame, { binary: true });
      });
    },
  }),
};
