import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import { connectOpen, connectionItem, connectionItems, eventRow, expect, gotoApp, messageField, openMenu, readyState, receivedRow, sendButton, test } from './fixtures';

/**
 * The Flows panel (issue 11) against the real playground: flows written in
 * the form, recorded from the timeline, a broken expectation, environments,
 * Stop, a bad JSON document, and axe in both themes.
 */

const panel = (page: Page): Locator => page.getByRole('complementary', { name: 'Flows', exact: true });
const steps = (page: Page): Locator => panel(page).getByRole('list', { name: 'Steps', exact: true });
const step = (page: Page, n: number): Locator => steps(page).locator(':scope > li').nth(n - 1);
const runStatus = (page: Page): Locator => panel(page).getByRole('status').first();

async function openPanel(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Flows', exact: true }).click();
  await expect(panel(page)).toBeVisible();
}

/** New flow (the playground's echo: connect, send hello, expect hello, close 1000). */
async function newFlow(page: Page, name: string): Promise<void> {
  await panel(page).getByRole('button', { name: 'New', exact: true }).click();
  await panel(page).getByRole('textbox', { name: 'Flow name', exact: true }).fill(name);
  await expect(panel(page).getByRole('list', { name: 'Saved flows' }).getByRole('button', { name, exact: true })).toHaveAttribute('aria-current', 'true');
}

async function addStep(page: Page, type: string): Promise<Locator> {
  const count = await steps(page).locator(':scope > li').count();
  await panel(page).getByRole('combobox', { name: 'Type of the step to add', exact: true }).selectOption({ label: type });
  await panel(page).getByRole('button', { name: 'Add step', exact: true }).click();
  await expect(steps(page).locator(':scope > li')).toHaveCount(count + 1);
  return step(page, count + 1);
}

async function removeLastStep(page: Page): Promise<void> {
  const count = await steps(page).locator(':scope > li').count();
  await panel(page).getByRole('button', { name: `Remove step ${count}`, exact: true }).click();
  await expect(steps(page).locator(':scope > li')).toHaveCount(count - 1);
}

async function run(page: Page): Promise<void> {
  await panel(page).getByRole('button', { name: /^Run( again)?$/ }).click();
}

async function expectRunEnds(page: Page, status: 'Passed' | 'Failed' | 'Stopped'): Promise<void> {
  await expect(runStatus(page)).toContainText(status, { timeout: 15_000 });
}

async function setMatcher(stepCard: Locator, kind: string, fields: Record<string, string>, n = 1): Promise<void> {
  const m = stepCard.getByRole('group', { name: `Matcher ${n}`, exact: true });
  await m.getByRole('combobox', { name: 'Kind', exact: true }).selectOption({ label: kind });
  for (const [label, value] of Object.entries(fields)) {
    const field = m.getByLabel(label, { exact: true });
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption({ label: value });
    else await field.fill(value);
  }
}

test('a flow written in the form passes: echo with a capture reused in the next message', async ({ page }) => {
  await gotoApp(page);
  await openPanel(page);
  await newFlow(page, 'Echo capture');
  await panel(page).getByRole('textbox', { name: 'Connection URL', exact: true }).fill(`${PLAYGROUND}/echo`);
  // Step 2: send JSON with an id; step 3 expects its op and captures the id.
  await step(page, 2).getByRole('textbox', { name: 'Message to send', exact: true }).fill('{"op":"hi","id":"abc123"}');
  await setMatcher(step(page, 3), 'JSON path', { 'JSON path': '$.op', 'Equals (JSON value)': '"hi"' });
  await step(page, 3).getByRole('button', { name: '+ Capture' }).click();
  const capture = step(page, 3).getByRole('group', { name: 'Capture 1' });
  await capture.getByRole('textbox', { name: 'Variable', exact: true }).fill('id');
  await capture.getByRole('textbox', { name: 'JSON path', exact: true }).fill('$.id');
  // Step 4 (close) out; the captured id goes back in a new message, expected echoed.
  await removeLastStep(page);
  const send = await addStep(page, 'Send');
  await send.getByRole('textbox', { name: 'Message to send', exact: true }).fill('again {{id}}');
  const expectAgain = await addStep(page, 'Expect a message');
  await setMatcher(expectAgain, 'equals', { Text: 'again abc123' });
  const close = await addStep(page, 'Close');
  await close.getByRole('textbox', { name: 'Code', exact: true }).fill('4000');

  await run(page);
  await expectRunEnds(page, 'Passed');
  await expect(runStatus(page)).toContainText('6 passed, 0 failed');
  for (let n = 1; n <= 6; n++) await expect(step(page, n)).toContainText('passed');
  // The run's connection is in the connection list; its timeline holds the sent reuse and a pass row per step.
  const item = connectionItem(page, 'Echo capture · main');
  await expect(item).toBeVisible();
  await item.getByRole('button').first().click();
  await expect(eventRow(page, /sent/, /again abc123/).filter({ hasNotText: 'flow "' })).toHaveCount(1);
  await expect(eventRow(page, /flow "Echo capture" step 4 Send: passed/)).toHaveCount(1);
});

