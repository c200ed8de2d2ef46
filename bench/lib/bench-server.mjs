// @ts-check
/**
 * The bench server: serves bench/dist on 127.0.0.1 with the headers the
 * app is served with (scripts/static-server.mjs's SECURITY_HEADERS, CSP
 * included), and takes the pages' reports. (startStaticServer itself answers
 * GET and HEAD only, and the reports are POSTs.) The pages talk to it with same-origin fetch:
 *   GET  /ready?run=ID    answered once the run may start (its CDP client, if any, is attached)
 *   POST /click?run=ID    {x, y}: the run's click handler clicks there
 *   POST /results?run=ID  the run's results (JSON)
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { listen } from '../../server/listen.mjs';
import { MIME_TYPES, SECURITY_HEADERS } from '../../scripts/static-server.mjs';

const MAX_BODY = 16 * 1024 * 1024;

/**
 * @typedef {object} RunHooks
 * @property {Promise<void>} ready resolves when the page may start
 * @property {(point: { x: number, y: number }) => Promise<void>} [click]
 * @property {(results: unknown) => void} done
 */

/**
 * @param {{ root: string }} options
 */
export async function startBenchServer({ root }) {
  /** @type {Map<string, RunHooks>} */
  const runs = new Map();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench.invalid');
    const run = runs.get(url.searchParams.get('run') ?? '');
    /** @param {number} status @param {string} [body] */
    const reply = (status, body = '') => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(body);
    };

    if (req.method === 'POST') {
      readBody(req).then(
        (body) => {
          if (!run) return reply(404, 'unknown run');
          if (url.pathname === '/results') {
            run.done(JSON.parse(body));
            return reply(204);
          }
          if (url.pathname === '/click') {
            if (!run.click) return reply(409, 'this run has no input client');
            const point = JSON.parse(body);
            run.click({ x: Number(point.x), y: Number(point.y) }).then(
              () => reply(204),
              (/** @type {unknown} */ e) => reply(500, String(e)),
            );
            return undefined;
          }
          return reply(404);
        },
        () => reply(400, 'bad body'),
      );
      return;
    }
    if (req.method !== 'GET') return reply(405);
    if (url.pathname === '/ready') {
      if (!run) return reply(404, 'unknown run');
      run.ready.then(() => reply(204));
      return;
    }
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + sep)) return reply(403);
    readFile(file).then(
      (data) => {
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': /** @type {Record<string, string>} */ (MIME_TYPES)[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': 'no-store',
        });
        res.end(data);
      },
      () => reply(404, 'not found'),
    );
  });

  const port = await listen(server, '127.0.0.1', 0);
  return {
    origin: `http://127.0.0.1:${port}`,
    /** @param {string} id @param {RunHooks} hooks */
    register: (id, hooks) => runs.set(id, hooks),
    /** @param {string} id */
    unregister: (id) => runs.delete(id),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const parts = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
