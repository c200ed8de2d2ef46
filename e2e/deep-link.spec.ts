import type { Page } from '@playwright/test';
import {
  ECHO,
  connectButton,
  gotoApp,
  connectionItem,
  expect,
  messageField,
  readyState,
  receivedRow,
  sendButton,
  sentRow,
  subprotocolsField,
  test,
  timeline,
  urlField,
} from './fixtures';
import { PLAYGROUND } from './env';

const link = (fields: Record<string, string>): string => `/#${new URLSearchParams(fields).toString()}`;

/** Every WebSocket the page opens, by URL, in order. */
function socketsOf(page: Page): string[] {
  const urls: string[] = [];
  page.on('websocket', (s) => urls.push(s.url()));
  return urls;
}

test('a deep link prefills the form and the first message, and nothing connects or sends until clicked', async ({ page }) => {
  const sockets = socketsOf(page);
  const url = `${PLAYGROUND}/subprotocol?from=link`;
  await page.goto(link({ url, protocols: 'sockpit.v1, json', message: 'hello from a link' }));

  // The link's URL, not the playground prefill, and not connected.
  await expect(urlField(page)).toHaveValue(url);
  await expect(subprotocolsField(page)).toHaveValue('sockpit.v1, json');
  await expect(page.getByRole('status').filter({ hasText: 'From the link' })).toContainText('hello from a link');
  await expect(page.getByRole('list', { name: 'Connections', exact: true })).toHaveCount(0);

  await connectButton(page).click();
  const item = connectionItem(page, url);
  await expect(item).toContainText(readyState('OPEN'));
  await expect(messageField(page)).toHaveText(/^hello from a link$/);
  // Opened with the link's subprotocols; the server's greeting arrives, and nothing was sent.
  await expect(receivedRow(page, '{"protocol":"sockpit.v1"}')).toHaveCount(1);
  await expect(sentRow(page)).toHaveCount(0);
  expect(sockets).toEqual([url]);

  await sendButton(page).click();
  await expect(receivedRow(page, 'hello from a link')).toHaveCount(1);
  await expect(sentRow(page, 'hello from a link')).toHaveCount(1);
});

test('pasting another link into the same tab prefills again without reloading', async ({ page }) => {
  const sockets = socketsOf(page);
  await page.goto(link({ url: `${ECHO}?first=1` }));
  await expect(urlField(page)).toHaveValue(`${ECHO}?first=1`);
  await page.evaluate((hash) => {
    location.hash = hash;
  }, new URLSearchParams({ url: `${ECHO}?second=1`, protocols: 'json' }).toString());
  await expect(urlField(page)).toHaveValue(`${ECHO}?second=1`);
  await expect(subprotocolsField(page)).toHaveValue('json');
  expect(sockets).toEqual([]);
});

test('secrets are masked on screen, left out of links and storage unless asked', async ({ page, context }) => {
  const url = `${ECHO}?room=7&token=s3cr3t-value`;
  await gotoApp(page);
  await urlField(page).fill(url);
  await connectButton(page).click();
  const item = connectionItem(page, 'token=•••');
  await expect(item).toContainText(readyState('OPEN'));
  await expect(page.getByRole('list', { name: 'Connections', exact: true })).not.toContainText('s3cr3t');
  await expect(timeline(page)).toContainText('token=•••');
  await expect(timeline(page)).not.toContainText('s3cr3t');

  // Copy link: without the secret by default, with it when ticked.
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Copy a link to this connection' });
  const linkField = dialog.getByRole('textbox', { name: 'Link', exact: true });
  await expect(linkField).not.toHaveValue(/s3cr3t/);
  const withoutSecret = await linkField.inputValue();
  await dialog.getByRole('checkbox', { name: /Include secrets/ }).check();
  await expect(linkField).toHaveValue(/s3cr3t-value/);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // Not in storage, and after a reload the connection says so.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('sockpit') ?? '')).toContain('token=');
  expect(await page.evaluate(() => localStorage.getItem('sockpit') ?? '')).not.toContain('s3cr3t');
  await page.reload();
  await expect(page.getByText('The credentials in this URL were not saved (Remember secrets was off), so it connects without them.')).toBeVisible();

  // The link without secrets opens with the parameter present and empty.
  const other = await context.newPage();
  await other.goto(withoutSecret);
  await expect(urlField(other)).toHaveValue(`${ECHO}?room=7&token=`);
});

test('"Remember secrets" keeps the credential in storage', async ({ page }) => {
  await gotoApp(page);
  await urlField(page).fill(`${ECHO}?api_key=k-123`);
  await page.getByRole('checkbox', { name: /Remember secrets/ }).check();
  await connectButton(page).click();
  await expect(connectionItem(page, 'api_key=•••')).toContainText(readyState('OPEN'));
  await expect.poll(() => page.evaluate(() => localStorage.getItem('sockpit') ?? '')).toContain('api_key=k-123');
});
