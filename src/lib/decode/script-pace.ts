/**
 * How a custom lens keeps out of capture's way (docs/user-code.md, "How
 * decoding proceeds"): the sandbox's Worker, the socket Worker and the page
 * share the machine's cores, and a flood wants them all. While events arrive
 * faster than BUSY_RATE, the script index waits between batches so that
 * decoding takes about BUSY_SHARE of the time (a batch of t ms is followed by
 * a wait of t × (1 − share) / share); when capture is quiet it decodes batch
 * after batch. A flood is thus captured at full speed and decoded behind it,
 * fast again once it ends.
 */

/** Events a second above which capture counts as busy. */
export const BUSY_RATE = 1_000;
/** The share of the time decoding takes while capture is busy. */
export const BUSY_SHARE = 0.1;
/** The longest wait between two batches. */
export const MAX_WAIT_MS = 1_000;

/** The clock and timer the index paces itself with (tests pass a fake). */
export interface PaceClock {
  now(): number;
  later(run: () => void, ms: number): void;
}

export const realPaceClock: PaceClock = {
  now: () => performance.now(),
  later: (run, ms) => {
    setTimeout(run, ms);
  },
};

export class DecodePacer {
  private lastAt: number;
  private lastEnd: number;

  /** `end`: the log's end now (events already there are a backlog, not arrivals). */
  constructor(
    private readonly clock: PaceClock,
    end: number,
  ) {
    this.lastAt = clock.now();
    this.lastEnd = end;
  }

  /** A batch that took `batchMs` has just been stored and the log ends at `end`: how long to wait before the next one. */
  waitAfter(batchMs: number, end: number): number {
    const t = this.clock.now();
    const elapsed = t - this.lastAt;
    const arrived = end - this.lastEnd;
    this.lastAt = t;
    this.lastEnd = end;
    if (elapsed <= 0 || (arrived * 1000) / elapsed < BUSY_RATE) return 0;
    return Math.min(MAX_WAIT_MS, (Math.max(0, batchMs) * (1 - BUSY_SHARE)) / BUSY_SHARE);
  }
}