test('a flow between two connections on /chat passes, and the ticker is expected within a time', async ({ page }) => {
  await gotoApp(page);
  await openPanel(page);
  await panel(page).getByRole('button', { name: 'New', exact: true }).click();
  const room = `flows-${Date.now()}`;
  const doc = {
    version: 'sockpit-flow/1',
    name: 'Chat and ticker',
    variables: { room },
    connections: [
      { name: 'alice', url: `${PLAYGROUND}/chat?room={{room}}` },
      { name: 'bob', url: `${PLAYGROUND}/chat?room={{room}}` },
      { name: 'ticker', url: `${PLAYGROUND}/ticker?rate=20` },
      { name: 'closer', url: `${PLAYGROUND}/close?code=4001&reason=bye` },
    ],
    steps: [
      { type: 'connect', connection: 'alice' },
      { type: 'connect', connection: 'bob' },
      { type: 'send', connection: 'alice', payload: { text: '{"from":"alice","text":"hello bob"}' } },
      { type: 'expect', connection: 'bob', match: [{ path: '$.from', equals: 'alice' }], timeoutMs: 2000 },
      { type: 'send', connection: 'bob', payload: { text: 'hi alice' } },
      { type: 'expect', connection: 'alice', match: [{ equals: 'hi alice' }], timeoutMs: 2000 },
      { type: 'connect', connection: 'ticker' },
      { type: 'repeat', times: 3, counter: 'i', steps: [{ type: 'expect', connection: 'ticker', match: [{ path: '$.type', equals: 'tick' }], timeoutMs: 1000 }] },
      { type: 'close', connection: 'ticker', code: 1000 },
      { type: 'close', connection: 'alice', code: 1000 },
      { type: 'close', connection: 'bob', code: 1000 },
      { type: 'connect', connection: 'closer' },
      { type: 'expectClose', connection: 'closer', code: 4001, reason: 'bye', wasClean: true, timeoutMs: 2000 },
    ],
  };
  await panel(page).getByRole('radio', { name: 'JSON', exact: true }).check();
  await panel(page).getByRole('textbox', { name: 'Flow JSON', exact: true }).fill(JSON.stringify(doc, null, 2));
  // The form shows the same document.
  await panel(page).getByRole('radio', { name: 'Form', exact: true }).check();
  await expect(steps(page).locator(':scope > li')).toHaveCount(13);
  await expect(panel(page).getByRole('list', { name: 'Steps of step 8' }).locator(':scope > li')).toHaveCount(1);
  await run(page);
  await expectRunEnds(page, 'Passed');
  // The repeat reported each iteration.
  const progress = panel(page).getByRole('list', { name: 'Run progress' });
  await expect(progress.getByText(/iteration 3/)).toHaveCount(1);
  await expect(connectionItems(page).filter({ hasText: 'Chat and ticker · ' })).toHaveCount(4);
  await expect(connectionItem(page, 'Chat and ticker · closer')).toContainText('4001');
});

