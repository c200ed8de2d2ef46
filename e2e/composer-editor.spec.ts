import { writeFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import {
  byteCount,
  chooseBinary,
  connectOpen,
  ECHO,
  eventRow,
  expect,
  gotoApp,
  messageField,
  receivedRow,
  sendButton,
  sentRow,
  size,
  test,
  word,
} from './fixtures';

const composer = (page: Page): Locator => page.getByRole('region', { name: 'Composer', exact: true });
const button = (page: Page, name: string): Locator => composer(page).getByRole('button', { name, exact: true });
const utf8 = (text: string): number => new TextEncoder().encode(text).length;

test('broken JSON is marked at its line and column; Format and Minify keep every token; what is typed is what is sent', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, ECHO);
  const broken = '{"a": 1,\n "b": 2\n "c": 3}';
  await messageField(page).fill(broken);
  await expect(messageField(page)).toHaveAccessibleDescription(/JSON error at line 3, column 2: expected , or \}/);
  await expect(messageField(page)).toHaveAttribute('aria-invalid', 'true');
  // The marker sits on the very character: the quote that opens "c".
  await expect(messageField(page).locator('.cm-json-error')).toHaveText('"');
  await expect(button(page, 'Format')).toBeDisabled();
  await expect(button(page, 'Minify')).toBeDisabled();
  // Broken JSON is still text, and it goes out exactly as typed.
  await sendButton(page).click();
  await expect(receivedRow(page, '"c": 3}', size(utf8(broken)))).toHaveCount(1);

  const typed = '{ "n" : 12345678901234567890, "s": "\\u00e9\\/", "n": [1.50E+3, {}] }';
  await messageField(page).fill(typed);
  await expect(messageField(page)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(byteCount(page, utf8(typed))).toBeVisible();
  await button(page, 'Format').click();
  const formatted = '{\n  "n": 12345678901234567890,\n  "s": "\\u00e9\\/",\n  "n": [\n    1.50E+3,\n    {}\n  ]\n}';
  await expect(messageField(page)).toHaveText(formatted, { useInnerText: true });
  await expect(byteCount(page, utf8(formatted))).toBeVisible();
  await messageField(page).press('Control+Enter');
  await expect(receivedRow(page, '12345678901234567890', size(utf8(formatted)))).toHaveCount(1);

  await button(page, 'Minify').click();
  const minified = '{"n":12345678901234567890,"s":"\\u00e9\\/","n":[1.50E+3,{}]}';
  await expect(messageField(page)).toHaveText(new RegExp(`^${minified.replace(/[\\[\]{}().+*?^$|/]/g, '\\$&')}$`));
  await sendButton(page).click();
  await expect(receivedRow(page, minified, size(utf8(minified)))).toHaveCount(1);
});

test('a pasted lone surrogate is flagged with its position and bytes, and the server gets U+FFFD', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, ECHO);
  // Paste into the editor, not into the textarea it replaces once its code is in.
  await expect(messageField(page)).toHaveAttribute('contenteditable', 'true');
  await messageField(page).fill('x');
  await messageField(page).evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'ab\uD800c');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const warning = 'Lone surrogate U+D800 at line 1, column 4 is sent as EF BF BD (U+FFFD): 78 61 62 [EF BF BD] 63';
  await expect(composer(page).getByText(warning, { exact: true })).toBeVisible();
  await expect(messageField(page)).toHaveAccessibleDescription(new RegExp(warning.replace(/[()[\]+]/g, '\\$&')));
  await expect(byteCount(page, 7)).toBeVisible();
  await sendButton(page).click(); // a warning, not a refusal
  await expect(receivedRow(page, 'xab\uFFFDc', size(7))).toHaveCount(1);
});

test('text typed while the editor loads is kept, and the focus moves into the editor', async ({ page }) => {
  let release = () => {};
  const arrived = new Promise<void>((resolve) => (release = resolve));
  await page.route(/code-editor-[^/]*\.js$/, async (route) => {
    await arrived;
    await route.continue();
  });
  await gotoApp(page);
  await connectOpen(page, ECHO);
  await messageField(page).click();
  const typing = page.keyboard.type('typed across the swap', { delay: 20 });
  setTimeout(release, 150);
  await typing;
  await expect(messageField(page)).toHaveAttribute('contenteditable', 'true');
  await expect(messageField(page)).toHaveText(/^typed across the swap$/);
  await expect(messageField(page)).toBeFocused();
});

test('a send above the Settings threshold asks first: Cancel sends nothing, Send sends it all and bufferedAmount returns to 0', async ({ page }, testInfo) => {
  await gotoApp(page);
  test.setTimeout(120_000);
  const path = testInfo.outputPath('64mib.bin');
  await writeFile(path, Buffer.alloc(64 * 1024 * 1024, 0x5a));
  await connectOpen(page, `${PLAYGROUND}/sink`);
  await chooseBinary(page, 'File');
  await composer(page).getByLabel('Choose file').setInputFiles(path);
  await expect(composer(page)).toContainText('64.0 MiB');

  const dialog = page.getByRole('dialog', { name: 'Send 64.0 MiB?' });
  await sendButton(page).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('64.0 MiB (67,108,864 bytes), more than 16 MiB');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(sentRow(page)).toHaveCount(0);

  await sendButton(page).click();
  await dialog.getByRole('button', { name: 'Send 64.0 MiB', exact: true }).click();
  await expect(dialog).toBeHidden();
  // The sink answers once it has read every byte: exactly one message of 64 MiB (so Cancel sent nothing).
  await expect(receivedRow(page, '{"received":67108864,"total":67108864,"messages":1}')).toHaveCount(1, { timeout: 90_000 });
  await expect(sentRow(page)).toHaveCount(1);
  await expect(page.getByLabel('Statistics').locator('div').filter({ hasText: 'bufferedAmount' })).toHaveText(/^bufferedAmount\s*0 B$/);
  await expect(eventRow(page, word('note'), /64\.0 MiB handed to the network in \d/)).toHaveCount(1);
});

test('the threshold is a validated setting', async ({ page }) => {
  await gotoApp(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const field = settings.getByRole('textbox', { name: 'Confirm sends larger than (MiB)', exact: true });
  await expect(field).toHaveValue('16');
  await field.fill('1.5');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(field).toHaveAccessibleDescription('Enter a whole number of MiB');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(settings).toBeVisible();
  await field.fill('1');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings).toBeHidden();

  await connectOpen(page, ECHO);
  await chooseBinary(page, 'Hex');
  // 1 MiB + 1 byte of hex: just over the new threshold.
  await messageField(page).fill('00'.repeat(1024 * 1024 + 1));
  await sendButton(page).click();
  const dialog = page.getByRole('dialog', { name: 'Send 1.0 MiB?' });
  await expect(dialog).toContainText('(1,048,577 bytes), more than 1 MiB');
  await dialog.getByRole('button', { name: 'Send 1.0 MiB', exact: true }).click();
  await expect(receivedRow(page, 'binary', '1.0 MiB')).toHaveCount(1);
});
