/**
 * The flow engine (docs/flows.md): runs a `sockpit-flow/1` document over a
 * SessionCore, the same in the page and under Node (the CLI). Steps run one
 * after another; the first that fails ends the run and the rest are
 * reported skipped. Nothing in a flow is evaluated as code: matchers and
 * captures are data, read by src/lib/flows.
 *
 * Where an `expect` looks: each connection has a cursor, the event after the
 * message its last `expect` matched (at first: after its open). An expect
 * matches the first message from the cursor on, so a reply that arrived
 * while earlier steps ran still counts; `next: true` asks that the first
 * message in the matchers' direction match, not just some later one.
 */
import { loadLens } from '../../lib/decode/registry';
import type { LensId } from '../../lib/decode/types';
import { parseBase64, parseHex } from '../../lib/codecs';
import { expandVariables, liveBuiltins } from '../../lib/flows/expand';
import type { BuiltinSource } from '../../lib/flows/expand';
import {
  applyCapture,
  closerThan,
  describeExpectation,
  expandCapture,
  expandMatcher,
  matcherDirection,
  matchMessage,
  showMessage,
  VariableError,
} from '../../lib/flows/matchers';
import type { MatchOutcome, MessageView } from '../../lib/flows/matchers';
import type { Capture, FlowConnection, FlowDocument, FlowIssue, FlowStep, Matcher, StepPath, StepResult } from '../../lib/flows/types';
import { DEFAULT_TIMEOUT_MS, stepLabel, validateFlow } from '../../lib/flows/validate';
import type { ConnectionId } from '../../lib/ids';
import type { SockEvent } from '../events';
import type { Clock, SessionCore } from '../types';
import { WaitError } from '../types';
import { ConnectionDecoder } from './decoder';
import type { SandboxApi } from '../../lib/sandbox/api';
import type { CallResult, SandboxError } from '../../lib/sandbox/types';
import type { LensLoader } from './decoder';

export interface RunOptions {
  core: SessionCore;
  /** values of variables for this run (the flow's defaults, the environment, --var), already merged */
  variables?: Readonly<Record<string, string>>;
  /** Stop: ends the step that runs (timers, waits) and closes every socket the run opened */
  signal?: AbortSignal;
  /** each step as it starts (status 'running') and as it ends */
  onStep?: (result: StepResult) => void;
  /**
   * Run one step only (the panel's "run one step"): the step at this path,
   * on the connections in `connections` (from an earlier run) with `variables`.
   */
  only?: StepPath;
  /** connections already open, by the flow's connection names (with `only`) */
  connections?: Readonly<Record<string, ConnectionId>>;
  /** where each of those connections' next expect looks (a FlowRun's `cursors`); default: the log's end */
  cursors?: Readonly<Record<string, number>>;
  /** timeout of steps that name none (the CLI's --timeout); default 5000 ms */
  defaultTimeoutMs?: number;
  /** leave the sockets the run opened open when it ends (the panel); Stop closes them anyway */
  keepOpen?: boolean;
  /** timers and time; default Date.now and the global timers */
  clock?: Clock;
  builtins?: BuiltinSource;
  loadLens?: LensLoader;
  /**
   * runs the flow's scripts (`script` matchers, `compute` steps): the page's
   * sandbox Worker or Node's in-process sandbox, with their limits. Without
   * one, a step that needs a script fails saying so.
   */
  sandbox?: SandboxApi;
}

export type RunStatus = 'passed' | 'failed' | 'stopped' | 'invalid';

export interface FlowRun {
  status: RunStatus;
  /** why nothing ran (status 'invalid') */
  issues: FlowIssue[];
  /** every result, in the order the steps ended (a repeated step once per iteration) */
  steps: StepResult[];
  /** the first failed step */
  failure?: StepResult;
  /** the variables at the end, captures included */
  variables: Record<string, string>;
  /** the connections the run used, by name */
  connections: Record<string, ConnectionId>;
  /** the seq each connection's next expect would look from (pass back with `only`) */
  cursors: Record<string, number>;
  startedAt: number;
  endedAt: number;
}

