import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import {
  ECHO,
  checkRadio,
  chooseBinary,
  connectOpen,
  connectionItems,
  counters,
  eventRow,
  eventRows,
  expect,
  gotoApp,
  messageField,
  readyState,
  receivedRow,
  sendButton,
  sendTextAndAwaitEcho,
  sentRow,
  openMenu,
  test,
  timeline,
} from './fixtures';
import { PLAYGROUND_PORT } from './env';
import { writeHar } from '../bench/lib/har-file.mjs';

type Format = 'Sockpit JSON' | 'NDJSON' | 'HAR 1.2';

const exportDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Export' });
const importDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Import a capture' });

/** Exports through the dialog and returns the downloaded file's name and text. */
async function exportFile(page: Page, format: Format, opts: { scope?: RegExp; secrets?: boolean } = {}): Promise<{ name: string; text: string }> {
  await openMenu(page, 'File');
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const dialog = exportDialog(page);
  await expect(dialog).toBeVisible();
  if (opts.scope) await dialog.getByRole('radio', { name: opts.scope }).check();
  await dialog.getByRole('radio', { name: new RegExp(`^${format.replace('.', '\\.')}`) }).check();
  if (opts.secrets) await dialog.getByRole('checkbox', { name: 'Include secrets' }).check();
  const download: Promise<Download> = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const d = await download;
  const path = await d.path();
  await expect(dialog.getByRole('status')).toContainText(`Saved ${d.suggestedFilename()}`);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await openMenu(page, 'File');
  await page.getByRole('button', { name: 'Import…', exact: true }).click();
  const dialog = importDialog(page);
  await dialog.getByLabel('File', { exact: true }).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
}

const importedItem = (page: Page): Locator => connectionItems(page).filter({ hasText: 'imported' });

test('export HAR, then import it: the same messages and counters, read-only', async ({ page }) => {
  await gotoApp(page);
  const item = await connectOpen(page, ECHO, { name: 'har-source' });
  await sendTextAndAwaitEcho(page, 'alpha');
  await sendTextAndAwaitEcho(page, '{"json": "beta"}');
  await chooseBinary(page, 'Hex');
  await messageField(page).fill('00 ff 10');
  await sendButton(page).click();
  await expect(item).toContainText(counters(3, 3));

  const { name, text } = await exportFile(page, 'HAR 1.2');
  expect(name).toMatch(/^sockpit-connection-.*\.har$/);
  const har = JSON.parse(text) as { log: { version: string; entries: { _resourceType: string; response: { status: number }; _webSocketMessages: { type: string; opcode: number; data: string; time: number }[] }[] } };
  expect(har.log.version).toBe('1.2');
  const entry = har.log.entries[0];
  expect(entry?._resourceType).toBe('websocket');
  expect(entry?.response.status).toBe(101);
  expect(entry?._webSocketMessages.map((m) => [m.type, m.opcode, m.data])).toEqual([
    ['send', 1, 'alpha'],
    ['receive', 1, 'alpha'],
    ['send', 1, '{"json": "beta"}'],
    ['receive', 1, '{"json": "beta"}'],
    ['send', 2, 'AP8Q'],
    ['receive', 2, 'AP8Q'],
  ]);
  expect(entry?._webSocketMessages.every((m) => m.time > 1.7e9 && m.time < 1e10)).toBe(true);

  await importFile(page, name, text);
  const imported = importedItem(page);
  await expect(imported).toHaveCount(1);
  await expect(imported).toContainText(counters(3, 3));
  await expect(page.getByText('IMPORTED · READ-ONLY')).toBeVisible();
  for (const t of ['alpha', '{"json": "beta"}']) {
    await expect(sentRow(page, t)).toHaveCount(1);
    await expect(receivedRow(page, t)).toHaveCount(1);
  }
  await expect(receivedRow(page, '00 ff 10')).toHaveCount(1);
  // Sending and closing are off, and say why.
  await expect(messageField(page)).toHaveCount(0);
  await expect(page.getByText(/Read-only: imported from .*Sending and closing are off/)).toBeVisible();
  await expect(imported).toContainText(readyState('CLOSED'));
});

test('a Chrome DevTools HAR imports; a message from it is resent on a live connection; its HTML stays text', async ({ page }) => {
  await gotoApp(page);
  const fixture = readFileSync(new URL('./fixtures/chrome-devtools.har', import.meta.url), 'utf8').replaceAll('127.0.0.1:45787', `127.0.0.1:${PLAYGROUND_PORT}`);
  await importFile(page, 'chrome-devtools.har', fixture);
  await expect(importedItem(page)).toContainText(counters(3, 3));
  await expect(sentRow(page, '{"op":"subscribe","channel":"prices"}')).toHaveCount(1);
  await expect(receivedRow(page, 'hello from Chrome DevTools <b>not bold</b>')).toHaveCount(1);
  await expect(timeline(page).locator('b')).toHaveCount(0);

  await page.getByRole('button', { name: 'Reconnect as live', exact: true }).click();
  const live = connectionItems(page).filter({ hasNotText: 'imported' });
  await expect(live).toHaveCount(1);
  await expect(live).toContainText(readyState('OPEN'));

  // Back on the import: pick the fourth message ("hello from Chrome DevTools…", sent) and resend it.
  await importedItem(page).getByRole('button').first().click();
  const section = page.getByRole('region', { name: 'Imported timeline' });
  await expect(section.getByRole('status', { name: 'Message to resend' })).toContainText('#0 sent text');
  for (let i = 0; i < 4; i++) await section.getByRole('button', { name: 'Next message' }).click();
  await expect(section.getByRole('status', { name: 'Message to resend' })).toContainText('#4 sent text 42 B: hello from Chrome DevTools');
  await section.getByRole('button', { name: 'Resend', exact: true }).click();
  await expect(section).toContainText(/Sent #4 on/);
  await expect(live).toContainText(counters(1, 1));
  await live.getByRole('button').first().click();
  await expect(receivedRow(page, 'hello from Chrome DevTools <b>not bold</b>')).toHaveCount(1);
});

test('a URL with ?token=SECRET never appears in an export unless secrets are included', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, `${ECHO}?token=SECRET&room=7`, { name: 'secretive' });
  await sendTextAndAwaitEcho(page, 'hello');
  for (const format of ['Sockpit JSON', 'NDJSON', 'HAR 1.2'] as const) {
    const { text } = await exportFile(page, format);
    expect(text, format).not.toContain('SECRET');
    expect(text, format).toContain('token=REDACTED&room=7');
  }
  const workspace = await exportFile(page, 'Sockpit JSON', { scope: /^The whole workspace/ });
  expect(workspace.text).not.toContain('SECRET');

  const full = await exportFile(page, 'Sockpit JSON', { secrets: true });
  expect(full.text).toContain('token=SECRET&room=7');
});

