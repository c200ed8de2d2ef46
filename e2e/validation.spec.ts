import { PLAYGROUND } from './env';
import {
  ECHO,
  chooseBinary,
  connectButton,
  connectOpen,
  connectionItems,
  expect,
  gotoApp,
  messageField,
  readyState,
  sendButton,
  sendTextAndAwaitEcho,
  sentRow,
  subprotocolsField,
  test,
  urlField,
} from './fixtures';

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

const badUrls: Array<{ url: string; error: RegExp }> = [
  { url: 'ftp://x', error: /scheme/i },
  { url: `${PLAYGROUND}/echo#frag`, error: /fragment/i },
  { url: 'http://[', error: /invalid|not a valid|malformed|parse/i },
];

for (const { url, error } of badUrls) {
  test(`URL "${url}" is rejected next to the field and no connection is added`, async ({ page }) => {
    await urlField(page).fill(url);
    await connectButton(page).click();

    await expect(urlField(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(urlField(page)).toHaveAccessibleDescription(error);
    await expect(urlField(page)).toHaveValue(url);
    await expect(connectionItems(page)).toHaveCount(0);
  });
}

const badSubprotocols: Array<{ value: string; error: RegExp }> = [
  { value: 'a b', error: /space|character|token/i },
  { value: 'chat,chat', error: /duplicate|twice|repeat/i },
  { value: 'a,,b', error: /empty/i },
];

for (const { value, error } of badSubprotocols) {
  test(`subprotocols "${value}" are rejected next to the field and no connection is added`, async ({ page }) => {
    await urlField(page).fill(ECHO);
    await subprotocolsField(page).fill(value);
    await connectButton(page).click();

    await expect(subprotocolsField(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(subprotocolsField(page)).toHaveAccessibleDescription(error);
    await expect(subprotocolsField(page)).toHaveValue(value);
    await expect(connectionItems(page)).toHaveCount(0);
  });
}

test('an http:// URL is shown with its effective ws:// URL under the field, and connects', async ({ page }) => {
  const httpUrl = ECHO.replace(/^ws:/, 'http:');
  await urlField(page).fill(httpUrl);
  await expect(urlField(page)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(urlField(page)).toHaveAccessibleDescription(new RegExp(ECHO.replace(/[.?*+^$()[\]{}|\\/]/g, '\\$&')));
  await connectButton(page).click();
  await expect(connectionItems(page)).toHaveCount(1);
  await expect(connectionItems(page).first()).toContainText(readyState('OPEN'));
  await sendTextAndAwaitEcho(page, 'over http:// typed as ws://');
});

test('a valid URL clears the error and connects', async ({ page }) => {
  await urlField(page).fill('ftp://x');
  await connectButton(page).click();
  await expect(urlField(page)).toHaveAttribute('aria-invalid', 'true');

  await connectOpen(page, ECHO);
  await expect(urlField(page)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(connectionItems(page)).toHaveCount(1);
});

const badPayloads: Array<{ format: 'Hex' | 'Base64'; value: string; error: RegExp }> = [
  { format: 'Hex', value: '00 fg', error: /hex/i },
  { format: 'Hex', value: '0ff', error: /hex|odd|digit|nibble/i },
  { format: 'Base64', value: 'A$==', error: /base64/i },
];

for (const { format, value, error } of badPayloads) {
  test(`${format} "${value}" is refused with an error on Message and nothing is sent`, async ({ page }) => {
    await connectOpen(page, ECHO);
    await chooseBinary(page, format);
    await messageField(page).fill(value);
    // The app may refuse on input (Send disabled) or on Send: a user would try to send.
    if (await sendButton(page).isEnabled()) await sendButton(page).click();

    await expect(messageField(page)).toHaveAccessibleDescription(error);
    await expect(messageField(page)).toHaveValue(value);
    await expect(sentRow(page)).toHaveCount(0);
  });
}

// Issue 9: rules where Chromium is laxer than the standard it implements. The
// app follows the standard (docs/url-rules.md), so each of these must be
// refused here even though Chromium's own constructor would accept it.

test('a space in the host is refused next to the URL field, by the URL Standard, and Connect creates nothing', async ({ page }) => {
  // Chromium 156 alone would turn this into ws://foo%20bar/ and try to connect.
  const before = await connectionItems(page).count();
  await urlField(page).fill('ws://foo bar/');
  await connectButton(page).click();

  await expect(urlField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(urlField(page)).toHaveAccessibleDescription(
    /The host "foo bar" contains a space \(position 4\): a URL host cannot contain spaces\./,
  );
  await expect(urlField(page)).not.toHaveAccessibleDescription(/foo%20bar/);
  await expect(urlField(page)).toHaveValue('ws://foo bar/');
  await expect(connectionItems(page)).toHaveCount(before);
});

test('subprotocols "a,A" are refused next to the field, as the WebSockets Standard compares them without case, and Connect creates nothing', async ({ page }) => {
  // Chromium 156 alone would send "Sec-WebSocket-Protocol: a, A".
  const before = await connectionItems(page).count();
  await urlField(page).fill(ECHO);
  await subprotocolsField(page).fill('a,A');
  await connectButton(page).click();

  await expect(subprotocolsField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(subprotocolsField(page)).toHaveAccessibleDescription(
    /"a" and "A" are the same subprotocol: the WebSockets standard compares them ignoring ASCII case/,
  );
  await expect(urlField(page)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(subprotocolsField(page)).toHaveValue('a,A');
  await expect(connectionItems(page)).toHaveCount(before);
});
