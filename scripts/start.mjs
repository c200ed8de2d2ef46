#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: builds the console (unless --no-build), serves dist/ on
 * 127.0.0.1 and runs the playground server in the same process.
 *
 *   node scripts/start.mjs [--port N] [--playground-port N] [--no-build]
 *
 *   --port N             console port (env SOCKPIT_PORT, default 5180)
 *   --playground-port N  playground port (env PLAYGROUND_PORT, default 8787)
 *   --no-build           serve the existing dist/ as is
 *
 * Both servers bind 127.0.0.1 only. Ctrl+C (or SIGTERM) stops both.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPlayground } from '../server/playground.mjs';
import { sendBody, startStaticServer } from './static-server.mjs';

const HOST = '127.0.0.1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(root, 'dist');

/** An error whose message is the whole story: printed as one line, exit code 1. */
class UsageError extends Error {}

/**
 * @param {string | undefined} flagValue
 * @param {string} flag
 * @param {string} envName
 * @param {number} fallback
 */
function readPort(flagValue, flag, envName, fallback) {
  const [value, source] =
    flagValue !== undefined ? [flagValue, flag] : [process.env[envName], envName];
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`Invalid ${source} value "${value}": expected a port number from 0 to 65535.`);
  }
  return Number(value);
}

const ARG_OPTIONS = /** @type {const} */ ({
  port: { type: 'string' },
  'playground-port': { type: 'string' },
  'no-build': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
});

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({ options: ARG_OPTIONS, strict: true }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = message.includes("'--host'") ? ' (Sockpit always binds 127.0.0.1)' : '';
    throw new UsageError(`${message.split('\n')[0]}${hint}; usage: node scripts/start.mjs [--port N] [--playground-port N] [--no-build]`);
  }
  return {
    help: values.help === true,
    build: values['no-build'] !== true,
    port: readPort(values.port, '--port', 'SOCKPIT_PORT', 5180),
    playgroundPort: readPort(values['playground-port'], '--playground-port', 'PLAYGROUND_PORT', 8787),
  };
}

/** Runs `vite build` in a child process with its output passed through. */
function build() {
  const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(viteBin)) throw new UsageError('vite is not installed; run "npm install" first (or use --no-build).');
  return new Promise((resolveBuild, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build'], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolveBuild(undefined);
      else reject(new UsageError(`Build failed (vite ${signal ?? `exit code ${code}`}); fix the errors above, or serve the existing dist/ with --no-build.`));
    });
  });
}

/**
 * @param {unknown} error
 * @param {number} port
 * @param {string} flag
 * @param {string} envName
 */
function explainListenError(error, port, flag, envName) {
  const code = /** @type {{ code?: unknown }} */ (error)?.code;
  if (code === 'EADDRINUSE') {
    return new UsageError(`Port ${port} on ${HOST} is in use; choose another with ${flag} N (or ${envName}).`);
  }
  if (error instanceof Error) return new UsageError(`${error.message}; choose another port with ${flag} N (or ${envName}).`);
  return error;
}

async function main() {
  const options = readOptions();
  if (options.help) {
    console.log('Usage: node scripts/start.mjs [--port N] [--playground-port N] [--no-build]');
    return;
  }
  if (options.build) await build();
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new UsageError('dist/index.html not found; run without --no-build to build the console first.');
  }

  const playground = await startPlayground({ host: HOST, port: options.playgroundPort }).catch((error) => {
    throw explainListenError(error, options.playgroundPort, '--playground-port', 'PLAYGROUND_PORT');
  });
  const playgroundJson = JSON.stringify({ url: playground.url, echo: `${playground.url}/echo` });

  /** @type {Awaited<ReturnType<typeof startStaticServer>>} */
  let app;
  try {
    app = await startStaticServer({
      root: distDir,
      host: HOST,
      port: options.port,
      extraRoutes: {
        '/playground.json': (_req, res) =>
          sendBody(res, 200, 'application/json; charset=utf-8', playgroundJson, { 'Cache-Control': 'no-cache' }),
      },
    });
  } catch (error) {
    await playground.close();
    throw explainListenError(error, options.port, '--port', 'SOCKPIT_PORT');
  }

  console.log(`Sockpit console:    ${app.url}`);
  console.log(`Playground server:  ${playground.url} (routes: ${playground.httpUrl}/)`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  /** @param {NodeJS.Signals} signal */
  const stop = (signal) => {
    if (stopping) process.exit(130); // a second Ctrl+C: don't wait
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    Promise.all([app.close(), playground.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((/** @type {unknown} */ error) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(1);
});
