import { beforeAll, describe, expect, test } from 'vitest';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { Frame } from '../decode/types';
import { SandboxEngine } from './engine';
import { loadQuickJS } from './load';
import type { CallResult, SandboxLimits } from './types';

// The real engine (QuickJS in wasm) under Node, as the CLI and the Worker run it.
let quickjs: QuickJSWASMModule;
beforeAll(async () => {
  quickjs = await loadQuickJS();
});

function engineWith(source: string, limits?: Partial<SandboxLimits>): SandboxEngine {
  const e = new SandboxEngine(quickjs, limits);
  const r = e.load({ id: 's', name: 'Mine', source, enabled: true });
  if (!r.ok) throw new Error(`load failed: ${r.error.message}`);
  return e;
}

const text = (t: string): Frame => ({ direction: 'in', format: 'text', text: t });

function err<T>(r: CallResult<T> | undefined): { kind: string; message: string; line?: number; column?: number } {
  if (!r || r.ok) throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r.error;
}

const ECHO = `function decode(frame, state) {
  state.n = (state.n || 0) + 1;
  return { type: 'echo', summary: frame.format === 'text' ? frame.text : 'bytes ' + frame.bytes.length, fields: { n: state.n } };
}`;

describe('copy in, check out', () => {
  test('a script reads its functions; decode gets a copy of each frame and a state per key carried across calls', () => {
    const e = engineWith(ECHO);
    expect(e.load({ id: 's', name: 'Mine', source: ECHO, enabled: true })).toEqual({ ok: true, value: { functions: ['decode'] } });
    const a = e.decode('s', 'conn-1', [text('a'), text('b')]);
    const b = e.decode('s', 'conn-1', [text('c')]);
    const other = e.decode('s', 'conn-2', [text('x')]);
    const summary = (r: CallResult<Array<{ summary: string; keys?: unknown }>> | undefined) => (r?.ok ? r.value.map((m) => [m.summary, m.keys]) : r?.error.message);
    expect(a.map(summary)).toEqual([[['a', [['n', '1']]]], [['b', [['n', '2']]]]]);
    expect(b.map(summary)).toEqual([[['c', [['n', '3']]]]]);
    expect(other.map(summary)).toEqual([[['x', [['n', '1']]]]]);
    e.resetState('s', 'conn-1');
    expect(e.decode('s', 'conn-1', [text('d')]).map(summary)).toEqual([[['d', [['n', '1']]]]]);
  });

  test('binary frames arrive as Uint8Array copies; a script changing them changes nothing outside', () => {
    const e = engineWith(`function decode(f) { const len = f.bytes[0]; f.bytes[0] = 99; return { type: 'len', summary: utf8.decode(f.bytes.subarray(1, 1 + len)), fields: { raw: f.bytes.slice(0, 2) } }; }`);
    const bytes = new Uint8Array([2, 0x68, 0x69, 0xff]);
    const [r] = e.decode('s', 'k', [{ direction: 'in', format: 'binary', bytes }]);
    expect(bytes[0]).toBe(2);
    expect(r?.ok && r.value[0]?.summary).toBe('hi');
    const raw = r?.ok ? r.value[0]?.fields[0]?.value : undefined;
    expect(raw).toBeInstanceOf(Uint8Array);
    expect([...(raw as Uint8Array)]).toEqual([99, 0x68]);
  });

  test('encode returns text or bytes; utf8.encode/decode round-trip non-ASCII', () => {
    const e = engineWith(`function encode(v) { return v.binary ? utf8.encode(v.text) : JSON.stringify(v); }\nfunction check(m) { return utf8.decode(utf8.encode(m)) === m; }`);
    expect(e.encode('s', { text: 'é€😀', binary: true })).toEqual({ ok: true, value: new TextEncoder().encode('é€😀') });
    expect(e.encode('s', { a: 1 })).toEqual({ ok: true, value: '{"a":1}' });
    expect(e.call('s', 'check', ['é€😀 x'])).toEqual({ ok: true, value: true });
  });

  test('export function is accepted, const functions too, and console.log lines come back as notes', () => {
    const e = engineWith(`export function compute(vars) { console.log('got', vars.a, {b: 1}); return { ...vars, b: String(Number(vars.a) + 1) }; }\nconst next = (i) => 'msg ' + i;`);
    expect(e.call('s', 'compute', [{ a: '1' }])).toEqual({ ok: true, value: { a: '1', b: '2' }, notes: ['got 1 {"b":1}'] });
    expect(e.call('s', 'next', [3, {}])).toEqual({ ok: true, value: 'msg 3' });
    expect(err(e.call('s', 'decode', []))).toMatchObject({ kind: 'missing', message: 'the script "Mine" defines no function decode()' });
  });

  test('keys like __proto__ stay data on the way out', () => {
    const e = engineWith(`function compute() { return JSON.parse('{"__proto__": {"polluted": 1}, "a": 2}'); }`);
    const r = e.call('s', 'compute', [{}]);
    expect(r.ok).toBe(true);
    const v = r.ok ? (r.value as Record<string, unknown>) : {};
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a disabled script does not load', () => {
    const e = new SandboxEngine(quickjs);
    expect(err(e.load({ id: 'x', name: 'Imported', source: ECHO, enabled: false }))).toMatchObject({ kind: 'missing', message: expect.stringContaining('disabled') });
    expect(err(e.call('x', 'decode', []))).toMatchObject({ kind: 'missing' });
  });
});

