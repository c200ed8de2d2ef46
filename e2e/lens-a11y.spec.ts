import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import { connectOpen, expect, gotoApp, openMenu, openOptions, receivedRow, test } from './fixtures';

/**
 * axe-core scans of what the protocol lenses add, in both themes: the
 * decoded rows, the inspector's Protocol tab, the lens's compose tab, and
 * Decode as with the session options. No serious or critical violation
 * (WCAG 2.1 A and AA, colour contrast included).
 */

async function useTheme(page: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await openMenu(page, 'View');
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: theme, exact: true }).check();
  await expect(page.locator('html')).toHaveClass(new RegExp(`theme-${theme.toLowerCase()}`));
  await page.keyboard.press('Escape');
}

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`);
  expect(report, `axe on ${what}`).toEqual([]);
}

for (const theme of ['Dark', 'Light'] as const) {
  test(`protocol views are axe clean (${theme})`, async ({ page }) => {
    await gotoApp(page);
    await useTheme(page, theme);
    await connectOpen(page, `${PLAYGROUND}/socket.io/`, { name: `a11y-sio-${theme}` });
    // The session connects the default namespace; the server greets with a decoded event.
    const welcome = receivedRow(page, /Socket\.IO\s+event "welcome"/);
    await expect(welcome).toHaveCount(1);

    // The lens's compose tab, with an error next to a field.
    await page.getByRole('tab', { name: 'Socket.IO', exact: true }).click();
    const form = page.getByRole('form', { name: 'Socket.IO message' });
    await form.getByLabel('Event').fill('echo');
    await form.getByLabel(/Arguments/).fill('["unclosed"');
    await expect(form.getByText(/^arguments:/)).toBeVisible();
    await expectNoSeriousViolations(page, `the Socket.IO compose tab (${theme})`);

    // A decoded row and the inspector's Protocol tab.
    await welcome.click();
    const inspector = page.getByRole('region', { name: 'Inspector', exact: true });
    await expect(inspector.getByRole('tab', { name: 'Protocol', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(inspector.getByRole('list', { name: 'Socket.IO EVENT fields' })).toBeVisible();
    await expectNoSeriousViolations(page, `the Protocol tab (${theme})`);

    // Decode as, the session switch and its options.
    await openOptions(page);
    await expect(page.getByRole('combobox', { name: 'Decode as' })).toHaveValue('auto');
    await expect(page.getByText('Detected: Socket.IO.')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Automatic Socket.IO session' })).toBeChecked();
    await expectNoSeriousViolations(page, `the connection options with Decode as (${theme})`);
  });
}
