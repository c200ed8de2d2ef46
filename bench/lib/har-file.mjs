// @ts-check
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Writes a HAR file with one WebSocket entry of `messages` received text
 * messages `{"seq":i,"pad":"…"}` of about `size` bytes each, as Chrome
 * DevTools saves one, in parts (a 200 MB file never sits in memory whole);
 * returns its size in bytes. For the import bench case and the import e2e.
 * @param {string} path
 * @param {number} messages
 * @param {number} size
 */
export function writeHar(path, messages, size) {
  const pad = 'x'.repeat(Math.max(0, size - 24));
  const fd = openSync(path, 'w');
  let bytes = 0;
  const put = (/** @type {string} */ s) => {
    bytes += writeSync(fd, s);
  };
  try {
    put(
      '{"log":{"version":"1.2","creator":{"name":"sockpit-bench","version":"1"},"entries":[{"startedDateTime":"2025-12-01T12:00:00.000Z","_resourceType":"websocket",' +
        '"request":{"method":"GET","url":"wss://example.test/feed","headers":[]},"response":{"status":101,"headers":[]},"_webSocketMessages":[',
    );
    const PART = 10_000;
    for (let from = 1; from <= messages; from += PART) {
      const parts = [];
      for (let i = from; i < from + PART && i <= messages; i++) {
        parts.push(`{"type":"receive","time":${(1_764_590_400 + i / 1000).toFixed(3)},"opcode":1,"data":${JSON.stringify(`{"seq":${i},"pad":"${pad}"}`)}}`);
      }
      put((from === 1 ? '' : ',') + parts.join(','));
    }
    put(']}]}}');
  } finally {
    closeSync(fd);
  }
  return bytes;
}
