import {
  ECHO,
  connectOpen,
  connectionItem,
  expect,
  gotoApp,
  messageField,
  selectConnection,
  sendTextAndAwaitEcho,
  test,
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
  await expect(keeper).toContainText(/\bCLOSED\b/);
  await expect(keeper).not.toContainText(/\b(CONNECTING|OPEN)\b/);

  await selectConnection(page, 'keeper');
  await expect(messageField(page)).toHaveValue(draft);

  // A full round trip on a second connection: had the app reopened "keeper" on
  // load, Playwright would have seen that socket before this one.
  const probeUrl = `${ECHO}?who=probe`;
  await connectOpen(page, probeUrl, { name: 'probe' });
  await sendTextAndAwaitEcho(page, 'probe');
  await expect.poll(() => socketsAfterReload).toEqual([probeUrl]);
  await expect(keeper).toContainText(/\bCLOSED\b/);

  // The saved config is usable: Reconnect opens the same URL again.
  await keeper.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect(keeper).toContainText(/\bOPEN\b/);
  await expect.poll(() => socketsAfterReload).toEqual([probeUrl, keeperUrl]);
});
