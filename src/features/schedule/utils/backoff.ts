/**
 * Auto-reconnect delays: exponential backoff with jitter and a ceiling.
 * Attempt 1 waits about `baseMs`, each next attempt `factor` times longer,
 * never more than `maxMs`; jitter spreads each delay by ±`jitter` so that many
 * clients dropped at once do not come back at the same instant.
 */
export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
  /** 0.2 = ±20 % */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, factor: 2, maxMs: 30_000, jitter: 0.2 };

/**
 * The wait before attempt `attempt` (1-based), in whole milliseconds.
 * `random` returns [0, 1) (Math.random by default; injected in tests).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const { baseMs, factor, maxMs, jitter } = policy;
  // Exponent capped so huge attempt numbers never overflow to Infinity·0 = NaN.
  const raw = Math.min(maxMs, baseMs * Math.pow(Math.max(1, factor), Math.min(n - 1, 64)));
  const spread = raw * Math.min(1, Math.max(0, jitter)) * (2 * random() - 1);
  return Math.round(Math.min(maxMs, Math.max(0, raw + spread)));
}

/** The range a delay falls in, for showing the policy: [lowest, highest] ms of attempt n. */
export function backoffRange(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): [number, number] {
  return [backoffDelay(attempt, policy, () => 0), backoffDelay(attempt, policy, () => 1)];
}
