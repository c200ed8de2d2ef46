import { PLAYGROUND } from './env';
import {
  connectionItem,
  connectionItems,
  connectOpen,
  counters,
  ECHO,
  eventRow,
  expect,
  gotoApp,
  openRow,
  readyState,
  receivedRow,
  selectConnection,
  sendText,
  sendTextAndAwaitEcho,
  sentRow,
  test,
} from './fixtures';

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

test('two connections at once stay isolated: each echoes only its own messages', async ({ page }) => {
  const alpha = await connectOpen(page, ECHO, { name: 'alpha' });
  const beta = await connectOpen(page, ECHO, { name: 'beta' });
  await expect(connectionItems(page)).toHaveCount(2);

  // beta is selected (the newest connection).
  await sendTextAndAwaitEcho(page, 'beta one');
  await sendTextAndAwaitEcho(page, 'beta two');

  await selectConnection(page, 'alpha');
  await expect(eventRow(page, 'beta one')).toHaveCount(0);
  await sendTextAndAwaitEcho(page, 'alpha one');
  await expect(sentRow(page, 'alpha one')).toHaveCount(1);
  await expect(eventRow(page, /beta (one|two)/)).toHaveCount(0);

  await selectConnection(page, 'beta');
  await expect(sentRow(page, 'beta one')).toHaveCount(1);
  await expect(receivedRow(page, 'beta two')).toHaveCount(1);
  await expect(eventRow(page, 'alpha one')).toHaveCount(0);

  await expect(alpha).toContainText(counters(1, 1));
  await expect(beta).toContainText(counters(2, 2));
});

test('/chat: a message sent on one connection is received on both', async ({ page }) => {
  const left = await connectOpen(page, `${PLAYGROUND}/chat?room=multi-spec`, { name: 'left' });
  const right = await connectOpen(page, `${PLAYGROUND}/chat?room=multi-spec`, { name: 'right' });
  const text = `hi from right ${test.info().testId}`;

  await sendText(page, text); // on "right", the selected one
  await expect(sentRow(page, text)).toHaveCount(1);
  await expect(receivedRow(page, text)).toHaveCount(1);

  await selectConnection(page, 'left');
  await expect(receivedRow(page, text)).toHaveCount(1);
  await expect(sentRow(page, text)).toHaveCount(0);

  await expect(left).toContainText(counters(1, 0));
  await expect(right).toContainText(counters(1, 1));
});

test('list item actions: Close connection, Reconnect, Duplicate, Remove', async ({ page }) => {
  const item = await connectOpen(page, ECHO, { name: 'solo' });

  await item.getByRole('button', { name: 'Close connection', exact: true }).click();
  await expect(item).toContainText(readyState('CLOSED'));

  await item.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect(item).toContainText(readyState('OPEN'));
  await expect(openRow(page).last()).toBeVisible();

  await item.getByRole('button', { name: 'Duplicate', exact: true }).click();
  await expect(connectionItems(page)).toHaveCount(2);

  await connectionItem(page, 'solo').first().getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(connectionItems(page)).toHaveCount(1);
});