describe('hostile scripts: each stopped with its error, the next call works', () => {
  const HOSTILE = `function decode(f, state) {
  switch (f.text) {
    case 'loop': while (true) {}
    case 'alloc': { const a = []; for (;;) a.push(new Uint8Array(1 << 20)); }
    case 'allocObjects': { const a = []; for (;;) a.push({ n: a.length, s: 'item ' + a.length }); }
    case 'recurse': { const r = (n) => r(n + 1) + 1; return r(0); }
    case 'wrong': return 42;
    case 'cyclic': { const o = { type: 't', summary: 's' }; o.fields = { self: o }; return o; }
    case 'function': return { type: 't', summary: 's', fields: { f: function () {} } };
    case 'promise': return new Promise(() => {});
    case 'huge': return { type: 't', summary: 'x'.repeat(100 * 1024 * 1024), fields: {} };
    case 'nonerror': throw { not: 'an error' };
    case 'string': throw 'plain string';
    case 'map': return { type: 't', summary: 's', fields: { m: new Map() } };
    case 'nan': return { type: 't', summary: 's', fields: { n: 0 / 0 } };
    default: return { type: 'ok', summary: f.text };
  }
}`;
  const e = () => engineWith(HOSTILE);
  const okAfter = (engine: SandboxEngine) => {
    const [r] = engine.decode('s', 'k', [text('fine')]);
    expect(r).toEqual({ ok: true, value: [{ protocol: 'Mine', type: 'ok', summary: 'fine', fields: [] }] });
  };

  test('while (true) {} times out at callMs with its line; the frames after it in the same batch still decode', () => {
    const engine = e();
    const [a, b, c] = engine.decode('s', 'k', [text('before'), text('loop'), text('after')]);
    expect(a?.ok && a.value[0]?.summary).toBe('before');
    expect(err(b)).toMatchObject({ kind: 'timeout', message: 'the call ran longer than 50 ms (the limit per call)' });
    expect(c?.ok && c.value[0]?.summary).toBe('after');
    okAfter(engine);
  });

  test('an endless top level times out at setupMs', () => {
    const engine = new SandboxEngine(quickjs, { setupMs: 100 });
    expect(err(engine.load({ id: 't', name: 'T', source: 'for (;;) {}', enabled: true }))).toMatchObject({ kind: 'timeout', message: expect.stringContaining('100 ms') });
  });

  test('allocating until the memory limit is a memory error; the script is loaded afresh', () => {
    const engine = engineWith(HOSTILE, { memoryBytes: 16 * 1024 * 1024, callMs: 2_000 });
    expect(err(engine.decode('s', 'k', [text('alloc')])[0])).toMatchObject({ kind: 'memory', message: expect.stringContaining('16 MB') });
    okAfter(engine);
    expect(err(engine.decode('s', 'k', [text('allocObjects')])[0])).toMatchObject({ kind: 'memory', message: expect.stringContaining('16 MB') });
    okAfter(engine);
  }, 60_000);

  test('deep recursion is a stack overflow, not a crash', () => {
    const engine = e();
    expect(err(engine.decode('s', 'k', [text('recurse')])[0])).toMatchObject({ kind: 'runtime', message: expect.stringContaining('stack overflow'), line: 6 });
    okAfter(engine);
  });

  test.each([
    ['wrong', 'decode() must be an object { type, summary, fields }, got a number (42)'],
    ['cyclic', 'decode().fields.self refers back to decode(): a cyclic object is not data'],
    ['function', 'decode().fields.f is a function, which is not data'],
    ['promise', 'decode() is a Promise: return the value itself (the sandbox has no timers or I/O, so a Promise would never settle)'],
    ['map', 'decode().fields.m is [object Map], not a plain object, array, string, number, boolean, null or Uint8Array'],
    ['nan', 'decode().fields.n is NaN, not a finite number'],
  ])('returning %s is an output error', (what, message) => {
    const engine = e();
    expect(err(engine.decode('s', 'k', [text(what)])[0])).toEqual({ kind: 'output', message });
    okAfter(engine);
  });

  test('a 100 MB string is cut at 1 MiB with a note (with memory for it); under the default 64 MB it is a memory error', () => {
    const big = engineWith(HOSTILE, { memoryBytes: 256 * 1024 * 1024, callMs: 10_000 });
    const [r] = big.decode('s', 'k', [text('huge')]);
    expect(r?.ok).toBe(true);
    if (r?.ok) {
      expect(r.value[0]?.summary.length).toBe(1024 * 1024);
      expect(r.notes).toEqual([`decode().summary was cut at ${1024 * 1024} characters (it had ${100 * 1024 * 1024})`]);
    }
    okAfter(big);
    const small = e();
    expect(err(small.decode('s', 'k', [text('huge')])[0])).toMatchObject({ kind: 'memory' });
    okAfter(small);
  }, 30_000);

  test('throwing a non-Error says what was thrown', () => {
    const engine = e();
    expect(err(engine.decode('s', 'k', [text('nonerror')])[0]).message).toBe('threw a non-Error value: {"not":"an error"} (throw new Error(...) to give a message and a line)');
    expect(err(engine.decode('s', 'k', [text('string')])[0]).message).toBe('threw a non-Error value: "plain string" (throw new Error(...) to give a message and a line)');
    okAfter(engine);
  });

  test('an Error thrown gives its message, line and column', () => {
    const engine = engineWith(`function check(m) {\n  if (m !== 'ok') {\n    throw new Error('bad ' + m);\n  }\n  return true;\n}`);
    expect(err(engine.call('s', 'check', ['x', {}]))).toEqual({ kind: 'runtime', message: 'Error: bad x', line: 3, column: 20 });
    expect(engine.call('s', 'check', ['ok', {}])).toEqual({ ok: true, value: true });
  });

  test('syntax errors give line and column', () => {
    const engine = new SandboxEngine(quickjs);
    expect(err(engine.load({ id: 'x', name: 'X', source: 'function decode(f) {\n  const a = 1;\n  return a +;\n}', enabled: true }))).toEqual({
      kind: 'syntax',
      message: "SyntaxError: unexpected token in expression: ';'",
      line: 3,
      column: 13,
    });
  });

  test('routes to a global reach only the engine’s own global; no fetch, XMLHttpRequest, importScripts, postMessage, WebSocket, localStorage, timers, process or require', () => {
    const engine = engineWith(`function compute() {
  const viaConstructor = this.constructor.constructor('return this')();
  const viaFunction = Function('return this')();
  const viaEval = (0, eval)('this');
  const names = ['fetch', 'XMLHttpRequest', 'importScripts', 'postMessage', 'WebSocket', 'localStorage', 'sessionStorage', 'indexedDB', 'setTimeout', 'setInterval', 'queueMicrotask', 'process', 'require', 'navigator', 'document', 'window', 'self', 'Worker', 'caches', 'crypto'];
  return {
    same: viaConstructor === globalThis && viaFunction === globalThis && viaEval === globalThis,
    globals: Object.getOwnPropertyNames(globalThis).filter((n) => !/^[A-Z]/.test(n) && !['globalThis', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape', 'eval', 'undefined', 'NaN', 'Infinity'].includes(n)).sort(),
    types: names.map((n) => typeof viaConstructor[n]),
  };
}`);
    const r = engine.call('s', 'compute', [{}]);
    expect(r).toEqual({ ok: true, value: { same: true, globals: ['compute', 'console', 'utf8'], types: Array(20).fill('undefined') } });
  });

  test('another script’s state and data are out of reach: each script has its own runtime and global', () => {
    const engine = new SandboxEngine(quickjs);
    engine.load({ id: 'a', name: 'A', source: 'var secret = "token-123"; function decode(f, s) { s.secret = secret; return null; }', enabled: true });
    engine.load({ id: 'b', name: 'B', source: 'function compute() { return { seen: typeof secret, keys: Object.keys(globalThis).join() }; }', enabled: true });
    engine.decode('a', 'k', [text('x')]);
    expect(engine.call('b', 'compute', [{}])).toEqual({ ok: true, value: { seen: 'undefined', keys: 'utf8,console,compute' } });
  });

  test('a getter that throws while its result is checked is that frame’s error; the next frame decodes', () => {
    const engine = engineWith(`function decode(f) {
  if (f.text === 'getter') return { type: 't', get summary() { throw new Error('no summary'); } };
  return { type: 'ok', summary: f.text };
}`);
    const [a, b] = engine.decode('s', 'k', [text('getter'), text('fine')]);
    expect(err(a)).toMatchObject({ kind: 'runtime', message: 'Error: no summary', line: 2 });
    expect(b).toEqual({ ok: true, value: [{ protocol: 'Mine', type: 'ok', summary: 'fine', fields: [] }] });
  });

  test('setters a script puts on Array.prototype and Object.prototype never see the output check', () => {
    const engine = engineWith(`function decode(f) {
  for (let i = 0; i < 70; i++) Object.defineProperty(Array.prototype, String(i), { set() { throw new Error('setter ' + i); }, configurable: true });
  Object.defineProperty(Object.prototype, 'v', { set() { throw new Error('setter v'); }, configurable: true });
  return { type: 't', summary: 's', fields: { list: [1, [2, [3]]], deep: { a: { b: { c: 'x' } } }, fn: [0, () => 1] } };
}`);
    expect(err(engine.decode('s', 'k', [text('x')])[0])).toEqual({ kind: 'output', message: 'decode().fields.fn[1] is a function, which is not data' });
  });

  test('replacing built-ins does not fool the output check', () => {
    const engine = engineWith(`function compute() {
  Object.getPrototypeOf = () => Object.prototype;
  Array.isArray = () => true;
  JSON.stringify = () => '"forged"';
  Object.prototype.toJSON = () => 'forged';
  return { ok: [1, 2], fn: () => 1 };
}`);
    expect(err(engine.call('s', 'compute', [{}]))).toEqual({ kind: 'output', message: 'compute().fn is a function, which is not data' });
  });
});

