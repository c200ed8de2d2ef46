import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import { connect, connectOpen, ECHO, eventRows, expect, gotoApp, openMenu, receivedRow, sendText, test, timeline } from './fixtures';

/**
 * The Charts view (features/charts) against the real playground: rates of a
 * ticker and a flood, brushing a range into the timeline filter, clicking a
 * point to select the nearest event, the longest silence of /pause, the RTT
 * histogram of a JSON-RPC echo session, the CSV and PNG exports, axe.
 */

const n = (x: number) => x.toLocaleString('en-US');
const num = (s: string) => Number(s.replace(/[^\d.]/g, ''));

const charts = (page: Page): Locator => page.getByRole('region', { name: 'Charts', exact: true });
const chartTab = (page: Page, name: string): Locator => charts(page).getByRole('tab', { name, exact: true });
const chartStatus = (page: Page): Locator => charts(page).getByRole('status');
/**
 * uPlot's plot area (the layer that takes the mouse): geometry for drags and
 * clicks on a canvas has no role to find it by.
 */
const plotArea = (page: Page): Locator => charts(page).locator('.u-over').first();

/** The stats line's rate readout opens the charts. */
async function openCharts(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^[\d,]+ msg\/s Charts$/ }).click();
  await expect(charts(page)).toBeVisible();
  await expect(plotArea(page)).toBeVisible();
}

async function showTable(page: Page, name: string): Promise<Locator> {
  await charts(page).getByRole('button', { name: 'Table', exact: true }).click();
  const table = charts(page).getByRole('table', { name, exact: true });
  await expect(table).toBeVisible();
  return table;
}