export const liveClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** A step ended without passing; carries the result fields. */
class StepFailure extends Error {
  constructor(
    message: string,
    readonly detail: Partial<Pick<StepResult, 'expected' | 'closest' | 'difference' | 'seq'>> = {},
    readonly stopped = false,
  ) {
    super(message);
  }
}

interface ConnState {
  id: ConnectionId;
  config: FlowConnection;
  url: string;
  protocols: string[];
  /** the seq an expect starts looking at */
  cursor: number;
  /** the message the last expect matched */
  lastMatched?: MessageView;
  decoder?: ConnectionDecoder | null;
}

let runs = 0;

/** A script error as a step's message: kind, message and where. */
function scriptErrorText(name: string, fn: string | null, e: SandboxError): string {
  const at = e.line !== undefined ? ` at line ${e.line}${e.column !== undefined ? `:${e.column}` : ''}` : '';
  return `script "${name}" ${fn ? `${fn}()` : 'does not load'}: ${e.kind === 'runtime' ? '' : `${e.kind}: `}${e.message}${at}`;
}

function findStep(steps: readonly FlowStep[], path: StepPath): FlowStep | undefined {
  let list: readonly FlowStep[] | undefined = steps;
  let step: FlowStep | undefined;
  for (const i of path) {
    step = list?.[i];
    list = step?.type === 'repeat' ? step.steps : undefined;
  }
  return step;
}

function closeText(e: Extract<SockEvent, { type: 'close' }>): string {
  return `${e.code}${e.reason ? ` "${e.reason}"` : ''}${e.wasClean ? '' : ', not clean'}`;
}

class Runner {
  readonly results: StepResult[] = [];
  readonly vars: Record<string, string>;
  readonly conns = new Map<string, ConnState>();
  readonly opened = new Set<ConnectionId>();
  readonly clock: Clock;
  readonly builtins: BuiltinSource;
  failure?: StepResult;
  stopped = false;
  /** each flow script's load into the sandbox, by name (ids are unique to this run) */
  readonly scriptLoads = new Map<string, { id: string; loaded: Promise<CallResult<{ functions: string[] }>> }>();
  readonly runId = `flow${++runs}`;

  constructor(
    readonly doc: FlowDocument,
    readonly o: RunOptions,
  ) {
    this.vars = { ...doc.variables, ...o.variables };
    this.clock = o.clock ?? liveClock;
    this.builtins = o.builtins ?? { ...liveBuiltins, now: () => this.clock.now() };
  }

  get core() {
    return this.o.core;
  }

  expand(text: string): string {
    const e = expandVariables(text, this.vars, this.builtins);
    if (!e.ok) throw new VariableError(e.unknown);
    return e.text;
  }

