// @ts-check
/**
 * What a protocol route received, so tests (and curious people) can check
 * that the server side accepted a frame. Bounded: the oldest entries go first.
 */

/**
 * @typedef {object} ReceivedEntry
 * @property {number} time Date.now() when it arrived
 * @property {number} connection a number per connection, counting from 1
 * @property {string} text the frame as text (binary frames as "<binary N B>")
 * @property {string} [note] what the route made of it ("invalid JSON", "unknown procedure", …)
 *
 * @typedef {object} ReceivedLog
 * @property {ReceivedEntry[]} entries oldest first
 * @property {(connection: number, text: string, note?: string) => ReceivedEntry} record
 * @property {() => number} nextConnection
 * @property {() => void} clear
 */

/** Entries kept per route. */
export const RECEIVED_LOG_LIMIT = 1000;

/**
 * @param {number} [limit]
 * @returns {ReceivedLog}
 */
export function createReceivedLog(limit = RECEIVED_LOG_LIMIT) {
  /** @type {ReceivedEntry[]} */
  const entries = [];
  let connections = 0;
  return {
    entries,
    record(connection, text, note) {
      /** @type {ReceivedEntry} */
      const entry = note === undefined ? { time: Date.now(), connection, text } : { time: Date.now(), connection, text, note };
      entries.push(entry);
      if (entries.length > limit) entries.splice(0, entries.length - limit);
      return entry;
    },
    nextConnection: () => ++connections,
    clear: () => {
      entries.length = 0;
    },
  };
}

/**
 * A received message as text: binary frames are not decoded by these routes.
 *
 * @param {import('ws').RawData} data
 * @param {boolean} isBinary
 * @returns {string | null} null for binary
 */
export function messageText(data, isBinary) {
  if (isBinary) return null;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
