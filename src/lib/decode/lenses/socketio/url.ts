import type { SessionOptions } from '../../types';

export const DEFAULT_PATH = '/socket.io/';

/** The Engine.IO revision a Socket.IO version speaks: v2 → 3, v3 and v4 → 4. */
export function eioFor(version: string | undefined): '3' | '4' {
  return version === '2' ? '3' : '4';
}

function normalizePath(path: string): string {
  let p = path.trim() || DEFAULT_PATH;
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/')) p = `${p}/`;
  return p;
}

/**
 * The URL a Socket.IO client connects its WebSocket to, from what was typed:
 * - `http(s)://host[:port]` or `ws(s)://host[:port]` (no path) →
 *   `ws(s)://host[:port]/socket.io/?EIO=4&transport=websocket` (EIO=3 for
 *   version 2; the `path` option replaces /socket.io/);
 * - a path with `/socket.io/` in it (or the `path` option's, or an `EIO=`
 *   parameter) is kept, and gains the missing `EIO` and `transport`;
 * - other query parameters (tokens) stay as they were typed.
 * Another path is refused: socket.io-client would read `/admin` in
 * `http://host/admin` as the namespace, not the server's path.
 */
export function resolveSocketIoUrl(input: string, options: SessionOptions = {}): { ok: true; url: string } | { ok: false; error: string } {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Type the server\'s URL, e.g. http://localhost:3000' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: `"${text.slice(0, 80)}" is not a URL: type the server's address with its scheme, e.g. http://localhost:3000` };
  }
  const schemes: Record<string, string> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };
  const scheme = schemes[url.protocol];
  if (!scheme || !url.host) return { ok: false, error: `A Socket.IO server's URL starts with http://, https://, ws:// or wss://; got "${url.protocol}"` };
  if (url.hash || text.includes('#')) return { ok: false, error: 'A WebSocket URL cannot have a fragment (the part from "#")' };
  const configured = options.path?.trim() ? normalizePath(options.path) : null;
  const path = configured ?? DEFAULT_PATH;
  const params = new URLSearchParams(url.search);
  const pathname = url.pathname;
  let outPath: string;
  if (pathname === '' || pathname === '/') outPath = path;
  else if (pathname.includes('/socket.io/')) outPath = pathname;
  else if (pathname.endsWith('/socket.io')) outPath = `${pathname}/`;
  else if (configured && (pathname === configured || `${pathname}/` === configured)) outPath = configured;
  else if (params.has('EIO')) outPath = pathname;
  else {
    return {
      ok: false,
      error: `"${pathname}" is not an Engine.IO path. socket.io-client reads it as a namespace: connect to ${url.protocol}//${url.host} with the namespace option "${pathname}"; if the server's path is not /socket.io/, set the path option.`,
    };
  }
  const eio = params.get('EIO');
  if (eio !== null && eio !== '3' && eio !== '4') return { ok: false, error: `EIO=${eio.slice(0, 10)}: Engine.IO revisions are 3 (Socket.IO v2) and 4 (Socket.IO v3/v4)` };
  const transport = params.get('transport');
  if (transport !== null && transport !== 'websocket') {
    return { ok: false, error: `transport=${transport.slice(0, 20)} cannot run over a WebSocket; use transport=websocket (or leave it out)` };
  }
  const add: string[] = [];
  if (eio === null) add.push(`EIO=${eioFor(options.version)}`);
  if (transport === null) add.push('transport=websocket');
  const query = url.search.replace(/^\?/, '');
  const search = [query, ...add].filter((s) => s !== '').join('&');
  const userinfo = url.username || url.password ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return { ok: true, url: `${scheme}//${userinfo}${url.host}${outPath}?${search}` };
}
