import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { DecodedMessage } from '../decode/types';
import { BOOTSTRAP, lookupSource, stripExports } from './bootstrap';
import { checkDecoded } from './check-decoded';
import { decodeOutput, encodeInput } from './io';
import { clampLimits, DEFAULT_SANDBOX_LIMITS, SCRIPT_FUNCTIONS, sandboxError } from './types';
import type { CallResult, SandboxError, SandboxLimits, ScriptFrame, UserScript } from './types';

/**
 * The sandbox engine (docs/user-code.md): QuickJS compiled to WebAssembly,
 * one runtime and one context per script, each with its own memory limit,
 * stack limit and an interrupt handler that stops a call at its deadline
 * (setupMs while the script's top level runs, callMs per call). The wasm
 * module is injected: the page's Worker fetches the .wasm file lazily, Node
 * reads it from disk (see `loadQuickJS` in each).
 *
 * Synchronous once the module is loaded: the owner (a Worker, or Node's CLI)
 * runs one call at a time. A call that the interrupt handler cannot stop
 * (the engine itself hung) is the owner's watchdog's business.
 */

/** The script's own name for its source in stacks and error positions. */
const SCRIPT_FILE = 'script.js';
/** QuickJS's stack limit per script: deep recursion is a RangeError, well before the wasm stack ends. */
export const SANDBOX_STACK_BYTES = 256 * 1024;
/** Frames per decodeBatch call into the context. */
const BATCH = 512;

interface Loaded {
  script: UserScript;
  runtime: QuickJSRuntime;
  ctx: QuickJSContext;
  api: QuickJSHandle;
  clock: QuickJSHandle;
  run: QuickJSHandle;
  decodeBatch: QuickJSHandle;
  partial: QuickJSHandle;
  reset: QuickJSHandle;
  functions: string[];
}

type Raw = { v?: unknown; u?: 1; n?: string[]; e?: { k: string; m: string; s?: string } };

export class SandboxEngine {
  private limits: SandboxLimits;
  private readonly scripts = new Map<string, Loaded>();
  private deadline = 0;
  private interrupted = false;
  /** the frame of the running batch whose time limit runs (the bootstrap's clock[0] when the interrupt handler last looked) */
  private current = 0;
  /** a decodeBatch call is running: the interrupt handler follows its clock */
  private batching = false;
  /** the running script went over memoryBytes (seen by the interrupt handler) */
  private overMemory = false;
  /**
   * QuickJS's own limit does not cover every allocation in this build (typed
   * arrays grow the wasm heap past it), so the interrupt handler also
   * measures the script's heap whenever the wasm memory has grown past this
   * mark: a script over its limit is stopped with a memory error.
   */
  private highWater = 0;
  private readonly wasmMemory: WebAssembly.Memory | null;
  /** the wasm module failed in a way no script should cause (a trap): the owner restarts */
  broken = false;

  constructor(
    private readonly module: QuickJSWASMModule,
    limits: Partial<SandboxLimits> = DEFAULT_SANDBOX_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.limits = clampLimits(limits);
    let memory: WebAssembly.Memory | null = null;
    try {
      memory = module.getWasmMemory();
    } catch {
      memory = null;
    }
    this.wasmMemory = memory;
    this.highWater = (memory?.buffer.byteLength ?? 0) + HEAP_STEP;
  }

  getLimits(): SandboxLimits {
    return this.limits;
  }

  /** New limits: the memory limit applies to every loaded script at once, the time limits from the next call. */
  setLimits(limits: Partial<SandboxLimits>): void {
    this.limits = clampLimits(limits);
    for (const s of this.scripts.values()) s.runtime.setMemoryLimit(this.limits.memoryBytes);
  }

  /** The wasm heap's size: it never shrinks, so the Worker is recycled when a script made it grow far (see protocol.ts). */
  heapBytes(): number {
    return this.wasmMemory?.buffer.byteLength ?? 0;
  }

