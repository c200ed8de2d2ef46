// @ts-check
/**
 * The timeline window at 10,000,000 events in Firefox (issue 12), as
 * e2e/window.spec.ts checks it in Chromium: Firefox turns an element taller
 * than 17,895,696 px into 0 px, so before the window of our own a timeline
 * past ~688,000 rows could not be scrolled here at all.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from '../e2e/harness-server.mjs';
import { ECHO, PLAYGROUND, click, closeBrowser, connect, connectionText, element, fill, launchBrowser, openApp, setViewport, until, value } from './harness.mjs';

const N = 10_000_000;
const LAST_SEQ = N - 2;

/** @type {{ url: string, close: () => Promise<void> }} */
let harness;
before(async () => {
  harness = await startHarness(join(tmpdir(), `sockpit-ff-harness-${process.pid}`), PLAYGROUND);
});
after(async () => {
  await closeBrowser();
  await harness?.close();
});

/** @param {import('puppeteer-core').Page} page */
async function drawnRows(page) {
  const log = await element(page, 'log', 'Timeline');
  return log.evaluate((el) => {
    const view = el.getBoundingClientRect();
    return [...el.querySelectorAll('*:has(> time)')].map((row) => {
      const r = row.getBoundingClientRect();
      const text = /** @type {HTMLElement} */ (row).innerText;
      const seq = /"seq":(\d+)/.exec(text)?.[1];
      return {
        seq: seq ? Number(seq) : /connecting/.test(text) ? -1 : 0,
        top: r.top - view.top,
        bottom: r.bottom - view.top,
        height: r.height,
        viewHeight: view.height,
        visible: r.bottom > view.top && r.top < view.bottom,
        current: row.getAttribute('aria-current') === 'true',
      };
    });
  });
}

/** @param {import('puppeteer-core').Page} page */
async function expectExactSpacing(page) {
  const rows = await drawnRows(page);
  assert.ok(rows.length > 10, `rows are drawn (${rows.length})`);
  const h = rows[0].height;
  for (let i = 1; i < rows.length; i++) {
    assert.equal(rows[i].seq - rows[i - 1].seq, 1, `row ${i} follows row ${i - 1}`);
    assert.ok(Math.abs(rows[i].top - rows[i - 1].top - h) < 0.01, `row ${i} is ${h} px below row ${i - 1} (is ${rows[i].top - rows[i - 1].top})`);
  }
  return rows;
}

/** @param {import('puppeteer-core').Page} page */
const firstVisible = async (page) => (await drawnRows(page)).find((r) => r.visible)?.seq ?? NaN;

