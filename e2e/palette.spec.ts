import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { ECHO, connectOpen, connectionItem, expect, gotoApp, test, urlField } from './fixtures';

/*
 * The command palette (Ctrl/⌘+K). Relies only on the palette itself, on
 * effects the whole page shows (the theme class on <html>, which connection
 * is current) and on the fixture helpers, so the layout around it may change.
 */

const palette = (page: Page): Locator => page.getByRole('dialog', { name: 'Commands' });
const search = (page: Page): Locator => palette(page).getByRole('combobox', { name: 'Search commands' });
const options = (page: Page): Locator => palette(page).getByRole('option');

test('Ctrl+K opens the palette; "dark" and Enter switch the theme; Escape closes it and focus returns', async ({ page }) => {
  await gotoApp(page);
  await expect(page.locator('html')).not.toHaveClass(/theme-dark/);
  await urlField(page).focus();
  // Even while typing in a field.
  await page.keyboard.press('Control+K');
  await expect(palette(page)).toBeVisible();
  await expect(search(page)).toBeFocused();
  await expect(search(page)).toHaveAttribute('aria-expanded', 'true');
  const listId = await search(page).getAttribute('aria-controls');
  expect(listId).toBeTruthy();
  await expect(page.locator(`[id="${listId}"]`)).toHaveAttribute('role', 'listbox');

  await search(page).fill('dark');
  await expect(options(page)).toHaveCount(1);
  await expect(options(page).first()).toHaveAttribute('aria-selected', 'true');
  const active = await search(page).getAttribute('aria-activedescendant');
  await expect(options(page).first()).toHaveAttribute('id', active ?? '');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(page.locator('html')).toHaveClass(/theme-dark/);
  // The command put focus nowhere, so it is back where it was.
  await expect(urlField(page)).toBeFocused();

  await page.keyboard.press('Meta+K');
  await expect(palette(page)).toBeVisible();
  await search(page).fill('theme');
  // Already dark: listed, greyed, with the reason, and Enter on it does nothing.
  await expect(palette(page).getByRole('option', { name: /Theme: Dark/ })).toHaveAttribute('aria-disabled', 'true');
  await expect(palette(page).getByRole('option', { name: /Theme: Dark/ })).toContainText('Already chosen');
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
  await expect(urlField(page)).toBeFocused();
  await expect(page.locator('html')).toHaveClass(/theme-dark/);
});

test('"switch" lists the connections; the arrows move and Enter selects one', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, `${ECHO}?n=1`, { name: 'first' });
  await connectOpen(page, `${ECHO}?n=2`, { name: 'second' });
  await connectOpen(page, `${ECHO}?n=3`, { name: 'third' });
  const current = (name: string) => connectionItem(page, name).getByRole('button', { name, exact: true });
  await expect(current('third')).toHaveAttribute('aria-current', 'true');

  await page.locator('body').press('Control+K');
  await search(page).fill('switch');
  await expect(options(page)).toHaveText([/Switch to connection: first/, /Switch to connection: second/, /Switch to connection: third.*Already selected/]);
  await page.keyboard.press('ArrowDown');
  await expect(palette(page).getByRole('option', { name: /second/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(palette(page).getByRole('option', { name: /first/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await expect(palette(page).getByRole('option', { name: /second/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(current('second')).toHaveAttribute('aria-current', 'true');

  // Every word must match, in any order.
  await page.locator('body').press('Control+K');
  await search(page).fill('first conn');
  await expect(options(page)).toHaveText([/Switch to connection: first/]);
  await page.keyboard.press('Enter');
  await expect(current('first')).toHaveAttribute('aria-current', 'true');
});

test('New connection from the palette puts focus in the URL field, not back on the page', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, ECHO, { name: 'one' });
  await page.locator('body').press('Control+K');
  await search(page).fill('new conn');
  await expect(options(page).first()).toContainText('New connection');
  await expect(options(page).first()).toContainText('N');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(urlField(page)).toBeFocused();

  // A dialog command opens its dialog over where the palette was.
  await page.locator('body').press('Control+K');
  await search(page).fill('settings');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

for (const theme of ['dark', 'light'] as const) {
  test(`the open palette passes axe (${theme} theme)`, async ({ page }) => {
    await gotoApp(page);
    await connectOpen(page, ECHO, { name: 'axe' });
    await page.locator('body').press('Control+K');
    await search(page).fill(`theme ${theme}`);
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveClass(new RegExp(`theme-${theme}`));
    await page.locator('body').press('Control+K');
    // Enabled and disabled options both in view.
    await search(page).fill('connect');
    await expect(palette(page).locator('[aria-disabled="true"]').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });
}
