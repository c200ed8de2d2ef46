import { ECHO, connectOpen, expect, gotoApp, receivedRow, sendText, sentRow, test, timeline } from './fixtures';

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

test('HTML in a message is shown as literal text and never runs', async ({ page }) => {
  const payload = '<img src=x onerror="window.__pwned=1">';
  await connectOpen(page, ECHO);
  await sendText(page, payload);

  await expect(sentRow(page, payload)).toHaveCount(1);
  await expect(receivedRow(page, payload)).toHaveCount(1);
  await expect(timeline(page).locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('script-like and javascript: text is not turned into markup or links', async ({ page }) => {
  const payload = '<script>window.__pwned=2</script> javascript:window.__pwned=3 <a href="javascript:1">x</a>';
  await connectOpen(page, ECHO);
  await sendText(page, payload);

  await expect(receivedRow(page, '<script>window.__pwned=2</script>')).toHaveCount(1);
  await expect(timeline(page).locator('script, a[href^="javascript:" i], iframe, object, embed')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});

test('HTML in a connection name is shown as text', async ({ page }) => {
  const name = '<b>bold</b><img src=x onerror="window.__pwned=4">';
  const item = await connectOpen(page, ECHO, { name });
  await expect(item).toContainText(name);
  await expect(page.locator('img[src="x"], b:text("bold")')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
});
