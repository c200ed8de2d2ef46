import type { DecodedMessage, Frame } from '../decode/types';
import type { CallResult, SandboxLimits, UserScript } from './types';

/**
 * What the rest of Sockpit calls (docs/user-code.md): the page's client
 * (src/services/sandbox/sandbox-client.ts, the engine in its own Worker) and
 * Node's in-process sandbox (in-process.ts, for the CLI) both have this shape.
 * Every call resolves (never rejects): failures are `{ ok: false, error }`.
 */
export interface SandboxApi {
  /** the limits of every later call (and the memory limit of loaded scripts at once) */
  setLimits(limits: Partial<SandboxLimits>): void;
  getLimits(): SandboxLimits;
  /** runs the script's top level within setupMs; replaces a script of the same id; a disabled script gives 'missing' */
  load(script: UserScript): Promise<CallResult<{ functions: string[] }>>;
  /** one of the script's functions with copies of `args` (strings, Uint8Array, plain JSON) */
  call(scriptId: string, fn: string, args: readonly unknown[]): Promise<CallResult<unknown>>;
  /** decode(frame, state) per frame, in order; the state of `stateKey` lives in the engine across calls */
  decode(scriptId: string, stateKey: string, frames: readonly Frame[]): Promise<Array<CallResult<DecodedMessage[]>>>;
  /** forgets the decode state of `stateKey` (a reconnect) */
  resetState(scriptId: string, stateKey: string): void;
  /** encode(value) → the text or bytes to send */
  encode(scriptId: string, value: unknown): Promise<CallResult<string | Uint8Array>>;
  unload(scriptId: string): void;
  /** hears that the engine was restarted (a hang, a crash): in-flight calls failed with 'crashed', states are gone, scripts were reloaded */
  onRestart(listener: () => void): () => void;
}