  loadedIds(): string[] {
    return [...this.scripts.keys()];
  }

  has(id: string): boolean {
    return this.scripts.has(id);
  }

  /** Runs the script's top level (within setupMs) and reads its functions. Replaces a script of the same id. */
  load(script: UserScript): CallResult<{ functions: string[] }> {
    this.unload(script.id);
    if (!script.enabled) return { ok: false, error: sandboxError('missing', `the script "${script.name}" is disabled: read it, then enable it to run it`) };
    return this.guard(() => this.loadNow(script));
  }

  private loadNow(script: UserScript): CallResult<{ functions: string[] }> {
    const runtime = this.module.newRuntime();
    runtime.setMemoryLimit(this.limits.memoryBytes);
    runtime.setMaxStackSize(SANDBOX_STACK_BYTES);
    const ctx = runtime.newContext();
    // The running batch's clock (the bootstrap's Float64Array: [0] is the frame it is on), set once the bootstrap has run.
    let clock: QuickJSHandle | null = null;
    runtime.setInterruptHandler(() => {
      const t = this.now();
      if (this.batching && clock) {
        // A frame started since the last look: its own time limit starts now (within one interrupt interval of its start).
        let i = this.current;
        try {
          i = readIndex(ctx, clock);
        } catch {
          // the context cannot be read: the frame keeps the deadline it has
        }
        if (i !== this.current) {
          this.current = i;
          this.deadline = t + this.limits.callMs;
        }
      }
      if (t > this.deadline) {
        this.interrupted = true;
        return true;
      }
      const heap = this.wasmMemory?.buffer.byteLength ?? 0;
      if (heap <= this.highWater) return false;
      if (heapUsed(runtime, ctx) > this.limits.memoryBytes) {
        this.overMemory = true;
        return true;
      }
      this.highWater = heap + HEAP_STEP;
      return false;
    });
    const fail = (error: SandboxError): CallResult<{ functions: string[] }> => {
      disposeAll(ctx, runtime);
      return { ok: false, error };
    };
    this.start(this.limits.setupMs);
    const boot = ctx.evalCode(BOOTSTRAP, 'sandbox-bootstrap.js');
    if (boot.error) return fail(this.classify(ctx, boot.error, 'setup'));
    const made = ctx.callFunction(boot.value, ctx.undefined);
    boot.value.dispose();
    if (made.error) return fail(this.classify(ctx, made.error, 'setup'));
    const api = made.value;
    this.start(this.limits.setupMs);
    const user = ctx.evalCode(stripExports(script.source), SCRIPT_FILE);
    if (user.error) {
      const e = this.classify(ctx, user.error, 'setup');
      api.dispose();
      return fail(e);
    }
    user.value.dispose();
    const found = ctx.evalCode(lookupSource(SCRIPT_FUNCTIONS), 'sandbox-lookup.js');
    if (found.error) {
      const e = this.classify(ctx, found.error, 'setup');
      api.dispose();
      return fail(e);
    }
    const bind = ctx.getProp(api, 'bind');
    const bound = ctx.callFunction(bind, api, found.value);
    bind.dispose();
    found.value.dispose();
    if (bound.error) {
      const e = this.classify(ctx, bound.error, 'setup');
      api.dispose();
      return fail(e);
    }
    const functions = JSON.parse(ctx.getString(bound.value)) as string[];
    bound.value.dispose();
    clock = ctx.getProp(api, 'clock');
    this.scripts.set(script.id, {
      script,
      runtime,
      ctx,
      api,
      clock,
      run: ctx.getProp(api, 'run'),
      decodeBatch: ctx.getProp(api, 'decodeBatch'),
      partial: ctx.getProp(api, 'partial'),
      reset: ctx.getProp(api, 'reset'),
      functions,
    });
    return { ok: true, value: { functions } };
  }

  unload(id: string): void {
    const s = this.scripts.get(id);
    if (!s) return;
    this.scripts.delete(id);
    for (const h of [s.run, s.decodeBatch, s.partial, s.reset, s.clock, s.api]) h.dispose();
    disposeAll(s.ctx, s.runtime);
  }

