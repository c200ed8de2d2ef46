import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowDocument, FlowStep, StepResult } from '../../lib/flows/types';
import { runFlow } from './engine';
import type { FlowRun, RunOptions } from './engine';
import { runUsers } from './users';
import { FakeCore } from './testing/fake-core';
import { registerLens } from '../../lib/decode/registry';
import { socketIoLens } from '../../lib/decode/lenses/socketio/index';

const flow = (steps: FlowStep[], extra: Partial<FlowDocument> = {}): FlowDocument => ({
  version: 'sockpit-flow/1',
  name: 't',
  connections: [
    { name: 'a', url: 'ws://fake/echo' },
    { name: 'b', url: 'ws://fake/chat?room=r1' },
  ],
  steps,
  ...extra,
});

/** drives the fake clock until the promise settles */
async function settle<T>(p: Promise<T>, step = 10, maxMs = 120_000): Promise<T> {
  let done = false;
  void p.finally(() => (done = true));
  for (let t = 0; !done && t < maxMs; t += step) await vi.advanceTimersByTimeAsync(step);
  return p;
}

let core: FakeCore;
const run = (doc: FlowDocument, o: Partial<RunOptions> = {}): Promise<FlowRun> => settle(runFlow(doc, { core, ...o }));
const final = (r: FlowRun) => r.steps.map((s) => `${s.step.join('.')}${s.iteration ? `@${s.iteration.join('.')}` : ''}:${s.status}`);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  core = new FakeCore();
});
afterEach(() => vi.useRealTimers());

