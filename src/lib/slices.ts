/**
 * Cooperative time slicing: long scans run a slice at a time and give the
 * main thread back in between (a MessageChannel message, which unlike
 * setTimeout is not clamped to 4 ms), so typing and clicks stay responsive.
 */

export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export interface SliceJob {
  /** does up to `budget` units of work; returns true when finished */
  step(budget: number): boolean;
  /** called after every slice (to redraw progress) */
  onSlice?: () => void;
  /** polled before every slice; true stops the job */
  cancelled(): boolean;
  /** where the budget the slices settled on is kept, so the next run of the same work starts from it */
  learned?: { value: number };
}

/** Target length of one slice, ms. */
export const SLICE_MS = 8;

/**
 * Runs `job` in slices of about SLICE_MS, adapting the budget to how fast
 * the work goes. Resolves true when finished, false when cancelled.
 */
export async function runSliced(job: SliceJob, firstBudget = 20_000): Promise<boolean> {
  let budget = firstBudget;
  for (;;) {
    if (job.cancelled()) return false;
    const t0 = performance.now();
    const done = job.step(budget);
    const took = performance.now() - t0;
    job.onSlice?.();
    if (done) return true;
    // Aim the next slice at SLICE_MS, growing or shrinking at most 4×.
    const rate = budget / Math.max(took, 0.25);
    budget = Math.max(1000, Math.min(budget * 4, Math.floor(rate * SLICE_MS), 2_000_000));
    if (job.learned) job.learned.value = budget;
    await yieldToMain();
  }
}
