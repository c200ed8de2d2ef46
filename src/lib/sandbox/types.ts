/**
 * The user-code sandbox's shapes (docs/user-code.md). A user script is
 * JavaScript run by QuickJS compiled to WebAssembly (engine.ts): it sees only
 * the engine's own global plus two helpers (`utf8`, `console`), gets copies
 * of its inputs and gives back checked plain data. Framework-free: runs in a
 * Worker (src/services/sandbox/sandbox.worker.ts) and under Node (the CLI).
 */

export interface SandboxLimits {
  /** per call of a script's function (one frame decoded, one check) */
  callMs: number;
  /** for running the script's top level when it loads */
  setupMs: number;
  /** the engine's heap for one script */
  memoryBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { callMs: 50, setupMs: 2000, memoryBytes: 64 * 1024 * 1024 };

/** Bounds of the limits Settings may choose (the worker clamps to them). */
export const SANDBOX_LIMIT_BOUNDS = {
  callMs: { min: 1, max: 10_000 },
  setupMs: { min: 10, max: 60_000 },
  memoryBytes: { min: 1024 * 1024, max: 1024 * 1024 * 1024 },
} as const;

export type SandboxErrorKind =
  /** the source does not parse (line and column given) */
  | 'syntax'
  /** the script threw (or overflowed its stack) */
  | 'runtime'
  /** callMs / setupMs ran out */
  | 'timeout'
  /** memoryBytes ran out (the script is loaded afresh; its state starts over) */
  | 'memory'
  /** the script returned something that is not the plain data asked for */
  | 'output'
  /** the engine itself stopped answering: the worker was restarted */
  | 'crashed'
  /** no such script loaded, or it defines no such function */
  | 'missing';

export interface SandboxError {
  kind: SandboxErrorKind;
  message: string;
  /** 1-based, in the script's source */
  line?: number;
  /** 1-based */
  column?: number;
}

export type CallResult<T> = { ok: true; value: T; notes?: string[] } | { ok: false; error: SandboxError };

export interface UserScript {
  id: string;
  name: string;
  source: string;
  enabled: boolean;
}

/** The functions a script may define (top-level declarations, read after setup). */
export const SCRIPT_FUNCTIONS = ['decode', 'encode', 'check', 'compute', 'next'] as const;
export type ScriptFunction = (typeof SCRIPT_FUNCTIONS)[number];

/** Strings a script returns are cut at this many UTF-16 units, with a note. */
export const MAX_OUTPUT_STRING = 1024 * 1024;
/** A call's whole output (all strings and bytes) may not exceed this. */
export const MAX_OUTPUT_TOTAL = 8 * 1024 * 1024;
/** Objects and arrays nested deeper than this are refused. */
export const MAX_OUTPUT_DEPTH = 64;
/** Values (nodes) in one call's output, at most. */
export const MAX_OUTPUT_NODES = 200_000;
/** console.log lines kept per call, and their length. */
export const MAX_NOTES = 20;
export const MAX_NOTE_LENGTH = 500;

/** A frame as a script's decode sees it (a copy). */
export type ScriptFrame =
  | { direction: 'in' | 'out'; format: 'text'; text: string }
  | { direction: 'in' | 'out'; format: 'binary'; bytes: Uint8Array };

export function sandboxError(kind: SandboxErrorKind, message: string, at?: { line?: number | undefined; column?: number | undefined }): SandboxError {
  return { kind, message, ...(at?.line !== undefined ? { line: at.line } : {}), ...(at?.column !== undefined ? { column: at.column } : {}) };
}

/** Limits with each value a finite number inside its bounds (bad values fall back to the defaults). */
export function clampLimits(l: Partial<SandboxLimits> | undefined): SandboxLimits {
  const pick = (k: keyof SandboxLimits): number => {
    const v = l?.[k];
    const b = SANDBOX_LIMIT_BOUNDS[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) return DEFAULT_SANDBOX_LIMITS[k];
    return Math.min(b.max, Math.max(b.min, Math.round(v)));
  };
  return { callMs: pick('callMs'), setupMs: pick('setupMs'), memoryBytes: pick('memoryBytes') };
}
