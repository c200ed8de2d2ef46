import { beforeAll, describe, expect, test } from 'vitest';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { SandboxEngine } from '../../lib/sandbox/engine';
import { loadQuickJS } from '../../lib/sandbox/load';
import { handleRequest } from '../../lib/sandbox/protocol';
import type { SandboxRequest, SandboxResponse } from '../../lib/sandbox/protocol';
import { SandboxClient } from './sandbox-client';
import type { WorkerLike } from './sandbox-client';

// The client against the real engine behind a Worker-like wrapper: the same
// request handler the Worker runs, answering asynchronously; `hang` makes it
// stop answering, as an engine stuck in itself would.
let quickjs: QuickJSWASMModule;
beforeAll(async () => {
  quickjs = await loadQuickJS();
});

class FakeWorker implements WorkerLike {
  static made: FakeWorker[] = [];
  static hangOn: ((req: SandboxRequest) => boolean) | null = null;
  readonly engine = new SandboxEngine(quickjs);
  terminated = false;
  private readonly listeners: Array<(e: MessageEvent<SandboxResponse>) => void> = [];
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(req: SandboxRequest): void {
    const copy = structuredClone(req);
    setTimeout(() => {
      if (this.terminated || FakeWorker.hangOn?.(copy)) return;
      const res = handleRequest(this.engine, copy);
      for (const l of this.listeners) l({ data: structuredClone(res) } as MessageEvent<SandboxResponse>);
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (e: never) => void): void {
    if (type === 'message') this.listeners.push(listener as (e: MessageEvent<SandboxResponse>) => void);
  }
}

const SCRIPT = { id: 'lp', name: 'Length-prefixed', enabled: true, source: `function decode(f, s) { s.n = (s.n || 0) + 1; return { type: 'msg', summary: '#' + s.n + ' ' + f.bytes[0] + ' B', fields: { len: f.bytes[0] } }; }\nfunction encode(v) { const b = utf8.encode(v.text); const out = new Uint8Array(b.length + 1); out[0] = b.length; out.set(b, 1); return out; }` };
const frame = (n: number) => ({ direction: 'in' as const, format: 'binary' as const, bytes: new Uint8Array([n, 1, 2]) });

describe('the sandbox client', () => {
  test('loads, decodes with a state per key, encodes and unloads through the worker', async () => {
    FakeWorker.hangOn = null;
    const c = new SandboxClient(() => new FakeWorker());
    expect(await c.load(SCRIPT)).toEqual({ ok: true, value: { functions: ['decode', 'encode'] } });
    const [a, b] = await c.decode('lp', 'conn:1', [frame(3), frame(5)]);
    expect(a?.ok && a.value[0]?.summary).toBe('#1 3 B');
    expect(b?.ok && b.value[0]?.summary).toBe('#2 5 B');
    c.resetState('lp', 'conn:1');
    const [again] = await c.decode('lp', 'conn:1', [frame(7)]);
    expect(again?.ok && again.value[0]?.summary).toBe('#1 7 B');
    expect(await c.encode('lp', { text: 'hi' })).toEqual({ ok: true, value: new Uint8Array([2, 0x68, 0x69]) });
    c.unload('lp');
    const gone = await c.call('lp', 'decode', []);
    expect(gone.ok ? null : gone.error.kind).toBe('missing');
    c.dispose();
  });

  test('a worker that stops answering is restarted: the call in flight fails as crashed, scripts are reloaded, the next call works', async () => {
    FakeWorker.made = [];
    FakeWorker.hangOn = (req) => req.op === 'decode' && req.frames.length === 2;
    const c = new SandboxClient(() => new FakeWorker(), { graceMs: 300, startMs: 0 });
    c.setLimits({ callMs: 10, setupMs: 500 });
    let restarted = 0;
    c.onRestart(() => restarted++);
    expect((await c.load(SCRIPT)).ok).toBe(true);
    const lost = await c.decode('lp', 'k', [frame(1), frame(2)]);
    expect(lost.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(['crashed', 'crashed']);
    expect(restarted).toBe(1);
    expect(FakeWorker.made.length).toBe(2);
    expect(FakeWorker.made[0]?.terminated).toBe(true);
    const [next] = await c.decode('lp', 'k', [frame(9)]);
    expect(next?.ok ? next.value[0]?.summary : next?.error).toBe('#1 9 B');
    expect(FakeWorker.made[1]?.engine.getLimits()).toEqual({ callMs: 10, setupMs: 500, memoryBytes: 64 * 1024 * 1024 });
    c.dispose();
  });
});
