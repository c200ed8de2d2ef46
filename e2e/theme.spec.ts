import { expect, gotoApp, openMenu, test } from './fixtures';

test.describe('with a dark system preference', () => {
  test.use({ colorScheme: 'dark' });

  test('the theme follows the system by default, and a chosen theme and large text are remembered', async ({ page }) => {
    await gotoApp(page);
    const html = page.locator('html');
    await expect(html).toHaveClass(/theme-dark/);
    await openMenu(page, 'View');
    const themes = page.getByRole('group', { name: 'Theme' });
    await expect(themes.getByRole('radio', { name: 'System', exact: true })).toBeChecked();

    await themes.getByRole('radio', { name: 'Light', exact: true }).check();
    await expect(html).toHaveClass(/theme-light/);
    await page.getByRole('button', { name: 'Large text', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Large text', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(html).toHaveClass(/text-large/);
    const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(await rootSize()).toBe('20px');

    await page.reload();
    await expect(html).toHaveClass(/theme-light/);
    await expect(html).toHaveClass(/text-large/);
    await openMenu(page, 'View');
    await expect(themes.getByRole('radio', { name: 'Light', exact: true })).toBeChecked();

    await themes.getByRole('radio', { name: 'System', exact: true }).check();
    await expect(html).toHaveClass(/theme-dark/);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveClass(/theme-light/);
  });
});
