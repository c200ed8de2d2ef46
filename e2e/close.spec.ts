import { PLAYGROUND } from './env';
import {
  closeButton,
  closeCodeField,
  closeReasonField,
  closeRow,
  connect,
  connectOpen,
  ECHO,
  expect,
  gotoApp,
  readyState,
  sendTextAndAwaitEcho,
  test,
} from './fixtures';

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

test('server close 4000 "bye": close row shows code, name, reason, wasClean true; list shows CLOSED', async ({
  page,
}) => {
  const item = await connect(page, `${PLAYGROUND}/close?code=4000&reason=bye`);
  const row = closeRow(page);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('4000');
  await expect(row).toContainText('Private use');
  await expect(row).toContainText('reason: bye');
  await expect(row).toContainText('wasClean: true');
  await expect(item).toContainText(readyState('CLOSED'));
});

test('client close with code 3001 and a reason: close row shows both, wasClean true', async ({ page }) => {
  const item = await connectOpen(page, ECHO);
  await closeCodeField(page).fill('3001');
  await closeReasonField(page).fill('done for today');
  await closeButton(page).click();

  const row = closeRow(page);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('3001');
  await expect(row).toContainText('reason: done for today');
  await expect(row).toContainText('wasClean: true');
  await expect(item).toContainText(readyState('CLOSED'));
});

test('the close reason counter counts UTF-8 bytes', async ({ page }) => {
  await connectOpen(page, ECHO);
  await closeReasonField(page).fill('é'.repeat(61));
  await expect(page.getByText(/(?<!\d)122 \/ 123 bytes/).first()).toBeVisible();
  // Over the limit the count stays in view, as the counter or inside the error.
  await closeReasonField(page).fill('é'.repeat(62));
  await expect(page.getByText(/(?<!\d)124 \/ 123 bytes|(?<!\d)124 bytes.*(?<!\d)123(?!\d)/).first()).toBeVisible();
});

for (const code of ['1001', '2999', '1005', '5000', 'abc']) {
  test(`close code "${code}" is refused next to the field and the socket stays open`, async ({ page }) => {
    const item = await connectOpen(page, ECHO);
    await closeCodeField(page).fill(code);
    await closeButton(page).click();

    await expect(closeCodeField(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(closeCodeField(page)).toHaveAccessibleDescription(/\S/);
    await expect(closeCodeField(page)).toHaveValue(code);
    await expect(closeRow(page)).toHaveCount(0);
    await expect(item).toContainText(readyState('OPEN'));
    await sendTextAndAwaitEcho(page, `still open after ${code}`);
  });
}

test('a close reason over 123 bytes is refused next to the field and the socket stays open', async ({ page }) => {
  const item = await connectOpen(page, ECHO);
  const reason = 'é'.repeat(62); // 62 characters, 124 bytes
  await closeCodeField(page).fill('1000');
  await closeReasonField(page).fill(reason);
  await closeButton(page).click();

  await expect(closeReasonField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(closeReasonField(page)).toHaveAccessibleDescription(/123/);
  await expect(closeReasonField(page)).toHaveValue(reason);
  await expect(closeRow(page)).toHaveCount(0);
  await expect(item).toContainText(readyState('OPEN'));
  await sendTextAndAwaitEcho(page, 'still open after a long reason');
});

test('/drop: the server destroys the socket, close row shows 1006 Abnormal Closure, wasClean false', async ({
  page,
}) => {
  const item = await connect(page, `${PLAYGROUND}/drop?after=100`);
  const row = closeRow(page);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('1006');
  await expect(row).toContainText('Abnormal Closure');
  await expect(row).toContainText('wasClean: false');
  await expect(item).toContainText(readyState('CLOSED'));
});
