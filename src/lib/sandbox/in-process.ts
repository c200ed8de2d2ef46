import type { DecodedMessage, Frame } from '../decode/types';
import type { SandboxApi } from './api';
import type { SandboxEngine } from './engine';
import { createSandboxEngine } from './load';
import { clampLimits, DEFAULT_SANDBOX_LIMITS } from './types';
import type { CallResult, SandboxLimits, UserScript } from './types';

/**
 * The sandbox in this process (the CLI under Node): the same engine, limits
 * and checks as the page's Worker, without a Worker. In-process is enough
 * here because QuickJS's interrupt handler stops every script at its limit
 * (a loop, a long regex, an allocation loop: the unit tests prove each);
 * what it cannot stop is a hang of the engine itself, which would be a bug
 * of QuickJS, and the CLI then hangs as any Node program would until its
 * run's timeout. A trapped wasm module is replaced by a fresh one.
 */
export function createInProcessSandbox(limits: Partial<SandboxLimits> = DEFAULT_SANDBOX_LIMITS): SandboxApi {
  let current = clampLimits(limits);
  let engine: Promise<SandboxEngine> | null = null;
  const scripts = new Map<string, UserScript>();
  const listeners = new Set<() => void>();
  const get = async (): Promise<SandboxEngine> => {
    engine ??= createSandboxEngine(current);
    const e = await engine;
    if (!e.broken) return e;
    // a trap: a new module, the scripts loaded again
    engine = createSandboxEngine(current);
    const fresh = await engine;
    for (const s of scripts.values()) fresh.load(s);
    for (const l of listeners) l();
    return fresh;
  };
  return {
    setLimits(l) {
      current = clampLimits({ ...current, ...l });
      void engine?.then((e) => e.setLimits(current));
    },
    getLimits: () => current,
    async load(script: UserScript) {
      scripts.set(script.id, script);
      return (await get()).load(script);
    },
    async call(id: string, fn: string, args: readonly unknown[]): Promise<CallResult<unknown>> {
      return (await get()).call(id, fn, args);
    },
    async decode(id: string, key: string, frames: readonly Frame[]): Promise<Array<CallResult<DecodedMessage[]>>> {
      return (await get()).decode(id, key, frames);
    },
    resetState(id: string, key: string) {
      void engine?.then((e) => e.resetState(id, key));
    },
    async encode(id: string, value: unknown) {
      return (await get()).encode(id, value);
    },
    unload(id: string) {
      scripts.delete(id);
      void engine?.then((e) => e.unload(id));
    },
    onRestart(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
