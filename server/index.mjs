#!/usr/bin/env node
// @ts-check
/**
 * Runs the playground on its own: `node server/index.mjs [--port N]`
 * (or PLAYGROUND_PORT). Binds 127.0.0.1.
 */
import { parseArgs } from 'node:util';
import { startPlayground } from './playground.mjs';

/**
 * @param {string} value
 * @param {string} source
 */
function parsePort(value, source) {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new Error(`Invalid ${source} value "${value}": expected an integer from 0 to 65535.`);
  }
  return Number(value);
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
  const port =
    values.port !== undefined
      ? parsePort(values.port, '--port')
      : process.env.PLAYGROUND_PORT
        ? parsePort(process.env.PLAYGROUND_PORT, 'PLAYGROUND_PORT')
        : 8787;
  const playground = await startPlayground({ port });
  console.log(`Playground server:  ${playground.url} (routes: ${playground.httpUrl}/)`);

  const stop = () => {
    playground.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((/** @type {unknown} */ error) => {
  const code = /** @type {{ code?: unknown }} */ (error)?.code;
  const message = error instanceof Error ? error.message : String(error);
  console.error(code === 'EADDRINUSE' ? `${message}; choose another with --port N (or PLAYGROUND_PORT).` : message);
  process.exit(1);
});
