/**
 * WebSocket close codes: names and meanings (RFC 6455 §7.4 and the IANA
 * "WebSocket Close Code Number Registry"), and the rules `ws.close(code,
 * reason)` enforces in the browser.
 */
import { utf8ByteLength } from './codecs';

export interface CloseCodeInfo {
  code: number;
  name: string;
  meaning: string;
  /** Who may send it, or that it never appears in a close frame. */
  who: string;
}

/** Longest close reason, in UTF-8 bytes: a control frame carries at most 125 bytes, 2 of them the code. */
export const MAX_CLOSE_REASON_BYTES = 123;

const BROWSER_OR_SERVER = 'The browser or the server; a page cannot pass it to close().';
const NEVER_SENT = 'Never sent in a close frame: the browser reports it locally.';
const PAGE_OR_SERVER = 'Either side; a page may pass it to close().';

const KNOWN: Readonly<Record<number, readonly [name: string, meaning: string, who: string]>> = {
  1000: ['Normal Closure', 'The connection did what it was opened for and is being closed on purpose.', PAGE_OR_SERVER],
  1001: [
    'Going Away',
    'An endpoint is going away: a server shutting down, or a browser leaving or reloading the page.',
    BROWSER_OR_SERVER,
  ],
  1002: ['Protocol Error', 'An endpoint received a frame that breaks the WebSocket protocol.', BROWSER_OR_SERVER],
  1003: [
    'Unsupported Data',
    'An endpoint received a kind of data it cannot accept, such as binary sent to a text-only endpoint.',
    BROWSER_OR_SERVER,
  ],
  1004: ['Reserved', 'Reserved; a meaning may be defined in the future.', 'Nobody: it must not be sent.'],
  1005: [
    'No Status Received',
    'The close frame carried no status code, for example after close() with no code.',
    NEVER_SENT,
  ],
  1006: [
    'Abnormal Closure',
    'The connection ended without a close frame: refused or failed handshake, blocked port, network drop or server crash.',
    NEVER_SENT,
  ],
  1007: [
    'Invalid Frame Payload Data',
    'A message did not match its type, for example a text message that is not valid UTF-8.',
    BROWSER_OR_SERVER,
  ],
  1008: [
    'Policy Violation',
    "A message broke the endpoint's policy; the generic code when no more specific one fits.",
    BROWSER_OR_SERVER,
  ],
  1009: ['Message Too Big', 'A message was too large for the endpoint to process.', BROWSER_OR_SERVER],
  1010: [
    'Mandatory Extension',
    'The client needed an extension that the server did not agree to in the handshake.',
    'Only a client (never from page script); the browser may send it.',
  ],
  1011: ['Internal Error', 'The server hit an unexpected condition that kept it from completing the request.', BROWSER_OR_SERVER],
  1012: ['Service Restart', 'The server is restarting; reconnect after a short wait.', 'A server.'],
  1013: ['Try Again Later', 'The server is overloaded or limiting clients; reconnect later.', 'A server.'],
  1014: ['Bad Gateway', 'A gateway or proxy received an invalid response from the server behind it.', 'A gateway or proxy.'],
  1015: ['TLS Handshake', 'The TLS handshake failed, for example because the certificate could not be verified.', NEVER_SENT],
};

/** The registry name of a close code, or the name of its range. */
export function closeCodeName(code: number): string {
  return describeCloseCode(code).name;
}

export function describeCloseCode(code: number): CloseCodeInfo {
  const known = Number.isInteger(code) ? KNOWN[code] : undefined;
  if (known) return { code, name: known[0], meaning: known[1], who: known[2] };
  if (!Number.isInteger(code) || code < 0 || code > 4999) {
    return {
      code,
      name: 'Invalid',
      meaning: 'Outside the close codes WebSocket defines (0–4999).',
      who: 'Nobody: it is not a valid close code.',
    };
  }
  if (code < 1000) {
    return { code, name: 'Not used', meaning: 'Codes below 1000 are not used.', who: 'Nobody: it is not a valid close code.' };
  }
  if (code < 3000) {
    return {
      code,
      name: 'Reserved',
      meaning: 'Reserved for future versions of the WebSocket protocol and its extensions.',
      who: 'The protocol itself; a page cannot pass it to close().',
    };
  }
  if (code < 4000) {
    return {
      code,
      name: 'Registered (libraries, frameworks)',
      meaning: 'For libraries, frameworks and applications, registered with IANA.',
      who: PAGE_OR_SERVER,
    };
  }
  return { code, name: 'Private use', meaning: 'Free for applications to agree on between client and server.', who: PAGE_OR_SERVER };
}

