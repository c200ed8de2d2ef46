// The CLI as a user runs it: `node bin/sockpit.mjs` as a child process (the
// same entry `npm exec sockpit` starts) against the real playground server
// on an ephemeral port of 127.0.0.1, on every example flow.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseJunit } from 'junit2json';
import type { TestSuites } from 'junit2json';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground } from '../../server/playground.mjs';

const root = resolve(import.meta.dirname, '../..');
type Playground = Awaited<ReturnType<typeof startPlayground>>;
let pg: Playground;
const tmp = mkdtempSync(join(tmpdir(), 'sockpit-cli-'));

function sockpit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [join(root, 'bin/sockpit.mjs'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', rej);
    p.on('close', (code) => res({ code, stdout, stderr }));
  });
}

const example = (name: string) => `flows/examples/${name}.json`;
const pgVar = () => `playground=${pg.url}`;

beforeAll(async () => {
  pg = await startPlayground({ port: 0 });
  // Build once before the tests run in parallel (each would otherwise build its own).
  await sockpit(['--help']);
}, 120_000);

afterAll(async () => {
  await pg.close();
});

describe('sockpit run against the playground', () => {
  it.each(['echo', 'chat', 'ticker', 'close-codes', 'socketio'])('%s passes with exit 0', async (name) => {
    const r = await sockpit(['run', example(name), '--var', pgVar()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed \(/m);
    expect(r.stdout).not.toContain('✗');
  }, 30_000);

  it('the broken flow fails with exit 1, naming the step, what it expected, the closest message and the difference', async () => {
    const r = await sockpit(['run', example('broken'), '--var', pgVar()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        'sockpit: FAILED step 3 (three socks): timed out after 1000 ms',
        '  expected:   a received message where $.op equals "order" and $.qty equals 3',
        '  closest:    {"op":"order","qty":2,"item":"socks"}',
        '  difference: $.qty: expected 3, got 2',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toContain('- step 4 (close): not run: an earlier step failed');
  }, 30_000);

  it('--reporter junit writes a file a JUnit parser reads', async () => {
    const out = join(tmp, 'broken.xml');
    const r = await sockpit(['run', example('broken'), '--var', pgVar(), '--reporter', 'junit', '--output', out]);
    expect(r.code).toBe(1);
    const report = (await parseJunit(readFileSync(out, 'utf8'))) as TestSuites;
    expect(report).toMatchObject({ name: 'sockpit', tests: 4, failures: 1 });
    const suite = report.testsuite?.[0];
    expect(suite).toMatchObject({ name: 'Broken expectation', tests: 4, failures: 1, skipped: 1 });
    expect(suite?.testcase?.map((t) => t.name)).toEqual(['step 1 (connect)', 'step 2 (send)', 'step 3 (three socks)', 'step 4 (close)']);
    const failed = suite?.testcase?.[2];
    expect(failed?.failure?.[0]).toMatchObject({ message: 'timed out after 1000 ms', type: 'expect' });
    expect(failed?.failure?.[0]?.inner).toContain('difference: $.qty: expected 3, got 2');
    expect(suite?.testcase?.[3]?.skipped?.[0]?.message).toBe('not run: an earlier step failed');
    // and a passing run: no failures, every step a test case
    const ok = join(tmp, 'echo.xml');
    expect((await sockpit(['run', example('echo'), '--var', pgVar(), '--reporter', 'junit', '--output', ok])).code).toBe(0);
    const okReport = (await parseJunit(readFileSync(ok, 'utf8'))) as TestSuites;
    expect(okReport).toMatchObject({ tests: 6, failures: 0 });
  }, 30_000);

  it('--reporter tap prints TAP 13', async () => {
    const r = await sockpit(['run', example('broken'), '--var', pgVar(), '--reporter', 'tap']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('TAP version 13');
    expect(lines).toContain('not ok 3 - step 3 (three socks): timed out after 1000 ms');
    expect(lines).toContain('  difference: "$.qty: expected 3, got 2"');
    expect(lines).toContain('ok 4 - step 4 (close): not run: an earlier step failed # SKIP skipped');
    expect(lines).toContain('1..4');
  }, 30_000);

  it('--env picks an environment from an --env-file, and --timeout sets the default timeout', async () => {
    const envs = join(tmp, 'envs.json');
    writeFileSync(envs, JSON.stringify({ environments: [{ name: 'test', variables: { playground: { value: pg.url } } }] }));
    expect((await sockpit(['run', example('echo'), '--env-file', envs, '--env', 'test'])).code).toBe(0);
    const unknown = await sockpit(['run', example('echo'), '--env-file', envs, '--env', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown environment "nope": this flow has "local", "test"');
    // a silent route: the expect without its own timeout fails after --timeout
    const flow = join(tmp, 'silent.json');
    writeFileSync(
      flow,
      JSON.stringify({ version: 'sockpit-flow/1', name: 'silent', connections: [{ name: 'a', url: `${pg.url}/sink` }], steps: [{ type: 'connect' }, { type: 'expect', match: [{ contains: 'x' }] }] }),
    );
    const t = await sockpit(['run', flow, '--timeout', '300']);
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('FAILED step 2 (expect): timed out after 300 ms with no message');
  }, 30_000);

  it('secret environment values are masked in the output', async () => {
    const flow = join(tmp, 'secret.json');
    writeFileSync(
      flow,
      JSON.stringify({
        version: 'sockpit-flow/1',
        name: 'secret',
        environments: [{ name: 'ci', variables: { token: { value: 'tok-s3cret', secret: true } } }],
        connections: [{ name: 'a', url: `${pg.url}/echo` }],
        steps: [{ type: 'connect' }, { type: 'send', payload: { text: 'auth {{token}}' } }, { type: 'expect', match: [{ equals: 'auth nope' }], timeoutMs: 300 }],
      }),
    );
    const r = await sockpit(['run', flow, '--env', 'ci']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain('tok-s3cret');
    expect(r.stdout).toContain('sent auth ••••');
  }, 30_000);
});

describe('sockpit: bad files and arguments exit 2 with the step and field', () => {
  const write = (name: string, text: string) => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };

  it('not JSON: line and column', async () => {
    const p = write('bad.json', '{\n  "version": "sockpit-flow/1",\n  "name": "x",\n}\n');
    const r = await sockpit(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`sockpit: bad flow: ${p}: line 4, column 1: not JSON: expected a string key at line 4, column 1\n`);
  });

  it('an unknown variable, an unknown connection and a bad regex: every one, by step and field; nothing runs', async () => {
    const p = write(
      'issues.json',
      JSON.stringify({
        version: 'sockpit-flow/1',
        name: 'x',
        connections: [{ name: 'a', url: `${pg.url}/echo` }],
        steps: [
          { type: 'connect' },
          { type: 'send', payload: { text: '{{nobody}}' } },
          { type: 'send', connection: 'zz', payload: { text: 'x' } },
          { type: 'expect', name: 'bad regex', match: [{ regex: '(' }] },
        ],
      }),
    );
    const r = await sockpit(['run', p]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toContain(`${p}: step 2 (send), payload.text: unknown variable "nobody"`);
    expect(lines[1]).toBe(`${p}: step 3 (send), connection: unknown connection "zz": the flow's connections are "a"`);
    expect(lines[2]).toMatch(/step 4 \(bad regex\), match\[0\]\.regex: the regular expression \/\(\/ does not compile/);
    expect(r.stdout).toBe('');
  });

  it('unknown version, a missing file, bad arguments', async () => {
    const v = write('v.json', JSON.stringify({ version: 'sockpit-flow/2', name: 'x', connections: [], steps: [] }));
    expect((await sockpit(['run', v])).stderr).toContain('version: unknown version "sockpit-flow/2"');
    const missing = await sockpit(['run', join(tmp, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the flow file: no such file');
    const args = await sockpit(['run', example('echo'), '--reporter', 'xml']);
    expect(args.code).toBe(2);
    expect(args.stderr).toContain('--reporter is pretty, junit or tap; got "xml"');
    expect((await sockpit(['run', example('echo'), '--var', 'novalue'])).stderr).toContain('--var takes NAME=VALUE');
    expect((await sockpit(['frobnicate'])).code).toBe(2);
  });
});

describe('sockpit validate and export-artillery', () => {
  it('validate says a flow is valid, and exits 2 when it is not', async () => {
    const r = await sockpit(['validate', example('chat')]);
    expect(r).toMatchObject({ code: 0, stdout: 'flows/examples/chat.json: a valid flow, 10 steps\n' });
    const bad = join(tmp, 'invalid.json');
    writeFileSync(bad, JSON.stringify({ version: 'sockpit-flow/1', name: 'x', connections: [{ name: 'a', url: 'ws://127.0.0.1:1/' }], steps: [{ type: 'connect' }, { type: 'wait', ms: -1 }] }));
    const v = await sockpit(['validate', bad]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('step 2 (wait), ms: ms must be a whole number of milliseconds from 0 to 600000; got -1');
  });

  it('export-artillery writes a script YAML parsers read', async () => {
    const r = await sockpit(['export-artillery', example('echo'), '--var', pgVar()]);
    expect(r.code).toBe(0);
    const script = parseYaml(r.stdout) as { config: { target: string }; scenarios: Array<{ engine: string; flow: unknown[] }> };
    expect(script.config.target).toBe(`${pg.url}/echo`);
    expect(script.scenarios[0]?.engine).toBe('ws');
    expect(r.stderr).toContain('note: {{uuid}} becomes {{ $uuid }}');
  });
});
