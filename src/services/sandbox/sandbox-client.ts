import type { DecodedMessage, Frame } from '../../lib/decode/types';
import type { SandboxApi } from '../../lib/sandbox/api';
import type { SandboxAnswer, SandboxRequest, SandboxResponse } from '../../lib/sandbox/protocol';
import { clampLimits, DEFAULT_SANDBOX_LIMITS, sandboxError } from '../../lib/sandbox/types';
import type { CallResult, SandboxError, SandboxLimits, UserScript } from '../../lib/sandbox/types';

/**
 * The page's side of the sandbox (docs/user-code.md): user scripts run in a
 * dedicated module Worker of their own (sandbox.worker.ts, not the socket
 * Worker), made on the first call. Every call resolves with a CallResult.
 *
 * A watchdog guards the engine itself: the interrupt handler stops a script
 * at its limit, so the Worker answers each request within its budget
 * (callMs per frame, setupMs per load) plus GRACE_MS; when it does not (the
 * engine hung or trapped), the Worker is terminated and a new one started,
 * the requests in flight fail with kind 'crashed', the loaded scripts are
 * loaded again (their decode states start over) and onRestart listeners hear it.
 */

/** Beyond a request's own budget, how long the Worker may take before it is restarted. */
export const GRACE_MS = 1_500;
/** Restarts in a minute after which scripts are no longer loaded again by themselves. */
const RESTART_CAP = 3;
/** The first request also waits for the .wasm file to be fetched and compiled. */
const START_MS = 15_000;

/** What the client needs of a Worker (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: SandboxRequest, transfer?: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<SandboxResponse>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (e: Event) => void): void;
}

interface Pending {
  req: SandboxRequest;
  budget: number;
  resolve: (answer: SandboxAnswer) => void;
  /** the answer when the Worker is restarted under it */
  crashed: (error: SandboxError) => SandboxAnswer;
}

