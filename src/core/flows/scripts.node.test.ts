// Flow scripts (docs/user-code.md, docs/flows.md): `script` matchers and
// `compute` steps run in the real sandbox (QuickJS in wasm, in-process as the
// CLI runs it) against the real playground's /echo on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground } from '../../../server/playground.mjs';
import { createInProcessSandbox } from '../../lib/sandbox/in-process';
import type { FlowDocument, FlowStep } from '../../lib/flows/types';
import { validateFlow } from '../../lib/flows/validate';
import { createNodeCore } from '../node';
import { runFlow } from './engine';

type Playground = Awaited<ReturnType<typeof startPlayground>>;
let pg: Playground;
beforeAll(async () => {
  pg = await startPlayground({ port: 0 });
});
afterAll(async () => {
  await pg.close();
});

const SCRIPT = `
function compute(vars) {
  const n = Number(vars.n) * 2;
  return { doubled: n, greeting: 'hello ' + vars.who };
}
function check(message, vars) {
  if (message.format !== 'text') return 'expected text';
  const o = JSON.parse(message.text);
  return o.sum === Number(vars.doubled) ? true : 'sum is ' + o.sum + ', expected ' + vars.doubled;
}`;

function flow(steps: FlowStep[], source = SCRIPT): FlowDocument {
  return {
    version: 'sockpit-flow/1',
    name: 'scripts',
    variables: { n: '21', who: 'world' },
    connections: [{ name: 'main', url: `${pg.url}/echo` }],
    scripts: [{ name: 'maths', source }],
    steps,
  };
}

describe('flow scripts', () => {
  it('compute sets variables; a script check passes on the echoed message', async () => {
    const r = await runFlow(
      flow([
        { type: 'compute', script: 'maths' },
        { type: 'connect' },
        { type: 'send', payload: { text: '{"sum":{{doubled}},"text":"{{greeting}}"}' } },
        { type: 'expect', match: [{ contains: 'hello world' }, { script: 'maths' }], timeoutMs: 3000 },
      ]),
      { core: createNodeCore(), sandbox: createInProcessSandbox() },
    );
    expect(r.failure?.message).toBeUndefined();
    expect(r.status).toBe('passed');
    expect(r.steps[0]?.message).toBe('set doubled="42", greeting="hello world"');
    expect(r.variables.doubled).toBe('42');
  }, 30_000);

  it('a check that says why not fails the expect with its reason as the difference', async () => {
    const r = await runFlow(
      flow([
        { type: 'compute', script: 'maths' },
        { type: 'connect' },
        { type: 'send', payload: { text: '{"sum":41}' } },
        { type: 'expect', match: [{ script: 'maths' }], timeoutMs: 500 },
      ]),
      { core: createNodeCore(), sandbox: createInProcessSandbox() },
    );
    expect(r.status).toBe('failed');
    expect(r.failure?.message).toBe('timed out after 500 ms');
    expect(r.failure?.difference).toBe('script "maths": sum is 41, expected 42');
    expect(r.failure?.closest).toBe('{"sum":41}');
  }, 30_000);

  it('a hostile check is stopped at its limit and fails its step with the script error', async () => {
    const r = await runFlow(flow([{ type: 'connect' }, { type: 'send', payload: { text: 'x' } }, { type: 'expect', match: [{ script: 'maths' }], timeoutMs: 3000 }], 'function check() { while (true) {} }'), {
      core: createNodeCore(),
      sandbox: createInProcessSandbox({ callMs: 30 }),
    });
    expect(r.status).toBe('failed');
    expect(r.failure?.message).toMatch(/^script "maths" check\(\): timeout: the call ran longer than 30 ms \(the limit per call\) at line 1:\d+$/);
  }, 30_000);

  it('a compute that returns a wrong type, or a script that does not parse, fails its step saying so', async () => {
    const sandbox = createInProcessSandbox();
    const wrong = await runFlow(flow([{ type: 'compute', script: 'maths' }], 'function compute() { return [1]; }'), { core: createNodeCore(), sandbox });
    expect(wrong.failure?.message).toBe('script "maths" compute() must return an object of variables, got an array');
    const syntax = await runFlow(flow([{ type: 'compute', script: 'maths' }], 'function compute() {\n  return {;\n}'), { core: createNodeCore(), sandbox });
    expect(syntax.failure?.message).toMatch(/^script "maths" does not load: syntax: SyntaxError: .* at line 2:\d+$/);
    const none = await runFlow(flow([{ type: 'compute', script: 'maths' }]), { core: createNodeCore() });
    expect(none.failure?.message).toBe('script "maths": this runner has no sandbox to run scripts in');
  }, 30_000);

  it('validation names the step and field of a script that is not in the flow', () => {
    const doc = flow([{ type: 'compute', script: 'nope' }, { type: 'connect' }, { type: 'expect', match: [{ script: 'other' }] }]);
    expect(validateFlow(doc)).toEqual([
      { step: [0], field: 'script', message: 'unknown script "nope": the flow\'s scripts are "maths"' },
      { step: [2], field: 'match[0].script', message: 'unknown script "other": the flow\'s scripts are "maths"' },
    ]);
    expect(validateFlow({ ...doc, scripts: [{ name: 'a', source: 1 }, { name: 'a', source: '' }] }).slice(0, 2)).toEqual([
      { field: 'scripts[0].source', message: 'source must be a string of JavaScript' },
      { field: 'scripts[1].name', message: 'script "a" is defined twice' },
    ]);
  });
});
