import { PLAYGROUND } from './env';
import {
  closeRow,
  connect,
  errorRow,
  eventRows,
  expect,
  gotoApp,
  openRow,
  readyState,
  refusedPort,
  sendButton,
  test,
  word,
  WS_HANDSHAKE_FAILED,
} from './fixtures';
import type { Page } from '@playwright/test';

/** The connection never opened: an error row, then a close 1006 row, and it ends CLOSED. */
async function expectFailedHandshake(page: Page, url: string): Promise<void> {
  const item = await connect(page, url);
  await expect(errorRow(page)).toHaveCount(1);
  const close = closeRow(page);
  await expect(close).toHaveCount(1);
  await expect(close).toContainText('1006');
  await expect(close).toContainText('Abnormal Closure');
  await expect(close).toContainText('wasClean: false');
  await expect(openRow(page)).toHaveCount(0);
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(sendButton(page)).toBeDisabled();

  // The error row comes before the close row.
  const texts = await eventRows(page).allInnerTexts();
  const errorAt = texts.findIndex((text) => word('error').test(text));
  const closeAt = texts.findIndex((text) => word('close').test(text) && /wasClean/.test(text));
  expect(errorAt, `rows: ${JSON.stringify(texts)}`).toBeGreaterThanOrEqual(0);
  expect(errorAt, `rows: ${JSON.stringify(texts)}`).toBeLessThan(closeAt);
}

test.beforeEach(async ({ page, expectConsoleError }) => {
  // Chromium logs its own console error when a handshake fails; that is the point here.
  expectConsoleError(WS_HANDSHAKE_FAILED);
  await gotoApp(page);
});

test('a refused port gives an error row, then close 1006', async ({ page }) => {
  const port = await refusedPort();
  await expectFailedHandshake(page, `ws://127.0.0.1:${port}/`);
});

test('port 1 (refused by the browser as unsafe) gives an error row, then close 1006', async ({ page }) => {
  await expectFailedHandshake(page, 'ws://127.0.0.1:1/');
});

test('/http-only refuses the upgrade with 404: error row, then close 1006', async ({ page }) => {
  await expectFailedHandshake(page, `${PLAYGROUND}/http-only`);
});
