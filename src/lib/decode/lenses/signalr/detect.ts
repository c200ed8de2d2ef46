import type { DetectHint } from '../../types';

/** The record separator that ends every SignalR JSON message. */
export const RS = '\x1e';

/**
 * SignalR (JSON hub protocol) when the client's first frame is the handshake
 * `{"protocol":"json",…}` or text frames end with the record separator 0x1E
 * (1); when the URL is a hub's: a last path segment ending in "hub", or
 * "signalr" (2). A client that skips negotiation connects to the hub's URL
 * without an `id=`, and the server says nothing until the client's
 * handshake, so the URL is all Auto has to go on.
 */
export function detectSignalR(hint: DetectHint): number {
  let score = 0;
  try {
    const u = new URL(hint.url);
    const last = u.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
    if (/hub$/i.test(last) || /^signalr$/i.test(last)) score = 2;
  } catch {
    // not a URL: frames only
  }
  if (score > 0) return score;
  const texts = hint.frames.filter((f) => f.format === 'text');
  const first = texts[0];
  if (first && first.format === 'text' && /^\s*\{\s*"protocol"\s*:\s*"json"/.test(first.text)) return 1;
  if (texts.length > 0 && texts.every((f) => f.format === 'text' && f.text.length > 1 && f.text.endsWith(RS))) return 1;
  return 0;
}
