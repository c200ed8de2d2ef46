import { createServer } from 'node:http';
import type { Page, WebSocket as PwWebSocket } from '@playwright/test';
import {
  ECHO,
  WS_HANDSHAKE_FAILED,
  chooseBinary,
  closeButton,
  closeCodeField,
  closeReasonField,
  connectOpen,
  expect,
  gotoApp,
  messageField,
  receivedRow,
  sendButton,
  sendText,
  test,
  timeline,
} from './fixtures';
import { PLAYGROUND } from './env';

/** What went over one socket, as Playwright saw it on the wire. */
interface Wire {
  sent: string[];
  received: string[];
  closed: boolean;
}

const payload = (p: string | Buffer): string => (typeof p === 'string' ? `text:${p}` : `binary:${p.toString('hex')}`);

function record(socket: PwWebSocket): Wire {
  const wire: Wire = { sent: [], received: [], closed: false };
  socket.on('framesent', (f) => wire.sent.push(payload(f.payload)));
  socket.on('framereceived', (f) => wire.received.push(payload(f.payload)));
  socket.on('close', () => {
    wire.closed = true;
  });
  return wire;
}

/** Starts recording the next socket the page opens to `url`. */
function nextSocket(page: Page, url: string): Promise<Wire> {
  return new Promise((resolve) => {
    const onSocket = (socket: PwWebSocket) => {
      if (socket.url() !== url) return;
      page.off('websocket', onSocket);
      resolve(record(socket));
    };
    page.on('websocket', onSocket);
  });
}

async function turnOnLearn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Learn', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Learn' })).toBeVisible();
}

const learnView = (page: Page, tab: 'Lessons' | 'Code' | 'Explain') =>
  page.getByRole('group', { name: 'Learn view' }).getByRole('radio', { name: tab, exact: true });

test('the code panel’s code, run in a fresh page, repeats the same exchange with the echo server', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await gotoApp(page);
  await turnOnLearn(page);
  const url = `${ECHO}?lesson=code`;
  const original = nextSocket(page, url);
  await connectOpen(page, url);

  await sendText(page, 'hello "code" panel ✓');
  await expect(receivedRow(page, 'hello "code" panel ✓')).toHaveCount(1);
  await chooseBinary(page, 'Hex');
  await messageField(page).fill('de ad 00 ff');
  await sendButton(page).click();
  await expect(receivedRow(page, /binary 4 B/)).toHaveCount(1);
  await closeCodeField(page).fill('4000');
  await closeReasonField(page).fill('done');
  await closeButton(page).click();
  await expect(timeline(page)).toContainText('4000');
  const wire = await original;
  await expect.poll(() => wire.closed).toBe(true);

  await learnView(page, 'Code').check();
  const code = page.getByLabel('JavaScript code', { exact: true });
  await expect(code).toContainText('new WebSocket(');
  await expect(code).toContainText('ws.close(4000, "done")');
  await page.getByRole('button', { name: 'Copy code', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await code.textContent());

  // A fresh, empty page that has never seen Sockpit, served from 127.0.0.1 (so Chromium's
  // local-network check lets it reach the playground) with no CSP: the test, not the app,
  // runs the copied code there, as a user pasting it into the console would.
  const blankServer = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>blank</title>'));
  await new Promise<void>((resolve) => blankServer.listen(0, '127.0.0.1', resolve));
  const address = blankServer.address();
  const blank = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const fresh = await context.newPage();
  const logs: string[] = [];
  fresh.on('console', (m) => logs.push(m.text()));
  const replay = nextSocket(fresh, url);
  await fresh.goto(blank);
  await fresh.evaluate(copied);
  const replayed = await replay;
  await expect.poll(() => logs.some((l) => l.startsWith('close 4000 done true'))).toBe(true);
  expect(replayed.sent).toEqual(wire.sent);
  expect(replayed.received).toEqual(wire.received);
  expect(replayed.sent).toEqual(['text:hello "code" panel ✓', 'binary:dead00ff']);
  expect(logs).toContain('received hello "code" panel ✓');
  await fresh.close();
  blankServer.closeAllConnections();
  await new Promise((resolve) => blankServer.close(resolve));
});