test('a flow recorded from the timeline passes', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, `${PLAYGROUND}/echo`, { name: 'rec-src' });
  await messageField(page).fill('{"type":"ping","n":1,"time":"2026-01-01"}');
  await sendButton(page).click();
  await expect(receivedRow(page, /"type":"ping"/)).toHaveCount(1);
  await messageField(page).fill('plain words');
  await sendButton(page).click();
  await expect(receivedRow(page, /plain words/)).toHaveCount(1);
  // Select a row in the timeline: it comes ticked in the Record dialog.
  await receivedRow(page, /"type":"ping"/).click();

  await openPanel(page);
  await panel(page).getByRole('button', { name: 'Record…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record flow from the timeline' });
  await expect(dialog).toBeVisible();
  const rows = dialog.getByRole('list', { name: 'Timeline rows to record' });
  await expect(rows.getByRole('checkbox', { name: /received \{"type":"ping"/ })).toBeChecked();
  await rows.getByRole('checkbox', { name: /sent \{"type":"ping"/ }).check();
  await rows.getByRole('checkbox', { name: /sent plain words/ }).check();
  await rows.getByRole('checkbox', { name: /received plain words/ }).check();
  // The keys proposed: the scalars, but not the time-like one.
  await expect(dialog.getByRole('checkbox', { name: '$.type = "ping"' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: '$.n = 1' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: '$.time = "2026-01-01"' })).not.toBeChecked();
  await dialog.getByRole('checkbox', { name: '$.n = 1' }).uncheck();
  await dialog.getByRole('radio', { name: 'contain it' }).check();
  await dialog.getByRole('textbox', { name: 'Flow name' }).fill('Recorded echo');
  await dialog.getByRole('button', { name: 'Record flow' }).click();
  await expect(dialog).toBeHidden();

  // connect, send, expect $.type, send, expect contains, close
  await expect(steps(page).locator(':scope > li')).toHaveCount(6);
  await panel(page).getByRole('radio', { name: 'JSON', exact: true }).check();
  const json = panel(page).getByRole('textbox', { name: 'Flow JSON', exact: true });
  await expect(json).toHaveValue(new RegExp(`"url": "${PLAYGROUND}/echo"`));
  await expect(json).toHaveValue(/"path": "\$\.type",\s*"equals": "ping"/);
  await expect(json).not.toHaveValue(/"\$\.n"/);
  await expect(json).toHaveValue(/"contains": "plain words"/);
  await run(page);
  await expectRunEnds(page, 'Passed');
});

test('a broken expectation fails with what was expected, the closest message and the difference; a click on its row shows the step', async ({ page }) => {
  await gotoApp(page);
  await openPanel(page);
  await newFlow(page, 'Broken');
  await panel(page).getByRole('textbox', { name: 'Connection URL', exact: true }).fill(`${PLAYGROUND}/echo`);
  await step(page, 2).getByRole('textbox', { name: 'Message to send', exact: true }).fill('{"status":"ok","count":3}');
  await setMatcher(step(page, 3), 'JSON path', { 'JSON path': '$.count', 'Equals (JSON value)': '4' });
  await step(page, 3).getByRole('textbox', { name: 'Within (ms)', exact: true }).fill('800');
  await run(page);
  await expectRunEnds(page, 'Failed');
  const result = step(page, 3).getByRole('group', { name: 'Step result' });
  await expect(step(page, 3)).toContainText('failed');
  await expect(result.getByText('Expected', { exact: true })).toBeVisible();
  await expect(result).toContainText('{"status":"ok","count":3}');
  await expect(result.getByText('Difference', { exact: true })).toBeVisible();
  await expect(result).toContainText(/4/);

  // The failure row on the timeline is linked to the step.
  await connectionItem(page, 'Broken · main').getByRole('button').first().click();
  const row = eventRow(page, /flow "Broken" step 3 Expect a message: failed/);
  await expect(row).toHaveCount(1);
  await panel(page).getByRole('button', { name: 'New', exact: true }).click();
  await expect(steps(page)).toBeVisible();
  await row.click();
  await expect(panel(page).getByRole('list', { name: 'Saved flows' }).getByRole('button', { name: /^Broken/ })).toHaveAttribute('aria-current', 'true');
  await expect(step(page, 3)).toHaveAttribute('aria-current', 'step');
});