/** The cells of one column of a table, as text, by the column's header. */
async function column(table: Locator, header: string): Promise<string[]> {
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const at = headers.findIndex((h) => h.trim() === header);
  expect(at, `column "${header}" in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return table.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => (r.children[i] as HTMLElement | undefined)?.innerText ?? ''), at);
}

/** Epoch ms of a row's time (its <time datetime>, exact to the ms). */
async function rowTime(row: Locator): Promise<number> {
  return Date.parse((await row.locator('time').first().getAttribute('datetime')) ?? '');
}

async function receivedCount(item: Locator): Promise<number> {
  return Number(/([\d,]+) in ·/.exec(await item.innerText())?.[1]?.replace(/,/g, '') ?? 0);
}

test.describe('Charts', () => {
  test('a ticker at 20/s reads about 20 msg/s, and hovering shows the exact value', async ({ page }) => {
    await gotoApp(page);
    const item = await connectOpen(page, `${PLAYGROUND}/ticker?rate=20`);
    await expect.poll(() => receivedCount(item), { timeout: 20_000 }).toBeGreaterThanOrEqual(100);
    await openCharts(page);
    await expect(charts(page).getByText(/^Received: peak \d+ msg\/s at \d\d:\d\d:\d\d/)).toBeVisible();
    const table = await showTable(page, 'Traffic table');
    const rates = (await column(table, 'Received msg/s')).map(num);
    // Whole seconds only: the first and last buckets are partly outside the capture.
    const whole = rates.slice(1, -1);
    expect(whole.length).toBeGreaterThanOrEqual(3);
    // A tick late across a second's edge moves one from a bucket to the next, and a loaded
    // machine delays the server's timer: the median and the mean stay within one of 20.
    const sorted = [...whole].sort((a, b) => a - b);
    expect(Math.abs((sorted[sorted.length >> 1] ?? 0) - 20)).toBeLessThanOrEqual(1);
    expect(Math.abs(whole.reduce((a, b) => a + b, 0) / whole.length - 20)).toBeLessThanOrEqual(1);

    // Hover over the middle of the plot: the legend shows the value under the cursor, with its unit.
    const box = await plotArea(page).boundingBox();
    if (!box) throw new Error('no plot area');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await expect(charts(page).locator('.u-legend')).toContainText(/Received\s*\d+ msg\/s/);
  });

  test('a flood shows its peak; the table, the summary and the CSV add up to the counter', async ({ page }) => {
    await gotoApp(page);
    const item = await connect(page, `${PLAYGROUND}/flood?count=20000&size=64&type=text`);
    await expect(item).toContainText(`${n(20000)} in · 0 out`, { timeout: 60_000 });
    await openCharts(page);
    const table = await showTable(page, 'Traffic table');
    await expect.poll(async () => (await column(table, 'Received msg/s')).map(num).reduce((a, b) => a + b, 0)).toBe(20000);
    const rates = (await column(table, 'Received msg/s')).map(num);
    const times = await column(table, 'Time');
    const peak = Math.max(...rates);
    const peakTime = times[rates.indexOf(peak)]?.slice(0, 8) ?? '';
    await expect(charts(page).getByText(`Received: peak ${n(peak)} msg/s at ${peakTime}, ${n(20000)} messages`)).toBeVisible();

    // The CSV holds the same buckets, exact.
    const download = page.waitForEvent('download');
    await charts(page).getByRole('button', { name: 'Export CSV', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^sockpit-traffic-.*\.csv$/);
    const csv = (await readFile((await file.path()) ?? '', 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('time,epoch_ms,bucket_ms,received_messages,sent_messages,received_bytes,sent_bytes,received_msg_per_s,sent_msg_per_s,received_bytes_per_s,sent_bytes_per_s');
    const rows = csv.slice(1).map((l) => l.split(','));
    expect(rows.reduce((s, r) => s + Number(r[3]), 0)).toBe(20000);
    expect(rows.reduce((s, r) => s + Number(r[5]), 0)).toBe(20000 * 64);
    expect(Math.max(...rows.map((r) => Number(r[7])))).toBe(peak);

    // And a PNG of the chart.
    const png = page.waitForEvent('download');
    await charts(page).getByRole('button', { name: 'Export PNG', exact: true }).click();
    const image = await png;
    expect(image.suggestedFilename()).toMatch(/^sockpit-traffic-.*\.png$/);
    const bytes = await readFile((await image.path()) ?? '');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  test('brushing a range filters the timeline to it; the chip clears it; clicking selects the nearest event', async ({ page }) => {
    await gotoApp(page);
    const item = await connectOpen(page, `${PLAYGROUND}/ticker?rate=20`);
    await expect.poll(() => receivedCount(item), { timeout: 20_000 }).toBeGreaterThanOrEqual(80);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await openCharts(page);
    const box = await plotArea(page).boundingBox();
    if (!box) throw new Error('no plot area');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
    await page.mouse.up();

    const chip = page.getByTestId('time-range-chip');
    await expect(chip).toBeVisible();
    const [from, to] = (await chip.locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')))) as [number, number];
    expect(to).toBeGreaterThan(from);
    const status = page.getByRole('search', { name: 'Timeline filter' }).getByRole('status');
    await expect(status).toHaveText(/^[\d,]+ match(es)?$/);
    const matches = num(await status.innerText());
    expect(matches).toBeGreaterThan(5);
    // First and last rows inside the range.
    await timeline(page).evaluate((el) => el.scrollTo(0, 0));
    expect(await rowTime(eventRows(page).first())).toBeGreaterThanOrEqual(from);
    await timeline(page).evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(async () => rowTime(eventRows(page).last())).toBeLessThanOrEqual(to);
    expect(await rowTime(eventRows(page).last())).toBeGreaterThanOrEqual(from);

    // The chip clears it: every event again.
    await chip.getByRole('button', { name: /^Clear time range/ }).click();
    await expect(chip).toHaveCount(0);
    await expect(status).toHaveText(/^[\d,]+ events$/);
    expect(num(await status.innerText())).toBeGreaterThan(matches);

    // A click (no drag) selects the event nearest the time under the cursor.
    await page.mouse.click(box.x + box.width * 0.5, y);
    const said = chartStatus(page).locator('time');
    await expect(said).toHaveCount(2);
    const [clicked, chosen] = (await said.evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')))) as [number, number];
    const selected = timeline(page).locator('[aria-current="true"]');
    await expect(selected).toHaveCount(1);
    expect(await rowTime(selected)).toBe(chosen);
    // No other event is nearer: the rows just before and after it are at least as far (1 ms of rounding in the shown times).
    const seq = Number(await selected.getAttribute('data-seq'));
    for (const other of [seq - 1, seq + 1]) {
      const row = timeline(page).locator(`[data-seq="${other}"]`);
      if ((await row.count()) === 0) continue;
      expect(Math.abs((await rowTime(row)) - clicked) + 1).toBeGreaterThanOrEqual(Math.abs(chosen - clicked));
    }
  });

  test('a 3 s silence of the playground is listed as the longest gap, and Go to selects the message that ended it', async ({ page }) => {
    await gotoApp(page);
    const item = await connectOpen(page, `${PLAYGROUND}/pause?before=5&pause=3000&after=5&every=50`);
    await expect.poll(() => receivedCount(item), { timeout: 20_000 }).toBe(10);
    await openCharts(page);
    await chartTab(page, 'Silences').click();
    await expect(charts(page).getByText(/^Longest silence \d\.\d\d s, from /)).toBeVisible();
    const table = charts(page).getByRole('table', { name: 'Longest silences', exact: true });
    const lengths = await column(table, 'Length');
    // The pause (3 s on the server's clock) is in seconds; every other silence is one of the 50 ms steps, in ms.
    expect(lengths[0]).toMatch(/^\d\.\d\d s$/);
    expect(lengths.length).toBe(9);
    for (const l of lengths.slice(1)) expect(l).toMatch(/^\d+ ms$/);
    await charts(page).getByRole('button', { name: 'Go to the message that ended silence 1' }).click();
    await expect(timeline(page).locator('[aria-current="true"]')).toContainText('{"phase":"after","seq":1}');
  });

  test('the RTT histogram of a JSON-RPC echo session has as many samples as pairs', async ({ page }) => {
    await gotoApp(page);
    await connectOpen(page, ECHO, { name: 'charts-rpc' });
    const pairs = 6;
    for (let i = 1; i <= pairs; i++) {
      await sendText(page, `{"jsonrpc":"2.0","id":${i},"method":"ping"}`);
      await expect(receivedRow(page, `"id":${i},`).filter({ hasText: /RTT/ })).toHaveCount(1);
    }
    await openCharts(page);
    await chartTab(page, 'Round trip').click();
    await expect(charts(page).getByTestId('rtt-summary')).toContainText(new RegExp(`^${pairs} samples \\(one per request/reply pair\\): min .* median .* p95 .* p99 .* max `));
    const table = await showTable(page, 'Round-trip time histogram');
    const counts = (await column(table, 'Pairs')).map(num);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(pairs);
    await expect(charts(page).getByText(`Histogram: ${pairs} samples in ${counts.length} bins of`)).toBeVisible();
  });

  test('from the keyboard: the palette opens Charts, the tabs move with arrows, a table row filters the timeline to its second', async ({ page }) => {
    await gotoApp(page);
    const item = await connectOpen(page, `${PLAYGROUND}/ticker?rate=20`);
    await expect.poll(() => receivedCount(item), { timeout: 20_000 }).toBeGreaterThanOrEqual(60);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.locator('body').press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.getByRole('combobox', { name: 'Search commands' }).fill('Charts: open');
    await page.keyboard.press('Enter');
    await expect(charts(page)).toBeVisible();
    await chartTab(page, 'Traffic').focus();
    await page.keyboard.press('ArrowRight');
    await expect(chartTab(page, 'bufferedAmount')).toBeFocused();
    await expect(chartTab(page, 'bufferedAmount')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowLeft');
    const table = await showTable(page, 'Traffic table');
    // The second row: a whole second of ticks.
    const second = table.locator('tbody tr').nth(1).getByRole('button');
    const label = await second.innerText();
    await second.focus();
    await page.keyboard.press('Enter');
    const chip = page.getByTestId('time-range-chip');
    await expect(chip).toContainText(label);
    const [from, to] = (await chip.locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')))) as [number, number];
    expect(to - from).toBeLessThan(1000);
    const status = page.getByRole('search', { name: 'Timeline filter' }).getByRole('status');
    await expect(status).toHaveText(/^[\d,]+ match(es)?$/);
    // As many rows as that second has in the table.
    const rate = num((await column(table, 'Received msg/s'))[1] ?? '');
    expect(num(await status.innerText())).toBe(rate);
  });

  test('the merged view charts every connection in it: traffic, marks and the size histogram each way add up over both', async ({ page }) => {
    await gotoApp(page);
    // Two echo connections with messages of two different sizes: 10 B three times on one, 100 B twice on the other.
    await connectOpen(page, ECHO, { name: 'charts-left' });
    for (let i = 0; i < 3; i++) await sendText(page, `left-${i}-xyz`);
    await expect(receivedRow(page, 'left-2-xyz')).toHaveCount(1);
    await connectOpen(page, ECHO, { name: 'charts-right' });
    const hundred = (i: number) => `right-${i}-`.padEnd(100, 'r');
    for (let i = 0; i < 2; i++) await sendText(page, hundred(i));
    await expect(receivedRow(page, hundred(1))).toHaveCount(1);

    await page.getByRole('button', { name: 'Merge timelines…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merged timeline' });
    await expect(dialog.getByRole('checkbox', { name: 'charts-left' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'charts-right' })).toBeChecked();
    await dialog.getByRole('button', { name: 'Show merged timeline' }).click();
    await expect(page.getByRole('heading', { name: 'Merged timeline' })).toBeVisible();
    // The merged view has no stats line: its toolbar has the Charts button.
    await page.getByRole('button', { name: 'Charts', exact: true }).click();
    await expect(plotArea(page)).toBeVisible();

    // Both opens are marked, and the traffic table counts both connections each way.
    await expect(charts(page).getByRole('list', { name: 'Marks on the chart' })).toContainText('open × 2');
    const traffic = await showTable(page, 'Traffic table');
    const sum = async (t: Locator, header: string) => (await column(t, header)).map(num).reduce((a, b) => a + b, 0);
    await expect.poll(() => sum(traffic, 'Received msg/s')).toBe(5);
    await expect.poll(() => sum(traffic, 'Sent msg/s')).toBe(5);

    // The size histogram, in and out: 3 in the 8–15 B bin and 2 in 64–127 B, each way.
    await chartTab(page, 'Sizes').click();
    const sizes = charts(page).getByRole('table', { name: 'Sizes table', exact: true });
    await expect(sizes).toBeVisible();
    const bins = await column(sizes, 'Size');
    const received = (await column(sizes, 'Received')).map(num);
    const sent = (await column(sizes, 'Sent')).map(num);
    const at = (label: string) => bins.findIndex((b) => b.trim() === label);
    expect(at('8–15 B'), bins.join(' | ')).toBeGreaterThanOrEqual(0);
    expect(at('64–127 B'), bins.join(' | ')).toBeGreaterThanOrEqual(0);
    expect([received[at('8–15 B')], sent[at('8–15 B')]]).toEqual([3, 3]);
    expect([received[at('64–127 B')], sent[at('64–127 B')]]).toEqual([2, 2]);
    expect(received.reduce((a, b) => a + b, 0)).toBe(5);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(5);
  });

  for (const theme of ['Dark', 'Light'] as const) {
    test(`the Charts view is axe clean (${theme})`, async ({ page }) => {
      // Five scans of a live view on a shared machine.
      test.setTimeout(120_000);
      await gotoApp(page);
      await openMenu(page, 'View');
      await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: theme, exact: true }).check();
      await expect(page.locator('html')).toHaveClass(new RegExp(`theme-${theme.toLowerCase()}`));
      await page.keyboard.press('Escape');
      const item = await connectOpen(page, `${PLAYGROUND}/ticker?rate=20`);
      await expect.poll(() => receivedCount(item), { timeout: 20_000 }).toBeGreaterThanOrEqual(30);
      await openCharts(page);
      await showTable(page, 'Traffic table');
      for (const tab of ['Traffic', 'bufferedAmount', 'Sizes', 'Round trip', 'Silences']) {
        await chartTab(page, tab).click();
        await expect(chartTab(page, tab)).toHaveAttribute('aria-selected', 'true');
        const results = await new AxeBuilder({ page }).include('section[aria-label="Charts"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(
          serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((x) => `    ${x.target.join(' ')}`).join('\n')}`),
          `axe on Charts ▸ ${tab} (${theme})`,
        ).toEqual([]);
      }
    });
  }
});
