import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import {
  chooseBinary,
  connectButton,
  connectionItem,
  eventRow,
  expect,
  gotoApp,
  messageField,
  newConnectionButton,
  openMenu,
  openOptions,
  nameField,
  receivedRow,
  sendButton,
  sentRow,
  test,
  timeline,
  urlField,
} from './fixtures';

/**
 * Environments everywhere and the timeline's multi-selection (issue 11):
 * Env ▾ in the header fills {{variables}} in the connection URL and composer
 * messages, secrets stay masked on screen and out of exports; rows selected
 * with Shift+click become a flow that passes.
 */

const header = (page: Page): Locator => page.getByRole('banner');
const envButton = (page: Page): Locator => header(page).getByRole('button', { name: /^Environment: / });
const envDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Environments' });

interface EnvSpec {
  name: string;
  vars: { name: string; value: string; secret?: boolean }[];
}

/** Env ▾ → Edit environments…, one environment after the other, Save. */
async function defineEnvironments(page: Page, envs: EnvSpec[]): Promise<void> {
  await envButton(page).click();
  await page.getByRole('button', { name: 'Edit environments…' }).click();
  const dialog = envDialog(page);
  await expect(dialog).toBeVisible();
  for (const env of envs) {
    await dialog.getByRole('button', { name: '+ Environment' }).click();
    await dialog.getByRole('textbox', { name: 'Environment name' }).fill(env.name);
    for (const [i, v] of env.vars.entries()) {
      if (i > 0) await dialog.getByRole('button', { name: '+ Variable' }).click();
      await dialog.getByRole('textbox', { name: `Variable ${i + 1} name` }).fill(v.name);
      const row = dialog.getByRole('group', { name: `Variable ${i + 1}`, exact: true });
      if (v.secret) await row.getByRole('checkbox', { name: 'Secret' }).check();
      await dialog.getByLabel(`Variable ${i + 1} value`, { exact: true }).fill(v.value);
    }
  }
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

async function chooseEnvironment(page: Page, name: string): Promise<void> {
  if ((await page.getByRole('group', { name: 'Environment', exact: true }).isHidden())) await envButton(page).click();
  await page.getByRole('group', { name: 'Environment', exact: true }).getByRole('radio', { name, exact: true }).check();
  await page.keyboard.press('Escape');
  await expect(envButton(page)).toHaveAccessibleName(`Environment: ${name === 'No environment' ? 'none' : name}`);
}


test('environments switch the URL a connection goes to; an unknown variable is an error next to the URL and Connect does nothing', async ({ page }) => {
  await gotoApp(page);
  await defineEnvironments(page, [
    { name: 'local', vars: [{ name: 'base', value: PLAYGROUND }, { name: 'route', value: 'echo' }] },
    { name: 'staging', vars: [{ name: 'base', value: PLAYGROUND }, { name: 'route', value: 'echo-deflate' }] },
  ]);
  await chooseEnvironment(page, 'local');

  await newConnectionButton(page).click();
  await urlField(page).fill('{{base}}/{{route}}');
  await expect(urlField(page)).toHaveAccessibleDescription(`Effective URL: ${PLAYGROUND}/echo`);
  await openOptions(page);
  await nameField(page).fill('env-conn');
  await connectButton(page).click();
  const item = connectionItem(page, 'env-conn');
  await expect(item).toContainText('OPEN');
  // The saved config keeps what was typed; the timeline shows where it went.
  await expect(urlField(page)).toHaveValue('{{base}}/{{route}}');
  await expect(eventRow(page, /connecting/, `${PLAYGROUND}/echo`)).toHaveCount(1);
  await expect(eventRow(page, /^.*open.*no subprotocol(?!.*permessage-deflate).*$/)).toHaveCount(1);

  // Switching the environment changes where the next Connect goes: /echo-deflate negotiates permessage-deflate.
  await chooseEnvironment(page, 'staging');
  await expect(urlField(page)).toHaveAccessibleDescription(`Effective URL: ${PLAYGROUND}/echo-deflate`);
  await page.getByRole('button', { name: /^(Disconnect|Close)$/ }).first().click();
  await expect(item).toContainText('CLOSED');
  await page.getByRole('form', { name: 'Connection' }).getByRole('button', { name: /^(Connect|Reconnect)$/ }).click();
  await expect(eventRow(page, /connecting/, `${PLAYGROUND}/echo-deflate`)).toHaveCount(1);
  await expect(eventRow(page, /extensions: permessage-deflate/)).toHaveCount(1);

  // No environment: {{base}} is unknown, said next to the URL, and Connect opens nothing.
  await page.getByRole('button', { name: /^(Disconnect|Close)$/ }).first().click();
  await expect(item).toContainText('CLOSED');
  await chooseEnvironment(page, 'No environment');
  const url = page.getByRole('form', { name: 'Connection' }).getByRole('textbox', { name: 'URL', exact: true });
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/Unknown variables "base", "route": no environment is chosen/);
  const rows = await timeline(page).locator('[data-seq]').count();
  await page.getByRole('form', { name: 'Connection' }).getByRole('button', { name: /^(Connect|Reconnect)$/ }).click();
  await expect(item).toContainText('CLOSED');
  await expect(timeline(page).locator('[data-seq]')).toHaveCount(rows);

  // The palette switches it back.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: /command/i }).fill('switch environment: local');
  await page.keyboard.press('Enter');
  await expect(envButton(page)).toHaveAccessibleName('Environment: local');
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
});

