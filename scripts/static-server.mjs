// @ts-check
/**
 * A tiny static file server for the built console (dist/), bound to
 * 127.0.0.1. Used by `npm start` (scripts/start.mjs), the e2e run and the
 * benchmarks.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { listen, urlHost } from '../server/listen.mjs';

export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
});

/** Headers on every response. */
export const SECURITY_HEADERS = Object.freeze({
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; " +
    "img-src 'self' data: blob:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; " +
    "frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
});

/**
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} Handler
 *
 * @typedef {object} StaticServerOptions
 * @property {string} root directory to serve (dist/)
 * @property {string} [host] default 127.0.0.1
 * @property {number} port 0 picks a free port
 * @property {Record<string, Handler>} [extraRoutes] exact pathname → handler, checked before files
 *
 * @typedef {object} RunningStaticServer
 * @property {number} port
 * @property {string} url e.g. http://127.0.0.1:5180/
 * @property {() => Promise<void>} close
 */

/**
 * Serves `root`: `/` is index.html, other paths map to files inside root,
 * anything else is 404. Rejects (error.code 'EADDRINUSE') when the port is taken.
 *
 * @param {StaticServerOptions} options
 * @returns {Promise<RunningStaticServer>}
 */
export async function startStaticServer({ root, host = '127.0.0.1', port, extraRoutes = {} }) {
  const rootDir = await realpath(resolve(root));
  const server = createServer((req, res) => {
    handle(rootDir, extraRoutes, req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal server error\n');
      else res.destroy();
    });
  });
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const boundPort = await listen(server, host, port);
  return {
    port: boundPort,
    url: `http://${urlHost(host)}:${boundPort}/`,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/**
 * @param {string} rootDir real path of the served directory
 * @param {Record<string, Handler>} extraRoutes
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function handle(rootDir, extraRoutes, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const pathname = decodePathname(req.url);
  if (pathname === undefined) {
    sendText(res, 400, 'Bad request\n');
    return;
  }
  const extra = Object.hasOwn(extraRoutes, pathname) ? extraRoutes[pathname] : undefined;
  if (extra !== undefined) {
    extra(req, res);
    return;
  }
  const file = await resolveFile(rootDir, pathname === '/' ? '/index.html' : pathname);
  if (file === undefined) {
    sendText(res, 404, 'Not found\n');
    return;
  }
  const type = /** @type {Record<string, string>} */ (MIME_TYPES)[extname(file.path).toLowerCase()];
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': type ?? 'application/octet-stream',
    'Content-Length': String(file.size),
    ...(file.path.endsWith(`${sep}index.html`) ? { 'Cache-Control': 'no-cache' } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * The decoded pathname, or undefined for anything malformed or suspicious
 * (bad percent-encoding, NUL, backslash).
 *
 * @param {string | undefined} url
 */
function decodePathname(url) {
  if (url === undefined || !url.startsWith('/')) return undefined;
  const raw = url.split('?', 1)[0] ?? '';
  try {
    const decoded = decodeURIComponent(raw);
    if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
    return decoded;
  } catch {
    return undefined;
  }
}

/**
 * Maps a URL path to a regular file that really is inside rootDir (after
 * resolving `..` and symlinks), or undefined.
 *
 * @param {string} rootDir
 * @param {string} pathname
 * @returns {Promise<{ path: string, size: number } | undefined>}
 */
async function resolveFile(rootDir, pathname) {
  const candidate = resolve(rootDir, `.${pathname}`);
  if (!isInside(rootDir, candidate)) return undefined;
  try {
    const real = await realpath(candidate);
    if (!isInside(rootDir, real)) return undefined;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {string} rootDir
 * @param {string} path
 */
function isInside(rootDir, path) {
  return path.startsWith(rootDir.endsWith(sep) ? rootDir : rootDir + sep);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} body
 * @param {Record<string, string>} [extraHeaders]
 */
export function sendText(res, status, body, extraHeaders = {}) {
  sendBody(res, status, 'text/plain; charset=utf-8', body, extraHeaders);
}

/**
 * A complete response with the security headers.
 *
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} contentType
 * @param {string} body
 * @param {Record<string, string>} [extraHeaders]
 */
export function sendBody(res, status, contentType, body, extraHeaders = {}) {
  const buffer = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(buffer.length),
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buffer);
}
