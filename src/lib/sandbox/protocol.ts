import type { DecodedMessage, Frame } from '../decode/types';
import type { SandboxEngine } from './engine';
import { sandboxError } from './types';
import type { CallResult, SandboxLimits, UserScript } from './types';

/** Messages between the sandbox client and the engine's Worker (or Node worker). Answers come in request order. */
export type SandboxRequest =
  | { id: number; op: 'limits'; limits: SandboxLimits }
  | { id: number; op: 'load'; script: UserScript }
  | { id: number; op: 'unload'; scriptId: string }
  | { id: number; op: 'call'; scriptId: string; fn: string; args: readonly unknown[] }
  | { id: number; op: 'decode'; scriptId: string; stateKey: string; frames: readonly Frame[] }
  | { id: number; op: 'encode'; scriptId: string; value: unknown }
  | { id: number; op: 'reset'; scriptId: string; stateKey: string };

export type SandboxAnswer =
  | CallResult<{ functions: string[] }>
  | CallResult<unknown>
  | Array<CallResult<DecodedMessage[]>>
  | CallResult<string | Uint8Array>
  | null;

export interface SandboxResponse {
  id: number;
  answer: SandboxAnswer;
  /** the wasm module trapped: the client restarts the worker */
  broken?: boolean;
}

/** A wasm heap larger than this makes the client start a fresh Worker after the answer. */
export const RECYCLE_HEAP_BYTES = 768 * 1024 * 1024;

/** One request against an engine (the Worker's loop). Never throws. */
export function handleRequest(engine: SandboxEngine, req: SandboxRequest): SandboxResponse {
  let answer: SandboxAnswer = null;
  try {
    switch (req.op) {
      case 'limits':
        engine.setLimits(req.limits);
        break;
      case 'load':
        answer = engine.load(req.script);
        break;
      case 'unload':
        engine.unload(req.scriptId);
        break;
      case 'call':
        answer = engine.call(req.scriptId, req.fn, req.args);
        break;
      case 'decode':
        answer = engine.decode(req.scriptId, req.stateKey, req.frames);
        break;
      case 'encode':
        answer = engine.encode(req.scriptId, req.value);
        break;
      case 'reset':
        engine.resetState(req.scriptId, req.stateKey);
        break;
    }
  } catch (err) {
    engine.broken = true;
    const e = sandboxError('crashed', `the sandbox engine failed (${err instanceof Error ? err.message : String(err)}); it is being restarted`);
    answer = req.op === 'decode' ? req.frames.map(() => ({ ok: false as const, error: e })) : { ok: false, error: e };
  }
  // A wasm heap grown far past the limits (a typed-array loop overshoots before the interrupt handler sees it) never shrinks: recycle the Worker to give it back.
  const recycle = engine.broken || engine.heapBytes() > RECYCLE_HEAP_BYTES;
  return { id: req.id, answer, ...(recycle ? { broken: true } : {}) };
}

/** Byte arrays in an answer, to transfer rather than copy. */
export function answerTransfer(answer: SandboxAnswer): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const seen = new Set<ArrayBuffer>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 80 || v === null || typeof v !== 'object') return;
    if (v instanceof Uint8Array) {
      const b = v.buffer;
      if (b instanceof ArrayBuffer && !seen.has(b) && v.byteOffset === 0 && v.byteLength === b.byteLength) {
        seen.add(b);
        out.push(b);
      }
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x, depth + 1);
  };
  walk(answer, 0);
  return out;
}
