/** Per-call limits of the user-script sandbox (docs/user-code.md), as Settings holds them. */
export interface ScriptLimits {
  /** a decode, encode, check or next call, per message */
  timeMs: number;
  /** a script's setup: evaluating its top level */
  setupMs: number;
  /** the engine's memory */
  memoryMiB: number;
}

/** The sandbox's limits unless Settings says otherwise (issue 13: 50 ms per message, 2 s setup, 64 MB). */
export const DEFAULT_SCRIPT_LIMITS: ScriptLimits = { timeMs: 50, setupMs: 2000, memoryMiB: 64 };

/** Bounds of the sandbox's limits in Settings and in an imported workspace's settings. */
export const SCRIPT_LIMIT_RANGES = {
  timeMs: { min: 1, max: 10_000, unit: 'ms' },
  setupMs: { min: 10, max: 60_000, unit: 'ms' },
  memoryMiB: { min: 8, max: 1024, unit: 'MB' },
} as const satisfies Record<keyof ScriptLimits, { min: number; max: number; unit: string }>;

export const SCRIPT_LIMIT_FIELDS = ['timeMs', 'setupMs', 'memoryMiB'] as const;

/** Limits read back from storage or a file, or null when they are not within the bounds. */
export function normalizeScriptLimits(v: unknown): ScriptLimits | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const out: Partial<ScriptLimits> = {};
  for (const field of SCRIPT_LIMIT_FIELDS) {
    const n = Object.hasOwn(o, field) ? o[field] : undefined;
    const { min, max } = SCRIPT_LIMIT_RANGES[field];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return null;
    out[field] = n;
  }
  return out as ScriptLimits;
}