test('a truncated or wrong file gets one clear error next to the file field, and nothing is imported', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, ECHO, { name: 'source' });
  await sendTextAndAwaitEcho(page, 'one');
  const { text } = await exportFile(page, 'Sockpit JSON');

  await importFile(page, 'cut.json', text.slice(0, Math.floor(text.length / 2)));
  const file = importDialog(page).getByLabel('File', { exact: true });
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(file).toHaveAccessibleDescription(/^Cannot import cut\.json: the file ends in the middle of its JSON|^Cannot import cut\.json: not valid JSON/);

  const wrong = text.replace('"binaryType":"arraybuffer"', '"binaryType":"text"');
  await file.setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from(wrong) });
  await importDialog(page).getByRole('button', { name: 'Import', exact: true }).click();
  await expect(file).toHaveAccessibleDescription('Cannot import wrong.json: connections[0].binaryType: expected "arraybuffer" or "blob", got the string "text"');
  await importDialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(importedItem(page)).toHaveCount(0);
});

test('the workspace exports as one file, resets with confirmation, and comes back from the file', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, ECHO, { name: 'kept' });
  await sendTextAndAwaitEcho(page, 'kept message');
  await page.getByRole('tab', { name: 'Saved messages', exact: true }).click();
  await page.getByRole('button', { name: 'New saved message', exact: true }).click();
  await page.getByRole('textbox', { name: 'Message name', exact: true }).fill('greeting');
  await page.getByRole('textbox', { name: 'Body', exact: true }).fill('hello {{counter}}');
  await checkRadio(page, 'Every connection');
  await page.getByRole('button', { name: 'Save message', exact: true }).click();

  await openMenu(page, 'File');
  await page.getByRole('button', { name: 'Workspace…', exact: true }).click();
  const ws = page.getByRole('dialog', { name: 'Workspace' });
  await ws.getByRole('button', { name: 'Export workspace…', exact: true }).click();
  const download = page.waitForEvent('download');
  await exportDialog(page).getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  const text = readFileSync(await file.path(), 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'sockpit', version: 1, scope: 'workspace', templates: [{ name: 'greeting', connectionId: null }] });
  await exportDialog(page).getByRole('button', { name: 'Close', exact: true }).click();

  await ws.getByRole('button', { name: 'Reset workspace…', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Reset the workspace?' });
  await expect(confirm).toContainText('1 connection');
  await confirm.getByRole('button', { name: 'Reset workspace', exact: true }).click();
  await expect(connectionItems(page)).toHaveCount(0);

  await ws.getByRole('button', { name: 'Replace from file…', exact: true }).click();
  const replace = page.getByRole('dialog', { name: 'Replace the workspace from a file' });
  await replace.getByLabel('File', { exact: true }).setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
  await replace.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(replace.getByRole('alert')).toContainText('This replaces your 0 connections');
  await replace.getByRole('button', { name: 'Replace workspace', exact: true }).click();
  await ws.getByRole('button', { name: 'Close', exact: true }).click();

  const restored = connectionItems(page).filter({ hasText: 'kept' });
  await expect(restored).toContainText(counters(1, 1));
  await expect(restored).toContainText(readyState('CLOSED'));
  await expect(eventRow(page, 'kept message')).toHaveCount(2);
  await page.getByRole('tab', { name: 'Saved messages', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Saved messages' })).toContainText('greeting');
  // A restored connection is an ordinary one: Reconnect opens it again.
  await restored.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect(restored).toContainText(readyState('OPEN'));
});

test('a large HAR imports in a Worker with progress; Stop cancels it and nothing is added; imported again, the counts are exact', async ({ page }) => {
  test.setTimeout(120_000);
  const path = test.info().outputPath('large.har');
  const bytes = writeHar(path, 600_000, 100);
  expect(bytes).toBeGreaterThan(60_000_000);
  await gotoApp(page);
  await openMenu(page, 'File');
  await page.getByRole('button', { name: 'Import…', exact: true }).click();
  const dialog = importDialog(page);
  await dialog.getByLabel('File', { exact: true }).setInputFiles(path);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  // Progress shows, and Stop ends the import: no timeline appears.
  await expect(dialog.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(dialog.getByRole('status')).toContainText(/Reading|Parsing|Checking|Opening/);
  await dialog.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Import progress' })).toHaveCount(0);
  await expect(importedItem(page)).toHaveCount(0);

  // Again, to the end: every message, with the exact counter.
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 90_000 });
  await expect(importedItem(page)).toHaveCount(1);
  await expect(importedItem(page)).toContainText('600,000 in · 0 out');
  await expect(eventRows(page).last()).toContainText('"seq":600000,');
});
