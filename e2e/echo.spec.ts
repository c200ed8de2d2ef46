import { PLAYGROUND } from './env';
import {
  byteCount,
  chooseBinary,
  connectOpen,
  counters,
  ECHO,
  eventRow,
  expect,
  gotoApp,
  messageField,
  openRow,
  receivedRow,
  sendButton,
  sendText,
  sentRow,
  size,
  test,
  word,
} from './fixtures';

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

test('text echo: sent and received rows show the text, counters read 1 in · 1 out', async ({ page }) => {
  const item = await connectOpen(page, ECHO);
  await expect(openRow(page)).toHaveCount(1);
  await expect(item).toContainText(counters(0, 0));

  await sendText(page, 'hello sockpit');

  await expect(sentRow(page, 'hello sockpit', word('text'), size(13))).toHaveCount(1);
  await expect(receivedRow(page, 'hello sockpit', word('text'), size(13))).toHaveCount(1);
  await expect(item).toContainText(counters(1, 1));
  // Nothing went wrong on the way.
  await expect(eventRow(page, word('(error|close|note)'))).toHaveCount(0);
});

test('timeline rows carry a wall-clock time and a time since open', async ({ page }) => {
  await connectOpen(page, ECHO);
  await sendText(page, 'tick');
  const received = receivedRow(page, 'tick');
  await expect(received).toContainText(/(?<!\d)\d{2}:\d{2}:\d{2}\.\d{3}(?!\d)/);
  await expect(received).toContainText(/\+\d+\.\d{3} s(?![a-z])/);
});

test('Ctrl+Enter in Message sends', async ({ page }) => {
  await connectOpen(page, ECHO);
  await messageField(page).fill('typed then Ctrl+Enter');
  await messageField(page).press('Control+Enter');
  await expect(sentRow(page, 'typed then Ctrl+Enter')).toHaveCount(1);
  await expect(receivedRow(page, 'typed then Ctrl+Enter')).toHaveCount(1);
});

test('multi-byte UTF-8 text is counted in bytes and echoed unchanged', async ({ page }) => {
  await connectOpen(page, ECHO);
  const text = 'héllo ✓ 🧦';
  const bytes = new TextEncoder().encode(text).length; // 16
  await messageField(page).fill(text);
  await expect(byteCount(page, bytes)).toBeVisible();
  await sendButton(page).click();
  await expect(receivedRow(page, text, word('text'), size(bytes))).toHaveCount(1);
});

test('Binary → Hex "00 ff 10" echoes as exactly 3 bytes', async ({ page }) => {
  const item = await connectOpen(page, ECHO);
  await chooseBinary(page, 'Hex');
  await messageField(page).fill('00 ff 10');
  await expect(byteCount(page, 3)).toBeVisible();
  await sendButton(page).click();

  await expect(sentRow(page, word('binary'), size(3), '00 ff 10')).toHaveCount(1);
  await expect(receivedRow(page, word('binary'), size(3), '00 ff 10')).toHaveCount(1);
  await expect(item).toContainText(counters(1, 1));
});

test('Binary → Base64 "AP8Q" echoes the bytes 00 ff 10', async ({ page }) => {
  await connectOpen(page, ECHO);
  await chooseBinary(page, 'Base64');
  await messageField(page).fill('AP8Q');
  await expect(byteCount(page, 3)).toBeVisible();
  await sendButton(page).click();

  await expect(sentRow(page, word('binary'), size(3), '00 ff 10')).toHaveCount(1);
  await expect(receivedRow(page, word('binary'), size(3), '00 ff 10')).toHaveCount(1);
});

test('Binary → File sends the file byte-exact and it echoes back', async ({ page }) => {
  await connectOpen(page, ECHO);
  await chooseBinary(page, 'File');
  await page.getByLabel('Choose file').setInputFiles({
    name: 'five.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from([0xca, 0xfe, 0x00, 0x01, 0xff]),
  });
  await expect(byteCount(page, 5)).toBeVisible();
  await sendButton(page).click();

  await expect(sentRow(page, word('binary'), size(5), 'ca fe 00 01 ff')).toHaveCount(1);
  await expect(receivedRow(page, word('binary'), size(5), 'ca fe 00 01 ff')).toHaveCount(1);
});

for (const binaryType of ['arraybuffer', 'blob'] as const) {
  test(`/binary frames arrive intact and in order with binaryType ${binaryType}`, async ({ page }) => {
    const item = await connectOpen(page, `${PLAYGROUND}/binary`, { binaryType });
    // 00..ff, de ad be ef, an empty frame, "Sockpit" 00 ff.
    await expect(item).toContainText(counters(4, 0));
    const received = receivedRow(page, word('binary'));
    await expect(received).toHaveCount(4);
    await expect(received.nth(0)).toContainText(size(256));
    await expect(received.nth(0)).toContainText('00 01 02 03');
    await expect(received.nth(1)).toContainText(size(4));
    await expect(received.nth(1)).toContainText('de ad be ef');
    await expect(received.nth(2)).toContainText(size(0));
    await expect(received.nth(3)).toContainText(size(9));
    await expect(received.nth(3)).toContainText('53 6f 63 6b 70 69 74 00 ff');
  });
}

test('/echo-deflate negotiates permessage-deflate and echoes', async ({ page }) => {
  await connectOpen(page, `${PLAYGROUND}/echo-deflate`);
  await expect(openRow(page)).toContainText('extensions: permessage-deflate');
  const text = 'compress me, '.repeat(8);
  await sendText(page, text);
  await expect(receivedRow(page, 'compress me, compress me', size(text.length))).toHaveCount(1);
});

test('/subprotocol with sockpit.v1 shows the negotiated protocol on the open row', async ({ page }) => {
  await connectOpen(page, `${PLAYGROUND}/subprotocol`, { subprotocols: 'sockpit.v1' });
  await expect(openRow(page)).toContainText('protocol: sockpit.v1');
  await expect(receivedRow(page, '{"protocol":"sockpit.v1"}')).toHaveCount(1);
});
