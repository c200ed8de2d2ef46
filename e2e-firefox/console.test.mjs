// @ts-check
/**
 * The Firefox subset (issue 12): the everyday path of the console in
 * Debian's firefox-esr against the real playground server. Run by
 * `npm run test:e2e:firefox` (scripts/e2e-firefox.mjs), part of `npm test`.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  ECHO,
  PLAYGROUND,
  checkRadio,
  click,
  closeBrowser,
  connect,
  connectionText,
  element,
  fill,
  openApp,
  rowWith,
  rows,
  until,
  word,
} from './harness.mjs';

after(closeBrowser);

test('the app loads with the playground echo URL prefilled and no errors', async () => {
  const { page, done } = await openApp();
  assert.match(await page.title(), /^Sockpit\b/);
  await element(page, 'button', 'Connect');
  await done();
});

test('text echo: sent and received rows, counters 1 in · 1 out', async () => {
  const { page, done } = await openApp();
  await connect(page, ECHO);
  await fill(page, 'Message', 'hello firefox');
  await click(page, 'button', 'Send');
  await rowWith(page, word('sent'), 'hello firefox', '13 B');
  await rowWith(page, word('received'), 'hello firefox', '13 B');
  await until(async () => /1 in\s*·\s*1 out/.test(await connectionText(page, ECHO)), 'the counters read 1 in · 1 out');
  await done();
});

test('Binary → Hex "00 ff 10" echoes as exactly 3 bytes', async () => {
  const { page, done } = await openApp();
  await connect(page, ECHO);
  await checkRadio(page, 'Binary');
  await checkRadio(page, 'Hex');
  await fill(page, 'Message', '00 ff 10');
  await click(page, 'button', 'Send');
  await rowWith(page, word('sent'), word('binary'), '3 B', '00 ff 10');
  await rowWith(page, word('received'), word('binary'), '3 B', '00 ff 10');
  await done();
});

test('/binary: four binary frames arrive intact and in order', async () => {
  const { page, done } = await openApp();
  await connect(page, `${PLAYGROUND}/binary`);
  const received = await until(async () => {
    const r = (await rows(page)).filter((row) => word('received').test(row) && word('binary').test(row));
    return r.length === 4 ? r : null;
  }, 'four binary rows were received');
  assert.match(received[0], /256 B/);
  assert.match(received[0], /00 01 02 03/);
  assert.match(received[1], /de ad be ef/);
  assert.match(received[2], /(?<![\d.,])0 B/);
  assert.match(received[3], /53 6f 63 6b 70 69 74 00 ff/);
  await done();
});

test('client close with code 3001 and a reason: the close row shows both, wasClean true', async () => {
  const { page, done } = await openApp();
  await connect(page, ECHO);
  await fill(page, 'Close code', '3001');
  await fill(page, 'Close reason', 'done for today');
  await click(page, 'button', 'Close');
  const [row] = await rowWith(page, word('close'), /wasClean: (true|false)/);
  assert.match(row, /3001/);
  assert.match(row, /reason: done for today/);
  assert.match(row, /wasClean: true/);
  await until(async () => word('CLOSED').test(await connectionText(page, ECHO)), 'the connection reads CLOSED');
  await done();
});

test('the inspector opens on a clicked row and shows its JSON as a tree', async () => {
  const { page, done } = await openApp();
  await connect(page, ECHO);
  await fill(page, 'Message', '{"greeting":"hi","n":3}');
  await click(page, 'button', 'Send');
  await rowWith(page, word('received'), 'greeting');
  const log = await element(page, 'log', 'Timeline');
  const target = await until(
    () => log.evaluateHandle((el) => [...el.querySelectorAll('*:has(> time)')].find((r) => /(?<![A-Za-z])received(?![A-Za-z])/.test(/** @type {HTMLElement} */ (r).innerText)) ?? null),
    'the received row is drawn',
  );
  await /** @type {import('puppeteer-core').ElementHandle<Element>} */ (target).click();
  const inspector = await element(page, 'region', 'Inspector');
  const text = await until(async () => {
    const t = await inspector.evaluate((el) => /** @type {HTMLElement} */ (el).innerText);
    return /greeting/.test(t) && /"hi"/.test(t) ? t : null;
  }, 'the inspector shows the message');
  assert.match(text, /received · JSON/);
  const tree = await element(page, 'tree', 'JSON tree');
  const items = await tree.evaluate((el) => [...el.querySelectorAll('[role="treeitem"]')].map((i) => /** @type {HTMLElement} */ (i).innerText.replace(/\s+/g, ' ')));
  assert.ok(items.some((i) => /greeting\s*:\s*"hi"/.test(i)), `a treeitem reads greeting: "hi" (${items.join(' | ')})`);
  await done();
});

test('a flood of 50,000 sequenced messages: an exact counter and the last message in view', async () => {
  const { page, done } = await openApp();
  const url = `${PLAYGROUND}/flood?count=50000&size=64&type=text`;
  await connect(page, url, { open: false });
  await until(async () => /50,000 in\s*·\s*0 out/.test(await connectionText(page, url)), 'the counter reads 50,000 in', 60_000);
  // Following the tail: the newest message is the last row drawn, and it is inside the log's box.
  await until(async () => /"seq":50000/.test((await rows(page)).at(-1) ?? ''), 'the last row is message 50,000');
  const log = await element(page, 'log', 'Timeline');
  const inView = await log.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const all = el.querySelectorAll('*:has(> time)');
    const last = all[all.length - 1]?.getBoundingClientRect();
    return !!last && last.bottom <= box.bottom + 0.5 && last.top >= box.top - 0.5;
  });
  assert.ok(inView, 'the last row is inside the timeline');
  await done();
});
