// @ts-check
/**
 * The timeline harness (bench/window.html: the real app plus
 * `window.sockpitHarness.fill(n)`), built apart from the app's dist/ and
 * served on an ephemeral 127.0.0.1 port with the playground's address (as
 * `npm start` serves it), for the 10,000,000-row checks in
 * Chromium (e2e/window.spec.ts) and Firefox (e2e-firefox/window.test.mjs).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendBody, startStaticServer } from '../scripts/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds the harness into `outDir` (a vite build of bench/vite.config.ts with
 * only the window page) and serves it. Returns the page's URL and close().
 * @param {string} outDir
 * @param {string} playground ws://host:port of the playground server
 */
export async function startHarness(outDir, playground) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'error'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SOCKPIT_BENCH_PAGES: 'window', SOCKPIT_BENCH_OUT: outDir },
  });
  if (built.status !== 0) throw new Error(`the timeline harness did not build:\n${built.stdout}\n${built.stderr}`);
  const json = JSON.stringify({ url: playground, echo: `${playground}/echo` });
  const server = await startStaticServer({
    root: outDir,
    port: 0,
    extraRoutes: { '/bench/playground.json': (_req, res) => sendBody(res, 200, 'application/json; charset=utf-8', json, { 'Cache-Control': 'no-cache' }) },
  });
  return { url: `${server.url}bench/window.html`, close: server.close };
}