  timeoutOf(step: { timeoutMs?: number }): number {
    return step.timeoutMs ?? this.o.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  connectionOf(step: FlowStep): FlowConnection {
    const name = step.connection ?? this.doc.connections[0]?.name;
    const c = this.doc.connections.find((x) => x.name === name);
    if (!c) throw new StepFailure(`unknown connection "${name ?? ''}"`);
    return c;
  }

  open(step: FlowStep): ConnState {
    const c = this.connectionOf(step);
    const s = this.conns.get(c.name);
    if (!s) throw new StepFailure(`connection "${c.name}" is not open: run its connect step first`);
    return s;
  }

  emit(r: StepResult) {
    this.o.onStep?.(r);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const signal = this.o.signal;
      if (signal?.aborted) return reject(new StepFailure('stopped', {}, true));
      const onAbort = () => {
        this.clock.clearTimeout(handle);
        reject(new StepFailure('stopped', {}, true));
      };
      const handle = this.clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async wait(id: ConnectionId, predicate: (e: SockEvent) => boolean, timeoutMs: number, fromSeq?: number): Promise<SockEvent> {
    return this.core.waitFor(id, predicate, { timeoutMs, ...(fromSeq !== undefined ? { fromSeq } : {}), ...(this.o.signal ? { signal: this.o.signal } : {}) });
  }

  /** Calls a flow script's function in the sandbox (loading it on first use). */
  async callScript(name: string, fn: 'check' | 'compute', args: readonly unknown[]): Promise<unknown> {
    const sandbox = this.o.sandbox;
    if (!sandbox) throw new StepFailure(`script "${name}": this runner has no sandbox to run scripts in`);
    let entry = this.scriptLoads.get(name);
    if (!entry) {
      const script = this.doc.scripts?.find((x) => x.name === name);
      if (!script) throw new StepFailure(`no script "${name}" in the flow's scripts`);
      const id = `${this.runId}:${name}`;
      entry = { id, loaded: sandbox.load({ id, name, source: script.source, enabled: true }) };
      this.scriptLoads.set(name, entry);
    }
    const loaded = await entry.loaded;
    if (!loaded.ok) throw new StepFailure(scriptErrorText(name, null, loaded.error));
    if (!loaded.value.functions.includes(fn)) throw new StepFailure(`script "${name}" defines no ${fn}() function (it defines ${loaded.value.functions.join(', ') || 'none'})`);
    const r = await sandbox.call(entry.id, fn, args);
    if (!r.ok) throw new StepFailure(scriptErrorText(name, fn, r.error));
    return r.value;
  }

  /** Frees the scripts this run loaded. */
  unloadScripts() {
    for (const { id } of this.scriptLoads.values()) this.o.sandbox?.unload(id);
    this.scriptLoads.clear();
  }

  /** A message as a script's check sees it: a copy, text or bytes. */
  scriptMessage(e: SockEvent): Record<string, unknown> {
    if (e.type !== 'message') return {};
    if (e.format === 'text') return { direction: e.direction, format: 'text', text: e.text };
    return { direction: e.direction, format: 'binary', bytes: e.data instanceof ArrayBuffer ? new Uint8Array(e.data) : new Uint8Array(0) };
  }

  /** The script matchers of an expect on one message: null when they all pass, else why not. */
  async scriptChecks(matchers: readonly Matcher[], e: SockEvent): Promise<string | null> {
    for (const m of matchers) {
      if (!('script' in m)) continue;
      const v = await this.callScript(m.script, 'check', [this.scriptMessage(e), { ...this.vars }]);
      if (v === true) continue;
      if (typeof v === 'string') return `script "${m.script}": ${v}`;
      throw new StepFailure(`script "${m.script}" check() must return true or a string saying why not, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
    }
    return null;
  }

  async compute(step: Extract<FlowStep, { type: 'compute' }>) {
    const v = await this.callScript(step.script, 'compute', [{ ...this.vars }]);
    if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) {
      throw new StepFailure(`script "${step.script}" compute() must return an object of variables, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
    }
    const set: string[] = [];
    for (const [k, x] of Object.entries(v)) {
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(k)) throw new StepFailure(`script "${step.script}" compute() returned "${k}", which is not a variable name`);
      if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') throw new StepFailure(`script "${step.script}" compute() returned ${k} as ${x === null ? 'null' : typeof x}: a variable is a string, number or boolean`);
      const text = String(x);
      if (this.vars[k] !== text) set.push(`${k}=${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`);
      this.vars[k] = text;
    }
    return { message: set.length ? `set ${set.join(', ')}` : 'no variable changed' };
  }

  viewOf(s: ConnState, e: SockEvent, decode: boolean): MessageView {
    if (e.type !== 'message') return { direction: 'in' };
    const view: MessageView = { direction: e.direction, ...(e.format === 'text' ? { text: e.text } : {}) };
    if (decode && s.decoder) view.decoded = s.decoder.decoded(e);
    return view;
  }

  async runSteps(steps: readonly FlowStep[], at: readonly number[], iteration: readonly number[]): Promise<boolean> {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (!step) continue;
      const ok = await this.runStep(step, [...at, i], iteration);
      if (!ok) {
        this.skip(steps.slice(i + 1), at, i + 1, iteration);
        return false;
      }
    }
    return true;
  }

  skip(steps: readonly FlowStep[], at: readonly number[], offset: number, iteration: readonly number[]) {
    steps.forEach((_step, j) => {
      const path = [...at, offset + j];
      const now = this.clock.now();
      const r: StepResult = { step: path, status: 'skipped', message: this.stopped ? 'not run: stopped' : 'not run: an earlier step failed', startedAt: now, endedAt: now };
      if (iteration.length) r.iteration = iteration;
      this.results.push(r);
      this.emit(r);
    });
  }

  async runStep(step: FlowStep, path: StepPath, iteration: readonly number[]): Promise<boolean> {
    const startedAt = this.clock.now();
    const base: StepResult = { step: path, status: 'running', message: 'running', startedAt, endedAt: startedAt };
    if (iteration.length) base.iteration = iteration;
    const conn = step.type === 'wait' || step.type === 'repeat' ? undefined : (step.connection ?? this.doc.connections[0]?.name);
    if (conn !== undefined) base.connection = conn;
    this.emit({ ...base });
    let result: StepResult;
    try {
      if (this.o.signal?.aborted) throw new StepFailure('stopped', {}, true);
      const done = await this.execute(step, path, iteration);
      result = { ...base, status: 'passed', message: done.message, endedAt: this.clock.now(), ...(done.seq !== undefined ? { seq: done.seq } : {}) };
    } catch (err) {
      const f =
        err instanceof StepFailure
          ? err
          : err instanceof WaitError && err.reason === 'aborted'
            ? new StepFailure('stopped', {}, true)
            : new StepFailure(err instanceof Error ? err.message : String(err));
      if (f.stopped || this.o.signal?.aborted) this.stopped = true;
      result = { ...base, status: this.stopped ? 'stopped' : 'failed', message: this.stopped ? 'stopped' : f.message, endedAt: this.clock.now(), ...f.detail };
    }
    this.results.push(result);
    if (result.status === 'failed' && !this.failure) this.failure = result;
    this.emit(result);
    return result.status === 'passed';
  }

  async execute(step: FlowStep, path: StepPath, iteration: readonly number[]): Promise<{ message: string; seq?: number }> {
    switch (step.type) {
      case 'connect':
        return this.connect(step);
      case 'send':
        return this.send(step);
      case 'expect':
        return this.expect(step);
      case 'capture': {
        const s = this.open(step);
        if (!s.lastMatched) throw new StepFailure(`no message to capture from: no expect has matched on "${s.config.name}" yet`);
        return { message: this.capture(step.capture, s.lastMatched) };
      }
      case 'wait':
        await this.sleep(step.ms);
        return { message: `waited ${step.ms} ms` };
      case 'repeat':
        return this.repeat(step, path, iteration);
      case 'expectClose':
        return this.expectClose(step);
      case 'close':
        return this.close(step);
      case 'compute':
        return this.compute(step);
    }
  }

  async connect(step: Extract<FlowStep, { type: 'connect' }>) {
    const c = this.connectionOf(step);
    const url = this.expand(step.url ?? c.url);
    const protocols = (step.protocols ?? c.protocols ?? []).map((p) => this.expand(p));
    const lens = step.lens ?? c.lens;
    const prev = this.conns.get(c.name);
    if (prev && (this.core.readyState(prev.id) === 'OPEN' || this.core.readyState(prev.id) === 'CONNECTING')) {
      throw new StepFailure(`connection "${c.name}" is already ${this.core.readyState(prev.id)}: close it before connecting again`);
    }
    const r = this.core.open({ url, protocols, ...(c.binaryType ? { binaryType: c.binaryType } : {}), ...(lens ? { decodeAs: lens } : {}) });
    if (!r.ok) throw new StepFailure(`cannot connect to ${url}: ${r.errors.url ?? r.errors.protocols ?? 'refused'}`);
    this.opened.add(r.id);
    const s: ConnState = { id: r.id, config: { ...c, ...(lens ? { lens } : {}) }, url, protocols, cursor: 0 };
    this.conns.set(c.name, s);
    const timeout = this.timeoutOf(step);
    try {
      const open = await this.wait(r.id, (e) => e.type === 'open', timeout, 0);
      s.cursor = open.seq + 1;
      const protocol = open.type === 'open' && open.protocol ? ` (subprotocol ${open.protocol})` : '';
      return { message: `connected to ${url}${protocol}`, seq: open.seq };
    } catch (err) {
      if (err instanceof WaitError && err.reason === 'timeout') throw new StepFailure(`not open after ${timeout} ms: ${url}`);
      if (err instanceof WaitError && err.reason === 'closed' && err.close) throw new StepFailure(`closed with ${closeText(err.close)} before it opened: ${url}`, { seq: err.close.seq });
      throw err;
    }
  }

  async payloadFrames(step: Extract<FlowStep, { type: 'send' }>): Promise<Array<string | Uint8Array>> {
    const p = step.payload;
    if ('text' in p) return [this.expand(p.text)];
    if ('hex' in p || 'base64' in p) {
      const r = 'hex' in p ? parseHex(this.expand(p.hex)) : parseBase64(this.expand(p.base64));
      if (!r.ok) throw new StepFailure(`payload: ${r.error}`);
      return [r.bytes];
    }
    const lens = await (this.o.loadLens ?? loadLens)(p.lens as LensId);
    if (!lens.encode) throw new StepFailure(`the ${lens.name} lens cannot build messages`);
    const values = Object.fromEntries(Object.entries(p.values).map(([k, v]) => [k, this.expand(v)]));
    const r = lens.encode(p.kind, values);
    if (!r.ok) throw new StepFailure(`payload${r.field ? `.values.${r.field}` : ''}: ${r.error}`);
    return r.frames;
  }

  async send(step: Extract<FlowStep, { type: 'send' }>) {
    const s = this.open(step);
    const frames = await this.payloadFrames(step);
    const state = this.core.readyState(s.id);
    if (state !== 'OPEN') throw new StepFailure(`not sent: connection "${s.config.name}" is ${state}`);
    // Watch for the sent event from the log's end now, to link the result to its row.
    const sent = this.wait(s.id, (e) => e.type === 'message' && e.direction === 'out', 2000).catch(() => undefined);
    for (const f of frames) this.core.send(s.id, f);
    const e = await sent;
    const first = frames[0];
    const what = typeof first === 'string' ? showMessage({ direction: 'out', text: first }) : `${first?.length ?? 0} bytes`;
    return { message: `sent ${what}${frames.length > 1 ? ` (+${frames.length - 1} frames)` : ''}`, ...(e ? { seq: e.seq } : {}) };
  }

  capture(captures: readonly Capture[] | undefined, view: MessageView): string {
    const made: string[] = [];
    for (const c of captures ?? []) {
      const r = applyCapture(expandCapture(c, this.vars, this.builtins), view);
      if (!r.ok) throw new StepFailure(r.error);
      this.vars[c.var] = r.value;
      made.push(`${c.var}=${JSON.stringify(r.value.length > 60 ? `${r.value.slice(0, 60)}…` : r.value)}`);
    }
    return made.length ? `captured ${made.join(', ')}` : 'nothing to capture';
  }

  async expect(step: Extract<FlowStep, { type: 'expect' }>) {
    const s = this.open(step);
    const matchers = step.match.map((m) => expandMatcher(m, this.vars, this.builtins));
    const dir = matchers[0] ? matcherDirection(matchers[0]) : 'in';
    const needsDecode = matchers.some((m) => 'field' in m);
    if (needsDecode && s.decoder === undefined) {
      s.decoder = await ConnectionDecoder.create({
        lens: s.config.lens,
        url: s.url,
        protocols: s.protocols,
        log: () => this.core.log(s.id),
        ...(this.o.loadLens ? { loadLens: this.o.loadLens } : {}),
      });
    }
    const expected = describeExpectation(matchers, step.next);
    let closest: { outcome: MatchOutcome; view: MessageView; seq: number } | undefined;
    let matched: MessageView | undefined;
    const timeout = this.timeoutOf(step);
    const detail = () => ({
      expected,
      ...(closest ? { closest: showMessage(closest.view), difference: closest.outcome.difference, seq: closest.seq } : {}),
    });
    let event: SockEvent;
    const scripted = matchers.some((m) => 'script' in m);
    try {
      if (scripted) {
        // A script's check runs in the sandbox (asynchronously): take each message the other matchers pass, then ask the scripts.
        const ends = this.clock.now() + timeout;
        let from = s.cursor;
        for (;;) {
          const left = ends - this.clock.now();
          if (left <= 0) throw new WaitError('timeout', 'timed out');
          let view: MessageView | undefined;
          const e = await this.wait(
            s.id,
            (x) => {
              if (x.type !== 'message' || x.direction !== dir) return false;
              const v = this.viewOf(s, x, needsDecode);
              const outcome = matchMessage(matchers, v);
              if (outcome.ok) {
                view = v;
                return true;
              }
              if (closerThan(outcome, closest?.outcome)) closest = { outcome, view: v, seq: x.seq };
              return step.next === true;
            },
            left,
            from,
          );
          from = e.seq + 1;
          if (view) {
            const why = await this.scriptChecks(matchers, e);
            if (why === null) {
              matched = view;
              event = e;
              break;
            }
            closest = { outcome: { ok: false, satisfied: matchers.length - 1, difference: why, distance: 0 }, view, seq: e.seq };
          }
          if (step.next === true) {
            event = e;
            break;
          }
        }
      } else
      event = await this.wait(
        s.id,
        (e) => {
          if (e.type !== 'message' || e.direction !== dir) return false;
          const view = this.viewOf(s, e, needsDecode);
          const outcome = matchMessage(matchers, view);
          if (outcome.ok) {
            matched = view;
            return true;
          }
          if (closerThan(outcome, closest?.outcome)) closest = { outcome, view, seq: e.seq };
          return step.next === true; // the next message decides
        },
        timeout,
        s.cursor,
      );
    } catch (err) {
      if (err instanceof WaitError && err.reason === 'timeout') {
        throw new StepFailure(`timed out after ${timeout} ms${closest ? '' : ' with no message'}`, detail());
      }
      if (err instanceof WaitError && err.reason === 'closed' && err.close) {
        throw new StepFailure(`connection "${s.config.name}" closed with ${closeText(err.close)} while waiting`, detail());
      }
      throw err;
    }
    s.cursor = event.seq + 1;
    if (!matched) throw new StepFailure('the next message did not match', detail());
    s.lastMatched = matched;
    const captured = step.capture?.length ? `; ${this.capture(step.capture, matched)}` : '';
    const where = event.type === 'message' && event.format === 'binary' ? `(binary, ${event.size} bytes)` : showMessage(matched);
    return { message: `${dir === 'in' ? 'received' : 'sent'} ${where}${captured}`, seq: event.seq };
  }

  async repeat(step: Extract<FlowStep, { type: 'repeat' }>, path: StepPath, iteration: readonly number[]) {
    const counter = step.counter ?? 'i';
    const had = Object.hasOwn(this.vars, counter) ? this.vars[counter] : undefined;
    const started = this.clock.now();
    let n = 0;
    try {
      for (; ; n++) {
        if (step.times !== undefined ? n >= step.times : this.clock.now() - started >= (step.durationMs ?? 0)) break;
        this.vars[counter] = String(n);
        const ok = await this.runSteps(step.steps, path, [...iteration, n]);
        if (!ok) throw new StepFailure(this.stopped ? 'stopped' : `iteration ${n} failed`, {}, this.stopped);
        // a duration repeat of quick steps still lets timers and sockets run
        if (step.durationMs !== undefined) await this.sleep(0);
      }
    } finally {
      if (had === undefined) delete this.vars[counter];
      else this.vars[counter] = had;
    }
    return { message: `${n} iteration${n === 1 ? '' : 's'}` };
  }

  async expectClose(step: Extract<FlowStep, { type: 'expectClose' }>) {
    const s = this.open(step);
    const timeout = this.timeoutOf(step);
    const wanted = [
      step.code !== undefined ? `code ${step.code}` : '',
      step.reason !== undefined ? `reason ${JSON.stringify(this.expand(step.reason))}` : '',
      step.wasClean !== undefined ? (step.wasClean ? 'clean' : 'not clean') : '',
    ].filter(Boolean);
    const expected = `a close${wanted.length ? ` with ${wanted.join(', ')}` : ''}`;
    let e: SockEvent;
    try {
      e = await this.wait(s.id, (x) => x.type === 'close', timeout, s.cursor);
    } catch (err) {
      if (err instanceof WaitError && err.reason === 'timeout') throw new StepFailure(`still open after ${timeout} ms`, { expected });
      throw err;
    }
    if (e.type !== 'close') throw new StepFailure('no close event');
    s.cursor = e.seq + 1;
    const diffs: string[] = [];
    if (step.code !== undefined && e.code !== step.code) diffs.push(`code: expected ${step.code}, got ${e.code}`);
    if (step.reason !== undefined && e.reason !== this.expand(step.reason)) diffs.push(`reason: expected ${JSON.stringify(this.expand(step.reason))}, got ${JSON.stringify(e.reason)}`);
    if (step.wasClean !== undefined && e.wasClean !== step.wasClean) diffs.push(`wasClean: expected ${step.wasClean}, got ${e.wasClean}`);
    if (diffs.length) throw new StepFailure(`closed with ${closeText(e)}`, { expected, closest: `close ${closeText(e)}`, difference: diffs.join('\n'), seq: e.seq });
    return { message: `closed with ${closeText(e)}`, seq: e.seq };
  }

  async close(step: Extract<FlowStep, { type: 'close' }>) {
    const s = this.open(step);
    const state = this.core.readyState(s.id);
    if (state === 'CLOSED' || state === 'CLOSING') throw new StepFailure(`connection "${s.config.name}" is already ${state}`);
    const reason = step.reason !== undefined ? this.expand(step.reason) : undefined;
    const closed = this.wait(s.id, (x) => x.type === 'close', this.timeoutOf({}), s.cursor);
    this.core.close(s.id, step.code, reason);
    try {
      const e = await closed;
      // The cursor stays on the close event: an `expectClose` after this step checks the close it caused.
      if (e.type === 'close') s.cursor = e.seq;
      return { message: e.type === 'close' ? `closed with ${closeText(e)}` : 'closed', seq: e.seq };
    } catch (err) {
      if (err instanceof WaitError && err.reason === 'timeout') throw new StepFailure(`no close within ${this.timeoutOf({})} ms`);
      throw err;
    }
  }

  /** closes what the run opened (Stop always; at the end unless keepOpen) */
  closeOpened() {
    for (const id of this.opened) {
      const st = this.core.readyState(id);
      if (st === 'OPEN' || st === 'CONNECTING') this.core.close(id, 1000, this.stopped ? 'flow stopped' : 'flow finished');
    }
  }
}

/** Runs a flow (or, with `only`, one of its steps). Validates first: with any issue nothing runs. */
export async function runFlow(doc: FlowDocument, options: RunOptions): Promise<FlowRun> {
  const r = new Runner(doc, options);
  const startedAt = r.clock.now();
  const issues = validateFlow(doc, { knownVariables: Object.keys(options.variables ?? {}) });
  const finish = (status: RunStatus): FlowRun => ({
    status,
    issues,
    steps: r.results,
    ...(r.failure ? { failure: r.failure } : {}),
    variables: r.vars,
    connections: Object.fromEntries([...r.conns].map(([name, s]) => [name, s.id])),
    cursors: Object.fromEntries([...r.conns].map(([name, s]) => [name, s.cursor])),
    startedAt,
    endedAt: r.clock.now(),
  });
  // With `only`, the run before made the connections and variables it needs: forgive "not connected yet" and unknown variables it would have made.
  const blocking = options.only ? issues.filter((i) => !i.message.includes('is not connected yet') && !i.message.startsWith('unknown variable')) : issues;
  if (blocking.length > 0) return { ...finish('invalid'), issues: blocking };
  issues.length = 0;

  for (const [name, id] of Object.entries(options.connections ?? {})) {
    const config = doc.connections.find((c) => c.name === name);
    const log = options.core.log(id);
    if (config && log) r.conns.set(name, { id, config, url: config.url, protocols: config.protocols ?? [], cursor: options.cursors?.[name] ?? log.end });
  }
  const onAbort = () => {
    r.stopped = true;
    r.closeOpened();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.only) {
      const step = findStep(doc.steps, options.only);
      if (!step) {
        return { ...finish('invalid'), issues: [{ step: [...options.only], field: 'step', message: `there is no ${stepLabel(options.only)}` }] };
      }
      await r.runStep(step, options.only, []);
    } else {
      await r.runSteps(doc.steps, [], []);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    r.unloadScripts();
    if (r.stopped || !options.keepOpen) r.closeOpened();
  }
  return finish(r.stopped ? 'stopped' : r.failure ? 'failed' : 'passed');
}
