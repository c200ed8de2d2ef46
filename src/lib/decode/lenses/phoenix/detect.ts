import type { DetectHint } from '../../types';

const V2 = /^\s*\[\s*(null|"[^"]*"|\d+)\s*,\s*(null|"[^"]*"|\d+)\s*,\s*"[^"]*"\s*,\s*"[^"]*"\s*,/;
const V1 = /"topic"\s*:/;

/**
 * Phoenix Channels when the URL is a socket's transport (path ending in
 * `/websocket` with `vsn=`, 2), or the frames have the serializers' shapes:
 * `[join_ref, ref, topic, event, payload]` (v2) or an object with topic,
 * event, payload and ref (v1) (1).
 */
export function detectPhoenix(hint: DetectHint): number {
  try {
    const u = new URL(hint.url);
    if (/\/websocket\/?$/.test(u.pathname) && u.searchParams.has('vsn')) return 2;
  } catch {
    // frames only
  }
  const texts = hint.frames.filter((f) => f.format === 'text').slice(0, 4);
  if (texts.length === 0) return 0;
  return texts.every((f) => {
    if (f.format !== 'text') return false;
    const head = f.text.slice(0, 4096);
    if (V2.test(head)) return true;
    return /^\s*\{/.test(head) && V1.test(head) && /"event"\s*:/.test(head) && /"payload"\s*:/.test(head) && /"ref"\s*:/.test(head);
  })
    ? 1
    : 0;
}
