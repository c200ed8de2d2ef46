import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../core/event-log';

/**
 * What a timeline shows: `count` rows, each an event of some log. A plain
 * connection view maps row i to seq start + i; a filtered or merged view maps
 * through an index. Rows are read on demand, only for the rows in view.
 */
export interface TimelineSource {
  readonly count: number;
  /** changes whenever the rows change */
  readonly version: number;
  /** what the rows come from (a log, an index): a new origin means new rows even at the same version */
  readonly origin: object;
  logAt(index: number): EventLog | undefined;
  seqAt(index: number): number;
  /**
   * The row's place in a sequence that moves with the rows, not with the view: consecutive rows
   * have consecutive slots and a row keeps its slot while the view scrolls, rows are added or old
   * ones evicted (a log's seq; an index's position). The timeline keys its rows by slot (lib/row-keys.ts). Cheap: it is asked for every row in view.
   */
  slotAt(index: number): number;
  /** the row of event `seq` of connection `id`, or -1 */
  indexOf(id: ConnectionId, seq: number): number;
}

