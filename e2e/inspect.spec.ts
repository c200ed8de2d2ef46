import type { Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import {
  ECHO,
  connectOpen,
  eventRows,
  expect,
  gotoApp,
  messageField,
  receivedRow,
  selectConnection,
  sendButton,
  sendText,
  sendTextAndAwaitEcho,
  sentRow,
  test,
  timeline,
} from './fixtures';

// --- Helpers for the inspect, search and correlate views -------------------

const inspector = (page: Page): Locator => page.getByRole('region', { name: 'Inspector', exact: true });
const tab = (page: Page, name: string): Locator => inspector(page).getByRole('tab', { name, exact: true });
const filterField = (page: Page): Locator => page.getByRole('searchbox', { name: 'Filter', exact: true });
const filterRegion = (page: Page): Locator => page.getByRole('search', { name: 'Timeline filter' });
const filterStatus = (page: Page): Locator => filterRegion(page).getByRole('status').first();
const chip = (page: Page, name: string): Locator => filterRegion(page).getByRole('checkbox', { name, exact: true });
const hexRows = (page: Page): Locator => page.getByRole('table', { name: 'Hex dump' }).getByRole('row');

/** Ticks or unticks one of the filter bar's chips (the checkbox itself is visually hidden). */
async function setChip(page: Page, name: string, on: boolean): Promise<void> {
  const box = chip(page, name);
  // Direction, kind and payload chips live in the Filters panel.
  const filters = filterRegion(page).getByRole('button', { name: /^Filters/ });
  if (!(await box.isVisible()) && (await filters.getAttribute('aria-expanded')) !== 'true') await filters.click();
  if ((await box.isChecked()) !== on) {
    await box.focus();
    await page.keyboard.press('Space');
  }
  await expect(box).toBeChecked({ checked: on });
}

/** What the hex dump's line `line` should read for `bytes`, as a hexdump -C line without padding. */
function expectedLine(bytes: number[], line: number): { offset: string; hex: string; ascii: string } {
  const part = bytes.slice(line * 16, line * 16 + 16);
  const hex = part.map((b, i) => (i === 8 ? ' ' : '') + b.toString(16).padStart(2, '0')).join(' ');
  const ascii = part.map((b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.')).join('');
  return { offset: (line * 16).toString(16).padStart(8, '0'), hex, ascii };
}

async function expectHexDump(page: Page, bytes: number[]): Promise<void> {
  const lines = Math.ceil(bytes.length / 16);
  // One header row, then one row per 16 bytes.
  await expect(hexRows(page)).toHaveCount(lines + 1);
  for (let line = 0; line < lines; line++) {
    const want = expectedLine(bytes, line);
    const cells = hexRows(page).nth(line + 1).getByRole('cell');
    await expect(cells).toHaveText([want.offset, want.hex, want.ascii]);
  }
}

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

// --- Inspector ----------------------------------------------------------------

test('JSON from /ticker opens as a tree with paths, and pretty-printed', async ({ page }) => {
  await connectOpen(page, `${PLAYGROUND}/ticker?rate=5`, { name: 'ticker' });
  const row = receivedRow(page, '"seq":2,');
  await expect(row).toHaveCount(1);
  await row.click();

  await expect(inspector(page)).toBeVisible();
  await expect(inspector(page).getByRole('heading')).toHaveText(/received · JSON/);
  await expect(tab(page, 'JSON tree')).toHaveAttribute('aria-selected', 'true');
  const tree = inspector(page).getByRole('tree', { name: 'JSON tree' });
  const item = (key: string) => tree.getByRole('treeitem').filter({ hasText: new RegExp(`^\\s*${key}\\s*:`) });
  await expect(item('type')).toContainText('"tick"');
  await expect(item('seq')).toContainText('2');
  await expect(item('symbol')).toContainText('"SOCK"');
  await expect(item('price')).toContainText(/\d+\.\d+/);
  await expect(tree.getByRole('treeitem')).toHaveCount(6);

  // The active row's path is shown; the keyboard moves it.
  await item('symbol').click();
  await expect(inspector(page).getByLabel('Path of the active row')).toHaveText('$.symbol');
  await tree.press('ArrowDown');
  await expect(inspector(page).getByLabel('Path of the active row')).toHaveText('$.price');
  // Collapsing the root hides the keys.
  await tree.getByRole('button', { name: 'Collapse $', exact: true }).click();
  await expect(tree.getByRole('treeitem')).toHaveCount(1);
  await expect(tree.getByRole('treeitem')).toHaveAttribute('aria-expanded', 'false');

  await tab(page, 'Pretty JSON').click();
  const pretty = inspector(page).getByLabel('Pretty-printed JSON');
  await expect(pretty).toContainText('"symbol": "SOCK"');
  await expect(pretty).toContainText('"seq": 2,');
});

test('/binary: the hex dump shows every byte, with offsets and ASCII', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await connectOpen(page, `${PLAYGROUND}/binary`, { name: 'bin' });
  await expect(receivedRow(page, /binary/)).toHaveCount(4);

  await receivedRow(page, 'binary 256 B').click();
  await expect(inspector(page)).toContainText('256 bytes');
  await expect(tab(page, 'Hex')).toHaveAttribute('aria-selected', 'true');
  await expectHexDump(page, Array.from({ length: 256 }, (_, i) => i));

  await receivedRow(page, 'binary 4 B').click();
  await expectHexDump(page, [0xde, 0xad, 0xbe, 0xef]);
  await inspector(page).getByRole('button', { name: 'Copy hex', exact: true }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('de ad be ef');
  await inspector(page).getByRole('button', { name: 'Copy base64', exact: true }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('3q2+7w==');

  await receivedRow(page, 'binary 9 B').click();
  await expectHexDump(page, [0x53, 0x6f, 0x63, 0x6b, 0x70, 0x69, 0x74, 0x00, 0xff]);
  // UTF-8: "Sockpit", NUL marked, and FF marked as invalid.
  await tab(page, 'UTF-8').click();
  const utf8 = inspector(page).getByLabel('UTF-8 decoding');
  await expect(inspector(page)).toContainText('Not valid UTF-8: 1 invalid sequence');
  await expect(utf8).toContainText('Sockpit');
  await expect(utf8.getByTitle('U+0000 NULL')).toHaveText('NUL');
  await expect(utf8.locator('mark')).toHaveAttribute('title', 'Invalid UTF-8 at offset 00000008: ff');
  await tab(page, 'Base64').click();
  await expect(inspector(page).getByLabel('Base64 of the payload')).toHaveText('U29ja3BpdAD/');

  // The view chosen last (Base64) stays chosen from event to event.
  await receivedRow(page, 'binary 0 B').click();
  await expect(tab(page, 'Base64')).toHaveAttribute('aria-selected', 'true');
  await tab(page, 'Hex').click();
  await expect(inspector(page)).toContainText('No bytes: the payload is empty.');
});

test('text: control and invisible characters are marked; a 1 MB line keeps the layout', async ({ page }) => {
  await connectOpen(page, ECHO);
  await sendText(page, 'a\u0000b\u200bc\u202edef');
  // The row shows the invisible characters as escapes; find it by its size.
  await receivedRow(page, 'text 13 B').click();
  const text = inspector(page).getByLabel('Message text');
  await expect(inspector(page)).toContainText('3 control or invisible characters are marked.');
  await expect(text.getByTitle('U+0000 NULL')).toHaveText('NUL');
  await expect(text.getByTitle('U+200B ZERO WIDTH SPACE')).toHaveText('U+200B');
  await expect(text.getByTitle('U+202E RIGHT-TO-LEFT OVERRIDE')).toHaveText('U+202E');
  // The override is shown, not obeyed: the letters after it stay in order.
  await expect(text).toContainText(/U\+202E\s*def/);

  const big = `${'0123456789abcdef'.repeat(65_536)}`;
  await messageField(page).fill(big);
  await sendButton(page).click();
  await receivedRow(page, '1.0 MiB').click();
  await expect(inspector(page)).toContainText('1,048,576 bytes');
  for (const wrap of [true, false]) {
    await inspector(page).getByRole('checkbox', { name: 'Wrap lines' }).setChecked(wrap);
    const box = await inspector(page).boundingBox();
    const viewport = page.viewportSize();
    expect(box && viewport && box.x + box.width <= viewport.width + 1).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expect(sendButton(page)).toBeInViewport();
  }
});

test('100,000 levels of nesting and huge numbers: shown, never a crash', async ({ page }) => {
  await connectOpen(page, ECHO);
  const depth = 100_000;
  await sendText(page, `${'['.repeat(depth)}${']'.repeat(depth)}`);
  await receivedRow(page, 'text 195.3 KiB').click();
  const tree = inspector(page).getByRole('tree', { name: 'JSON tree' });
  await expect(inspector(page)).toContainText('Nested deeper than 256 levels: the deepest parts are shown as raw text.');
  // The first levels are a tree; deeper than the limit, one row holds the rest as text.
  await expect(tree.getByRole('treeitem').first()).toContainText('[…] 1 item');
  await tab(page, 'Pretty JSON').click();
  await expect(inspector(page).getByLabel('Pretty-printed JSON')).toContainText('[');

  const big = '{"id":123456789012345678901234567890,"inf":1e400}';
  await sendTextAndAwaitEcho(page, big);
  await receivedRow(page, big).click();
  await tab(page, 'JSON tree').click();
  await expect(tree.getByRole('treeitem').filter({ hasText: /^\W*id\s*:/ })).toContainText('123456789012345678901234567890(beyond double precision; shown as sent)');
  await expect(tree.getByRole('treeitem').filter({ hasText: /^\W*inf\s*:/ })).toContainText('1e400');
});

test('Download saves the payload as a file', async ({ page }) => {
  await connectOpen(page, `${PLAYGROUND}/binary`, { name: 'bin' });
  await receivedRow(page, 'binary 4 B').click();
  const [download] = await Promise.all([page.waitForEvent('download'), inspector(page).getByRole('button', { name: 'Download', exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/^bin-\d+\.bin$/);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  expect([...(await readFile(path))]).toEqual([0xde, 0xad, 0xbe, 0xef]);
});

test('invalid JSON falls back to text and says where it breaks', async ({ page }) => {
  await connectOpen(page, ECHO);
  await sendTextAndAwaitEcho(page, '{"a": [1, 2,, 3]}');
  await receivedRow(page, '{"a"').click();
  await expect(inspector(page).getByRole('note')).toHaveText(/does not parse: Unexpected "," at position 12: expected a value \(line 1, column 13\)/);
  await expect(tab(page, 'Text')).toHaveAttribute('aria-selected', 'true');
  await expect(tab(page, 'JSON tree')).toHaveCount(0);
});

test('{"__proto__":{"polluted":1}} is shown as data and pollutes nothing', async ({ page }) => {
  await connectOpen(page, ECHO);
  const message = '{"__proto__":{"polluted":1}}';
  await sendTextAndAwaitEcho(page, message);
  await receivedRow(page, message).click();
  const tree = inspector(page).getByRole('tree', { name: 'JSON tree' });
  await expect(tree.getByRole('treeitem')).toHaveText([/\$\s*:\s*\{…\} 1 key/, /__proto__\s*:\s*\{…\} 1 key/, /polluted\s*:\s*1/]);
  await tab(page, 'Pretty JSON').click();
  await tab(page, 'JSON tree').click();
  await sentRow(page, message).click();
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({});
  expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
  expect(await page.evaluate(() => Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'))).toBe(false);
});

test('Resend sends a sent message again; Edit and send loads it into the composer', async ({ page }) => {
  await connectOpen(page, ECHO);
  await sendTextAndAwaitEcho(page, 'again please');
  await sentRow(page, 'again please').click();
  await inspector(page).getByRole('button', { name: 'Resend', exact: true }).click();
  await expect(sentRow(page, 'again please')).toHaveCount(2);
  await expect(receivedRow(page, 'again please')).toHaveCount(2);

  await receivedRow(page, 'again please').first().click();
  await expect(inspector(page).getByRole('button', { name: 'Resend', exact: true })).toHaveCount(0);
  await inspector(page).getByRole('button', { name: 'Edit and send', exact: true }).click();
  await expect(messageField(page)).toHaveText(/^again please$/);
  await expect(messageField(page)).toBeFocused();
});

test('keyboard: arrows move the selection in the timeline, Escape closes the inspector', async ({ page }) => {
  await connectOpen(page, ECHO);
  await sendTextAndAwaitEcho(page, 'first');
  await sendTextAndAwaitEcho(page, 'second');
  await timeline(page).focus();
  await page.keyboard.press('End');
  await expect(inspector(page)).toContainText('received');
  await expect(receivedRow(page, 'second')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(sentRow(page, 'second')).toHaveAttribute('aria-current', 'true');
  // The inspector's edge resizes from the keyboard too.
  const edge = page.getByRole('separator', { name: 'Resize inspector' });
  const before = Number(await edge.getAttribute('aria-valuenow'));
  await edge.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(edge).toHaveAttribute('aria-valuenow', String(before + 16));
  await timeline(page).focus();
  await page.keyboard.press('Escape');
  await expect(inspector(page)).toHaveCount(0);
});

// --- Search and filters -------------------------------------------------------

test('a regex filter narrows the rows, counts them right and highlights the matches', async ({ page }) => {
  await connectOpen(page, ECHO);
  for (const text of ['alpha 1', 'beta 2', 'alpha 33', 'gamma', 'ALPHA 4x']) await sendTextAndAwaitEcho(page, text);
  // connecting, open, and 5 messages each way.
  await expect(filterStatus(page)).toHaveText('12 events');

  await filterField(page).fill('^alpha \\d+$');
  await setChip(page, 'Regex', true);
  await expect(filterStatus(page)).toHaveText('4 matches');
  await expect(eventRows(page)).toHaveCount(4);
  await expect(eventRows(page).filter({ hasText: /alpha (1|33)/ })).toHaveCount(4);
  await expect(timeline(page).locator('mark').first()).toHaveText('alpha 1');

  // Case: the regex is case-insensitive until Match case is ticked.
  await filterField(page).fill('^alpha');
  await expect(filterStatus(page)).toHaveText('6 matches');
  await setChip(page, 'Match case', true);
  await expect(filterStatus(page)).toHaveText('4 matches');

  // Direction and kind narrow further.
  await setChip(page, 'Received', false);
  await expect(filterStatus(page)).toHaveText('2 matches');
  await expect(sentRow(page)).toHaveCount(2);
  await expect(receivedRow(page)).toHaveCount(0);

  // A broken regex is reported next to the field, and the rest of the filter still applies.
  await filterField(page).fill('(alpha');
  await expect(filterField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(filterRegion(page)).toContainText('Not a valid regular expression');
  // Sent messages, plus connecting and open (the direction filter applies to messages).
  await expect(filterStatus(page)).toHaveText('7 matches');

  // Enter goes to the next match and opens it.
  await filterField(page).fill('gamma');
  await expect(filterStatus(page)).toHaveText('1 match');
  await filterField(page).press('Enter');
  await expect(inspector(page).getByLabel('Message text')).toHaveText('gamma');

  await filterRegion(page).getByRole('button', { name: 'Clear filter' }).click();
  await expect(filterStatus(page)).toHaveText('12 events');
  await expect(filterField(page)).toHaveValue('');
});

test('kind and payload filters: open, close, JSON, binary', async ({ page }) => {
  await connectOpen(page, `${PLAYGROUND}/binary`, { name: 'bin' });
  await sendText(page, '{"json":true}');
  await expect(receivedRow(page, '{"json":true}')).toHaveCount(1);
  for (const k of ['Message', 'Error', 'Close', 'Note']) await setChip(page, k, false);
  await expect(filterStatus(page)).toHaveText('2 matches'); // connecting and open
  await setChip(page, 'Message', true);
  await setChip(page, 'Open', false);
  await setChip(page, 'Text', false);
  await setChip(page, 'Binary', false);
  await expect(filterStatus(page)).toHaveText('2 matches');
  await expect(eventRows(page).filter({ hasText: '{"json":true}' })).toHaveCount(2);
  await setChip(page, 'JSON', false);
  await setChip(page, 'Binary', true);
  await expect(filterStatus(page)).toHaveText('4 matches');
});

test('the filter survives switching connections and a reload; clearing returns to the newest row', async ({ page }) => {
  await connectOpen(page, ECHO, { name: 'one' });
  await sendTextAndAwaitEcho(page, 'needle in one');
  await connectOpen(page, `${PLAYGROUND}/ticker?rate=20`, { name: 'two' });
  await expect(eventRows(page).last()).toContainText(/"seq":\d+/);

  await filterField(page).fill('needle');
  await expect(filterStatus(page)).toHaveText('0 matches');
  await expect(timeline(page)).toContainText('No events match the filter.');
  await selectConnection(page, 'one');
  await expect(filterField(page)).toHaveValue('needle');
  await expect(filterStatus(page)).toHaveText('2 matches');

  await page.reload();
  await selectConnection(page, 'one');
  await expect(filterField(page)).toHaveValue('needle');

  // Clearing shows everything again and follows the tail of a busy connection.
  await connectOpen(page, `${PLAYGROUND}/ticker?rate=50`, { name: 'three' });
  await expect(filterStatus(page)).toHaveText('0 matches');
  await filterRegion(page).getByRole('button', { name: 'Clear filter' }).click();
  await expect(filterStatus(page)).toHaveText(/^[\d,]+ events$/);
  await expect(filterField(page)).toHaveValue('');
  // Following the tail: the newest tick is the last row, in view, and it keeps moving.
  const seqOf = async () => Number(/"seq":(\d+)/.exec(await eventRows(page).last().innerText())?.[1]);
  const first = await seqOf();
  expect(first).toBeGreaterThan(0);
  await expect(eventRows(page).last()).toBeInViewport();
  await expect.poll(seqOf).toBeGreaterThan(first + 5);
  await expect(eventRows(page).last()).toBeInViewport();
  await expect(page.getByRole('button', { name: /Jump to latest/ })).toHaveCount(0);
});

// --- Time formats -------------------------------------------------------------

test('timestamps switch between wall clock, time since open and time since the previous event', async ({ page }) => {
  await connectOpen(page, ECHO);
  await sendTextAndAwaitEcho(page, 'timed');
  const time = receivedRow(page, 'timed').locator('time');
  await expect(time).toHaveText(/^\d{2}:\d{2}:\d{2}\.\d{3}$/);
  const select = page.getByRole('combobox', { name: 'Time' });
  await select.selectOption('since-open');
  await expect(time).toHaveText(/^\+\d+\.\d{3} s$/);
  await select.selectOption('since-previous');
  await expect(time).toHaveText(/^Δ \+\d+\.\d{3} s$/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Time' })).toHaveValue('since-previous');
});

// --- Pairing --------------------------------------------------------------------

test('JSON-RPC 2.0 pairing: the reply shows its round-trip time, the pair links both ways', async ({ page }) => {
  await connectOpen(page, ECHO);
  const request = '{"jsonrpc":"2.0","id":41,"method":"ping"}';
  await sendTextAndAwaitEcho(page, request);
  await expect(receivedRow(page, request)).toContainText(/RTT \d+(\.\d)? (ms|µs|s)/);
  await expect(sentRow(page, request)).not.toContainText('RTT');
  await expect(page.getByText(/RTT min .* · median .* · p95 .* · 1 pair/)).toBeVisible();

  await receivedRow(page, request).click();
  await expect(inspector(page)).toContainText(/Reply to request #\d+ · RTT/);
  await inspector(page).getByRole('button', { name: 'Go to request' }).click();
  await expect(sentRow(page, request)).toHaveAttribute('aria-current', 'true');
  await expect(inspector(page)).toContainText(/Request; reply is #\d+ · RTT/);

  // A notification (no id) pairs with nothing.
  await sendTextAndAwaitEcho(page, '{"jsonrpc":"2.0","method":"notify"}');
  await expect(receivedRow(page, '"notify"')).not.toContainText('RTT');
});

test('a custom JSON path pairs requestId; Off turns pairing off', async ({ page }) => {
  await connectOpen(page, ECHO);
  await page.getByRole('combobox', { name: 'Pairing' }).selectOption('path');
  const path = page.getByRole('textbox', { name: 'Pairing path' });
  await path.fill('meta..x');
  await expect(path).toHaveAttribute('aria-invalid', 'true');
  await path.fill('meta.requestId');
  await expect(path).not.toHaveAttribute('aria-invalid', 'true');
  await sendTextAndAwaitEcho(page, '{"meta":{"requestId":"r-1"},"op":"get"}');
  await expect(receivedRow(page, '"op":"get"')).toContainText('RTT');
  await page.getByRole('combobox', { name: 'Pairing' }).selectOption('off');
  await expect(receivedRow(page, '"op":"get"')).not.toContainText('RTT');
});

// --- Merged timeline ------------------------------------------------------------

test('merged view of two /chat clients: one timeline in time order, tagged; broadcast to both', async ({ page }) => {
  await connectOpen(page, `${PLAYGROUND}/chat?room=inspect-spec`, { name: 'left' });
  await connectOpen(page, `${PLAYGROUND}/chat?room=inspect-spec`, { name: 'right' });
  const id = test.info().testId.slice(0, 6);
  await sendText(page, `m1 ${id} by R`);
  await expect(receivedRow(page, `m1 ${id}`)).toHaveCount(1);
  await selectConnection(page, 'left');
  await sendText(page, `m2 ${id} by L`);
  await expect(receivedRow(page, `m2 ${id}`)).toHaveCount(1);

  await page.getByRole('button', { name: 'Merge timelines…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merged timeline' });
  await expect(dialog.getByRole('checkbox', { name: 'left' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'right' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Show merged timeline' }).click();
  await expect(page.getByRole('heading', { name: 'Merged timeline' })).toBeVisible();

  // Each message: sent once, received by both clients.
  await expect(eventRows(page).filter({ hasText: `m1 ${id}` })).toHaveCount(3);
  await expect(eventRows(page).filter({ hasText: `m2 ${id}` })).toHaveCount(3);
  await expect(sentRow(page, `m1 ${id}`)).toContainText('right');
  await expect(sentRow(page, `m2 ${id}`)).toContainText('left');
  await expect(receivedRow(page, `m1 ${id}`).filter({ hasText: 'left' })).toHaveCount(1);
  await expect(receivedRow(page, `m1 ${id}`).filter({ hasText: 'right' })).toHaveCount(1);
  // Both connections' opens are there, and the rows are in time order.
  await expect(eventRows(page).filter({ hasText: /\bopen\b/ })).toHaveCount(2);
  const times = await eventRows(page).locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
  expect(times.length).toBeGreaterThanOrEqual(10);
  expect(times).toEqual([...times].sort((a, b) => a - b));
  const texts = await eventRows(page).allInnerTexts();
  const lastM1 = texts.findLastIndex((t) => t.includes(`m1 ${id}`));
  const firstM2 = texts.findIndex((t) => t.includes(`m2 ${id}`));
  expect(lastM1).toBeLessThan(firstM2);

  // One connection by default; broadcast is a choice: then one Send reaches both open connections.
  await expect(page.getByRole('combobox', { name: 'Send to' })).not.toHaveValue(/all/);
  await page.getByRole('combobox', { name: 'Send to' }).selectOption({ label: 'All open connections (2)' });
  await sendText(page, `all ${id}`);
  await expect(sentRow(page, `all ${id}`)).toHaveCount(2);
  await expect(receivedRow(page, `all ${id}`)).toHaveCount(4);
  // To one: only that connection sends.
  await page.getByRole('combobox', { name: 'Send to' }).selectOption({ label: 'left' });
  await sendText(page, `one ${id}`);
  await expect(sentRow(page, `one ${id}`)).toHaveCount(1);
  await expect(sentRow(page, `one ${id}`)).toContainText('left');

  // The filter works across the merged connections.
  await filterField(page).fill(`m2 ${id}`);
  await expect(filterStatus(page)).toHaveText('3 matches');

  await page.getByRole('button', { name: 'Leave merged view' }).click();
  await expect(page.getByRole('heading', { name: 'Merged timeline' })).toHaveCount(0);
});
