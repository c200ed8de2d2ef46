import {
  connectionItem,
  connectOpen,
  ECHO,
  expect,
  gotoApp,
  messageField,
  readyState,
  selectConnection,
  sendTextAndAwaitEcho,
  test,
  word,
} from './fixtures';

test('connection configs and drafts survive a reload without reconnecting', async ({ page }) => {
  const keeperUrl = `${ECHO}?who=keeper`;
  const draft = 'unsent draft text';

  await gotoApp(page);
  await connectOpen(page, keeperUrl, { name: 'keeper' });
  await messageField(page).fill(draft);
  // A user would not reload mid-keystroke either: wait until the draft is stored.
  await expect
    .poll(() => page.evaluate(() => JSON.stringify({ ...localStorage })), { message: 'draft saved to localStorage' })
    .toContain(draft);

  const socketsAfterReload: string[] = [];
  page.on('websocket', (socket) => socketsAfterReload.push(socket.url()));
  await page.reload();

  const keeper = connectionItem(page, 'keeper');
  await expect(keeper).toBeVisible();
  await expect(keeper).toContainText(readyState('CLOSED'));
  await expect(keeper).not.toContainText(word('(CONNECTING|OPEN|CLOSING)'));

  await selectConnection(page, 'keeper');
  await expect(messageField(page)).toHaveText(new RegExp(`^${draft}$`));

  // A full round trip on a second connection: had the app reopened "keeper" on
  // load, Playwright would have seen that socket before this one.
  const probeUrl = `${ECHO}?who=probe`;
  await connectOpen(page, probeUrl, { name: 'probe' });
  await sendTextAndAwaitEcho(page, 'probe');
  await expect.poll(() => socketsAfterReload).toEqual([probeUrl]);
  await expect(keeper).toContainText(readyState('CLOSED'));

  // The saved config is usable: Reconnect opens the same URL again.
  await keeper.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect(keeper).toContainText(readyState('OPEN'));
  await expect.poll(() => socketsAfterReload).toEqual([probeUrl, keeperUrl]);
});
