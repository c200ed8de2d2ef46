import type { DetectHint } from '../../types';

/** Subprotocols the Rails client offers: the JSON one, then the marker that the server does not support it. */
export const ACTION_CABLE_PROTOCOLS = ['actioncable-v1-json', 'actioncable-unsupported'] as const;

/**
 * Action Cable when the server chose (or the user offered) the subprotocol
 * `actioncable-v1-json` (3), the URL path ends in `/cable` (2), or the server
 * said `{"type":"welcome"}` (1).
 */
export function detectActionCable(hint: DetectHint): number {
  if (hint.protocol === 'actioncable-v1-json' || hint.offered.includes('actioncable-v1-json')) return 3;
  try {
    if (/\/cable\/?$/.test(new URL(hint.url).pathname)) return 2;
  } catch {
    // frames only
  }
  return hint.frames.some((f) => f.format === 'text' && /^\s*\{\s*"type"\s*:\s*"welcome"/.test(f.text.slice(0, 256))) ? 1 : 0;
}