  dispose(): void {
    for (const id of [...this.scripts.keys()]) this.unload(id);
  }

  /** Forgets the decode state of one key (a connection's socket session). */
  resetState(id: string, stateKey: string): void {
    const s = this.scripts.get(id);
    if (!s) return;
    this.guard(() => {
      const key = s.ctx.newString(stateKey);
      this.start(this.limits.callMs);
      const r = s.ctx.callFunction(s.reset, s.api, key);
      key.dispose();
      if (r.error) r.error.dispose();
      else r.value.dispose();
      return { ok: true, value: undefined };
    });
  }

  /** Calls one of the script's functions with copies of `args`; the value is checked plain data. */
  call(id: string, fn: string, args: readonly unknown[]): CallResult<unknown> {
    const s = this.scripts.get(id);
    if (!s) return { ok: false, error: sandboxError('missing', `no script "${id}" is loaded`) };
    if (!s.functions.includes(fn)) return { ok: false, error: sandboxError('missing', `the script "${s.script.name}" defines no function ${fn}()`) };
    return this.guard(() => {
      const input = encodeInput(args);
      const name = s.ctx.newString(fn);
      const json = s.ctx.newString(input.json);
      const bytes = s.ctx.newArrayBuffer(input.bytes);
      this.start(this.limits.callMs);
      const r = s.ctx.callFunction(s.run, s.api, name, json, bytes);
      name.dispose();
      json.dispose();
      bytes.dispose();
      if (r.error) {
        const e = this.classify(s.ctx, r.error, 'call');
        if (e.kind === 'memory') this.reload(s);
        return { ok: false, error: e };
      }
      const raw = readPair(s.ctx, r.value) as Raw;
      r.value.dispose();
      const out = this.toResult(raw);
      if (!out.ok && out.error.kind === 'memory') this.reload(s);
      return out;
    });
  }

  /**
   * decode(frame, state) for each frame, in order, the state of `stateKey`
   * carried across calls. A frame that fails gives its error; the next one
   * still decodes (a timeout resumes after the frame that ran out of time; a
   * memory error loads the script afresh, with a fresh state).
   */
  decode(id: string, stateKey: string, frames: readonly ScriptFrame[]): Array<CallResult<DecodedMessage[]>> {
    const s = this.scripts.get(id);
    const missing = (message: string) => frames.map((): CallResult<DecodedMessage[]> => ({ ok: false, error: sandboxError('missing', message) }));
    if (!s) return missing(`no script "${id}" is loaded`);
    if (!s.functions.includes('decode')) return missing(`the script "${s.script.name}" defines no function decode(frame, state)`);
    const out: Array<CallResult<DecodedMessage[]>> = [];
    for (let i = 0; i < frames.length; i += BATCH) {
      const part = frames.slice(i, i + BATCH);
      for (const r of this.decodePart(id, stateKey, part)) out.push(r.ok ? checkDecoded(r.value, s.script.name, r.notes) : r);
    }
    return out;
  }

