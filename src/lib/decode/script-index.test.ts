import { describe, expect, it } from 'vitest';
import { Kind } from '../event-kind';
import { createInProcessSandbox } from '../sandbox/in-process';
import type { SandboxApi } from '../sandbox/api';
import { matchesFieldTerms, parseFieldQuery } from './field-query';
import { MAX_KEPT, ScriptDecodeIndex } from './script-index';
import type { PaceClock } from './script-pace';
import type { ScriptDecoder } from './script-index';
import { scriptDecodeAs } from './types';

class FakeLog {
  kinds: number[] = [];
  data: unknown[] = [];
  start = 0;
  get end() {
    return this.kinds.length;
  }
  kindAt(seq: number) {
    return seq >= this.start ? this.kinds[seq] : undefined;
  }
  dataAt(seq: number) {
    return seq >= this.start ? this.data[seq] : undefined;
  }
  push(kind: number, data: unknown) {
    this.kinds.push(kind);
    this.data.push(data);
  }
  connect() {
    this.push(Kind.Connecting, { url: 'ws://127.0.0.1/lp', protocols: [] });
    this.push(Kind.Open, { protocol: '', extensions: '' });
  }
}

// A length-prefixed binary envelope: [length][kind][payload…]; kind 1 = request, 2 = reply, payload "id:text".
const LENGTH_PREFIXED = `
function decode(frame, state) {
  if (frame.format !== 'binary') return null;
  const b = frame.bytes;
  state.count = (state.count || 0) + 1;
  if (b.length < 2 || b[0] !== b.length - 2) throw new Error('length ' + b[0] + ' but ' + (b.length - 2) + ' bytes follow');
  const [id, text] = utf8.decode(b, 2).split(':');
  const type = b[1] === 1 ? 'request' : 'reply';
  return { type, summary: type + ' #' + id + ' ' + text + ' (frame ' + state.count + ')', fields: { id, text }, correlation: { key: id, role: type } };
}`;

function envelope(kind: number, payload: string): ArrayBuffer {
  const body = new TextEncoder().encode(payload);
  const out = new Uint8Array(body.length + 2);
  out[0] = body.length;
  out[1] = kind;
  out.set(body, 2);
  return out.buffer;
}

function decoderOf(sandbox: SandboxApi, id: string, source: string, enabled = true): ScriptDecoder {
  const loading = sandbox.load({ id, name: 'Envelope', source, enabled });
  return { name: 'Envelope', ready: () => loading, decode: (key, frames) => sandbox.decode(id, key, frames), reset: (key) => sandbox.resetState(id, key) };
}

/** Pumps until the index has every result (each batch resolves on the sandbox's promise). */
async function settle(index: ScriptDecodeIndex): Promise<void> {
  for (let i = 0; i < 200 && !index.step(0); i++) await new Promise((r) => setTimeout(r, 1));
}

