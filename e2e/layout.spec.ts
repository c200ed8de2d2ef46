import type { Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import { connectOpen, eventRows, expect, gotoApp, openMenu, test, timeline } from './fixtures';

/**
 * Layout targets of the rebuilt interface, asserted as geometry (never as
 * time): how many timeline rows are fully visible, that no two panels
 * overlap, that the page never scrolls sideways. In both themes.
 */

type Box = { x: number; y: number; width: number; height: number };

/** Rows of the timeline whose whole box lies inside the log's visible box and the window. */
async function fullyVisibleRows(page: Page): Promise<number> {
  return timeline(page).evaluate((log) => {
    const view = log.getBoundingClientRect();
    const top = Math.max(view.top, 0);
    const bottom = Math.min(view.bottom, window.innerHeight);
    let n = 0;
    for (const row of log.querySelectorAll('*:has(> time)')) {
      const r = row.getBoundingClientRect();
      if (r.height > 0 && r.top >= top - 0.5 && r.bottom <= bottom + 0.5) n++;
    }
    return n;
  });
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** The panels of the page, each as a box; absent ones are left out. */
async function panelBoxes(page: Page): Promise<Record<string, Box>> {
  const panels: Record<string, Locator> = {
    sidebar: page.getByRole('complementary', { name: 'Connections panel' }),
    bar: page.getByRole('form', { name: 'Connection', exact: true }),
    filter: page.getByRole('search', { name: 'Timeline filter' }),
    timeline: timeline(page),
    inspector: page.getByRole('region', { name: 'Inspector', exact: true }),
    tools: page.getByRole('tablist', { name: 'Connection tools' }),
    composer: page.getByRole('region', { name: 'Composer' }),
    learn: page.getByRole('complementary', { name: 'Learn' }),
  };
  const out: Record<string, Box> = {};
  for (const [name, locator] of Object.entries(panels)) {
    if ((await locator.count()) === 0 || !(await locator.isVisible())) continue;
    const box = await locator.boundingBox();
    if (box) out[name] = box;
  }
  return out;
}

async function expectNoOverlap(page: Page): Promise<void> {
  const boxes = Object.entries(await panelBoxes(page));
  const clashes: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, boxA] = boxes[i] as [string, Box];
      const [b, boxB] = boxes[j] as [string, Box];
      if (overlaps(boxA, boxB)) clashes.push(`${a} ${JSON.stringify(boxA)} × ${b} ${JSON.stringify(boxB)}`);
    }
  }
  expect(clashes).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** A connection with a few hundred events, so rows fill any timeline. */
async function busyConnection(page: Page): Promise<void> {
  await connectOpen(page, `${PLAYGROUND}/flood?count=400&size=24&type=text`, { name: 'busy' });
  await expect(eventRows(page).filter({ hasText: '"seq":400,' })).toHaveCount(1);
}

async function setComposer(page: Page, open: boolean): Promise<void> {
  const toggle = page.getByRole('button', { name: open ? 'Expand composer' : 'Collapse composer', exact: true });
  if ((await toggle.count()) > 0) await toggle.click();
  await expect(page.getByRole('button', { name: open ? 'Collapse composer' : 'Expand composer', exact: true })).toBeVisible();
}

async function openInspector(page: Page): Promise<void> {
  await eventRows(page).filter({ hasText: '"seq":398,' }).click();
  await expect(page.getByRole('region', { name: 'Inspector', exact: true })).toBeVisible();
}

const CASES = [
  { size: [1024, 700], inspector: false, composer: true, rows: 12 },
  { size: [1024, 700], inspector: true, composer: false, rows: 8 },
  { size: [1280, 720], inspector: true, composer: true, rows: 12 },
  { size: [1440, 900], inspector: false, composer: true, rows: 22 },
  { size: [1440, 900], inspector: false, composer: false, rows: 28 },
] as const;

for (const colorScheme of ['dark', 'light'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const c of CASES) {
      const [width, height] = c.size;
      test(`${width}×${height}, inspector ${c.inspector ? 'open' : 'closed'}, composer ${c.composer ? 'open' : 'collapsed'}: at least ${c.rows} rows, no overlap`, async ({ page }) => {
        await page.setViewportSize({ width, height });
        await gotoApp(page);
        await busyConnection(page);
        await setComposer(page, c.composer);
        if (c.inspector) await openInspector(page);
        expect(await fullyVisibleRows(page)).toBeGreaterThanOrEqual(c.rows);
        if (c.inspector && width < 1200) {
          // Docked below the timeline on a small screen, and tall enough to read.
          const inspector = await page.getByRole('region', { name: 'Inspector', exact: true }).boundingBox();
          const log = await timeline(page).boundingBox();
          expect(inspector?.height ?? 0).toBeGreaterThanOrEqual(200);
          expect(inspector?.y ?? 0).toBeGreaterThanOrEqual((log?.y ?? 0) + (log?.height ?? 0));
        }
        await expectNoOverlap(page);
        await expectNoSidewaysScroll(page);
      });
    }

    test('1024×700 with Learn and Large text: a row click leaves 8 timeline rows, no overlap, no sideways scroll', async ({ page }) => {
      await page.setViewportSize({ width: 1024, height: 700 });
      await gotoApp(page);
      await openMenu(page, 'View');
      await page.getByRole('button', { name: 'Large text', exact: true }).click();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Learn', exact: true }).click();
      await busyConnection(page);
      await openInspector(page);
      await timeline(page).scrollIntoViewIfNeeded();
      expect(await fullyVisibleRows(page)).toBeGreaterThanOrEqual(8);
      await expectNoOverlap(page);
      await expectNoSidewaysScroll(page);
    });
  });
}
