import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendBody, startStaticServer } from './static-server.mjs';

type Server = Awaited<ReturnType<typeof startStaticServer>>;

let base: string;
let server: Server;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'sockpit-static-'));
  const root = join(base, 'dist');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'export {};');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(join(root, 'assets', 'icon.svg'), '<svg/>');
  await writeFile(join(root, 'manifest.webmanifest'), '{}');
  await writeFile(join(root, 'assets', 'mod.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  await writeFile(join(base, 'secret.txt'), 'outside');
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'escape.txt'));
  server = await startStaticServer({
    root,
    port: 0,
    extraRoutes: { '/playground.json': (_req, res) => sendBody(res, 200, 'application/json; charset=utf-8', '{"ok":true}') },
  });
});

afterAll(async () => {
  await server.close();
  await rm(base, { recursive: true, force: true });
});

/** Sends the path as is (no client-side normalisation of `..`). */
function get(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startStaticServer', () => {
  it('serves index.html for / with the security headers and no-cache', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toBe('<!doctype html><title>t</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(res.headers['content-security-policy']).toContain("connect-src 'self' ws: wss:");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/icon.svg', 'image/svg+xml'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['/assets/mod.wasm', 'application/wasm'],
    ['/assets/app.js?v=1', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('answers extra routes', async () => {
    const res = await get('/playground.json');
    expect(res).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/escape.txt', '/assets', '/assets/', '/missing.js'])(
    'answers 404 for %s',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('outside');
    },
  );

  it.each(['/%E0%A4%A', '/a%00b', '/..%5csecret.txt'])('answers 400 for %s', async (path) => {
    expect((await get(path)).status).toBe(400);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    await expect(startStaticServer({ root: base, port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
