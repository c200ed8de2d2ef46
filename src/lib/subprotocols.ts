/**
 * The subprotocol field: a comma-separated list checked the way
 * `new WebSocket(url, protocols)` checks its array.
 *
 * Browser rules (WHATWG WebSockets; confirmed in Chromium 156):
 * - each value must be a token (RFC 7230 tchar: ASCII letters, digits and
 *   !#$%&'*+-.^_`|~), so the empty string, spaces, commas, "/" or non-ASCII
 *   are SyntaxError ("The subprotocol 'chat v1' is invalid.");
 * - no value twice, compared case-sensitively: ['chat', 'chat'] throws
 *   ("The subprotocol 'chat' is duplicated.") but ['chat', 'Chat'] is allowed
 *   and both are sent in Sec-WebSocket-Protocol;
 * - every value is checked for validity before any duplicate is looked for:
 *   ['x', 'x', 'a b'] reports 'a b' as invalid, not 'x' as duplicated.
 */
import { describeChar } from './codecs';

export type ProtocolsCheck = { ok: true; protocols: string[] } | { ok: false; error: string };

/** RFC 7230 tchar, as a lookup by char code. */
const TCHAR = new Uint8Array(128);
for (let c = 0x21; c < 0x7f; c++) TCHAR[c] = 1;
for (const sep of '()<>@,;:\\"/[]?={}') TCHAR[sep.charCodeAt(0)] = 0;

/** Index of the first character that may not appear in a subprotocol, or -1. */
function firstNonTchar(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TCHAR[c] !== 1) return i;
  }
  return -1;
}

/** Whether `s` is a value `new WebSocket(url, [s])` accepts. */
export function isValidSubprotocol(s: string): boolean {
  return s.length > 0 && firstNonTchar(s) < 0;
}

// Only ASCII whitespace around an item is trimmed; a no-break space or a
// zero-width space is reported, since the browser would refuse it.
const EDGE_SPACE = /^[ \t\r\n\f]+|[ \t\r\n\f]+$/g;

/**
 * "chat, v2.json" → ['chat', 'v2.json']. Items are trimmed; an empty or
 * blank field is no subprotocols at all. Errors name the item and, for an
 * invalid one, the first character the browser would refuse.
 */
export function parseSubprotocols(input: string): ProtocolsCheck {
  if (input.replace(EDGE_SPACE, '') === '') return { ok: true, protocols: [] };
  const items = input.split(',').map((item) => item.replace(EDGE_SPACE, ''));
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? '';
    if (item === '') return { ok: false, error: emptyItemError(i, items.length) };
    const bad = firstNonTchar(item);
    if (bad >= 0) {
      const cp = item.codePointAt(bad) ?? 0;
      const ch = cp > 0xffff ? item.slice(bad, bad + 2) : item.charAt(bad);
      return { ok: false, error: `${quote(item)} is not a valid subprotocol: ${describeChar(ch)} is not allowed` };
    }
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item)) return { ok: false, error: `${quote(item)} is listed twice` };
    seen.add(item);
  }
  return { ok: true, protocols: items };
}

function emptyItemError(index: number, count: number): string {
  if (index === count - 1) return 'The list ends with a comma: remove it, or add a subprotocol after it';
  if (index === 0) return 'The list starts with a comma: remove it, or add a subprotocol before it';
  return `Subprotocol ${index + 1} is empty: remove the extra comma`;
}

/** The item in double quotes, with control characters escaped so they show. */
function quote(s: string): string {
  return JSON.stringify(s);
}

/** The list as the field shows it: "chat, v2.json". */
export function formatSubprotocols(protocols: readonly string[]): string {
  return protocols.join(', ');
}