/** Whether a page may pass `code` to ws.close(): exactly 1000 or 3000–4999. */
export function canSendCloseCode(code: number): boolean {
  return code === 1000 || (Number.isInteger(code) && code >= 3000 && code <= 4999);
}

export type CloseCheck = { ok: true; code: number | undefined; reason: string } | { ok: false; field: 'code' | 'reason'; error: string };

const USE = 'use 1000 or 3000–4999';

/**
 * Checks the close form the way `ws.close(code, reason)` would, code first
 * (as Chromium does: with a bad code and a long reason it throws
 * InvalidAccessError, not SyntaxError).
 *
 * An empty code field means "no code": ws.close() then sends a close frame
 * with no body and both sides report 1005 (No Status Received), as confirmed
 * in Chromium 156 against a `ws` server.
 *
 * An empty code with a non-empty reason is an error, although the WHATWG
 * spec allows it ("If reason is non-empty but code is null, then set code to
 * 1000"): Chromium's bindings turn the missing code of close(undefined,
 * reason) into 0 and throw InvalidAccessError ("The close code must be either
 * 1000, or between 3000 and 4999. 0 is neither."), so the user is asked to
 * type the code, which works in every browser.
 *
 * The reason is returned unchanged; the browser sends lone surrogates as
 * U+FFFD, which is why they count 3 bytes toward the 123-byte limit.
 *
 * Stricter than the browser on one point: the code must be written as a
 * whole number ("1000.5" is refused here, where close(1000.5) would quietly
 * round it to 1000).
 */
export function checkCloseInput(codeText: string, reason: string): CloseCheck {
  const text = codeText.trim();
  let code: number | undefined;
  if (text !== '') {
    if (!/^[+-]?\d+$/.test(text)) return { ok: false, field: 'code', error: 'Close code must be a whole number' };
    code = Number(text);
    const error = closeCodeError(code);
    if (error) return { ok: false, field: 'code', error };
  } else if (reason !== '') {
    return { ok: false, field: 'code', error: `Enter a close code to send a reason: ${USE}` };
  }
  const bytes = utf8ByteLength(reason);
  if (bytes > MAX_CLOSE_REASON_BYTES) {
    return { ok: false, field: 'reason', error: `Reason is ${bytes} bytes in UTF-8; the limit is ${MAX_CLOSE_REASON_BYTES}` };
  }
  return { ok: true, code, reason };
}

/** Why a page may not send this whole number as a close code, or undefined if it may. */
function closeCodeError(code: number): string | undefined {
  if (canSendCloseCode(code)) return undefined;
  if (code === 1005 || code === 1006 || code === 1015) {
    return `${code} (${closeCodeName(code)}) is never sent in a close frame: ${USE}`;
  }
  if (code === 1004 || (code >= 1016 && code <= 2999)) {
    return `${code} (Reserved) is reserved for the WebSocket protocol: ${USE}`;
  }
  if (code > 1000 && code < 1016) return `${code} (${closeCodeName(code)}) is reserved for the browser: ${USE}`;
  if (code >= 0 && code < 1000) return `${code} is not a close code (0–999 are not used): ${USE}`;
  return `${code} is out of range: ${USE}`;
}

/**
 * The arguments to spread into ws.close() for a checked form: `[]` for no
 * code (the browser sends no status), `[code]` without a reason, or
 * `[code, reason]`. Never `[undefined, reason]`, which Chromium rejects.
 */
export function closeArguments(check: { code: number | undefined; reason: string }): [] | [number] | [number, string] {
  if (check.code === undefined) return [];
  return check.reason === '' ? [check.code] : [check.code, check.reason];
}

/**
 * Whether a close means the connection failed: an error event came first (a
 * failed handshake is an error then 1006), the close was not clean, or the
 * code is one the browser reports for a broken connection (1006 abnormal,
 * 1015 TLS). A clean close with any other code, 4001 say, is not a failure.
 */
export function closeFailed(code: number, wasClean: boolean, errored: boolean): boolean {
  return errored || !wasClean || code === 1006 || code === 1015;
}