describe('ScriptDecodeIndex', () => {
  it('decodes behind capture: nothing is decoded when pump returns, then every frame in order with one state per socket session', async () => {
    const sandbox = createInProcessSandbox();
    const log = new FakeLog();
    log.connect();
    log.push(Kind.OutBinary, envelope(1, '7:hello'));
    log.push(Kind.InBinary, envelope(2, '7:world'));
    log.push(Kind.InText, 'not binary');
    let told = 0;
    const index = new ScriptDecodeIndex(log, scriptDecodeAs('env'), decoderOf(sandbox, 'env', LENGTH_PREFIXED), () => told++);
    index.pump();
    expect(index.messagesAt(2)).toBeNull();
    expect(index.progress()).toEqual({ decoded: 0, total: 5 });
    await settle(index);
    expect(told).toBeGreaterThan(0);
    expect(index.progress()).toEqual({ decoded: 5, total: 5 });
    expect(index.messagesAt(2)?.map((m) => m.summary)).toEqual(['request #7 hello (frame 1)']);
    expect(index.messagesAt(3)?.[0]).toMatchObject({ protocol: 'Envelope', type: 'reply', correlation: { key: 'script:7', role: 'reply' }, keys: [['id', '7'], ['text', 'world']] });
    expect(index.messagesAt(4)).toBeNull();
    expect(matchesFieldTerms(index.messagesAt(3) ?? [], parseFieldQuery('text:wor').terms, false)).toBe(true);
    // A reconnect starts a fresh state: the frame count restarts at 1.
    log.connect();
    log.push(Kind.InBinary, envelope(2, '8:again'));
    await settle(index);
    expect(index.messagesAt(7)?.[0]?.summary).toBe('reply #8 again (frame 1)');
  });

  it('a frame the script cannot read shows its error on its row; the next frame still decodes', async () => {
    const sandbox = createInProcessSandbox();
    const log = new FakeLog();
    log.connect();
    const bad = new Uint8Array([9, 1, 0x41]).buffer;
    log.push(Kind.InBinary, bad);
    log.push(Kind.InBinary, envelope(1, '1:ok'));
    const index = new ScriptDecodeIndex(log, scriptDecodeAs('env2'), decoderOf(sandbox, 'env2', LENGTH_PREFIXED));
    await settle(index);
    expect(index.hasError(2)).toBe(true);
    expect(index.messagesAt(2)?.[0]).toMatchObject({ type: 'error', error: 'Error: length 9 but 1 bytes follow (line 6:61)' });
    expect(index.hasError(3)).toBe(false);
    expect(index.messagesAt(3)?.[0]?.summary).toBe('request #1 ok (frame 2)');
  });

  it('a disabled script or one with a syntax error decodes nothing and says why in its status', async () => {
    const sandbox = createInProcessSandbox();
    const log = new FakeLog();
    log.connect();
    log.push(Kind.InBinary, envelope(1, '1:x'));
    const disabled = new ScriptDecodeIndex(log, scriptDecodeAs('off'), decoderOf(sandbox, 'off', LENGTH_PREFIXED, false));
    await settle(disabled);
    expect(disabled.status().script?.error).toContain('disabled');
    expect(disabled.messagesAt(2)).toBeNull();
    const broken = new ScriptDecodeIndex(log, scriptDecodeAs('bad'), decoderOf(sandbox, 'bad', 'function decode(f) { return {; }'));
    await settle(broken);
    expect(broken.status().script).toMatchObject({ kind: 'syntax', error: expect.stringContaining('SyntaxError') });
  });

  it('forgets what belongs to evicted events', async () => {
    const sandbox = createInProcessSandbox();
    const log = new FakeLog();
    log.connect();
    for (let i = 0; i < 10; i++) log.push(Kind.InBinary, envelope(1, `${i}:x`));
    const index = new ScriptDecodeIndex(log, scriptDecodeAs('env3'), decoderOf(sandbox, 'env3', LENGTH_PREFIXED));
    await settle(index);
    expect(index.messagesAt(2)).not.toBeNull();
    log.start = 6;
    log.push(Kind.InBinary, envelope(1, '10:x'));
    await settle(index);
    expect(index.messagesAt(2)).toBeNull();
    expect(index.messagesAt(12)?.[0]?.summary).toBe('request #10 x (frame 11)');
    expect(index.progress()).toEqual({ decoded: 7, total: 7 });
  });

  it('while a flood arrives it waits between batches (capture first); once capture is quiet it decodes batch after batch', async () => {
    const log = new FakeLog();
    log.connect();
    for (let i = 0; i < 10; i++) log.push(Kind.InText, `m${i}`);
    const timers: Array<{ run: () => void; ms: number }> = [];
    const clock: PaceClock & { t: number } = { t: 0, now() { return this.t; }, later: (run, ms) => void timers.push({ run, ms }) };
    let flooding = true;
    const batches: number[] = [];
    const decoder: ScriptDecoder = {
      name: 'Paced',
      ready: () => Promise.resolve({ ok: true, value: { functions: ['decode'] } }),
      decode: (_key, frames) => {
        batches.push(frames.length);
        // Each batch takes 10 ms; during a flood 200 events arrive meanwhile (20,000/s).
        clock.t += 10;
        if (flooding) for (let i = 0; i < 200; i++) log.push(Kind.InText, 'x');
        return Promise.resolve(frames.map(() => ({ ok: true as const, value: [{ protocol: 'Paced', type: 't', summary: 's', fields: [] }] })));
      },
      reset: () => {},
    };
    const index = new ScriptDecodeIndex(log, scriptDecodeAs('paced'), decoder, () => {}, clock);
    index.pump();
    const tick = () => new Promise((r) => setTimeout(r, 0));
    for (let i = 0; i < 5 && timers.length === 0; i++) await tick();
    // The first batch (the backlog) is done; 200 events came in 10 ms: wait 9 × 10 ms before the next.
    expect(batches).toEqual([10]);
    expect(timers.map((x) => x.ms)).toEqual([90]);
    index.pump();
    await tick();
    expect(batches).toEqual([10]);
    // The wait ends: the next batch goes (the clock moved on by the wait).
    clock.t += 90;
    timers.shift()?.run();
    for (let i = 0; i < 5 && timers.length === 0; i++) await tick();
    expect(batches).toEqual([10, 200]);
    expect(timers).toHaveLength(1);
    // Capture goes quiet: after this wait, batches follow each other until every event is decoded.
    flooding = false;
    clock.t += 1_000;
    timers.shift()?.run();
    for (let i = 0; i < 20 && !index.step(0); i++) await tick();
    expect(timers).toHaveLength(0);
    expect(batches).toEqual([10, 200, 200]);
    expect(index.progress()).toEqual({ decoded: log.end, total: log.end });
  });

  it('keeps the messages of the newest MAX_KEPT frames, and drops those of evicted events', async () => {
    const log = new FakeLog();
    log.connect();
    for (let i = 0; i < MAX_KEPT + 10; i++) log.push(Kind.InText, `m${i}`);
    const decoder: ScriptDecoder = {
      name: 'Counter',
      ready: () => Promise.resolve({ ok: true, value: { functions: ['decode'] } }),
      decode: (_key, frames) => Promise.resolve(frames.map((f) => ({ ok: true as const, value: [{ protocol: 'Counter', type: 't', summary: f.format === 'text' ? f.text : '', fields: [] }] }))),
      reset: () => {},
    };
    const index = new ScriptDecodeIndex(log, scriptDecodeAs('counter'), decoder);
    for (let i = 0; i < 200 && !index.step(0); i++) await new Promise((r) => setTimeout(r, 0));
    expect(index.progress()).toEqual({ decoded: MAX_KEPT + 12, total: MAX_KEPT + 12 });
    // Events 2…11 (m0…m9) lost their messages; m10 on kept theirs.
    expect(index.messagesAt(11)).toBeNull();
    expect(index.messagesAt(12)?.[0]?.summary).toBe('m10');
    expect(index.messagesAt(MAX_KEPT + 11)?.[0]?.summary).toBe(`m${MAX_KEPT + 9}`);
    // The log evicts its first 30,000 events: their messages go too.
    log.start = 30_000;
    log.push(Kind.InText, 'last');
    for (let i = 0; i < 20 && !index.step(0); i++) await new Promise((r) => setTimeout(r, 0));
    expect(index.messagesAt(29_999)).toBeNull();
    expect(index.messagesAt(30_000)?.[0]?.summary).toBe('m29998');
    expect(index.messagesAt(MAX_KEPT + 12)?.[0]?.summary).toBe('last');
  });
});
