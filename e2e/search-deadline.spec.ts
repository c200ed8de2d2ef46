import type { Locator, Page } from '@playwright/test';
import { ECHO, connectOpen, eventRows, expect, gotoApp, messageField, receivedRow, sendButton, sendTextAndAwaitEcho, test, timeline } from './fixtures';

// A regex with catastrophic backtracking runs in the regex Worker under a
// deadline: the filter stops and says why next to the query, the page stays
// usable, and the next query works (a fresh Worker).

const filterField = (page: Page): Locator => page.getByRole('searchbox', { name: 'Filter', exact: true });
const filterRegion = (page: Page): Locator => page.getByRole('search', { name: 'Timeline filter' });
const filterStatus = (page: Page): Locator => filterRegion(page).getByRole('status').first();
const regexChip = (page: Page): Locator => filterRegion(page).getByRole('checkbox', { name: 'Regex', exact: true });

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

test('a catastrophic regex is stopped with a message next to the query; typing, Pause and the next query still work', async ({ page }) => {
  await connectOpen(page, ECHO);
  // 40 a's and no b: (a+)+b tries about 2^40 ways before failing.
  const as = 'a'.repeat(40);
  await sendTextAndAwaitEcho(page, as);
  await sendTextAndAwaitEcho(page, 'needle b');
  await expect(filterStatus(page)).toHaveText('6 events');

  await filterField(page).fill('(a+)+b');
  await regexChip(page).focus();
  await page.keyboard.press('Space');
  await expect(regexChip(page)).toBeChecked();

  // Events 0 and 1 are connecting and open; #2 is the first "aaa…" (sent).
  await expect(filterRegion(page).getByRole('alert')).toHaveText(/^Stopped: this regex took over 1 s on message #2 \(catastrophic backtracking\?\)/);
  await expect(filterStatus(page)).toHaveText(/^Stopped · 0 matches so far$/);
  await expect(filterField(page)).toHaveValue('(a+)+b');
  await expect(filterField(page)).toHaveAttribute('aria-invalid', 'true');

  // The page answers: the composer types and sends, Pause pauses and resumes.
  await messageField(page).fill('');
  await page.keyboard.type('typed while stopped');
  await expect(messageField(page)).toHaveText('typed while stopped');
  await sendButton(page).click();
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await pause.click();
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(pause).toBeVisible();

  // A new query searches again, in a fresh Worker, and highlights what it found.
  await filterField(page).fill('needle \\w');
  await expect(filterStatus(page)).toHaveText('2 matches');
  await expect(filterRegion(page).getByRole('alert')).toHaveCount(0);
  await expect(eventRows(page)).toHaveCount(2);
  await expect(timeline(page).locator('mark').first()).toHaveText('needle b');

  // Clearing the regex shows everything, the message sent while stopped included.
  await filterField(page).fill('');
  await expect(receivedRow(page, 'typed while stopped')).toHaveCount(1);
});