test('environments switch the URL a flow connects to; secret values are masked', async ({ page }) => {
  await gotoApp(page);
  await openPanel(page);
  await newFlow(page, 'Env flow');
  await panel(page).getByRole('textbox', { name: 'Connection URL', exact: true }).fill('{{base}}/{{route}}');
  // Without an environment {{base}} is unknown: Run is off and the field says why.
  await expect(panel(page).getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(panel(page)).toContainText(/unknown variable "base"/);

  await panel(page).getByRole('button', { name: 'Environments…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Environments' });
  await dialog.getByRole('button', { name: '+ Environment' }).click();
  await dialog.getByRole('textbox', { name: 'Variable 1 value' }).fill(PLAYGROUND);
  await dialog.getByRole('button', { name: '+ Variable' }).click();
  await dialog.getByRole('textbox', { name: 'Variable 2 name' }).fill('route');
  await dialog.getByRole('textbox', { name: 'Variable 2 value' }).fill('echo');
  await dialog.getByRole('button', { name: '+ Variable' }).click();
  await dialog.getByRole('textbox', { name: 'Variable 3 name' }).fill('token');
  await dialog.getByRole('checkbox', { name: 'Secret' }).nth(2).check();
  const secret = dialog.getByLabel('Variable 3 value', { exact: true });
  await expect(secret).toHaveAttribute('type', 'password');
  await secret.fill('s3cret-value');
  await dialog.getByRole('button', { name: 'Reveal Variable 3 value' }).click();
  await expect(secret).toHaveAttribute('type', 'text');
  await dialog.getByRole('button', { name: '+ Environment' }).click();
  await dialog.getByRole('textbox', { name: 'Variable 1 value' }).fill(PLAYGROUND);
  await dialog.getByRole('button', { name: '+ Variable' }).click();
  await dialog.getByRole('textbox', { name: 'Variable 2 name' }).fill('route');
  await dialog.getByRole('textbox', { name: 'Variable 2 value' }).fill('echo-deflate');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const env = panel(page).getByRole('combobox', { name: 'Environment', exact: true });
  await env.selectOption('local');
  await run(page);
  await expectRunEnds(page, 'Passed');
  await expect(connectionItem(page, 'Env flow · main')).toContainText('/echo');
  await env.selectOption('staging');
  await run(page);
  await expectRunEnds(page, 'Passed');
  await expect(connectionItems(page).filter({ hasText: 'Env flow · main' }).filter({ hasText: '/echo-deflate' })).toHaveCount(1);
  // The JSON view never shows the secret value; the export keeps its name and leaves the value out.
  await panel(page).getByRole('radio', { name: 'JSON', exact: true }).check();
  await expect(panel(page).getByRole('textbox', { name: 'Flow JSON', exact: true })).toHaveValue(/"token": \{\s*"value": "",\s*"secret": true/);
  await expect(panel(page).getByRole('textbox', { name: 'Flow JSON', exact: true })).not.toHaveValue(/s3cret-value/);
  const download = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('env-flow.sockpit-flow.json');
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text).toContain('"token"');
  expect(text).not.toContain('s3cret-value');
});

test('Stop ends the run: its sockets close and no more steps run', async ({ page }) => {
  await gotoApp(page);
  await openPanel(page);
  await panel(page).getByRole('button', { name: 'New', exact: true }).click();
  const doc = {
    version: 'sockpit-flow/1',
    name: 'Long ticker',
    connections: [{ name: 'ticker', url: `${PLAYGROUND}/ticker?rate=5` }],
    steps: [
      { type: 'connect' },
      { type: 'repeat', times: 1000, steps: [{ type: 'expect', match: [{ path: '$.type', equals: 'tick' }], timeoutMs: 2000 }] },
      { type: 'send', payload: { text: 'never sent' } },
    ],
  };
  await panel(page).getByRole('radio', { name: 'JSON', exact: true }).check();
  await panel(page).getByRole('textbox', { name: 'Flow JSON', exact: true }).fill(JSON.stringify(doc));
  await run(page);
  const progress = panel(page).getByRole('list', { name: 'Run progress' });
  await expect(progress.getByText(/iteration 3\b/)).toHaveCount(1);
  await panel(page).getByRole('button', { name: 'Stop', exact: true }).click();
  await expectRunEnds(page, 'Stopped');
  const item = connectionItem(page, 'Long ticker · ticker');
  await expect(item).toContainText(readyState('CLOSED'));
  // The step after the repeat never ran.
  await panel(page).getByRole('radio', { name: 'Form', exact: true }).check();
  await expect(step(page, 3)).not.toContainText('passed');
  await item.getByRole('button').first().click();
  await expect(eventRow(page, /never sent/)).toHaveCount(0);
});

test('bad JSON in the JSON view shows the error next to it, keeps the text, and turns Run off', async ({ page }) => {
  await gotoApp(page);
  await openPanel(page);
  await newFlow(page, 'Bad json');
  await panel(page).getByRole('radio', { name: 'JSON', exact: true }).check();
  const json = panel(page).getByRole('textbox', { name: 'Flow JSON', exact: true });
  const broken = '{\n  "version": "sockpit-flow/1",\n  "name": "Bad json",\n  "connections": [}\n';
  await json.fill(broken);
  await expect(json).toHaveAttribute('aria-invalid', 'true');
  await expect(json).toHaveAccessibleDescription(/not JSON: .* at line 4, column 19/);
  await expect(panel(page).getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  // A flow that is JSON but wrong: the issue names the step and field.
  await json.fill(JSON.stringify({ version: 'sockpit-flow/1', name: 'Bad json', connections: [{ name: 'main', url: `${PLAYGROUND}/echo` }], steps: [{ type: 'expect', match: [{ regex: '(' }] }] }));
  await expect(json).toHaveAccessibleDescription(/step 1 \(expect\), match\[0\]\.regex: the regular expression \/\(\/ does not compile/);
  await panel(page).getByRole('radio', { name: 'Form', exact: true }).check();
  await expect(step(page, 1).getByRole('group', { name: 'Matcher 1' })).toContainText(/does not compile/);
  await panel(page).getByRole('radio', { name: 'JSON', exact: true }).check();
  // Reload: the text the user typed is kept.
  await json.fill(broken);
  await page.reload();
  await expect(panel(page)).toBeVisible();
  await panel(page).getByRole('radio', { name: 'JSON', exact: true }).check();
  await expect(panel(page).getByRole('textbox', { name: 'Flow JSON', exact: true })).toHaveValue(broken);
});

async function useTheme(page: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await openMenu(page, 'View');
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: theme, exact: true }).check();
  await expect(page.locator('html')).toHaveClass(new RegExp(`theme-${theme.toLowerCase()}`));
  await page.keyboard.press('Escape');
}

for (const theme of ['Dark', 'Light'] as const) {
  test(`the Flows panel is axe clean (${theme})`, async ({ page }) => {
    await gotoApp(page);
    await useTheme(page, theme);
    await openPanel(page);
    await newFlow(page, `a11y ${theme}`);
    await panel(page).getByRole('textbox', { name: 'Connection URL', exact: true }).fill(`${PLAYGROUND}/echo`);
    await setMatcher(step(page, 3), 'equals', { Text: 'not hello' });
    await step(page, 3).getByRole('textbox', { name: 'Within (ms)', exact: true }).fill('300');
    await run(page);
    await expectRunEnds(page, 'Failed');
    const results = await new AxeBuilder({ page }).include('aside[aria-label="Flows"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`)).toEqual([]);
  });
}

test('virtual users run the flow at once: each user passes, with the spread of their times', async ({ page }) => {
  await gotoApp(page);
  await openPanel(page);
  await newFlow(page, 'Users');
  await panel(page).getByRole('textbox', { name: 'Connection URL', exact: true }).fill(`${PLAYGROUND}/echo`);
  // Each user sends its own number and expects it back.
  await step(page, 2).getByRole('textbox', { name: 'Message to send', exact: true }).fill('user {{user}}');
  await setMatcher(step(page, 3), 'matches regex', { Regex: '^user \\d+$' });
  await panel(page).getByText('Virtual users', { exact: true }).click();
  await panel(page).getByRole('textbox', { name: 'Users (1–50)' }).fill('51');
  await expect(panel(page).getByRole('textbox', { name: 'Users (1–50)' })).toHaveAccessibleDescription('From 1 to 50; got 51');
  await expect(panel(page).getByRole('button', { name: /^Run \d* ?users$/ })).toBeDisabled();
  await panel(page).getByRole('textbox', { name: 'Users (1–50)' }).fill('8');
  await panel(page).getByRole('button', { name: 'Run 8 users' }).click();
  const table = panel(page).getByRole('table', { name: 'Virtual users' });
  await expect(table.getByRole('row')).toHaveCount(9, { timeout: 15_000 });
  await expect(table.getByRole('cell', { name: 'passed' })).toHaveCount(8);
  await expect(panel(page)).toContainText(/8 of 8 users passed · flow time min \d+ ms, median \d+ ms, p95 \d+ ms, max \d+ ms/);
  // The users' sockets stay out of the connection list.
  await expect(connectionItems(page)).toHaveCount(0);
});

test('the command palette opens the panel and Record from the timeline', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, `${PLAYGROUND}/echo`, { name: 'palette-rec' });
  await messageField(page).fill('hello');
  await sendButton(page).click();
  await expect(receivedRow(page, /hello/)).toHaveCount(1);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Commands' });
  await palette.getByRole('combobox').fill('record flow');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Record flow from the timeline' });
  await expect(dialog).toBeVisible();
  await expect(panel(page)).toBeVisible();
  await dialog.getByRole('button', { name: 'Tick all' }).click();
  await dialog.getByRole('button', { name: 'Record flow' }).click();
  await expect(dialog).toBeHidden();
  await expect(steps(page).locator(':scope > li')).toHaveCount(4);
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox').fill('flows: hide');
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeHidden();
});

