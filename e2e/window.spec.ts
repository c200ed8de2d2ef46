import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, PLAYGROUND } from './env';
import { connect, eventRows, expect, test, timeline, ECHO, urlField } from './fixtures';
import { startHarness } from './harness-server.mjs';

/**
 * The timeline window at 10,000,000 retained events (issue 12): filled at
 * once through the test-only harness page (bench/window.html: the real app
 * plus `sockpitHarness.fill(n)`), then reached by scrollbar drag, wheel,
 * keys and "Jump to latest", with rows exactly one row height apart at the
 * top, the middle and the end. The same checks run in Firefox
 * (e2e-firefox/window.test.mjs).
 */

const N = 10_000_000;
const LAST_SEQ = N - 2; // connecting, open, then messages {"seq":1} … {"seq":9999998}

let harness: { url: string; close: () => Promise<void> };

// Scrollbars drawn, so that the test can drag one (Playwright hides them in headless Chromium by default).
test.use({ launchOptions: { executablePath: process.env.SOCKPIT_CHROMIUM || undefined, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--hide-scrollbars'] } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  harness = await startHarness(`${test.info().project.outputDir}/harness`, PLAYGROUND);
});
test.afterAll(async () => harness?.close());

/** The drawn rows' seq (from the message text; connecting and open as -1 and 0) and their boxes, in order. */
async function drawnRows(page: Page) {
  return timeline(page).evaluate((log) => {
    const view = log.getBoundingClientRect();
    return [...log.querySelectorAll('*:has(> time)')].map((row) => {
      const r = row.getBoundingClientRect();
      const text = (row as HTMLElement).innerText;
      const seq = /"seq":(\d+)/.exec(text)?.[1];
      return { seq: seq ? Number(seq) : /connecting/.test(text) ? -1 : 0, top: r.top - view.top, height: r.height, visible: r.bottom > view.top && r.top < view.bottom };
    });
  });
}

/** Every drawn row sits exactly one row height below the one before it. */
async function expectExactSpacing(page: Page) {
  const rows = await drawnRows(page);
  expect(rows.length).toBeGreaterThan(10);
  const h = rows[0]!.height;
  for (let i = 1; i < rows.length; i++) {
    expect(rows[i]!.seq - rows[i - 1]!.seq, `row ${i} follows row ${i - 1}`).toBe(1);
    expect(rows[i]!.top - rows[i - 1]!.top, `row ${i} is one row height below row ${i - 1}`).toBeCloseTo(h, 3);
  }
}

const visibleSeqs = async (page: Page) => (await drawnRows(page)).filter((r) => r.visible).map((r) => r.seq);

test('10,000,000 events: first, middle and last rows by scrollbar, wheel, keys and Jump to latest, rows exactly one height apart', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(harness.url);
  await expect(urlField(page)).toHaveValue(ECHO);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('textbox', { name: 'Keep at most (events)' }).fill('10,000,000');
  await dialog.getByRole('textbox', { name: 'Keep at most (MiB of payload)' }).fill('4096');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const kept = await page.evaluate((n) => (globalThis as unknown as { sockpitHarness: { fill(n: number): number } }).sockpitHarness.fill(n), N);
  expect(kept).toBe(N);

  // It opens at the newest row, drawn whole at the bottom of the log.
  await expect(eventRows(page).last()).toContainText(`"seq":${LAST_SEQ}}`);
  await expect(eventRows(page).last()).toBeInViewport({ ratio: 1 });
  await expectExactSpacing(page);
  const log = timeline(page);
  const box = (await log.boundingBox())!;
  // The scroll space stays well under Firefox's 17,895,696 px element limit.
  expect(await log.evaluate((el) => el.scrollHeight)).toBeLessThan(17_895_696);

  // Scrollbar drag: the thumb (at the bottom of the track: the view is at the end) to the track's middle.
  const bar = await log.evaluate((el) => ({ width: (el as HTMLElement).offsetWidth - el.clientWidth }));
  expect(bar.width, 'the log has a classic scrollbar to drag').toBeGreaterThan(0);
  const x = box.x + box.width - bar.width / 2;
  // Below the thumb is the track's arrow button, as tall as the bar is wide.
  await page.mouse.move(x, box.y + box.height - bar.width - 6);
  await page.mouse.down();
  await page.mouse.move(x, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => Math.abs(((await visibleSeqs(page))[0] ?? 0) - N / 2)).toBeLessThan(N / 50);
  await expectExactSpacing(page);
  await expect(page.getByRole('button', { name: /Jump to latest/ })).toBeVisible();

  // The wheel moves by exact pixels, not by the scaled scrollbar's: 10 rows of wheel, 10 rows of view.
  const before = (await visibleSeqs(page))[0]!;
  const h = (await drawnRows(page))[0]!.height;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 10 * h);
  await expect.poll(async () => (await visibleSeqs(page))[0]).toBe(before + 10);
  await expectExactSpacing(page);

  // Keys: Home selects and shows the first event, End the last, PageDown a page further.
  await log.focus();
  await page.keyboard.press('Home');
  await expect(eventRows(page).first()).toContainText('connecting');
  await expect(eventRows(page).first()).toHaveAttribute('aria-current', 'true');
  await expectExactSpacing(page);
  await page.keyboard.press('PageDown');
  await expect.poll(async () => (await drawnRows(page)).length).toBeGreaterThan(10);
  await expect(log.locator('[aria-current="true"]')).toContainText(/"seq":([2-9]\d|1\d)}/);
  await expect(log.locator('[aria-current="true"]')).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('End');
  await expect(log.locator('[aria-current="true"]')).toContainText(`"seq":${LAST_SEQ}}`);
  await expect(log.locator('[aria-current="true"]')).toBeInViewport({ ratio: 1 });
  await expectExactSpacing(page);

  // Jump to latest, from the top.
  await page.keyboard.press('Home');
  await expect(eventRows(page).first()).toContainText('connecting');
  await page.getByRole('button', { name: /Jump to latest/ }).click();
  await expect(eventRows(page).last()).toContainText(`"seq":${LAST_SEQ}}`);
  await expect(eventRows(page).last()).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: /Jump to latest/ })).toHaveCount(0);
  await expectExactSpacing(page);
});

test('a real flood of 200,000 messages: the exact counter, and the tail followed to the last row', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(harness.url);
  await expect(urlField(page)).toHaveValue(ECHO);
  const item = await connect(page, `${PLAYGROUND}/flood?count=200000&size=64&type=text`);
  await expect(item).toContainText('200,000 in · 0 out', { timeout: 200_000 });
  await expect(eventRows(page).last()).toContainText('"seq":200000');
  await expect(eventRows(page).last()).toBeInViewport({ ratio: 1 });
  await expectExactSpacing(page);
});
