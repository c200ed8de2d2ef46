// @ts-check
/**
 * Builds the messages of /flood. Pure functions over Buffers, no sockets.
 *
 * Text message i (seq, 1-based): `{"seq":i,"pad":"xxx…"}` with as many 'x'
 * as make its UTF-8 length exactly `size`; when `size` is below the minimal
 * length (17 + digits of i) the message is the minimal `{"seq":i,"pad":""}`.
 *
 * Binary message i: bytes 0..3 = seq as big-endian uint32, bytes 4..7 =
 * 53 4B 50 54 ("SKPT"), byte k ≥ 8 = k & 0xff. With size < 8, the first
 * `size` bytes of that.
 *
 * Up to FRAGMENT_THRESHOLD bytes a message is one Buffer (one frame);
 * larger ones are returned as fragments that share the precomputed padding,
 * so a 256 MiB flood allocates 256 MiB once, not per message.
 */

/** Messages above this size are sent as fragments of one message. */
export const FRAGMENT_THRESHOLD = 64 * 1024;

const TEXT_HEAD = '{"seq":';
const TEXT_MIDDLE = ',"pad":"';
const TEXT_TAIL = Buffer.from('"}', 'latin1');
/** Length of `{"seq":` + `,"pad":"` + `"}`, i.e. everything but the digits and padding. */
const TEXT_OVERHEAD = TEXT_HEAD.length + TEXT_MIDDLE.length + TEXT_TAIL.length;

const BYTE_RAMP = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** @typedef {(seq: number) => Buffer[]} Encoder one or more fragments of message `seq` */

/**
 * @param {number} size
 * @returns {Encoder}
 */
export function textEncoder(size) {
  const pad = Buffer.alloc(Math.max(0, size - TEXT_OVERHEAD - 1), 'x');
  return (seq) => {
    const head = `${TEXT_HEAD}${seq}${TEXT_MIDDLE}`;
    const padLength = Math.max(0, size - head.length - TEXT_TAIL.length);
    const total = head.length + padLength + TEXT_TAIL.length;
    if (total <= FRAGMENT_THRESHOLD) {
      const message = Buffer.allocUnsafe(total);
      message.write(head, 0, 'latin1');
      pad.copy(message, head.length, 0, padLength);
      TEXT_TAIL.copy(message, head.length + padLength);
      return [message];
    }
    return [Buffer.from(head, 'latin1'), pad.subarray(0, padLength), TEXT_TAIL];
  };
}

/**
 * @param {number} size
 * @returns {Encoder}
 */
export function binaryEncoder(size) {
  // The pattern with seq = 0; only bytes 0..3 change per message.
  const template = Buffer.allocUnsafe(Math.max(size, 8));
  template.fill(BYTE_RAMP); // byte k = k & 0xff
  template.writeUInt32BE(0, 0);
  template.write('SKPT', 4, 'latin1');
  if (size <= FRAGMENT_THRESHOLD) {
    return (seq) => {
      const message = Buffer.allocUnsafe(size);
      template.copy(message, 0, 0, size);
      if (size >= 4) {
        message.writeUInt32BE(seq, 0);
      } else {
        const seqBytes = Buffer.allocUnsafe(4);
        seqBytes.writeUInt32BE(seq, 0);
        seqBytes.copy(message, 0, 0, size);
      }
      return [message];
    };
  }
  const rest = template.subarray(4, size);
  return (seq) => {
    const seqBytes = Buffer.allocUnsafe(4);
    seqBytes.writeUInt32BE(seq, 0);
    return [seqBytes, rest];
  };
}

/**
 * UTF-8 length of text message `seq` for a requested `size`.
 *
 * @param {number} size
 * @param {number} seq
 */
export function textMessageLength(size, seq) {
  return Math.max(size, TEXT_OVERHEAD + String(seq).length);
}

const SIO_HEAD = '42["tick",{"seq":';
const SIO_MIDDLE = ',"pad":"';
const SIO_TAIL = Buffer.from('"}]', 'latin1');

/**
 * Socket.IO-shaped text message `seq` for the protocol-lens benchmark:
 * `42["tick",{"seq":i,"pad":"xxx…"}]`, Engine.IO message (4) carrying a
 * Socket.IO EVENT (2) on the default namespace, padded to exactly `size`
 * bytes (or minimal when `size` is smaller).
 *
 * @param {number} size
 * @returns {Encoder}
 */
export function socketIoEncoder(size) {
  const pad = Buffer.alloc(Math.max(0, size), 'x');
  return (seq) => {
    const head = `${SIO_HEAD}${seq}${SIO_MIDDLE}`;
    const padLength = Math.max(0, Math.min(pad.length, size - head.length - SIO_TAIL.length));
    const message = Buffer.allocUnsafe(head.length + padLength + SIO_TAIL.length);
    message.write(head, 0, 'latin1');
    pad.copy(message, head.length, 0, padLength);
    SIO_TAIL.copy(message, head.length + padLength);
    return [message];
  };
}

/**
 * What a Socket.IO v4 server says before its events: the Engine.IO open
 * packet and the default namespace's CONNECT answer. The flood's pingInterval
 * is long: it never pings, and it ignores what the client sends.
 */
export const SOCKET_IO_PRELUDE = Object.freeze([
  '0{"sid":"flood","upgrades":[],"pingInterval":300000,"pingTimeout":20000,"maxPayload":1000000}',
  '40{"sid":"flood-default"}',
]);
