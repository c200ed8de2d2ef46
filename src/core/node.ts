/**
 * The Node entry of the session core: sockets from the `ws` package (Node 20
 * has no global WebSocket), the real clock, the socket host inline in this
 * process. The flow engine's CLI opens its connections through this.
 */
import { WebSocket as NodeWebSocket } from 'ws';
import { realClock } from './clock';
import { createSessionCore } from './session-core';
import type { CoreEnv, HostedCore } from './session-core';
import type { WebSocketCtor } from './types';

/** `ws`'s WebSocket follows the WHATWG interface the host uses (onopen/onmessage/onclose, binaryType, readyState, bufferedAmount). */
export const nodeWebSocket = NodeWebSocket as unknown as WebSocketCtor;

/** A session core for Node; `env` may replace the clock, the retention limits or the base URL of relative URLs (none by default). */
export function createNodeCore(env: Omit<CoreEnv, 'transport'> = {}): HostedCore {
  return createSessionCore({ WebSocket: nodeWebSocket, clock: realClock, ...env });
}
