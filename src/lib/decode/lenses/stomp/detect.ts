import type { DetectHint } from '../../types';

export const STOMP_SUBPROTOCOLS: readonly string[] = ['v12.stomp', 'v11.stomp', 'v10.stomp'];

function urlPath(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  return (m ? m[1] : '') ?? '';
}

/**
 * STOMP: 3 when the subprotocol is v10.stomp, v11.stomp or v12.stomp (chosen,
 * or offered before open), 2 when the URL path has /stomp, 1 when a first
 * frame starts with CONNECT, CONNECTED or STOMP and a line break.
 */
export function detectStomp(hint: DetectHint): number {
  if (STOMP_SUBPROTOCOLS.includes(hint.protocol)) return 3;
  if (hint.protocol === '' && hint.offered.some((p) => STOMP_SUBPROTOCOLS.includes(p))) return 3;
  if (/\/stomp/i.test(urlPath(hint.url))) return 2;
  const starts = (s: string) => /^(CONNECT|CONNECTED|STOMP)\r?\n/.test(s);
  return hint.frames.some((f) => (f.format === 'text' ? starts(f.text.slice(0, 16)) : starts(new TextDecoder().decode(f.bytes.subarray(0, 16))))) ? 1 : 0;
}