export class SandboxClient implements SandboxApi {
  private worker: WorkerLike | null = null;
  private fresh = true;
  private nextId = 1;
  /** in request order; the Worker answers in this order */
  private readonly pending: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly scripts = new Map<string, UserScript>();
  private readonly restartListeners = new Set<() => void>();
  private limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS;
  /** how many times the Worker was restarted */
  restarts = 0;
  private readonly restartTimes: number[] = [];

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly options: { graceMs?: number; startMs?: number } = {},
  ) {}

  getLimits(): SandboxLimits {
    return this.limits;
  }

  setLimits(limits: Partial<SandboxLimits>): void {
    this.limits = clampLimits({ ...this.limits, ...limits });
    if (this.worker) void this.request({ op: 'limits', limits: this.limits }, 0, () => null);
  }

  load(script: UserScript): Promise<CallResult<{ functions: string[] }>> {
    this.scripts.set(script.id, script);
    return this.request({ op: 'load', script }, this.limits.setupMs, (error) => ({ ok: false, error })) as Promise<CallResult<{ functions: string[] }>>;
  }

  unload(scriptId: string): void {
    this.scripts.delete(scriptId);
    if (this.worker) void this.request({ op: 'unload', scriptId }, 0, () => null);
  }

  call(scriptId: string, fn: string, args: readonly unknown[]): Promise<CallResult<unknown>> {
    return this.request({ op: 'call', scriptId, fn, args }, this.callBudget(1), (error) => ({ ok: false, error })) as Promise<CallResult<unknown>>;
  }

  decode(scriptId: string, stateKey: string, frames: readonly Frame[]): Promise<Array<CallResult<DecodedMessage[]>>> {
    if (frames.length === 0) return Promise.resolve([]);
    return this.request({ op: 'decode', scriptId, stateKey, frames }, this.callBudget(frames.length), (error) => frames.map(() => ({ ok: false as const, error }))) as Promise<
      Array<CallResult<DecodedMessage[]>>
    >;
  }

  resetState(scriptId: string, stateKey: string): void {
    if (this.worker) void this.request({ op: 'reset', scriptId, stateKey }, this.callBudget(1), () => null);
  }

  encode(scriptId: string, value: unknown): Promise<CallResult<string | Uint8Array>> {
    return this.request({ op: 'encode', scriptId, value }, this.callBudget(1), (error) => ({ ok: false, error })) as Promise<CallResult<string | Uint8Array>>;
  }

  onRestart(listener: () => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /** Stops the Worker (tests; a page never needs to). */
  dispose(): void {
    this.stopTimer();
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.splice(0)) p.resolve(p.crashed(sandboxError('crashed', 'the sandbox was stopped')));
  }

  /** A call may take callMs per frame, and a memory error reloads the script (setupMs). */
  private callBudget(frames: number): number {
    return this.limits.callMs * frames + this.limits.setupMs;
  }

  private request(body: DistributiveOmit<SandboxRequest, 'id'>, budget: number, crashed: (error: SandboxError) => SandboxAnswer): Promise<SandboxAnswer> {
    const worker = this.ensureWorker();
    const req = { ...body, id: this.nextId++ } as SandboxRequest;
    return new Promise<SandboxAnswer>((resolve) => {
      this.pending.push({ req, budget, resolve, crashed });
      try {
        worker.postMessage(req);
      } catch (err) {
        // a value that cannot be cloned: this request fails, the Worker is fine
        const i = this.pending.findIndex((p) => p.req.id === req.id);
        if (i >= 0) this.pending.splice(i, 1);
        resolve(crashed(sandboxError('output', `the input could not be copied into the sandbox (${err instanceof Error ? err.message : String(err)})`)));
        return;
      }
      if (this.pending.length === 1) this.armTimer();
    });
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    this.worker = w;
    this.fresh = true;
    w.addEventListener('message', (e: MessageEvent<SandboxResponse>) => {
      if (this.worker === w) this.answer(e.data);
    });
    const broke = (e: Event) => {
      e.preventDefault();
      if (this.worker === w) this.restart();
    };
    w.addEventListener('error', broke);
    w.addEventListener('messageerror', broke);
    if (this.limits !== DEFAULT_SANDBOX_LIMITS) {
      this.pending.push({ req: { id: this.nextId, op: 'limits', limits: this.limits }, budget: 0, resolve: () => {}, crashed: () => null });
      w.postMessage({ id: this.nextId++, op: 'limits', limits: this.limits });
      this.armTimer();
    }
    return w;
  }

  private answer(res: SandboxResponse): void {
    const i = this.pending.findIndex((p) => p.req.id === res.id);
    if (i < 0) return;
    // Answers come in order: anything before this one was answered (or lost with an old Worker).
    const [p] = this.pending.splice(0, i + 1).slice(-1);
    this.fresh = false;
    this.stopTimer();
    if (this.pending.length > 0) this.armTimer();
    p?.resolve(res.answer);
    if (res.broken) this.restart();
  }

  private armTimer(): void {
    const head = this.pending[0];
    if (!head) return;
    const ms = head.budget + (this.options.graceMs ?? GRACE_MS) + (this.fresh ? (this.options.startMs ?? START_MS) : 0);
    this.stopTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.restart();
    }, ms);
  }

  private stopTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Terminates the Worker, fails what was in flight, starts a new one with the scripts loaded again. */
  private restart(): void {
    this.stopTimer();
    this.worker?.terminate();
    this.worker = null;
    this.restarts++;
    const lost = this.pending.splice(0);
    const error = sandboxError('crashed', 'the sandbox engine stopped answering and was restarted; the scripts were loaded again and their state starts over');
    for (const p of lost) p.resolve(p.crashed(error));
    // A script that hangs the engine while loading would restart it forever: after RESTART_CAP restarts in a minute, scripts wait to be loaded again by their owner.
    const now = Date.now();
    this.restartTimes.push(now);
    while (this.restartTimes.length > 0 && (this.restartTimes[0] ?? now) < now - 60_000) this.restartTimes.shift();
    if (this.restartTimes.length <= RESTART_CAP) for (const s of this.scripts.values()) void this.load(s);
    for (const l of this.restartListeners) l();
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

let client: SandboxClient | null = null;

/** The page's sandbox, its Worker made on the first call. */
export function getSandbox(): SandboxClient {
  client ??= new SandboxClient(() => new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module', name: 'sockpit-sandbox' }) as WorkerLike);
  return client;
}
