import { PLAYGROUND } from './env';
import {
  closeButton,
  connect,
  connectOpen,
  ECHO,
  expect,
  gotoApp,
  messageField,
  readyState,
  sendButton,
  sendTextAndAwaitEcho,
  test,
} from './fixtures';
import type { Page } from '@playwright/test';

const disabledBecause = (page: Page, state: string) =>
  page.getByText(new RegExp(`Not connected: ${state}|Send is disabled: connection is ${state}`));

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

test('Send is enabled only while OPEN, and says why when it is not', async ({ page }) => {
  const item = await connectOpen(page, ECHO);
  await messageField(page).fill('draft');
  await expect(sendButton(page)).toBeEnabled();

  await closeButton(page).click();
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(sendButton(page)).toBeDisabled();
  await expect(disabledBecause(page, 'CLOSED')).toBeVisible();

  await item.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect(item).toContainText(readyState('OPEN'));
  await expect(sendButton(page)).toBeEnabled();
  await expect(disabledBecause(page, 'CLOSED')).toHaveCount(0);
  await sendTextAndAwaitEcho(page, 'after reconnect');
});

test('Send is disabled after the server closes the connection', async ({ page }) => {
  const item = await connect(page, `${PLAYGROUND}/close?code=1000&reason=done`);
  await expect(item).toContainText(readyState('CLOSED'));
  await messageField(page).fill('too late');
  await expect(sendButton(page)).toBeDisabled();
  await expect(disabledBecause(page, 'CLOSED')).toBeVisible();
});
