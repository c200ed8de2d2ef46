import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  ECHO,
  chooseBinary,
  closeButton,
  connectOpen,
  expect,
  gotoApp,
  messageField,
  receivedRow,
  sendButton,
  sendTextAndAwaitEcho,
  test,
  openMenu,
} from './fixtures';

/**
 * axe-core scans of the main views, a connection with traffic, the dialogs
 * and the teaching mode, in both themes: no serious or critical violation
 * (WCAG 2.1 A and AA rules, colour contrast included).
 */

type Theme = 'Light' | 'Dark';

async function useTheme(page: Page, theme: Theme): Promise<void> {
  await openMenu(page, 'View');
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: theme, exact: true }).check();
  await expect(page.locator('html')).toHaveClass(new RegExp(`theme-${theme.toLowerCase()}`));
  await page.keyboard.press('Escape');
}

/** Fails with a readable list of every serious or critical violation on the page as it is now. */
async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`).join('\n')}`,
  );
  expect(report, `axe on ${what}`).toEqual([]);
}

async function connectionWithTraffic(page: Page): Promise<void> {
  await connectOpen(page, ECHO, { name: 'a11y' });
  await sendTextAndAwaitEcho(page, 'hello axe');
  await chooseBinary(page, 'Hex');
  await messageField(page).fill('00 ff');
  await sendButton(page).click();
  await expect(receivedRow(page, /binary 2 B/)).toHaveCount(1);
}

for (const theme of ['Dark', 'Light'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await gotoApp(page);
      await useTheme(page, theme);
    });

    test('the main view, empty and with a connection', async ({ page }) => {
      await expectNoSeriousViolations(page, `the empty main view (${theme})`);
      await connectionWithTraffic(page);
      await expectNoSeriousViolations(page, `a connection with events (${theme})`);
      await receivedRow(page, 'hello axe').click();
      await expect(page.getByRole('button', { name: /Close inspector/ })).toBeVisible();
      await expectNoSeriousViolations(page, `the inspector (${theme})`);
      await closeButton(page).click();
      await expect(page.getByRole('list', { name: 'Connections', exact: true })).toContainText('CLOSED');
      await expectNoSeriousViolations(page, `a closed connection (${theme})`);
    });

    test('dialogs', async ({ page }) => {
      await connectionWithTraffic(page);
      await connectOpen(page, ECHO, { name: 'second' }); // merging takes two
      // Every button that opens a dialog, whoever's feature it is.
      for (const button of ['Settings', 'Shortcuts', 'Copy link', 'Export…', 'Import…', 'Workspace…', 'Merge timelines…']) {
        if (button.endsWith('…') && button !== 'Merge timelines…') await openMenu(page, 'File');
        await page.getByRole('button', { name: button, exact: true }).click();
        const d = page.getByRole('dialog');
        await expect(d).toBeVisible();
        await expectNoSeriousViolations(page, `the dialog of "${button}" (${theme})`);
        await page.keyboard.press('Escape');
        await expect(d).toBeHidden();
      }
    });

    test('the teaching mode: lessons, code, explanations, large text', async ({ page }) => {
      await connectionWithTraffic(page);
      await page.getByRole('button', { name: 'Learn', exact: true }).click();
      const learn = page.getByRole('complementary', { name: 'Learn' });
      await expect(learn).toBeVisible();
      await expectNoSeriousViolations(page, `the lesson list (${theme})`);
      await learn.getByRole('button', { name: 'Start lesson: Echo', exact: true }).click();
      await learn.getByRole('button', { name: 'Do it: Connect to /echo', exact: true }).click();
      await expect(learn.getByRole('heading', { name: 'Connect to /echo (done)' })).toBeVisible();
      await expectNoSeriousViolations(page, `a lesson under way (${theme})`);
      const view = learn.getByRole('group', { name: 'Learn view' });
      await view.getByRole('radio', { name: 'Code', exact: true }).check();
      await expect(learn.getByLabel('JavaScript code', { exact: true })).toContainText('new WebSocket(');
      await expectNoSeriousViolations(page, `the code panel (${theme})`);
      await view.getByRole('radio', { name: 'Explain', exact: true }).check();
      await learn.getByRole('button', { name: 'open event' }).click();
      await expect(learn).toContainText('open: the handshake succeeded');
      for (const summary of await learn.locator('summary').all()) await summary.click();
      await expectNoSeriousViolations(page, `the explanations, all topics open (${theme})`);
      await openMenu(page, 'View');
      await page.getByRole('button', { name: 'Large text', exact: true }).click();
      await page.keyboard.press('Escape');
      await expect(page.locator('html')).toHaveClass(/text-large/);
      await expectNoSeriousViolations(page, `large text (${theme})`);
      await page.getByRole('button', { name: 'Present', exact: true }).click();
      await expect(page.getByRole('complementary', { name: 'Connections panel' })).toHaveCount(0);
      await expectNoSeriousViolations(page, `presentation mode (${theme})`);
    });
  });
}
