import {
  ECHO,
  connectOpen,
  connectionItem,
  expect,
  gotoApp,
  messageField,
  readyState,
  receivedRow,
  test,
  urlField,
} from './fixtures';

test('? lists the shortcuts in a dialog; Escape closes it', async ({ page }) => {
  await gotoApp(page);
  await page.locator('body').press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const what of ['New connection', 'Connect or close', 'Send the message', 'Filter the timeline', 'Jump to the latest event']) {
    await expect(dialog).toContainText(what);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('N, C, Ctrl+Enter and / work from the page, and plain keys are not taken while typing', async ({ page }) => {
  await gotoApp(page);
  await page.locator('body').press('n');
  await expect(urlField(page)).toBeFocused();
  // Typing in a field types: "n", "c" and "?" are letters there.
  await urlField(page).fill('');
  await urlField(page).pressSequentially(`${ECHO}?name=c?`);
  await expect(urlField(page)).toHaveValue(`${ECHO}?name=c?`);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await urlField(page).fill(ECHO);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const item = connectionItem(page, ECHO);
  await expect(item).toContainText(readyState('OPEN'));

  await messageField(page).fill('sent with ctrl+enter');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Enter');
  await expect(receivedRow(page, 'sent with ctrl+enter')).toHaveCount(1);

  await page.locator('body').press('c');
  await expect(item).toContainText(readyState('CLOSED'));
  await page.locator('body').press('c');
  await expect(item).toContainText(readyState('OPEN'));

  await page.locator('body').press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
});

test('[ and ] move between connections; L turns the teaching mode on and off', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, `${ECHO}?n=1`, { name: 'first' });
  await connectOpen(page, `${ECHO}?n=2`, { name: 'second' });
  const current = (name: string) => connectionItem(page, name).getByRole('button', { name, exact: true });
  await expect(current('second')).toHaveAttribute('aria-current', 'true');
  // Connect put the focus in the composer, where keys type: leave it first.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.locator('body').press('[');
  await expect(current('first')).toHaveAttribute('aria-current', 'true');
  await page.locator('body').press(']');
  await expect(current('second')).toHaveAttribute('aria-current', 'true');
  await page.locator('body').press('l');
  await expect(page.getByRole('complementary', { name: 'Learn' })).toBeVisible();
  await page.locator('body').press('l');
  await expect(page.getByRole('complementary', { name: 'Learn' })).toHaveCount(0);
});
