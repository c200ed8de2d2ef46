import type { DetectHint } from '../../types';

export const WAMP_JSON = 'wamp.2.json';

const HELLO = /^\s*\[\s*1\s*,\s*"/;
const WELCOME = /^\s*\[\s*2\s*,\s*\d+\s*,\s*\{/;

/**
 * WAMP v2 (JSON serialization) when the subprotocol is `wamp.2.json` (3), the
 * URL's last path segment is `wamp` or `ws` under a `/wamp` path (2: a router
 * refuses a client that does not offer the subprotocol, so Auto offers it), or
 * the first frames are a HELLO `[1,"realm",{…}]` or WELCOME `[2,session,{…}]` (1).
 */
export function detectWamp(hint: DetectHint): number {
  if (hint.protocol === WAMP_JSON || hint.offered.includes(WAMP_JSON)) return 3;
  try {
    if (/\/wamp(\/ws)?\/?$/i.test(new URL(hint.url).pathname)) return 2;
  } catch {
    // not a URL: frames only
  }
  return hint.frames.slice(0, 4).some((f) => f.format === 'text' && (HELLO.test(f.text.slice(0, 64)) || WELCOME.test(f.text.slice(0, 64)))) ? 1 : 0;
}
