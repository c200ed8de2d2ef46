// The Artillery export under the real `artillery` (docs/flows.md, "Artillery
// export"): the echo and chat examples exported by `sockpit export-artillery`
// run against the playground on 127.0.0.1, and Artillery's JSON report counts
// the messages each scenario sends and matches.
//
// artillery is heavy (about 460 MB; installing it took 80 s here, and the
// three runs 32 s more, about 2 minutes in all), so it is neither a
// dependency nor part of every `npm test`: the test is opt-in. Run it with
//   SOCKPIT_ARTILLERY=1 npx vitest run src/cli/artillery-run.test.ts
// The first run installs artillery@2.0.34 into
// node_modules/.cache/sockpit-artillery/ and later runs reuse it (then about
// 35 s). It skips, saying so, when the npm registry cannot be reached.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground } from '../../server/playground.mjs';

const ARTILLERY = '2.0.34';
const root = resolve(import.meta.dirname, '../..');
const cache = join(root, 'node_modules/.cache/sockpit-artillery', ARTILLERY);
const bin = join(cache, 'node_modules/.bin/artillery');
const skip = process.env.SOCKPIT_ARTILLERY !== '1';
const tmp = mkdtempSync(join(tmpdir(), 'sockpit-artillery-'));
// No telemetry, no browser download: only 127.0.0.1 and the npm registry are reached.
const env = { ...process.env, ARTILLERY_DISABLE_TELEMETRY: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', NO_UPDATE_NOTIFIER: '1' };

type Playground = Awaited<ReturnType<typeof startPlayground>>;
let pg: Playground;
let unavailable = '';

function exec(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { cwd: root, env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', rej);
    p.on('close', (code) => res({ code, stdout, stderr }));
  });
}

async function installArtillery(): Promise<void> {
  if (existsSync(bin)) return;
  const dir = `${cache}.tmp-${process.pid}`;
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const r = await exec('npm', ['install', '--prefix', dir, `artillery@${ARTILLERY}`, '--no-audit', '--no-fund', '--loglevel=error']);
  if (r.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/.test(r.stderr)) {
      unavailable = `the npm registry cannot be reached, so artillery@${ARTILLERY} cannot be installed: ${r.stderr.split('\n')[0] ?? ''}`;
      return;
    }
    throw new Error(`npm install artillery@${ARTILLERY} failed:\n${r.stderr}`);
  }
  rmSync(cache, { recursive: true, force: true });
  renameSync(dir, cache);
  console.log(`artillery@${ARTILLERY} installed into ${cache} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

beforeAll(async () => {
  if (skip) return;
  await installArtillery();
  pg = await startPlayground({ port: 0 });
}, 600_000);

afterAll(async () => {
  await pg?.close();
});

interface Report {
  aggregate: { counters: Record<string, number> };
}

async function exportAndRun(name: string): Promise<Report> {
  const script = join(tmp, `${name}.yml`);
  const out = join(tmp, `${name}.json`);
  const e = await exec(process.execPath, [join(root, 'bin/sockpit.mjs'), 'export-artillery', `flows/examples/${name}.json`, '--var', `playground=${pg.url}`, '--duration', '2', '--arrival-rate', '2', '--output', script]);
  expect(e.code, e.stderr).toBe(0);
  const started = Date.now();
  const r = await exec(bin, ['run', '--quiet', '--output', out, script]);
  console.log(`artillery run of the ${name} scenario: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

if (skip) console.log('src/cli/artillery-run.test.ts: skipped; set SOCKPIT_ARTILLERY=1 to run the exported scenarios under the real artillery (installs it on first use)');

describe.skipIf(skip)('the exported Artillery scenarios under the real artillery (SOCKPIT_ARTILLERY=1)', () => {
  it('echo: every virtual user sends 2 messages and matches both echoes', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const { counters } = (await exportAndRun('echo')).aggregate;
    const users = counters['vusers.created'] ?? 0;
    expect(users).toBeGreaterThanOrEqual(2);
    expect(counters['vusers.failed'] ?? 0).toBe(0);
    expect(counters['vusers.completed']).toBe(users);
    expect(counters['websocket.messages_sent']).toBe(2 * users);
    expect(counters['websocket.messages_received']).toBe(2 * users);
  }, 120_000);

  it('chat: each connection is a scenario; each virtual user says one line and hears it back from the room', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const { counters } = (await exportAndRun('chat')).aggregate;
    const alice = counters['vusers.created_by_name.Chat between two users · alice'] ?? 0;
    const bob = counters['vusers.created_by_name.Chat between two users · bob'] ?? 0;
    expect(alice + bob).toBe(counters['vusers.created']);
    expect(counters['vusers.failed'] ?? 0).toBe(0);
    expect(counters['websocket.messages_sent']).toBe(alice + bob);
    expect(counters['websocket.messages_received']).toBe(alice + bob);
  }, 120_000);

  it('broken: the failed match fails every virtual user', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const { counters } = (await exportAndRun('broken')).aggregate;
    expect(counters['vusers.failed']).toBe(counters['vusers.created']);
    expect(counters['errors.Failed capture or match']).toBe(counters['vusers.created']);
  }, 120_000);
});
