import type { DetectHint } from '../../types';

/**
 * Socket.IO when the URL says so (a `/socket.io/` path or an `EIO=` query
 * parameter: 2), or when the server's first text frame is an Engine.IO open
 * packet `0{"sid":…}` (2 with its ping settings, else 1).
 */
export function detectSocketIo(hint: DetectHint): number {
  const q = hint.url.indexOf('?');
  const path = q < 0 ? hint.url : hint.url.slice(0, q);
  if (path.includes('/socket.io/') || (q >= 0 && /(^|&)EIO=[34](&|$)/.test(hint.url.slice(q + 1)))) return 2;
  const first = hint.frames.find((f) => f.format === 'text' && f.direction === 'in');
  if (!first || first.format !== 'text' || !first.text.startsWith('0{"sid":')) return 0;
  return /"pingInterval":\d+/.test(first.text.slice(0, 1024)) ? 2 : 1;
}
