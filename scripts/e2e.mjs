#!/usr/bin/env node
// Runs the Playwright end-to-end suite with a Chromium that is actually there.
//
//   npm run test:e2e [-- <playwright test args>]
//
// Chromium is looked up in this order, and the first one found is used:
//   1. $SOCKPIT_CHROMIUM
//   2. $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH
//   3. Playwright's own downloaded browser (`npx playwright install chromium`);
//      then no executable path is passed and Playwright picks it itself
//   4. /usr/bin/chromium, /usr/bin/chromium-browser (Debian's package)
//   5. as root on Debian with apt-get: `apt-get install -y chromium`
// The path reaches playwright.config.ts as $SOCKPIT_CHROMIUM.
//
// After the run it prints one closing line, "e2e: N passed, M failed", and
// exits with Playwright's exit code.

import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
/** Must match the json reporter's outputFile in playwright.config.ts. */
const resultsFile = resolve(root, process.env.SOCKPIT_E2E_OUTPUT_DIR || 'test-results', 'results.json');
const NOT_FOUND =
  'No Chromium found: set SOCKPIT_CHROMIUM=/path/to/chrome, or run "apt-get install chromium" (Debian) or "npx playwright install chromium".';

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser `npx playwright install chromium` would have put on disk, if it is there. */
function playwrightsOwnChromium() {
  for (const pkg of ['playwright-core', '@playwright/test']) {
    try {
      /** @type {{ chromium?: { executablePath(): string } }} */
      const mod = require(pkg);
      const path = mod.chromium?.executablePath();
      if (path && isExecutable(path)) return path;
    } catch {
      // Not installed, or no browser registry entry: try the next one.
    }
  }
  return undefined;
}

function canInstallWithApt() {
  return (
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    existsSync('/etc/debian_version') &&
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
  );
}

function installWithApt() {
  console.log('e2e: no Chromium found; installing Debian\'s chromium with "apt-get update && apt-get install -y chromium"');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // apt's progress goes to stderr so the test output stays readable.
  /** @type {import('node:child_process').SpawnSyncOptions} */
  const opts = { env, stdio: ['ignore', 2, 2] };
  if (spawnSync('apt-get', ['update'], opts).status !== 0) return false;
  if (spawnSync('apt-get', ['install', '-y', 'chromium'], opts).status !== 0) return false;
  return isExecutable('/usr/bin/chromium');
}

/**
 * @returns {{ path: string | undefined, source: string } | undefined}
 *   path undefined means "let Playwright use its own browser".
 */
function findChromium() {
  for (const name of ['SOCKPIT_CHROMIUM', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']) {
    const value = process.env[name];
    if (!value) continue;
    if (!isExecutable(value)) {
      console.error(`e2e: ${name}=${value} is not an executable file.`);
      process.exit(1);
    }
    return { path: value, source: `$${name}` };
  }
  const own = playwrightsOwnChromium();
  if (own) return { path: undefined, source: `Playwright's own browser (${own})` };
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (isExecutable(path)) return { path, source: path };
  }
  if (canInstallWithApt() && installWithApt()) return { path: '/usr/bin/chromium', source: '/usr/bin/chromium (just installed)' };
  return undefined;
}

/**
 * Counts from the json reporter; falls back to the list reporter's summary
 * lines ("  12 passed (8.1s)", "  1 failed") when the json file is missing
 * (for example when other reporters were chosen on the command line).
 * @param {string} output what Playwright printed
 * @returns {{ passed: number, failed: number, skipped: number }}
 */
function countResults(output) {
  try {
    /** @type {{ stats?: { expected?: number, unexpected?: number, flaky?: number, skipped?: number } }} */
    const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
    const s = report.stats ?? {};
    return {
      passed: (s.expected ?? 0) + (s.flaky ?? 0),
      failed: s.unexpected ?? 0,
      skipped: s.skipped ?? 0,
    };
  } catch {
    // eslint-disable-next-line no-control-regex
    const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
    /** @param {string} word */
    const count = (word) => {
      const match = new RegExp(`^\\s*(\\d+) ${word}\\b`, 'm').exec(plain);
      return match ? Number(match[1]) : 0;
    };
    return { passed: count('passed') + count('flaky'), failed: count('failed'), skipped: count('skipped') };
  }
}

const found = findChromium();
if (!found) {
  console.error(NOT_FOUND);
  process.exit(1);
}
console.log(`e2e: using Chromium from ${found.source}`);

const env = { ...process.env };
if (found.path) env.SOCKPIT_CHROMIUM = found.path;
else delete env.SOCKPIT_CHROMIUM;

rmSync(resultsFile, { force: true });
const cli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const child = spawn(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});

let output = '';
child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
  process.stdout.write(chunk);
  output += chunk.toString();
  if (output.length > 1_000_000) output = output.slice(-200_000);
});

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => child.kill(signal));
}

child.on('close', (code, signal) => {
  const { passed, failed, skipped } = countResults(output);
  if (code !== 0 && failed === 0) {
    console.log(`e2e: Playwright exited with code ${code ?? signal}; see its errors above`);
  }
  console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? (signal ? 1 : 0));
});
