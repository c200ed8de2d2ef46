import type { Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import {
  ECHO,
  WS_HANDSHAKE_FAILED,
  closeRow,
  connect,
  connectOpen,
  connectionItem,
  eventRows,
  expect,
  gotoApp,
  messageField,
  openMenu,
  receivedRow,
  selectConnection,
  sendButton,
  test,
  timeline,
} from './fixtures';

/** Whether the row holding `text` lies fully inside the timeline's visible box. */
async function rowInView(page: Page, text: string): Promise<boolean> {
  const row = eventRows(page).filter({ hasText: text });
  if ((await row.count()) !== 1) return false;
  const [r, view] = await Promise.all([row.boundingBox(), timeline(page).boundingBox()]);
  return !!r && !!view && r.y >= view.y - 0.5 && r.y + r.height <= view.y + view.height + 0.5;
}

const jump = (page: Page): Locator => page.getByRole('button', { name: /Jump to latest/ });

async function expectAtNewest(page: Page, newest: string): Promise<void> {
  await expect.poll(() => rowInView(page, newest)).toBe(true);
  await expect(jump(page)).toHaveCount(0);
}

test.describe('follow the tail', () => {
  test('switching connection, the merged view, clearing a filter and resuming all show the newest row', async ({ page }) => {
    await gotoApp(page);
    await connectOpen(page, `${PLAYGROUND}/flood?count=300&size=24&type=text`, { name: 'one' });
    await expect(receivedRow(page, '"seq":300,')).toHaveCount(1);
    await connectOpen(page, `${PLAYGROUND}/flood?count=200&size=24&type=text`, { name: 'two' });
    await expect(receivedRow(page, '"seq":200,')).toHaveCount(1);
    await expectAtNewest(page, '"seq":200,');

    // Back to the first: its newest row, not its oldest.
    await selectConnection(page, 'one');
    await expectAtNewest(page, '"seq":300,');

    // A filter, then Clear filter: the newest matching row, then the newest row.
    await page.getByRole('searchbox', { name: 'Filter', exact: true }).fill('"seq":1');
    await expectAtNewest(page, '"seq":199,');
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await expectAtNewest(page, '"seq":300,');

    // Pause, scroll to the top, Resume: the newest row again.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await timeline(page).evaluate((el) => (el.scrollTop = 0));
    await expect(jump(page)).toBeVisible();
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expectAtNewest(page, '"seq":300,');

    // The merged view opens at its newest row.
    await page.getByRole('button', { name: 'Merge timelines…' }).click();
    await page.getByRole('dialog', { name: 'Merged timeline' }).getByRole('button', { name: 'Show merged timeline' }).click();
    await expect(page.getByRole('heading', { name: 'Merged timeline' })).toBeVisible();
    const times = await eventRows(page).locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
    expect(times.length).toBeGreaterThan(0);
    await expect(jump(page)).toHaveCount(0);
    await expect.poll(() => timeline(page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(30);
  });

  test('the tail stays followed while the timeline grows under arriving rows (the browser clamps the scrollTop set for the old height)', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 700 });
    await gotoApp(page);
    const item = await connectOpen(page, `${PLAYGROUND}/ticker?rate=50`, { name: 'ticker' });
    await expect(item).toContainText(/\b([2-9]\d|\d{3,}) in\b/);
    // Taller by a few px at a time, each step racing the next row: a scrollTop computed for the
    // old height is cut to the new end by the browser, which is not the user scrolling away.
    for (let h = 704; h <= 800; h += 4) {
      await page.setViewportSize({ width: 1280, height: h });
      await page.waitForTimeout(30);
    }
    await expect(item).toContainText(/\b(1[5-9]\d|[2-9]\d\d|\d{4,}) in\b/);
    await expect(jump(page)).toHaveCount(0);
    await expect(eventRows(page).last()).toBeInViewport({ ratio: 1 });
    await expect.poll(() => timeline(page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2);
  });
});

test.describe('status colours', () => {
  const status = (item: Locator) => item.locator('[data-status]');

  test('a failed handshake (404) and a dropped connection (1006) show as failures; a clean 1000 does not', async ({ page, expectConsoleError }) => {
    expectConsoleError(WS_HANDSHAKE_FAILED);
    await gotoApp(page);
    const refused = await connect(page, `${PLAYGROUND}/http-only`, { name: 'not a socket' });
    await expect(refused).toContainText('CLOSED');
    await expect(status(refused)).toHaveAttribute('data-status', 'failed');
    await expect(status(refused)).toContainText('1006');

    const dropped = await connect(page, `${PLAYGROUND}/drop?after=100`, { name: 'dropped' });
    await expect(closeRow(page)).toContainText('1006');
    await expect(status(dropped)).toHaveAttribute('data-status', 'failed');
    await expect(closeRow(page)).toHaveAttribute('data-tone', 'error');

    const clean = await connect(page, `${PLAYGROUND}/close?code=1000&reason=done`, { name: 'clean' });
    await expect(clean).toContainText('CLOSED');
    await expect(status(clean)).toHaveAttribute('data-status', 'closed');
    await expect(status(clean)).toContainText('1000 Normal Closure');
    await expect(closeRow(page)).not.toHaveAttribute('data-tone', 'error');

    // The colours differ, and the connection bar says the same as the list.
    const color = (l: Locator) => l.evaluate((el) => getComputedStyle(el).color);
    expect(await color(status(dropped))).not.toBe(await color(status(clean)));
    await selectConnection(page, 'dropped');
    await expect(page.getByRole('form', { name: 'Connection', exact: true }).locator('[data-status]')).toHaveAttribute('data-status', 'failed');
  });
});

test('a keyboard-only round: new connection, URL, connect, message, send, close with 4001, in at most 12 keys besides the text', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, ECHO, { name: 'before' });
  // Connecting puts the focus in the composer (once it is drawn); then the person clicks away.
  await expect(messageField(page)).toBeFocused();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await expect(messageField(page)).not.toBeFocused();
  let keys = 0;
  const press = async (key: string) => {
    keys++;
    await page.keyboard.press(key);
  };
  await press('n');
  await page.keyboard.type(`${ECHO}?round=1`);
  await press('Enter');
  const item = connectionItem(page, `${ECHO}?round=1`);
  await expect(item).toContainText('OPEN');
  // Focus went to the composer.
  await expect(messageField(page)).toBeFocused();
  await page.keyboard.type('by keyboard');
  await press('Control+Enter');
  await expect(receivedRow(page, 'by keyboard')).toHaveCount(1);
  // Close with a code: the palette's command, or the close code field on the tab line.
  await press('Control+k');
  // As a person does: look at the palette, then type.
  await expect(page.getByRole('combobox', { name: 'Search commands' })).toBeFocused();
  await page.keyboard.type('close with code');
  await press('Enter');
  await expect(page.getByRole('textbox', { name: 'Close code', exact: true })).toBeFocused();
  await page.keyboard.type('4001');
  await press('Enter');
  await expect(closeRow(page)).toContainText('4001');
  await expect(item).toContainText('CLOSED');
  expect(keys).toBeLessThanOrEqual(12);
});

