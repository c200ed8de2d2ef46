import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../services/sockets/event-log';
import type { TimeRange } from '../../../store/types';
import type { Look } from '../utils/palette';

/** A request/reply pair as features/pairing keeps it, handed in by the app. */
export interface RttPair {
  request: number;
  reply: number;
  rtt: number;
}

export interface RttInput {
  log: EventLog;
  pairs: readonly RttPair[];
}

/** What a chart can export: its canvas as PNG, its series as CSV. */
export interface Exporter {
  name: string;
  canvas: () => HTMLCanvasElement | null;
  csv: () => string;
}

/** What every chart tab gets from the Charts pane. */
export interface ChartContext {
  ids: readonly ConnectionId[];
  logs: EventLog[];
  labelOf: (id: ConnectionId) => string;
  /** bumps when the series caught up with new events */
  tick: number;
  look: Look;
  /** the filter's brushed range */
  range: TimeRange | undefined;
  brush: (from: number, to: number) => void;
  /** select the event nearest this time */
  pick: (time: number) => void;
  /** select this event */
  go: (log: EventLog, seq: number) => void;
  rttPairs: () => RttInput[];
  showTable: boolean;
  register: (e: Exporter | null) => void;
}