test('a composer message with {{var}} sends the expanded text; an unknown one is an error next to the field and nothing is sent', async ({ page }) => {
  await gotoApp(page);
  await defineEnvironments(page, [{ name: 'local', vars: [{ name: 'user', value: 'alice' }, { name: 'room', value: 'r1' }] }]);
  await chooseEnvironment(page, 'local');
  await newConnectionButton(page).click();
  await urlField(page).fill(`${PLAYGROUND}/echo`);
  await connectButton(page).click();
  await expect(connectionItem(page, `${PLAYGROUND}/echo`)).toContainText('OPEN');

  await messageField(page).fill('{"user":"{{user}}","room":"{{ room }}","n":{{counter}},"raw":"\\{{user}}"}');
  await sendButton(page).click();
  await expect(sentRow(page, '{"user":"alice","room":"r1","n":1,"raw":"{{user}}"}')).toHaveCount(1);
  await expect(receivedRow(page, '{"user":"alice","room":"r1","n":1,"raw":"{{user}}"}')).toHaveCount(1);

  await messageField(page).fill('hello {{nobody}}');
  await expect(messageField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(messageField(page)).toHaveAccessibleDescription(/Unknown variable "nobody": environment "local" has "user", "room"/);
  await expect(sendButton(page)).toBeDisabled();
  await page.keyboard.press('Control+Enter');
  await expect(sentRow(page, /hello/)).toHaveCount(0);
  // The text is kept as typed.
  await expect(messageField(page)).toHaveText('hello {{nobody}}');
});

test('a secret is masked in the connection bar, the timeline and the inspector, and absent from an export', async ({ page }) => {
  await gotoApp(page);
  const secret = 'tok-9f8e7d6c5b';
  await defineEnvironments(page, [{ name: 'local', vars: [{ name: 'base', value: PLAYGROUND }, { name: 'token', value: secret, secret: true }] }]);
  await chooseEnvironment(page, 'local');
  await envButton(page).click();
  await expect(page.getByRole('definition').filter({ hasText: '••••' })).toHaveCount(1);
  await page.keyboard.press('Escape');

  await newConnectionButton(page).click();
  await urlField(page).fill('{{base}}/echo?token={{token}}');
  await expect(urlField(page)).toHaveAccessibleDescription(`Effective URL: ${PLAYGROUND}/echo?token=•••`);
  await connectButton(page).click();
  const item = connectionItem(page, '{{base}}/echo?token={{token}}');
  await expect(item).toContainText('OPEN');
  await messageField(page).fill('{"auth":"{{token}}","path":"/a/{{token}}/b"}');
  await sendButton(page).click();
  await expect(sentRow(page, '{"auth":"••••","path":"/a/••••/b"}')).toHaveCount(1);
  await expect(receivedRow(page, '{"auth":"••••","path":"/a/••••/b"}')).toHaveCount(1);
  await receivedRow(page, /auth/).click();
  const inspector = page.getByRole('region', { name: /inspector/i }).or(page.getByRole('complementary', { name: /inspector/i })).first();
  await expect(inspector).toContainText('••••');
  expect(await page.locator('body').innerText()).not.toContain(secret);

  await openMenu(page, 'File');
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /^Sockpit JSON/ }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  const text = readFileSync(await file.path(), 'utf8');
  expect(text).toContain('"auth');
  expect(text).toContain('REDACTED');
  expect(text).not.toContain(secret);
});