/** The focused control's focus ring: drawn, and not cut off by any ancestor that clips. */
async function expectVisibleRing(control: Locator): Promise<void> {
  const problem = await control.evaluate((input) => {
    const ringOwner = input.closest('label') ?? input;
    const style = getComputedStyle(ringOwner);
    const width = parseFloat(style.outlineWidth);
    if (style.outlineStyle === 'none' || !(width > 0)) return `no outline on ${ringOwner.tagName}`;
    const reach = width + Math.max(0, parseFloat(style.outlineOffset) || 0);
    const r = ringOwner.getBoundingClientRect();
    const ring = { left: r.left - reach, right: r.right + reach, top: r.top - reach, bottom: r.bottom + reach };
    for (let el = ringOwner.parentElement; el && el !== document.body; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const b = el.getBoundingClientRect();
      if (ring.left < b.left - 0.5 || ring.right > b.right + 0.5 || ring.top < b.top - 0.5 || ring.bottom > b.bottom + 0.5) {
        return `ring clipped by <${el.tagName.toLowerCase()} class="${el.className}">`;
      }
    }
    return null;
  });
  expect(problem).toBeNull();
}

test('segmented controls show their whole focus ring from the keyboard', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, ECHO);
  for (const name of ['Text', 'Binary']) {
    const radio = page.getByRole('radio', { name, exact: true });
    await radio.focus();
    await page.keyboard.press(name === 'Text' ? 'ArrowRight' : 'ArrowLeft');
    await page.keyboard.press(name === 'Text' ? 'ArrowLeft' : 'ArrowRight');
    await expect(radio).toBeFocused();
    await expectVisibleRing(radio);
  }
  await openMenu(page, 'View');
  const dark = page.getByRole('radio', { name: 'Dark', exact: true });
  await dark.focus();
  await page.keyboard.press('ArrowLeft');
  await expectVisibleRing(page.getByRole('radio', { name: 'Light', exact: true }));
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Learn', exact: true }).click();
  const code = page.getByRole('group', { name: 'Learn view' }).getByRole('radio', { name: 'Code', exact: true });
  await code.focus();
  await page.keyboard.press('ArrowRight');
  await expectVisibleRing(page.getByRole('group', { name: 'Learn view' }).getByRole('radio', { name: 'Explain', exact: true }));
});

