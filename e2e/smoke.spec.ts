import { ECHO, connectButton, expect, gotoApp, test, urlField } from './fixtures';

test('the app loads with the playground echo URL prefilled', async ({ page }) => {
  await gotoApp(page);
  await expect(page).toHaveTitle(/Sockpit/);
  await expect(urlField(page)).toHaveValue(ECHO);
  await expect(connectButton(page)).toBeEnabled();
});