describe('runFlow', () => {
  it('echo: connect, send, expect with capture, reuse of the value, close', async () => {
    const r = await run(
      flow([
        { type: 'connect' },
        { type: 'send', payload: { text: '{"id":"{{prefix}}-42","n":1}' } },
        { type: 'expect', match: [{ path: '$.n', equals: 1 }], capture: [{ var: 'id', path: '$.id' }] },
        { type: 'send', payload: { text: 'again {{id}}' } },
        { type: 'expect', match: [{ equals: 'again p-42' }], next: true },
        { type: 'close', code: 1000, reason: 'done' },
      ]),
      { variables: { prefix: 'p' } },
    );
    expect(r.status).toBe('passed');
    expect(final(r)).toEqual(['0:passed', '1:passed', '2:passed', '3:passed', '4:passed', '5:passed']);
    expect(r.variables.id).toBe('p-42');
    expect(r.steps[2]?.message).toBe('received {"id":"p-42","n":1}; captured id="p-42"');
    expect(r.steps[2]?.seq).toBe(3); // connecting, open, out, in
    expect(r.steps[5]?.message).toBe('closed with 1000 "done"');
  });

  it('reports each step running, then its result, to onStep', async () => {
    const seen: string[] = [];
    await run(flow([{ type: 'connect' }, { type: 'wait', ms: 20 }]), { onStep: (s: StepResult) => seen.push(`${s.step.join('.')}:${s.status}`) });
    expect(seen).toEqual(['0:running', '0:passed', '1:running', '1:passed']);
  });

  it('chat: two connections talk to each other', async () => {
    const doc = flow([
      { type: 'connect', connection: 'b' },
      { type: 'connect', connection: 'c' },
      { type: 'send', connection: 'b', payload: { text: 'hi from A' } },
      { type: 'expect', connection: 'c', match: [{ equals: 'hi from A' }] },
      { type: 'send', connection: 'c', payload: { text: 'hi from B' } },
      { type: 'expect', connection: 'b', match: [{ equals: 'hi from B' }] },
    ]);
    doc.connections.push({ name: 'c', url: 'ws://fake/chat?room=r1' });
    const r = await run(doc);
    expect(r.status).toBe('passed');
    expect(Object.keys(r.connections)).toEqual(['b', 'c']);
  });

  it('a step that times out fails with its timeout, and names what it wanted and the closest message', async () => {
    const r = await run(
      flow([
        { type: 'connect' },
        { type: 'send', payload: { text: '{"type":"reply","id":3}' } },
        { type: 'send', payload: { text: 'unrelated' } },
        { type: 'expect', match: [{ path: '$.type', equals: 'reply' }, { path: '$.id', equals: 4 }], timeoutMs: 2000 },
        { type: 'send', payload: { text: 'never sent' } },
      ]),
    );
    expect(r.status).toBe('failed');
    expect(final(r)).toEqual(['0:passed', '1:passed', '2:passed', '3:failed', '4:skipped']);
    const f = r.failure!;
    expect(f.message).toBe('timed out after 2000 ms');
    expect(f.endedAt - f.startedAt).toBe(2000);
    expect(f.expected).toBe('a received message where $.type equals "reply" and $.id equals 4');
    expect(f.closest).toBe('{"type":"reply","id":3}');
    expect(f.difference).toBe('$.id: expected 4, got 3');
    expect(core.sent.map((s) => s.data)).not.toContain('never sent');
  });

  it('--timeout sets the default timeout of steps that name none', async () => {
    const r = await run(flow([{ type: 'connect', connection: 'b' }, { type: 'expect', connection: 'b', match: [{ contains: 'x' }] }]), { defaultTimeoutMs: 300 });
    expect(r.failure?.message).toBe('timed out after 300 ms with no message');
  });

  it('next: the very next message must match', async () => {
    const r = await run(
      flow([
        { type: 'connect' },
        { type: 'send', payload: { text: 'first' } },
        { type: 'send', payload: { text: 'second' } },
        { type: 'expect', match: [{ equals: 'second' }], next: true },
      ]),
    );
    expect(r.failure).toMatchObject({ message: 'the next message did not match', closest: 'first', difference: 'at the start: - "second" + "first"' });
    // without next, a later message may match
    const ok = await run(flow([{ type: 'connect' }, { type: 'send', payload: { text: 'first' } }, { type: 'send', payload: { text: 'second' } }, { type: 'expect', match: [{ equals: 'second' }] }]));
    expect(ok.status).toBe('passed');
  });

  it('a connection that closes while a step waits fails that step with the close code', async () => {
    const doc = flow([{ type: 'connect' }, { type: 'expect', match: [{ contains: 'x' }], timeoutMs: 5000 }], {
      connections: [{ name: 'a', url: 'ws://fake/drop?after=300' }],
    });
    const r = await run(doc);
    expect(r.failure?.message).toBe('connection "a" closed with 1006, not clean while waiting');
    expect(r.failure!.endedAt - r.failure!.startedAt).toBeLessThan(5000);
  });

  it('connect fails with the close of a refused handshake, or its timeout', async () => {
    const refused = await run(flow([{ type: 'connect' }], { connections: [{ name: 'a', url: 'ws://fake/refuse' }] }));
    expect(refused.failure?.message).toBe('closed with 1006, not clean before it opened: ws://fake/refuse');
    const never = await run(flow([{ type: 'connect', timeoutMs: 1000 }], { connections: [{ name: 'a', url: 'ws://fake/never' }] }));
    expect(never.failure?.message).toBe('not open after 1000 ms: ws://fake/never');
  });

  it('expectClose checks code, reason and wasClean', async () => {
    const conn = (url: string) => ({ connections: [{ name: 'a', url }] });
    const ok = await run(flow([{ type: 'connect' }, { type: 'expectClose', code: 4001, reason: 'bye', wasClean: true }], conn('ws://fake/close?code=4001&reason=bye')));
    expect(ok.status).toBe('passed');
    expect(ok.steps[1]?.message).toBe('closed with 4001 "bye"');
    const bad = await run(flow([{ type: 'connect' }, { type: 'expectClose', code: 1000 }], conn('ws://fake/close?code=4001&reason=bye')));
    expect(bad.failure).toMatchObject({ message: 'closed with 4001 "bye"', expected: 'a close with code 1000', difference: 'code: expected 1000, got 4001' });
    const open = await run(flow([{ type: 'connect' }, { type: 'expectClose', timeoutMs: 500 }], conn('ws://fake/silent')));
    expect(open.failure?.message).toBe('still open after 500 ms');
  });

  it('expectClose after the flow\'s own close checks that close', async () => {
    const r = await run(flow([{ type: 'connect' }, { type: 'close', code: 4002, reason: 'mine' }, { type: 'expectClose', code: 4002, reason: 'mine', wasClean: true }], { connections: [{ name: 'a', url: 'ws://fake/echo' }] }));
    expect(r.failure).toBeUndefined();
    expect(r.status).toBe('passed');
    expect(r.steps[2]?.message).toBe('closed with 4002 "mine"');
  });

  it('the ticker: expect within a time, with a repeat counter', async () => {
    const doc = flow(
      [
        { type: 'connect' },
        { type: 'repeat', times: 3, counter: 'k', steps: [{ type: 'expect', match: [{ path: '$.seq', matches: '^[0-9]+$' }, { path: '$.type', equals: 'tick' }], timeoutMs: 150, capture: [{ var: 'last', path: '$.seq' }] }] },
        { type: 'expect', match: [{ path: '$.seq', equals: 4 }], timeoutMs: 150 },
      ],
      { connections: [{ name: 'a', url: 'ws://fake/ticker?every=100' }] },
    );
    const r = await run(doc);
    expect(r.status).toBe('passed');
    expect(final(r)).toEqual(['0:passed', '1.0@0:passed', '1.0@1:passed', '1.0@2:passed', '1:passed', '2:passed']);
    expect(r.variables.last).toBe('3');
    expect(r.variables.k).toBeUndefined();
    const tooSoon = await run({ ...doc, steps: [{ type: 'connect' }, { type: 'expect', match: [{ path: '$.seq', equals: 5 }], timeoutMs: 250 }] });
    expect(tooSoon.failure).toMatchObject({ message: 'timed out after 250 ms', closest: '{"type":"tick","seq":3}' });
  });

  it('repeat n times with the counter in messages, and for a duration', async () => {
    const r = await run(flow([{ type: 'connect' }, { type: 'repeat', times: 3, steps: [{ type: 'send', payload: { text: 'n{{i}}' } }] }]));
    expect(core.sent.map((s) => s.data)).toEqual(['n0', 'n1', 'n2']);
    expect(r.steps.at(-1)?.message).toBe('3 iterations');
    core = new FakeCore();
    const d = await run(flow([{ type: 'connect' }, { type: 'repeat', durationMs: 100, steps: [{ type: 'send', payload: { text: 'x' } }, { type: 'wait', ms: 30 }] }]));
    expect(d.status).toBe('passed');
    expect(core.sent).toHaveLength(4); // at 0, 30, 60, 90 ms
  });

  it('wait waits on the clock', async () => {
    const r = await run(flow([{ type: 'wait', ms: 1234 }]));
    expect(r.steps[0]!.endedAt - r.steps[0]!.startedAt).toBe(1234);
  });

  it('capture step reads the message the last expect matched; regex groups', async () => {
    const r = await run(
      flow([
        { type: 'connect' },
        { type: 'send', payload: { text: 'order 77 ok' } },
        { type: 'expect', match: [{ regex: 'order \\d+' }] },
        { type: 'capture', capture: [{ var: 'order', regex: 'order (\\d+)' }] },
        { type: 'send', payload: { text: 'ack {{order}}' } },
        { type: 'expect', match: [{ equals: 'ack 77' }] },
      ]),
    );
    expect(r.status).toBe('passed');
    const miss = await run(flow([{ type: 'connect' }, { type: 'send', payload: { text: 'x' } }, { type: 'expect', match: [{ equals: 'x' }], capture: [{ var: 'v', path: '$.a' }] }]));
    expect(miss.failure?.message).toBe('cannot capture v from $.a: the message is not JSON');
  });

  it('sends hex and base64 as bytes, and matches sent messages (direction out)', async () => {
    const r = await run(
      flow([
        { type: 'connect' },
        { type: 'send', payload: { hex: 'de ad be ef' } },
        { type: 'send', payload: { base64: 'aGk=' } },
        { type: 'expect', match: [{ equals: 'hi', direction: 'out' }] },
      ]),
    );
    expect(r.failure?.message).toContain('timed out'); // 'aGk=' went out as binary, not text
    expect(core.sent[0]?.data).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    expect(core.sent[1]?.data).toEqual(new Uint8Array([104, 105]));
  });

  it('decoded field matchers read the connection lens', async () => {
    registerLens(socketIoLens);
    const r = await run(
      flow([{ type: 'connect' }, { type: 'send', payload: { text: '42["chat",{"text":"hi"}]' } }, { type: 'expect', match: [{ field: 'event', equals: 'chat' }] }], {
        connections: [{ name: 'a', url: 'ws://fake/echo', lens: 'socketio' }],
      }),
    );
    expect(r.status).toBe('passed');
    const wrong = await run(
      flow([{ type: 'connect' }, { type: 'send', payload: { text: '42["chat",{}]' } }, { type: 'expect', match: [{ field: 'event', equals: 'news' }], timeoutMs: 100 }], {
        connections: [{ name: 'a', url: 'ws://fake/echo', lens: 'socketio' }],
      }),
    );
    expect(wrong.failure).toMatchObject({ expected: 'a received message where decoded event equals "news"', closest: '42["chat",{}]' });
  });

  it('a lens payload is encoded by the lens', async () => {
    registerLens(socketIoLens);
    const r = await run(
      flow([{ type: 'connect' }, { type: 'send', payload: { lens: 'socketio', kind: 'emit', values: { event: 'chat', args: '["hi {{who}}"]' } } }], {
        variables: { who: 'you' },
      }),
    );
    expect(r.status, r.failure?.message).toBe('passed');
    expect(String(core.sent[0]?.data)).toContain('"chat"');
    expect(String(core.sent[0]?.data)).toContain('hi you');
  });

  it('Stop ends the waiting step and its timers, skips the rest and closes the sockets the flow opened', async () => {
    const ctl = new AbortController();
    const p = runFlow(flow([{ type: 'connect' }, { type: 'connect', connection: 'b' }, { type: 'expect', match: [{ contains: 'never' }], timeoutMs: 60_000 }, { type: 'wait', ms: 1 }]), {
      core,
      signal: ctl.signal,
    });
    await vi.advanceTimersByTimeAsync(100);
    ctl.abort();
    const r = await settle(p);
    expect(r.status).toBe('stopped');
    expect(final(r)).toEqual(['0:passed', '1:passed', '2:stopped', '3:skipped']);
    expect(r.steps[3]?.message).toBe('not run: stopped');
    expect(vi.getTimerCount()).toBe(0);
    expect([...core.conns.values()].map((c) => c.state)).toEqual(['CLOSED', 'CLOSED']);
    // a stopped wait step
    const ctl2 = new AbortController();
    const p2 = runFlow(flow([{ type: 'wait', ms: 60_000 }]), { core, signal: ctl2.signal });
    await vi.advanceTimersByTimeAsync(10);
    ctl2.abort();
    expect((await settle(p2)).status).toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closes its sockets at the end unless keepOpen', async () => {
    await run(flow([{ type: 'connect' }]));
    expect([...core.conns.values()][0]?.state).not.toBe('OPEN');
    expect(core.closes[0]).toMatchObject({ code: 1000, reason: 'flow finished' });
    core = new FakeCore();
    await run(flow([{ type: 'connect' }]), { keepOpen: true });
    expect([...core.conns.values()][0]?.state).toBe('OPEN');
  });

  it('runs one step on connections from an earlier run', async () => {
    const doc = flow([{ type: 'connect' }, { type: 'send', payload: { text: 'ping {{id}}' } }, { type: 'expect', match: [{ equals: 'ping 5' }] }]);
    const first = await run(doc, { keepOpen: true, variables: { id: '5' }, only: [0] });
    expect(final(first)).toEqual(['0:passed']);
    const send = await run(doc, { only: [1], connections: first.connections, cursors: first.cursors, variables: first.variables, keepOpen: true });
    expect(final(send)).toEqual(['1:passed']);
    const exp = await run(doc, { only: [2], connections: first.connections, cursors: send.cursors, variables: first.variables, keepOpen: true });
    expect(final(exp)).toEqual(['2:passed']);
    const none = await run(doc, { only: [1] });
    expect(none.failure?.message).toBe('connection "a" is not open: run its connect step first');
    const typo = await run({ ...doc, steps: [...doc.steps, { type: 'send', connection: 'zz', payload: { text: 'x' } }] }, { only: [0] });
    expect(typo).toMatchObject({ status: 'invalid', issues: [{ step: [3], field: 'connection' }] });
    expect(send.steps.find((s) => s.status === 'passed')?.connection).toBe('a');
    const bad = await run(doc, { only: [9] });
    expect(bad).toMatchObject({ status: 'invalid', issues: [{ field: 'step', message: 'there is no step 10' }] });
  });

  it('runs nothing when the flow is invalid', async () => {
    const r = await run(flow([{ type: 'connect' }, { type: 'send', payload: { text: '{{missing}}' } }]));
    expect(r.status).toBe('invalid');
    expect(r.issues[0]).toMatchObject({ step: [1], field: 'payload.text' });
    expect(core.conns.size).toBe(0);
  });

  it('send on a closed connection fails, naming its state', async () => {
    const r = await run(flow([{ type: 'connect' }, { type: 'expectClose' }, { type: 'send', payload: { text: 'late' } }], { connections: [{ name: 'a', url: 'ws://fake/close?code=1000' }] }));
    expect(r.failure?.message).toBe('not sent: connection "a" is CLOSED');
  });
});

