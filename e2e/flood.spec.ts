import { test, expect, gotoApp, connectOpen, connect, timeline, eventRows, closeButton, closeRow, receivedRow } from './fixtures';
import { PLAYGROUND } from './env';

const n = (x: number) => x.toLocaleString('en-US');

test.describe('flood-proof capture', () => {
  test('a flood of 50,000 sequenced messages arrives with an exact counter and the last message in view', async ({ page }) => {
    await gotoApp(page);
    const url = `${PLAYGROUND}/flood?count=50000&size=64&type=text`;
    const item = await connect(page, url);
    await expect(item).toContainText(`${n(50000)} in · 0 out`, { timeout: 60_000 });
    // Following the tail: the newest message is the last row shown.
    await expect(eventRows(page).last()).toContainText('"seq":50000');
  });

  test('with a small retention limit, the first and last rows and the dropped count add up', async ({ page }) => {
    await gotoApp(page);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('textbox', { name: 'Keep at most (events)' }).fill('1000');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    const item = await connect(page, `${PLAYGROUND}/flood?count=20000&size=64&type=text`);
    await expect(item).toContainText(`${n(20000)} in · 0 out`, { timeout: 60_000 });
    // 20,002 events in all (connecting, open, 20,000 messages); 1,000 kept.
    await expect(page.getByText(`${n(19002)} older events dropped`)).toBeVisible();
    await expect(eventRows(page).last()).toContainText('"seq":20000');
    // Scroll to the top: the oldest kept event is message 19,001 (event 19,002).
    await timeline(page).evaluate((el) => el.scrollTo(0, 0));
    await expect(eventRows(page).first()).toContainText('"seq":19001,');
  });

  test('Pause freezes the rows while capture and counters go on; Resume catches up', async ({ page }) => {
    await gotoApp(page);
    const item = await connectOpen(page, `${PLAYGROUND}/ticker?rate=50`);
    // Messages are arriving and shown. (Not "the row of seq 5 is shown": at
    // 50/s on a loaded machine it may already have scrolled out of the
    // rendered window by the first look.)
    await expect(eventRows(page).last()).toContainText(/"seq":\d+/);
    await expect
      .poll(async () => Number(/([\d,]+) in ·/.exec(await item.innerText())?.[1]?.replace(/,/g, '')))
      .toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
    const frozenLast = await eventRows(page).last().innerText();
    const seqAtPause = Number(/"seq":(\d+)/.exec(frozenLast)?.[1]);
    // The counter goes on well past what the view shows ...
    await expect
      .poll(async () => Number(/([\d,]+) in ·/.exec(await item.innerText())?.[1]?.replace(/,/g, '')))
      .toBeGreaterThan(seqAtPause + 20);
    await expect(page.getByText(/Paused · [\d,]+ new/)).toBeVisible();
    // ... while the rows stay as they were.
    await expect(eventRows(page).last()).toHaveText(frozenLast);
    await expect(receivedRow(page, `"seq":${seqAtPause + 1},`)).toHaveCount(0);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    // Caught up: the view follows the tail again. (Not "row seqAtPause + 20 is
    // shown": by now it may be far above the tail, and the timeline only
    // renders the rows in view.)
    await expect
      .poll(async () => Number(/"seq":(\d+)/.exec(await eventRows(page).last().innerText())?.[1]))
      .toBeGreaterThan(seqAtPause + 20);
  });

  test('a 50 MB binary message arrives and the page stays responsive: Close still works', async ({ page }) => {
    await gotoApp(page);
    await connectOpen(page, `${PLAYGROUND}/flood?count=1&size=52428800&type=binary`);
    await expect(receivedRow(page, 'binary', '50.0 MiB')).toHaveCount(1, { timeout: 60_000 });
    // The preview is the first bytes only: seq 1, "SKPT".
    await expect(receivedRow(page, '00 00 00 01 53 4b 50 54')).toHaveCount(1);
    await closeButton(page).click();
    await expect(closeRow(page)).toContainText('1000');
    await expect(closeRow(page)).toContainText('wasClean: true');
  });
});
