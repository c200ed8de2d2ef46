import type { Clock } from './types';

/**
 * The real clock: epoch milliseconds from `performance` (sub-millisecond, never
 * set back), and the global timers. Every call reads the globals at the time it
 * is made, so fake timers installed later (Vitest) are the ones used.
 */
export const realClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
