import { beforeAll, describe, expect, it } from 'vitest';
import { createInProcessSandbox } from '../../../lib/sandbox/in-process';
import type { SandboxApi } from '../../../lib/sandbox/api';
import { checkScript, describeError, testDecode } from './script-runner';

let api: SandboxApi;
beforeAll(() => {
  api = createInProcessSandbox();
});

const frame = { direction: 'in' as const, format: 'text' as const, text: 'hi' };

describe('the panel on the real engine', () => {
  it('check: the functions a source defines, or its syntax error at line and column', async () => {
    expect(await checkScript(api, 'a', 'A', 'function decode(f) { return null; }\nfunction next(i) { return "x"; }')).toEqual({ ok: true, functions: ['decode', 'next'] });
    const bad = await checkScript(api, 'a', 'A', 'function decode(f) {\n  return {;\n}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatchObject({ kind: 'syntax', line: 2 });
      expect(describeError(bad.error)).toMatch(/^Line 2, column \d+: /);
    }
  });

  it('test: decode on one frame with a fresh state each time, the error with its line', async () => {
    const counting = 'function decode(f, s) { s.n = (s.n || 0) + 1; return { type: "t", summary: f.text + " #" + s.n }; }';
    for (let i = 0; i < 2; i++) {
      const r = await testDecode(api, 'b', 'B', counting, frame);
      expect(r.ok && r.messages.map((m) => m.summary)).toEqual(['hi #1']);
    }
    const throwing = await testDecode(api, 'b', 'B', 'function decode(f) {\n  throw new Error("no " + f.text);\n}', frame);
    expect(throwing.ok ? 'ok' : throwing.error).toMatchObject({ kind: 'runtime', message: expect.stringContaining('no hi'), line: 2 });
    const none = await testDecode(api, 'b', 'B', 'function encode(v) { return ""; }', frame);
    expect(none.ok ? 'ok' : none.error.message).toBe('The script defines no decode(frame, state) function');
  });

  it('test: a loop is stopped at the time limit, and the next test runs', async () => {
    const loop = await testDecode(api, 'c', 'C', 'function decode(f) { while (true) {} }', frame);
    expect(loop.ok ? 'ok' : loop.error.kind).toBe('timeout');
    const fine = await testDecode(api, 'c', 'C', 'function decode(f) { return { type: "ok", summary: "fine" }; }', frame);
    expect(fine.ok && fine.messages[0]?.summary).toBe('fine');
  });
});