  private decodePart(id: string, stateKey: string, frames: readonly ScriptFrame[]): Array<CallResult<unknown>> {
    const results: Array<CallResult<unknown>> = [];
    const input = encodeInput(frames);
    while (results.length < frames.length) {
      const s = this.scripts.get(id);
      if (!s) {
        while (results.length < frames.length) results.push({ ok: false, error: sandboxError('missing', `no script "${id}" is loaded`) });
        break;
      }
      const from = results.length;
      const got = this.guard((): CallResult<Array<CallResult<unknown>>> => {
        const key = s.ctx.newString(stateKey);
        const json = s.ctx.newString(input.json);
        const bytes = s.ctx.newArrayBuffer(input.bytes);
        const at = s.ctx.newNumber(from);
        this.start(this.limits.callMs);
        this.current = from;
        this.batching = true;
        let r: ReturnType<QuickJSContext['callFunction']>;
        try {
          r = s.ctx.callFunction(s.decodeBatch, s.api, key, json, bytes, at);
        } finally {
          this.batching = false;
        }
        key.dispose();
        json.dispose();
        bytes.dispose();
        at.dispose();
        if (!r.error) {
          const raw = readPair(s.ctx, r.value) as Raw[];
          r.value.dispose();
          return { ok: true, value: raw.map((x) => this.toResult(x)) };
        }
        // The frame it stopped in: the clock says (the interrupt handler may not have looked since it started).
        this.current = readIndex(s.ctx, s.clock);
        // Stopped inside frame `current`: keep what the frames before it gave, fail it, go on after it.
        const stoppedAt = this.current;
        const e = this.classify(s.ctx, r.error, 'call');
        const done: Array<CallResult<unknown>> = [];
        if (e.kind !== 'memory') {
          const p = s.ctx.callFunction(s.partial, s.api);
          if (p.error) p.error.dispose();
          else {
            for (const x of readPair(s.ctx, p.value) as Raw[]) done.push(this.toResult(x));
            p.value.dispose();
          }
        }
        while (from + done.length < stoppedAt) done.push({ ok: false, error: e });
        done.push({ ok: false, error: e });
        return { ok: true, value: done };
      });
      if (!got.ok) {
        while (results.length < frames.length) results.push(got);
        break;
      }
      for (const r of got.value) if (results.length < frames.length) results.push(r);
      if (got.value.some((r) => !r.ok && r.error.kind === 'memory')) this.reload(s);
      if (got.value.length === 0) break;
    }
    return results;
  }

  /** encode(value) → the text or bytes to send. */
  encode(id: string, value: unknown): CallResult<string | Uint8Array> {
    const r = this.call(id, 'encode', [value]);
    if (!r.ok) return r;
    if (typeof r.value === 'string' || r.value instanceof Uint8Array) return { ok: true, value: r.value, ...(r.notes ? { notes: r.notes } : {}) };
    return { ok: false, error: sandboxError('output', `encode() must return a string or a Uint8Array, got ${describeValue(r.value)}`) };
  }

  private reload(s: Loaded): void {
    if (this.scripts.get(s.script.id) !== s) return;
    this.load(s.script);
  }

  private start(ms: number): void {
    this.interrupted = false;
    this.overMemory = false;
    this.deadline = this.now() + ms;
  }

  /** Runs host work that may meet a broken wasm module (a trap): the engine is marked broken, the call crashed. */
  private guard<T>(work: () => CallResult<T>): CallResult<T> {
    if (this.broken) return { ok: false, error: sandboxError('crashed', 'the sandbox engine stopped working; it is being restarted') };
    try {
      return work();
    } catch (err) {
      this.broken = true;
      const why = err instanceof Error ? err.message : String(err);
      return { ok: false, error: sandboxError('crashed', `the sandbox engine failed (${why}); it is being restarted`) };
    }
  }

  private toResult(x: Raw): CallResult<unknown> {
    if (x.e) {
      const at = position(x.e.s ?? '');
      if (/out of memory/i.test(x.e.m)) return { ok: false, error: this.memoryError() };
      const m = /stack overflow|call stack/i.test(x.e.m) ? `${x.e.m}: too deep a recursion (the stack limit is ${SANDBOX_STACK_BYTES / 1024} KiB)` : x.e.m;
      return { ok: false, error: sandboxError(x.e.k === 'output' ? 'output' : 'runtime', m, at) };
    }
    const notes = x.n && x.n.length > 0 ? { notes: x.n } : {};
    return { ok: true, value: x.u ? undefined : x.v, ...notes };
  }

  private memoryError(): SandboxError {
    return sandboxError('memory', `the script ran out of memory (the limit is ${Math.round(this.limits.memoryBytes / 1024 / 1024)} MB); it was loaded afresh and its state starts over`);
  }

