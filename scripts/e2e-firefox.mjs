#!/usr/bin/env node
// @ts-check
// Runs the Firefox end-to-end subset (e2e-firefox/*.test.mjs) with a Firefox
// that is actually there, driven by puppeteer-core over WebDriver BiDi.
//
//   npm run test:e2e:firefox [-- <test file>...]
//
// Firefox is looked up in this order, and the first one found is used:
//   1. $SOCKPIT_FIREFOX
//   2. /usr/bin/firefox-esr, /usr/bin/firefox (Debian's packages)
//   3. as root on Debian with apt-get: `apt-get install -y firefox-esr`
// It builds the app and starts the console and the playground server on their
// own ports ($SOCKPIT_E2E_FIREFOX_APP_PORT, default 45174;
// $SOCKPIT_E2E_FIREFOX_PLAYGROUND_PORT, default 45788), runs the tests one
// file at a time with node:test, and prints one closing line,
// "e2e firefox: N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NOT_FOUND = 'No Firefox found: set SOCKPIT_FIREFOX=/path/to/firefox, or run "apt-get install firefox-esr" (Debian).';

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function installWithApt() {
  const can =
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    existsSync('/etc/debian_version') &&
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!can) return false;
  console.log('e2e firefox: no Firefox found; installing Debian\'s firefox-esr with "apt-get update && apt-get install -y firefox-esr"');
  /** @type {import('node:child_process').SpawnSyncOptions} */
  const opts = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 2, 2] };
  if (spawnSync('apt-get', ['update'], opts).status !== 0) return false;
  if (spawnSync('apt-get', ['install', '-y', 'firefox-esr'], opts).status !== 0) return false;
  return isExecutable('/usr/bin/firefox-esr');
}

/** @returns {{ path: string, source: string } | undefined} */
function findFirefox() {
  const own = process.env.SOCKPIT_FIREFOX;
  if (own) {
    if (!isExecutable(own)) {
      console.error(`e2e firefox: SOCKPIT_FIREFOX=${own} is not an executable file.`);
      process.exit(1);
    }
    return { path: own, source: '$SOCKPIT_FIREFOX' };
  }
  for (const path of ['/usr/bin/firefox-esr', '/usr/bin/firefox']) if (isExecutable(path)) return { path, source: path };
  if (installWithApt()) return { path: '/usr/bin/firefox-esr', source: '/usr/bin/firefox-esr (just installed)' };
  return undefined;
}

const found = findFirefox();
if (!found) {
  console.error(NOT_FOUND);
  process.exit(1);
}
console.log(`e2e firefox: using Firefox from ${found.source}`);

const appPort = Number(process.env.SOCKPIT_E2E_FIREFOX_APP_PORT) || 45174;
const playgroundPort = Number(process.env.SOCKPIT_E2E_FIREFOX_PLAYGROUND_PORT) || 45788;
const appUrl = `http://127.0.0.1:${appPort}/`;

const server = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--port', String(appPort), '--playground-port', String(playgroundPort)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverOutput = '';
server.stdout?.on('data', (/** @type {Buffer} */ c) => (serverOutput += c.toString()));
server.stderr?.on('data', (/** @type {Buffer} */ c) => (serverOutput += c.toString()));
const stopServer = () => server.exitCode === null && server.kill('SIGTERM');
process.on('exit', stopServer);

/** Waits until the console answers, or the server process ends. */
async function serverReady() {
  const end = Date.now() + 180_000;
  while (Date.now() < end) {
    if (server.exitCode !== null) return false;
    try {
      const res = await fetch(appUrl);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

if (!(await serverReady())) {
  console.error(serverOutput);
  console.error(`e2e firefox: the console did not come up at ${appUrl}`);
  process.exit(1);
}

const dir = join(root, 'e2e-firefox');
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => join(dir, f));
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  cwd: root,
  env: {
    ...process.env,
    SOCKPIT_FIREFOX: found.path,
    SOCKPIT_FF_APP_URL: appUrl,
    SOCKPIT_FF_PLAYGROUND: `ws://127.0.0.1:${playgroundPort}`,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout?.on('data', (/** @type {Buffer} */ chunk) => {
  process.stdout.write(chunk);
  output += chunk.toString();
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
child.on('close', (code) => {
  stopServer();
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const count = (/** @type {string} */ w) => Number(new RegExp(`^\\S*\\s*${w} (\\d+)`, 'm').exec(plain)?.[1] ?? 0);
  console.log(`e2e firefox: ${count('pass')} passed, ${count('fail')} failed`);
  process.exit(code ?? 1);
});
