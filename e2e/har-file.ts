import { writeFileSync } from 'node:fs';

/**
 * Writes a HAR file with one WebSocket entry of `messages` received text
 * messages `{"seq":i,"pad":"…"}` of about `size` bytes each, as Chrome
 * DevTools saves one; returns its size in bytes. For import tests that need a
 * file too large to read in one task.
 */
export function writeHar(path: string, messages: number, size: number): number {
  const pad = 'x'.repeat(Math.max(0, size - 24));
  const parts: string[] = [];
  for (let i = 1; i <= messages; i++) parts.push(`{"type":"receive","time":${(1_764_590_400 + i / 1000).toFixed(3)},"opcode":1,"data":${JSON.stringify(`{"seq":${i},"pad":"${pad}"}`)}}`);
  const text =
    '{"log":{"version":"1.2","creator":{"name":"e2e","version":"1"},"entries":[{"startedDateTime":"2025-12-01T12:00:00.000Z","_resourceType":"websocket",' +
    '"request":{"method":"GET","url":"wss://example.test/feed","headers":[]},"response":{"status":101,"headers":[]},"_webSocketMessages":[' +
    parts.join(',') +
    ']}]}}';
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}
