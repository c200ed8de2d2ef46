// @ts-check
import { STATUS_CODES } from 'node:http';

/** Headers sent with every plain HTTP response of the playground. */
export const PLAYGROUND_HEADERS = Object.freeze({
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
});

/**
 * Sends a complete response with a fixed body. The body is never built from
 * request data.
 *
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} contentType
 * @param {string} body
 * @param {Record<string, string>} [extraHeaders]
 */
export function sendBody(res, status, contentType, body, extraHeaders = {}) {
  const buffer = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    ...PLAYGROUND_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(buffer.length),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buffer);
}

/**
 * Refuses a WebSocket upgrade: writes a plain HTTP response on the raw socket,
 * then destroys the socket once it is flushed. The browser reports the
 * handshake as failed (close code 1006).
 *
 * @param {import('node:stream').Duplex} socket
 * @param {number} status
 * @param {string} message plain text, ends up in the response body
 */
export function rejectUpgrade(socket, status, message) {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(`${message}\n`, 'utf8');
  const head =
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Connection: close\r\n' +
    'Content-Type: text/plain; charset=utf-8\r\n' +
    `Content-Length: ${body.length}\r\n` +
    'X-Content-Type-Options: nosniff\r\n' +
    '\r\n';
  socket.once('finish', () => socket.destroy());
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
}