test('a flow recorded from rows that carried a secret keeps {{token}}, never the value; bytes that hold it are not recorded; the flow passes', async ({ page }) => {
  await gotoApp(page);
  const secret = 'tok-5a4b3c2d1e';
  await defineEnvironments(page, [{ name: 'local', vars: [{ name: 'token', value: secret, secret: true }] }]);
  await chooseEnvironment(page, 'local');
  await newConnectionButton(page).click();
  await urlField(page).fill(`${PLAYGROUND}/echo`);
  await openOptions(page);
  await nameField(page).fill('rec-secret');
  await connectButton(page).click();
  await expect(connectionItem(page, 'rec-secret')).toContainText('OPEN');
  await messageField(page).fill('{"auth":"{{token}}","op":"login"}');
  await sendButton(page).click();
  await expect(receivedRow(page, '{"auth":"••••","op":"login"}')).toHaveCount(1);
  await chooseBinary(page, 'Hex');
  const hex = [...Buffer.from(secret)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  await messageField(page).fill(`01 ${hex}`);
  await sendButton(page).click();
  await expect(eventRow(page, /received/, /binary/)).toHaveCount(1);
  // The secret's bytes are masked in the hex preview too.
  await expect(eventRow(page, /sent/, /binary/)).toContainText('01 •• •• ••');

  await sentRow(page, '{"auth":"••••","op":"login"}').click();
  await eventRow(page, /received/, /binary/).click({ modifiers: ['Shift'] });
  await page.getByRole('group', { name: 'Selected rows' }).getByRole('button', { name: 'Record flow from selection' }).click();
  const record = page.getByRole('dialog', { name: 'Record flow from the timeline' });
  await expect(record.getByRole('list', { name: 'Timeline rows to record' }).locator(':scope > li')).toHaveCount(4);
  await expect(record).toContainText('not recorded: these bytes hold the value of the secret {{token}}');
  await expect(record.getByRole('checkbox', { name: /^\d+\. (sent|received) / })).toHaveCount(3);
  expect(await record.innerText()).not.toContain(secret);
  // Its echo would not come without it: the user leaves that out too.
  await record.getByRole('checkbox', { name: /^4\. received \d+ B binary/ }).uncheck();
  await record.getByRole('textbox', { name: 'Flow name' }).fill('With a secret');
  await record.getByRole('button', { name: 'Record flow' }).click();
  await expect(record).toBeHidden();

  const panel = page.getByRole('complementary', { name: 'Flows', exact: true });
  // connect, send, expect, close (the binary send and its echo left out)
  await expect(panel.getByRole('list', { name: 'Steps', exact: true }).locator(':scope > li')).toHaveCount(4);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).toContain('{{token}}');
  expect(stored).not.toContain(secret);
  await panel.getByRole('button', { name: /^Run( again)?$/ }).click();
  await expect(panel.getByRole('status').first()).toContainText('Passed', { timeout: 15_000 });
  expect(await page.locator('body').innerText()).not.toContain(secret);
});

test('rows picked with Shift+click become a flow that passes; Copy selected copies their payloads', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await gotoApp(page);
  await newConnectionButton(page).click();
  await urlField(page).fill(`${PLAYGROUND}/echo`);
  await openOptions(page);
  await nameField(page).fill('sel-src');
  await connectButton(page).click();
  await expect(connectionItem(page, 'sel-src')).toContainText('OPEN');
  for (const m of ['{"op":"one","n":1}', 'second words', '{"op":"three"}']) {
    await messageField(page).fill(m);
    await sendButton(page).click();
    await expect(receivedRow(page, m)).toHaveCount(1);
  }
  // The first sent message to the last received one: six rows, one range.
  await sentRow(page, '{"op":"one","n":1}').click();
  await receivedRow(page, '{"op":"three"}').click({ modifiers: ['Shift'] });
  const bar = page.getByRole('group', { name: 'Selected rows' });
  await expect(bar.getByRole('status').first()).toHaveText('6 rows selected');
  await expect(timeline(page).locator('[data-selected="true"]')).toHaveCount(6);
  // Ctrl+click takes one out and puts it back; the keyboard extends by one.
  await receivedRow(page, 'second words').click({ modifiers: ['Control'] });
  await expect(bar.getByRole('status').first()).toHaveText('5 rows selected');
  await receivedRow(page, 'second words').click({ modifiers: ['Control'] });
  await expect(bar.getByRole('status').first()).toHaveText('6 rows selected');
  await expect(timeline(page)).toHaveCount(1);

  await bar.getByRole('button', { name: 'Copy selected' }).click();
  await expect(bar.getByText('Copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(['{"op":"one","n":1}', '{"op":"one","n":1}', 'second words', 'second words', '{"op":"three"}', '{"op":"three"}'].join('\n'));

  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await bar.getByRole('button', { name: 'Record flow from selection' }).click();
  const record = page.getByRole('dialog', { name: 'Record flow from the timeline' });
  await expect(record).toBeVisible();
  const rows = record.getByRole('list', { name: 'Timeline rows to record' });
  await expect(rows.locator(':scope > li')).toHaveCount(6);
  const rowBoxes = rows.getByRole('checkbox', { name: /^\d+\. (sent|received) / });
  await expect(rowBoxes).toHaveCount(6);
  for (const box of await rowBoxes.all()) await expect(box).toBeChecked();
  await record.getByRole('textbox', { name: 'Flow name' }).fill('From selection');
  await record.getByRole('button', { name: 'Record flow' }).click();
  await expect(record).toBeHidden();
  const panel = page.getByRole('complementary', { name: 'Flows', exact: true });
  // connect, 3 × (send, expect), close
  await expect(panel.getByRole('list', { name: 'Steps', exact: true }).locator(':scope > li')).toHaveCount(8);
  await panel.getByRole('button', { name: /^Run( again)?$/ }).click();
  await expect(panel.getByRole('status').first()).toContainText('Passed', { timeout: 15_000 });

  // Escape in the timeline clears the selection.
  await connectionItem(page, 'sel-src').getByRole('button', { name: 'sel-src', exact: true }).click();
  await sentRow(page, '{"op":"one","n":1}').click();
  await timeline(page).focus();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(bar.getByRole('status').first()).toHaveText('3 rows selected');
  await page.keyboard.press('Escape');
  await expect(timeline(page).locator('[data-selected="true"]')).toHaveCount(0);
  await expect(bar.getByRole('status').first()).toHaveText('');
});
