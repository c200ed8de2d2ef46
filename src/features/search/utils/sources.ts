import type { ConnectionId } from '../../../lib/ids';
import type { EventLog } from '../../../core/event-log';
import type { ViewIndex } from './view-index';

/**
 * Row sources for the timeline (the shape its TimelineSource expects): a whole
 * log as it is, or the rows of a ViewIndex.
 */

/** Every retained event of one log, up to `end` (the paused end) if given. */
export class LogSource {
  readonly origin: object;
  readonly count: number;
  readonly version: number;
  private readonly start: number;
  private readonly end: number;

  constructor(
    private readonly log: EventLog,
    end?: number,
  ) {
    this.origin = log;
    this.start = log.start;
    this.end = end === undefined ? log.end : Math.min(end, log.end);
    this.count = Math.max(0, this.end - this.start);
    this.version = this.end * 2 + this.start;
  }

  logAt(index: number): EventLog | undefined {
    return index >= 0 && index < this.count ? this.log : undefined;
  }

  seqAt(index: number): number {
    return this.start + index;
  }

  slotAt(index: number): number {
    return this.start + index;
  }

  indexOf(id: ConnectionId, seq: number): number {
    return id === this.log.connectionId && seq >= this.start && seq < this.end ? seq - this.start : -1;
  }
}

/** The rows of a filtered and/or merged index. */
export class IndexSource {
  readonly origin: object;
  readonly count: number;
  readonly version: number;

  constructor(private readonly index: ViewIndex) {
    this.origin = index;
    this.count = index.count;
    this.version = index.version;
  }

  logAt(index: number): EventLog | undefined {
    return index >= 0 && index < this.count ? this.index.logs[this.index.logIndexAt(index)] : undefined;
  }

  seqAt(index: number): number {
    return this.index.seqAt(index);
  }

  slotAt(index: number): number {
    return index;
  }

  indexOf(id: ConnectionId, seq: number): number {
    const logIndex = this.index.logs.findIndex((l) => l.connectionId === id);
    return logIndex < 0 ? -1 : this.index.indexOf(logIndex, seq);
  }
}
