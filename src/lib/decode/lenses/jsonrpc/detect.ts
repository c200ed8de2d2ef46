import type { DetectHint } from '../../types';

const SUBPROTOCOLS: readonly string[] = ['jsonrpc', 'json-rpc'];

function urlPath(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  return (m ? m[1] : '') ?? '';
}

/**
 * JSON-RPC: 3 when the subprotocol is `jsonrpc` or `json-rpc` (chosen, or
 * offered before open), 2 when the URL path ends in /jsonrpc or /json-rpc,
 * 1 when a first text frame carries "jsonrpc": "2.0".
 */
export function detectJsonRpc(hint: DetectHint): number {
  if (SUBPROTOCOLS.includes(hint.protocol)) return 3;
  if (hint.protocol === '' && hint.offered.some((p) => SUBPROTOCOLS.includes(p))) return 3;
  if (/\/json-?rpc\/?$/i.test(urlPath(hint.url))) return 2;
  return hint.frames.some((f) => f.format === 'text' && /"jsonrpc"\s*:\s*"2\.0"/.test(f.text.slice(0, 4096))) ? 1 : 0;
}
