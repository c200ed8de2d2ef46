import type { DetectHint } from '../../types';

/** The two subprotocols of GraphQL over WebSocket: graphql-ws's and the legacy subscriptions-transport-ws. */
export const GRAPHQL_SUBPROTOCOLS: readonly string[] = ['graphql-transport-ws', 'graphql-ws'];

function urlPath(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  return (m ? m[1] : '') ?? '';
}

/**
 * GraphQL over WebSocket: 3 when the subprotocol is graphql-transport-ws or
 * graphql-ws (chosen, or offered before open), 2 when the URL path has
 * /graphql, 1 when a first frame is a connection_init or connection_ack.
 */
export function detectGraphql(hint: DetectHint): number {
  if (GRAPHQL_SUBPROTOCOLS.includes(hint.protocol)) return 3;
  if (hint.protocol === '' && hint.offered.some((p) => GRAPHQL_SUBPROTOCOLS.includes(p))) return 3;
  if (/\/graphql/i.test(urlPath(hint.url))) return 2;
  return hint.frames.some((f) => f.format === 'text' && /^\s*\{\s*"type"\s*:\s*"connection_(init|ack)"/.test(f.text.slice(0, 256))) ? 1 : 0;
}