describe('limits', () => {
  test('the time limit is per frame of a batch: frames that each stay under it all decode; the one that does not times out and the next decodes', () => {
    const engine = engineWith(`function decode(f) { const end = Date.now() + Number(f.text); while (Date.now() < end) {} return { type: 'slept', summary: f.text }; }`, { callMs: 250 });
    const frames = ['80', '80', '80', '80', '80', '2000', '80'].map(text);
    const out = engine.decode('s', 'k', frames);
    // 400 ms of frames before the slow one: a limit per batch would have stopped the fourth.
    expect(out.map((r) => (r.ok ? r.value[0]?.summary : r.error.kind))).toEqual(['80', '80', '80', '80', '80', 'timeout', '80']);
  });

  test('setLimits changes the time limit of the next call', () => {
    const engine = engineWith(`function compute(v) { const end = Date.now() + v.ms; while (Date.now() < end) {} return v; }`);
    const before = engine.call('s', 'compute', [{ ms: 300 }]);
    expect(before.ok ? before : before.error.kind).toBe('timeout');
    engine.setLimits({ callMs: 5_000 });
    expect(engine.call('s', 'compute', [{ ms: 300 }])).toEqual({ ok: true, value: { ms: 300 } });
    expect(engine.getLimits()).toEqual({ callMs: 5_000, setupMs: 2_000, memoryBytes: 64 * 1024 * 1024 });
  });

  test('limits out of bounds are clamped, bad values fall back to the defaults', () => {
    const engine = new SandboxEngine(quickjs, { callMs: -5, setupMs: Number.NaN, memoryBytes: 1e15 });
    expect(engine.getLimits()).toEqual({ callMs: 1, setupMs: 2_000, memoryBytes: 1024 * 1024 * 1024 });
  });
});