test('the lifecycle diagram lights the current state and links transitions to their events', async ({ page }) => {
  await gotoApp(page);
  await turnOnLearn(page);
  await connectOpen(page, ECHO);
  const lifecycle = page.getByRole('region', { name: 'Lifecycle (ws.readyState)' });
  await expect(lifecycle.locator('[aria-current="step"]')).toContainText('OPEN');
  // Lifecycle rows carry a few words of explanation in the teaching mode.
  await expect(timeline(page)).toContainText('101 Switching Protocols → OPEN');
  await closeButton(page).click();
  await expect(lifecycle.locator('[aria-current="step"]')).toContainText('CLOSED');
  await expect(lifecycle).toContainText('you called ws.close(1000)');
  await expect(timeline(page)).toContainText('normal closure');

  await lifecycle.getByRole('button', { name: 'close event 1000' }).click();
  await expect(learnView(page, 'Explain')).toBeChecked();
  const learn = page.getByRole('complementary', { name: 'Learn' });
  await expect(learn).toContainText('1000 Normal Closure');
  await expect(learn).toContainText('Who sends it');

  await lifecycle.getByRole('button', { name: 'open event' }).click();
  await expect(learn).toContainText('open: the handshake succeeded');
});

const LESSONS = ['Echo', 'Chat between two connections', 'Binary frames', 'Close codes', 'A dropped connection', 'A flood'];

for (const lesson of LESSONS) {
  test(`guided lesson “${lesson}” completes step by step`, async ({ page, expectConsoleError }) => {
    // The dropped-connection lesson connects to /http-only on purpose.
    expectConsoleError(WS_HANDSHAKE_FAILED);
    await gotoApp(page);
    await turnOnLearn(page);
    await page.getByRole('button', { name: `Start lesson: ${lesson}`, exact: true }).click();
    const learn = page.getByRole('complementary', { name: 'Learn' });
    await expect(learn.getByRole('heading', { name: `Lesson: ${lesson}` })).toBeVisible();
    const steps = await learn.getByRole('button', { name: /^Do it: / }).count();
    expect(steps).toBeGreaterThan(0);
    for (let i = 0; i < steps; i++) {
      const doIt = learn.getByRole('button', { name: /^Do it: / }).first();
      const name = (await doIt.getAttribute('aria-label'))?.slice('Do it: '.length) ?? '';
      await doIt.click();
      // The check reads what happened, not that the button was clicked.
      await expect(learn.getByRole('heading', { name: `${name} (done)`, exact: true })).toBeVisible({ timeout: 20_000 });
    }
    await expect(learn.getByRole('button', { name: /^Do it: / })).toHaveCount(0);
    await expect(learn.getByRole('status').filter({ hasText: 'Lesson complete.' })).toBeVisible();
  });
}

test('a lesson step done by hand is checked too', async ({ page }) => {
  await gotoApp(page);
  await turnOnLearn(page);
  await page.getByRole('button', { name: 'Start lesson: Echo', exact: true }).click();
  const learn = page.getByRole('complementary', { name: 'Learn' });
  await expect(learn.getByRole('heading', { name: 'Connect to /echo (to do)' })).toBeVisible();
  await connectOpen(page, ECHO);
  await expect(learn.getByRole('heading', { name: 'Connect to /echo (done)' })).toBeVisible();
  await sendText(page, 'typed by hand');
  await expect(learn.getByRole('heading', { name: 'Send a text message (done)' })).toBeVisible();
});

test('Explain reads a protocol frame through its lens: `42[…]` is Engine.IO message 4 carrying Socket.IO EVENT 2', async ({ page }) => {
  await gotoApp(page);
  await turnOnLearn(page);
  await connectOpen(page, `${PLAYGROUND}/socket.io/`, { name: 'learn-sio' });
  // The playground greets every client with an event once the session has connected the namespace.
  const welcome = receivedRow(page, /Socket\.IO\s+event "welcome"/);
  await expect(welcome).toHaveCount(1);
  await welcome.click();
  await learnView(page, 'Explain').check();
  const learn = page.getByRole('complementary', { name: 'Learn' });
  await expect(learn.getByRole('heading', { name: 'Socket.IO: EVENT' })).toBeVisible();
  await expect(learn).toContainText('"42" = Engine.IO message (4) carrying Socket.IO EVENT (2)');
  await expect(learn).toContainText('This frame carries a Socket.IO EVENT message: event "welcome"');
});
