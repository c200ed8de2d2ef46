import type { DetectHint } from '../../types';

/** JSON-RPC when a first text frame carries "jsonrpc": "2.0". */
export function detectJsonRpc(hint: DetectHint): number {
  if (hint.protocol === 'jsonrpc' || hint.protocol === 'json-rpc') return 3;
  return hint.frames.some((f) => f.format === 'text' && /"jsonrpc"\s*:\s*"2\.0"/.test(f.text.slice(0, 4096))) ? 1 : 0;
}
