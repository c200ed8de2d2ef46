/**
 * The subprotocol field: a comma-separated list checked the way the
 * WebSockets Standard says `new WebSocket(url, protocols)` must check its
 * array, which is not always what Chromium does.
 *
 * The standard (WHATWG WebSockets, the constructor, step "If any of the
 * values in protocols occur more than once or otherwise fail to match the
 * requirements for elements that comprise the value of
 * `Sec-WebSocket-Protocol` fields as defined by The WebSocket Protocol, then
 * throw a SyntaxError"; RFC 6455 section 4.1 item 10 and 11.3.4):
 * - each value is a token (RFC 7230 / RFC 9110 `tchar`: ASCII letters, digits
 *   and !#$%&'*+-.^_`|~), so the empty string, spaces, commas, "/" or
 *   non-ASCII are SyntaxError. Chromium 156 agrees ("The subprotocol 'chat v1'
 *   is invalid.");
 * - no value twice, compared ASCII case-insensitively (WPT
 *   websockets/Create-protocols-repeated-case-insensitive: ['echo', 'eCho']
 *   must throw). CHROMIUM DIFFERS: it compares case-sensitively, so
 *   ['chat', 'Chat'] does not throw and both are sent; Firefox 153 does the
 *   same. This module follows the standard and refuses the pair;
 * - the standard does not order the two checks; Chromium reports an invalid
 *   value before a duplicate (['x', 'x', 'a b'] → 'a b' is invalid), and so
 *   does this module.
 * The field itself is ours, not the standard's: items are split on commas and
 * trimmed of ASCII whitespace, and an empty item (",," or a trailing comma) is
 * reported where it is; the standard would see the empty string, which is not
 * a token, so it is refused either way.
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
  return checkItems(input.split(',').map((item) => item.replace(EDGE_SPACE, '')), emptyItemError);
}

/**
 * A list already split (a flow's or a script's `protocols: [...]`), checked
 * item by item as given, with the same errors as the field: no trimming, so
 * " chat" is refused for its space as `new WebSocket` would refuse it.
 */
export function checkSubprotocolList(list: readonly string[]): ProtocolsCheck {
  return checkItems([...list], (index) => `Subprotocol ${index + 1} is empty`);
}

function checkItems(items: string[], emptyError: (index: number, count: number) => string): ProtocolsCheck {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? '';
    if (item === '') return { ok: false, error: emptyError(i, items.length) };
    const bad = firstNonTchar(item);
    if (bad >= 0) {
      const cp = item.codePointAt(bad) ?? 0;
      const ch = cp > 0xffff ? item.slice(bad, bad + 2) : item.charAt(bad);
      return { ok: false, error: `${quote(item)} is not a valid subprotocol: ${describeChar(ch)} is not allowed` };
    }
  }
  // Tokens are ASCII, so toLowerCase here is the standard's ASCII lowercase.
  const seen = new Map<string, string>();
  for (const item of items) {
    const key = item.toLowerCase();
    const first = seen.get(key);
    if (first === item) return { ok: false, error: `${quote(item)} is listed twice` };
    if (first !== undefined) {
      return {
        ok: false,
        error: `${quote(first)} and ${quote(item)} are the same subprotocol: the WebSockets standard compares them ignoring ASCII case (Chromium and Firefox would send both).`,
      };
    }
    seen.set(key, item);
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