  /** An error thrown out of the context (not caught by the bootstrap): interrupted, out of memory, a syntax error, a throw in setup. */
  private classify(ctx: QuickJSContext, handle: QuickJSHandle, phase: 'setup' | 'call'): SandboxError {
    let dumped: unknown;
    try {
      dumped = ctx.dump(handle);
    } catch {
      dumped = undefined;
    }
    handle.dispose();
    const o = (dumped !== null && typeof dumped === 'object' ? dumped : {}) as { name?: unknown; message?: unknown; stack?: unknown };
    const name = typeof o.name === 'string' ? o.name : '';
    const message = typeof o.message === 'string' ? o.message : typeof dumped === 'string' ? dumped : String(dumped);
    const stack = typeof o.stack === 'string' ? o.stack : '';
    if (this.overMemory) return this.memoryError();
    if (this.interrupted) {
      const ms = phase === 'setup' ? this.limits.setupMs : this.limits.callMs;
      return sandboxError('timeout', phase === 'setup' ? `the script's top level ran longer than ${ms} ms (the setup limit)` : `the call ran longer than ${ms} ms (the limit per call)`, position(stack));
    }
    if (/out of memory/i.test(message)) return this.memoryError();
    if (name === 'SyntaxError') return sandboxError('syntax', `SyntaxError: ${message}`, position(stack));
    const at = position(stack);
    if (/stack overflow/i.test(message)) return sandboxError('runtime', `${name || 'Error'}: ${message}: too deep a recursion (the stack limit is ${SANDBOX_STACK_BYTES / 1024} KiB)`, at);
    if (phase === 'setup' && name === '') return sandboxError('runtime', `the script's top level threw a non-Error value: ${message}`, at);
    return sandboxError('runtime', name ? `${name}: ${message}` : message, at);
  }
}

/** How far the wasm heap grows before the interrupt handler measures the running script's heap. */
const HEAP_STEP = 8 * 1024 * 1024;

function heapUsed(runtime: QuickJSRuntime, ctx: QuickJSContext): number {
  try {
    const h = runtime.computeMemoryUsage();
    const used = ctx.getProp(h, 'memory_used_size');
    const n = ctx.getNumber(used);
    used.dispose();
    h.dispose();
    return n;
  } catch {
    return 0;
  }
}

/** The first script.js:line:column of a stack. */
function position(stack: string): { line?: number; column?: number } {
  const m = /script\.js:(\d+)(?::(\d+))?/.exec(stack);
  if (!m) return {};
  return { line: Number(m[1]), ...(m[2] ? { column: Number(m[2]) } : {}) };
}

/** The bootstrap's clock[0]: the index of the frame its batch loop is on. */
function readIndex(ctx: QuickJSContext, clock: QuickJSHandle): number {
  const h = ctx.getProp(clock, 0);
  const i = ctx.getNumber(h);
  h.dispose();
  return i;
}

function readPair(ctx: QuickJSContext, pair: QuickJSHandle): unknown {
  const jsonH = ctx.getProp(pair, 0);
  const json = ctx.getString(jsonH);
  jsonH.dispose();
  const listH = ctx.getProp(pair, 1);
  const lengthH = ctx.getProp(listH, 'length');
  const n = ctx.getNumber(lengthH);
  lengthH.dispose();
  const buffers: ArrayBuffer[] = [];
  for (let i = 0; i < n; i++) {
    const h = ctx.getProp(listH, i);
    const life = ctx.getArrayBuffer(h);
    buffers.push(life.value.slice().buffer);
    life.dispose();
    h.dispose();
  }
  listH.dispose();
  return decodeOutput(json, buffers);
}

function disposeAll(ctx: QuickJSContext, runtime: QuickJSRuntime): void {
  try {
    ctx.dispose();
  } catch {
    // a leaked handle makes dispose assert; the runtime goes anyway
  }
  try {
    runtime.dispose();
  } catch {
    // as above
  }
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'a Uint8Array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}