test('10,000,000 events: first, middle and last rows by scrollbar, wheel, keys and Jump to latest, rows exactly one height apart', async (t) => {
  const browser = await launchBrowser();
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e instanceof Error ? e.message : String(e)}`));
  await setViewport(page, { width: 1440, height: 900 });
  await page.goto(harness.url);
  await until(async () => (await value(page, 'textbox', 'URL')) === ECHO, 'the URL field holds the playground echo URL');

  await click(page, 'button', 'Settings');
  await fill(page, 'Keep at most (events)', '10000000');
  await fill(page, 'Keep at most (MiB of payload)', '4096');
  await click(page, 'button', 'Save');
  await until(async () => (await page.$('::-p-aria([name="Settings"][role="dialog"])')) === null, 'the Settings dialog closed');

  const kept = await page.evaluate((n) => /** @type {{ sockpitHarness: { fill(n: number): number } }} */ (/** @type {unknown} */ (globalThis)).sockpitHarness.fill(n), N);
  assert.equal(kept, N);

  // It opens at the newest row, whole at the bottom of the log.
  const end = await until(async () => {
    const rows = await drawnRows(page);
    const last = rows.at(-1);
    return last && last.seq === LAST_SEQ ? rows : null;
  }, 'the last row is the newest message');
  const last = /** @type {NonNullable<ReturnType<typeof end.at>>} */ (end.at(-1));
  assert.ok(last.bottom <= last.viewHeight + 0.5 && last.top >= 0, `the newest row is whole in view (${last.top}–${last.bottom} of ${last.viewHeight})`);
  await expectExactSpacing(page);

  const log = await element(page, 'log', 'Timeline');
  const geometry = await log.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, bar: el.offsetWidth - el.clientWidth, scrollHeight: el.scrollHeight };
  });
  assert.ok(geometry.scrollHeight < 17_895_696, `the scroll space (${geometry.scrollHeight} px) is under Firefox's element limit`);

  // Scrollbar: the thumb dragged from the bottom of the track to its middle (with a classic
  // scrollbar), or else the scroll position set to the middle, as dragging would.
  t.diagnostic(`scrollbar ${geometry.bar} px wide: ${geometry.bar > 0 ? 'dragged' : 'overlay, scroll position set'}`);
  if (geometry.bar > 0) {
    const x = geometry.x + geometry.width - geometry.bar / 2;
    await page.mouse.move(x, geometry.y + geometry.height - geometry.bar - 6);
    await page.mouse.down();
    await page.mouse.move(x, geometry.y + geometry.height / 2, { steps: 8 });
    await page.mouse.up();
  } else {
    await log.evaluate((el) => el.scrollTo(0, (el.scrollHeight - el.clientHeight) / 2));
  }
  await until(async () => Math.abs((await firstVisible(page)) - N / 2) < N / 50, 'the middle rows are shown');
  await expectExactSpacing(page);
  await element(page, 'button', 'Jump to latest ↓');

  // The wheel moves the content by exact pixels: 10 rows of wheel, 10 rows of view.
  const before = await firstVisible(page);
  const h = (await drawnRows(page))[0].height;
  await page.mouse.move(geometry.x + geometry.width / 2, geometry.y + geometry.height / 2);
  await page.mouse.wheel({ deltaY: 10 * h });
  await until(async () => (await firstVisible(page)) === before + 10, `the view moved 10 rows from ${before}`);
  await expectExactSpacing(page);

  // Keys: Home, PageDown, End.
  await log.focus();
  await page.keyboard.press('Home');
  await until(async () => (await drawnRows(page))[0]?.current === true && (await drawnRows(page))[0]?.seq === -1, 'Home selects and shows the connecting event');
  await expectExactSpacing(page);
  await page.keyboard.press('PageDown');
  await until(async () => {
    const cur = (await drawnRows(page)).find((r) => r.current);
    return cur && cur.seq > 10 && cur.top >= 0 && cur.bottom <= cur.viewHeight + 0.5;
  }, 'PageDown selects a row a page further, in view');
  await page.keyboard.press('End');
  await until(async () => {
    const cur = (await drawnRows(page)).find((r) => r.current);
    return cur && cur.seq === LAST_SEQ && cur.bottom <= cur.viewHeight + 0.5;
  }, 'End selects and shows the newest message');
  await expectExactSpacing(page);

  // Jump to latest, from the top.
  await page.keyboard.press('Home');
  await until(async () => (await drawnRows(page))[0]?.seq === -1, 'back at the first event');
  await click(page, 'button', 'Jump to latest ↓');
  await until(async () => (await drawnRows(page)).at(-1)?.seq === LAST_SEQ, 'Jump to latest shows the newest message');
  await expectExactSpacing(page);

  await context.close();
  assert.deepEqual(problems, [], 'the page reported errors');
});

test('a real flood of 200,000 messages: the exact counter, and the tail followed to the last row, rows exactly one height apart', async () => {
  const { page, done } = await openApp();
  const url = `${PLAYGROUND}/flood?count=200000&size=64&type=text`;
  await connect(page, url, { open: false });
  await until(async () => /200,000 in\s*·\s*0 out/.test(await connectionText(page, url)), 'the counter reads 200,000 in', 240_000);
  const end = await until(async () => {
    const rows = await drawnRows(page);
    const last = rows.at(-1);
    return last && last.seq === 200_000 ? last : null;
  }, 'the last row drawn is message 200,000');
  assert.ok(end.bottom <= end.viewHeight + 0.5 && end.top >= 0, `the newest row is whole in view (${end.top}–${end.bottom} of ${end.viewHeight})`);
  await expectExactSpacing(page);
  await done();
});
