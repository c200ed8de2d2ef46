import type { Locator, Page } from '@playwright/test';
import {
  ECHO,
  closeButton,
  connectOpen,
  counters,
  eventRow,
  expect,
  gotoApp,
  messageField,
  readyState,
  receivedRow,
  selectConnection,
  sendTextAndAwaitEcho,
  test,
  word,
} from './fixtures';
import { PLAYGROUND } from './env';

const tab = (page: Page, name: string): Locator => page.getByRole('tab', { name, exact: true });
const header = (page: Page): Locator => page.getByRole('main').locator('header').first();

test('repeat every 100 ms × 10 reaches the echo 10 times, then stops by itself', async ({ page }) => {
  await gotoApp(page);
  const item = await connectOpen(page, ECHO, { name: 'repeater' });
  await messageField(page).fill('tick');
  await tab(page, 'Repeat').click();
  await page.getByRole('textbox', { name: 'Every (ms)', exact: true }).fill('100');
  await page.getByRole('textbox', { name: 'Times', exact: true }).fill('10');
  await page.getByRole('button', { name: 'Start repeat', exact: true }).click();

  // Shown on the connection while it runs, with a stop control.
  await expect(header(page).getByRole('button', { name: 'Stop repeat' })).toBeVisible();
  await expect(eventRow(page, word('note'), 'repeat done: 10 sent')).toHaveCount(1);
  await expect(item).toContainText(counters(10, 10));
  await expect(header(page).getByRole('button', { name: 'Stop repeat' })).toHaveCount(0);
  // Nothing more goes out once it is done: a round trip later the count is the same.
  await tab(page, 'Message').click();
  await sendTextAndAwaitEcho(page, 'after the repeat');
  await expect(item).toContainText(counters(11, 11));
});

test('a repeat until stopped stops with Stop, and a repeat stops when the connection closes', async ({ page }) => {
  await gotoApp(page);
  const item = await connectOpen(page, ECHO, { name: 'forever' });
  await messageField(page).fill('again');
  await tab(page, 'Repeat').click();
  await page.getByRole('textbox', { name: 'Every (ms)', exact: true }).fill('50');
  await page.getByRole('textbox', { name: 'Times', exact: true }).fill('');
  await page.getByRole('button', { name: 'Start repeat', exact: true }).click();
  await expect(item).toContainText(/\b([3-9]|\d\d+) in\b/);
  await header(page).getByRole('button', { name: 'Stop repeat' }).click();
  await expect(eventRow(page, 'repeat stopped by the user')).toHaveCount(1);

  await page.getByRole('button', { name: 'Start repeat', exact: true }).click();
  await expect(header(page).getByRole('button', { name: 'Stop repeat' })).toBeVisible();
  await tab(page, 'Message').click();
  await closeButton(page).click();
  // The next tick may find it CLOSING before the close event arrives: either way it stops.
  await expect(eventRow(page, /repeat stopped: the connection (closed|is CLOSING|is CLOSED)/)).toHaveCount(1);
  await expect(header(page).getByRole('button', { name: 'Stop repeat' })).toHaveCount(0);
  await expect(item).toContainText(readyState('CLOSED'));
});

test('auto-reconnect after /drop: each attempt in the timeline; a manual close never reconnects', async ({ page }) => {
  await gotoApp(page);
  // Long enough to switch auto-reconnect on before the server cuts the socket.
  const item = await connectOpen(page, `${PLAYGROUND}/drop?after=4000`, { name: 'dropper' });
  await tab(page, 'Auto-reconnect').click();
  await page.getByRole('checkbox', { name: 'Reconnect by itself when the connection drops' }).check();
  await expect(header(page)).toContainText('Auto-reconnect on');

  // The drop: 1006, then the attempt is scheduled, written down and made.
  await expect(eventRow(page, /1006/)).toHaveCount(1);
  await expect(eventRow(page, word('note'), /auto-reconnect: attempt 1 in \d+\.\d+ s/)).toHaveCount(1);
  await expect(eventRow(page, word('note'), 'auto-reconnect: attempt 1 now')).toHaveCount(1);
  await expect(eventRow(page, word('connecting'))).toHaveCount(2);
  await expect(eventRow(page, word('open'))).toHaveCount(2);
  await expect(item).toContainText(readyState('OPEN'));

  // Closed by the user: the close row and any reconnect note would land in the same frame.
  await tab(page, 'Message').click();
  await closeButton(page).click();
  await expect(eventRow(page, /1000 Normal Closure/)).toHaveCount(1);
  await expect(eventRow(page, word('note'), /auto-reconnect/)).toHaveCount(2);
  await expect(header(page).getByText(/Reconnect attempt/)).toHaveCount(0);
  await expect(item).toContainText(readyState('CLOSED'));
});

test('saved messages: variables expand when sent, with a preview; Up in an empty composer walks the history', async ({ page }) => {
  await gotoApp(page);
  const item = await connectOpen(page, ECHO, { name: 'saver' });
  await tab(page, 'Saved messages').click();
  await page.getByRole('button', { name: 'New saved message', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message name', exact: true }).fill('numbered');
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('n={{counter}} id={{uuid}} {{notavariable}}');
  await expect(page.getByTestId('payload-preview')).toHaveText(/^n=1 id=[0-9a-f-]{36} \{\{notavariable\}\}$/);
  await page.getByRole('button', { name: 'Save message', exact: true }).click();

  const list = page.getByRole('list', { name: 'Saved messages' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Send numbered', exact: true }).click();
  await page.getByRole('button', { name: 'Send numbered', exact: true }).click();
  await expect(receivedRow(page, /n=1 id=[0-9a-f-]{36} \{\{notavariable\}\}/)).toHaveCount(1);
  await expect(receivedRow(page, /n=2 id=/)).toHaveCount(1);
  await expect(item).toContainText(counters(2, 2));

  // Sent history: Up in the empty composer brings back the last message sent, Down empties it again.
  await tab(page, 'Message').click();
  await messageField(page).fill('');
  await messageField(page).press('ArrowUp');
  await expect(messageField(page)).toHaveText(/^n=2 id=/);
  await messageField(page).press('ArrowUp');
  await expect(messageField(page)).toHaveText(/^n=1 id=/);
  await messageField(page).press('ArrowDown');
  await messageField(page).press('ArrowDown');
  await expect(messageField(page)).toHaveText(/^$/);

  // Saved messages persist across a reload.
  await page.reload();
  await selectConnection(page, 'saver');
  await tab(page, 'Saved messages').click();
  await expect(page.getByRole('list', { name: 'Saved messages' }).getByRole('listitem')).toContainText('numbered');
});