test('presentation mode at 1024×768: no sidebar, large text, timeline and explanation side by side; row clicks keep the timeline', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await gotoApp(page);
  await connectOpen(page, `${PLAYGROUND}/ticker?rate=20`, { name: 'ticks' });
  await expect.poll(() => eventRows(page).count()).toBeGreaterThan(14);
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Connections panel' })).toHaveCount(0);
  await expect(page.locator('html')).toHaveClass(/text-large/);
  const learn = page.getByRole('complementary', { name: 'Learn' });
  await expect(learn).toBeVisible();
  const visibleRows = () =>
    timeline(page).evaluate((log) => {
      const view = log.getBoundingClientRect();
      return [...log.querySelectorAll('*:has(> time)')].filter((row) => {
        const r = row.getBoundingClientRect();
        return r.height > 0 && r.top >= view.top - 0.5 && r.bottom <= view.bottom + 0.5;
      }).length;
    });
  await expect.poll(visibleRows).toBeGreaterThanOrEqual(8);
  const [log, aside] = await Promise.all([timeline(page).boundingBox(), learn.boundingBox()]);
  expect((log?.x ?? 0) + (log?.width ?? 0)).toBeLessThanOrEqual((aside?.x ?? 0) + 0.5);

  // A row click explains the row and never hides the timeline.
  await eventRows(page).nth(4).click();
  await expect(learn.getByRole('heading', { name: /^This (message|open|connecting) event$/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Inspector', exact: true })).toHaveCount(0);
  expect(await visibleRows()).toBeGreaterThanOrEqual(8);

  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Connections panel' })).toBeVisible();
  await expect(page.locator('html')).not.toHaveClass(/text-large/);
});

test('presentation mode says when a filter is at work, though its toolbar is hidden', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, ECHO, { name: 'filtered' });
  for (const text of ['alpha 1', 'beta 2', 'alpha 3']) {
    await messageField(page).fill(text);
    await sendButton(page).click();
    await expect(receivedRow(page, text)).toHaveCount(1);
  }
  await page.getByRole('searchbox', { name: 'Filter', exact: true }).fill('alpha');
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page.getByRole('searchbox', { name: 'Filter', exact: true })).toHaveCount(0);
  // 'alpha 1' and 'alpha 3', each sent and received.
  await expect(page.getByRole('status').filter({ hasText: /^Filtered: 4 events shown$/ })).toBeVisible();
  await expect(eventRows(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Filter', exact: true }).fill('');
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Filtered:/ })).toHaveCount(0);
});

test.describe('first screen', () => {
  test('the playground routes are one-click starts, with Learn and the keys', async ({ page }) => {
    await gotoApp(page);
    const starts = page.getByRole('region', { name: 'Start with the playground' });
    await expect(starts.getByRole('button')).toHaveCount(7);
    await expect(page.getByRole('region', { name: 'Keys' })).toContainText('Ctrl + K');
    await starts.getByRole('button', { name: /^Echo/ }).click();
    const item = connectionItem(page, `${PLAYGROUND}/echo`);
    await expect(item).toContainText('OPEN');
    await expect(messageField(page)).toBeFocused();
    await page.keyboard.type('from the first screen');
    await page.keyboard.press('Control+Enter');
    await expect(receivedRow(page, 'from the first screen')).toHaveCount(1);
  });

  test('on a page with no playground the URL bar is empty with a neutral hint, and the starts say they need a server', async ({ page, expectConsoleError }) => {
    expectConsoleError(/Failed to load resource.*404/);
    await page.route('**/playground.json', (route) => route.fulfill({ status: 404, body: 'no playground here' }));
    await page.goto('/');
    await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toHaveValue('');
    await expect(page.getByRole('textbox', { name: 'URL', exact: true })).toHaveAttribute('placeholder', 'Enter a ws:// or wss:// URL');
    const echo = page.getByRole('region', { name: 'Start with the playground' }).getByRole('button', { name: /^Echo/ });
    await expect(echo).toBeDisabled();
    await expect(echo).toContainText('Needs the playground server');
  });
});

test('a connection row has a context menu, by right click and from the keyboard', async ({ page }) => {
  await gotoApp(page);
  const item = await connectOpen(page, ECHO, { name: 'menu me' });
  await item.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for menu me' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Reconnect' })).toBeFocused();
  await menu.getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect(connectionItem(page, 'menu me (copy)')).toContainText('OPEN');

  // Shift+F10 on the row's button, ↓ to Close connection, Enter.
  await connectionItem(page, 'menu me').first().getByRole('button', { name: 'menu me', exact: true }).focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu', { name: 'Actions for menu me' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Close connection' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(connectionItem(page, 'menu me').first()).toContainText('CLOSED');
  await expect(page.getByRole('menu')).toHaveCount(0);
});
