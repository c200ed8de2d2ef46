import {
  connectionItem,
  connectOpen,
  ECHO,
  expect,
  gotoApp,
  messageField,
  openOptions,
  readyState,
  receivedRow,
  selectConnection,
  sendText,
  sendTextAndAwaitEcho,
  test,
  word,
} from './fixtures';
import { closeOptions, connectLens, decodeAsSelect, decoded } from './lens-helpers';

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

test('Decode as is remembered with the connection across a reload, and decodes again after Reconnect', async ({ page }) => {
  await gotoApp(page);
  const name = `rpc-keep-${Date.now().toString(36)}`;
  // Plain text on /echo: Auto would find no lens, so a JSON-RPC note on its row can only come from the choice.
  const item = await connectLens(page, ECHO, { name, decodeAs: 'JSON-RPC 2.0' });
  await expect(item).toContainText(readyState('OPEN'));
  await sendText(page, 'before-reload');
  await expect(receivedRow(page, decoded('JSON-RPC', '⚠ not JSON · shown raw'), 'before-reload')).toHaveCount(1);
  // Stored before the reload (the store writes localStorage after a change).
  await expect.poll(() => page.evaluate(() => Object.values({ ...localStorage }).some((v) => /"decodeAs"\s*:\s*"jsonrpc"/.test(v)))).toBe(true);

  await page.reload();
  const kept = connectionItem(page, name);
  await expect(kept).toContainText(readyState('CLOSED'));
  await selectConnection(page, name);
  await openOptions(page);
  await expect(decodeAsSelect(page).locator('option:checked')).toHaveText('JSON-RPC 2.0');
  await closeOptions(page);
  await kept.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect(kept).toContainText(readyState('OPEN'));
  await sendText(page, 'after-reload');
  await expect(receivedRow(page, decoded('JSON-RPC', '⚠ not JSON · shown raw'), 'after-reload')).toHaveCount(1);
});
