// @ts-check
import { intParam } from '../params.mjs';

/**
 * Whether a server may put `code` in a close frame: 1000-1003, 1007-1014
 * and the registered/private ranges 3000-4999. (1004 is reserved; 1005,
 * 1006 and 1015 must never appear on the wire.)
 *
 * @param {number} code
 */
export function isSendableCloseCode(code) {
  return (
    (code >= 1000 && code <= 1003) ||
    (code >= 1007 && code <= 1014) ||
    (code >= 3000 && code <= 4999)
  );
}

/** RFC 6455: the close frame payload is at most 125 bytes, 2 of them the code. */
export const MAX_REASON_BYTES = 123;

/**
 * `/close?code=C&reason=R`: closes right after open with that code and reason.
 *
 * @type {import('./route.mjs').WsRoute}
 */
export const closeRoute = {
  server: 'plain',
  accept: (params) => {
    const code = intParam(params, 'code', { min: 0, max: 65_535, fallback: 1000 });
    if (!code.ok) return code;
    if (!isSendableCloseCode(code.value)) {
      return {
        ok: false,
        error: `code ${code.value} cannot be sent by a server; use 1000-1003, 1007-1014 or 3000-4999.`,
      };
    }
    const reason = params.get('reason') ?? '';
    const reasonBytes = Buffer.byteLength(reason, 'utf8');
    if (reasonBytes > MAX_REASON_BYTES) {
      return {
        ok: false,
        error: `reason is ${reasonBytes} bytes of UTF-8; a close reason is at most ${MAX_REASON_BYTES} bytes.`,
      };
    }
    return { ok: true, connect: (ws) => ws.close(code.value, reason) };
  },
};
