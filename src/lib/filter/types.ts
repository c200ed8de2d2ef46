/** The timeline filter as data: what the filter bar, a flow's `expect` and a saved view all describe. */
export type DirectionFilter = 'in' | 'out';
export type KindFilter = 'open' | 'message' | 'error' | 'close' | 'note';
export type PayloadFilter = 'text' | 'json' | 'binary';

/** The timeline filter bar: one for all connections, persisted. All boxes ticked and no query = no filter. */
export interface TimelineFilter {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  directions: Record<DirectionFilter, boolean>;
  kinds: Record<KindFilter, boolean>;
  payloads: Record<PayloadFilter, boolean>;
  /** show protocol heartbeats (Engine.IO ping/pong, PINGREQ, STOMP EOLs, …); absent = hidden */
  heartbeats?: boolean;
}

/** Everything shown, no query. */
export const EMPTY_FILTER: TimelineFilter = {
  query: '',
  regex: false,
  caseSensitive: false,
  directions: { in: true, out: true },
  kinds: { open: true, message: true, error: true, close: true, note: true },
  payloads: { text: true, json: true, binary: true },
};
