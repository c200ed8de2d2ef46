import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { MIME_TYPES, sendBody, startStaticServer } from '../scripts/static-server.mjs';
import { PLAYGROUND } from './env';
import { ECHO, connectOpen, expect, receivedRow, sendText, test, urlField } from './fixtures';

/**
 * The built site (dist/, which the e2e run builds) served as plain files
 * under /tools/sockpit/ by a static server of its own, as a team would host
 * it: it must load, connect, and once its service worker is installed, open
 * again with the server gone.
 */
const SUB_PATH = '/tools/sockpit/';
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

const MIME: Record<string, string> = MIME_TYPES;

type Site = { url: string; close: () => Promise<void> };

async function hostUnderSubPath(): Promise<Site> {
  const root = mkdtempSync(join(tmpdir(), 'sockpit-host-'));
  cpSync(dist, join(root, 'tools', 'sockpit'), { recursive: true });
  const index = readFileSync(join(root, 'tools', 'sockpit', 'index.html'), 'utf8');
  const playgroundJson = JSON.stringify({ url: PLAYGROUND, echo: `${PLAYGROUND}/echo` });
  const server = await startStaticServer({
    root,
    port: 0,
    extraRoutes: {
      // A static host serves a directory's index.html; this test server serves files only.
      [SUB_PATH]: (_req, res) => sendBody(res, 200, 'text/html; charset=utf-8', index, { 'Cache-Control': 'no-cache' }),
      [`${SUB_PATH}playground.json`]: (_req, res) => sendBody(res, 200, 'application/json; charset=utf-8', playgroundJson),
    },
  });
  let closed = false;
  return {
    url: new URL(SUB_PATH, server.url).href,
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function echoRoundTrip(page: Page, text: string): Promise<void> {
  await connectOpen(page, ECHO);
  await sendText(page, text);
  await expect(receivedRow(page, text)).toHaveCount(1);
}

test('the built site loads from a sub-path and connects', async ({ page }) => {
  const site = await hostUnderSubPath();
  try {
    const assets: string[] = [];
    page.on('request', (r) => assets.push(new URL(r.url()).pathname));
    await page.goto(site.url);
    await expect(page.getByRole('heading', { name: 'Sockpit', level: 1 })).toBeVisible();
    await expect(urlField(page)).toHaveValue(ECHO);
    await echoRoundTrip(page, 'from a sub-path');
    // Every file came from under the sub-path: nothing assumed the site root.
    const fromRoot = assets.filter((p) => !p.startsWith(SUB_PATH) && !p.startsWith('/echo'));
    expect(fromRoot).toEqual([]);
    expect(assets.some((p) => /^\/tools\/sockpit\/assets\/socket\.worker-.*\.js$/.test(p))).toBe(true);
    // Under automation no service worker is registered unless asked for (?sw).
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  } finally {
    await site.close();
  }
});

test('after the service worker is installed, the page reloads and works with the host gone', async ({ page, expectConsoleError }) => {
  // Offline, ./playground.json cannot be fetched: the app shrugs, Chromium logs it.
  expectConsoleError(/Failed to load resource|ERR_CONNECTION_REFUSED|ERR_FAILED|playground\.json/);
  const site = await hostUnderSubPath();
  try {
    await page.goto(`${site.url}?sw`);
    await expect(page.getByRole('heading', { name: 'Sockpit', level: 1 })).toBeVisible();
    // Installed, activated and in control of this page (it claims its clients on activate).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('sockpit-')) ?? '');
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached).toContain('/tools/sockpit/index.html');
    expect(cached.some((p) => p.includes('/assets/socket.worker-'))).toBe(true);
  } finally {
    await site.close();
  }
  // The host is gone: a plain fetch of the page fails, the reload is served by the service worker.
  await expect(page.request.get(site.url)).rejects.toThrow();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sockpit', level: 1 })).toBeVisible();
  await echoRoundTrip(page, 'offline reload');
});

test.describe('on an https page', () => {
  test.use({ ignoreHTTPSErrors: true });

  test('a ws:// URL to another host gets a clear explanation, loopback still connects', async ({ page }, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'sockpit-tls-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], {
        stdio: 'ignore',
        timeout: 20_000,
      });
    } catch {
      testInfo.skip(true, 'openssl is not available to make a test certificate');
      return;
    }
    const playgroundJson = JSON.stringify({ url: PLAYGROUND, echo: `${PLAYGROUND}/echo` });
    const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
      const path = new URL(req.url ?? '/', 'https://x').pathname;
      if (path === '/playground.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(playgroundJson);
      const file = join(dist, path === '/' ? 'index.html' : path);
      if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const origin = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    try {
      await page.goto(origin);
      await expect(urlField(page)).toHaveValue(ECHO);
      await urlField(page).fill('ws://example.com/socket');
      await expect(urlField(page)).toHaveAttribute('aria-invalid', 'true');
      await expect(urlField(page)).toHaveAccessibleDescription(/served over https.*mixed content.*Use wss:\/\/, or run Sockpit locally/);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(page.getByRole('list', { name: 'Connections', exact: true })).toHaveCount(0);
      // wss:// is fine, and so is this computer (loopback is exempt from mixed-content blocking).
      await urlField(page).fill('wss://example.com/socket');
      await expect(urlField(page)).not.toHaveAttribute('aria-invalid', 'true');
      await echoRoundTrip(page, 'from an https page');
    } finally {
      // The page may still hold keep-alive connections: end them, or close() waits for them.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
