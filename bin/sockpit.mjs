#!/usr/bin/env node
// `npm exec sockpit -- run flow.json` (docs/flows.md): builds the CLI when its
// sources changed (scripts/build-cli.mjs), then runs it.
import { pathToFileURL } from 'node:url';
import { ensureCli } from '../scripts/build-cli.mjs';

let entry;
try {
  entry = await ensureCli();
} catch (e) {
  process.stderr.write(`sockpit: could not build the CLI: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
const { main, nodeIo } = await import(pathToFileURL(entry).href);
const stop = new AbortController();
let stopping = false;
const onSignal = () => {
  if (stopping) process.exit(130);
  stopping = true;
  process.stderr.write('sockpit: stopping (Ctrl+C again to quit at once)\n');
  stop.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
const code = await main(process.argv.slice(2), nodeIo(stop.signal));
process.exitCode = stopping && code === 0 ? 130 : code;
// Sockets are closed by the run; let pending writes drain, then leave even if a timer lingers.
setTimeout(() => process.exit(process.exitCode), 200).unref();