test('a flow file with scripts: they stay off until read and enabled, then compute and a script check run in the sandbox and pass', async ({ page }) => {
  await gotoApp(page);
  await openPanel(page);
  const flow = {
    version: 'sockpit-flow/1',
    name: 'Sum from a file',
    variables: { n: '21' },
    connections: [{ name: 'main', url: `${PLAYGROUND}/echo` }],
    scripts: [
      {
        name: 'maths',
        source: "function compute(vars) { return { doubled: Number(vars.n) * 2 }; }\nfunction check(m, vars) { const o = JSON.parse(m.text); return o.sum === Number(vars.doubled) || 'sum is ' + o.sum; }",
      },
    ],
    steps: [
      { type: 'compute', script: 'maths' },
      { type: 'connect' },
      { type: 'send', payload: { text: '{"sum":{{doubled}}}' } },
      { type: 'expect', match: [{ script: 'maths' }] },
      { type: 'close' },
    ],
  };
  await panel(page).getByLabel('Flow file to import').setInputFiles({ name: 'sum.sockpit-flow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(flow)) });
  const review = panel(page).getByRole('region', { name: 'Scripts to review' });
  await expect(review).toContainText('carries a script (maths)');
  // Read as text, never run: the source is shown as it is.
  await review.getByText('Read script maths').click();
  await expect(review).toContainText('function compute(vars)');

  await run(page);
  await expect(panel(page).getByRole('alert')).toContainText('This flow came from a file with a script: read it and enable it');
  await expect(connectionItems(page)).toHaveCount(0);
  // Nothing ran, so there is nothing to run again.
  await expect(panel(page).getByRole('button', { name: 'Run', exact: true })).toBeEnabled();

  await review.getByRole('button', { name: 'I have read it: enable', exact: true }).click();
  await expect(review).toHaveCount(0);
  await run(page);
  await expectRunEnds(page, 'Passed');
  await expect(runStatus(page)).toContainText('5 passed, 0 failed');
  await connectionItem(page, 'Sum from a file · main').getByRole('button').first().click();
  await expect(eventRow(page, /sent/, /\{"sum":42\}/).filter({ hasNotText: 'flow "' })).toHaveCount(1);
});