describe('runUsers', () => {
  it('runs N virtual users in parallel with per-user results and the timing spread', async () => {
    const doc = flow([{ type: 'connect' }, { type: 'wait', ms: 10 }, { type: 'send', payload: { text: 'u{{user}}' } }, { type: 'expect', match: [{ equals: 'u{{user}}' }] }]);
    const r = await settle(runUsers(doc, 5, { core }));
    expect(r.users.map((u) => u.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(r.passed).toBe(5);
    expect(core.sent.map((s) => s.data).sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(r.flow).toMatchObject({ count: 5 });
    expect(r.flow!.min).toBeGreaterThanOrEqual(10);
    expect(r.steps['2']).toMatchObject({ count: 5 });
    expect(r.steps['1']).toMatchObject({ count: 5, min: 10, median: 10, p95: 10, max: 10 });
  });

  it('counts failures per user and refuses more than 50', async () => {
    const doc = flow([{ type: 'connect' }, { type: 'send', payload: { text: 'u{{user}}' } }, { type: 'expect', match: [{ equals: 'u1' }], timeoutMs: 100 }]);
    const r = await settle(runUsers(doc, 3, { core }));
    expect(r.users.map((u) => u.status)).toEqual(['failed', 'passed', 'failed']);
    expect(r.users[0]?.failure?.message).toBe('timed out after 100 ms');
    expect(r.failed).toBe(2);
    await expect(runUsers(doc, 51, { core })).rejects.toThrow('1 to 50');
  });
});
