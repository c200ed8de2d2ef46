/** The WebSocket readyState as the API names it (0–3). */
export type ReadyStateName = 'CONNECTING' | 'OPEN' | 'CLOSING' | 'CLOSED';
export const READY_STATE_NAMES: readonly ReadyStateName[] = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
