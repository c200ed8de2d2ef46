import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import { connectOpen, eventRows, expect, gotoApp, openMenu, openOptions, receivedRow, sendText, sentRow, test } from './fixtures';
import { closeOptions, decodeAsSelect, decoded, filterBy, LENS_VIEWPORT, toolsTab, uniqueId } from './lens-helpers';

/**
 * User scripts (docs/user-code.md): a custom lens written in the Scripts
 * panel for the playground's length-prefixed /lp route, tested on a row and
 * on sample input, decoding the timeline, searched by a decoded field, and
 * composing through its encode to the server's ack; every hostile script of
 * issue 13 stopped with its error while the app keeps working; an imported
 * workspace's script disabled until the user enables it.
 */

test.use({ viewport: LENS_VIEWPORT });

/** A custom lens for /lp as a user types it: records [u16 length][u8 type][payload]. */
const LP_LENS = `function decode(frame, state) {
  if (frame.format !== 'binary') return null;
  const b = frame.bytes;
  const out = [];
  for (let at = 0; at < b.length; ) {
    const len = (b[at] << 8) | b[at + 1];
    if (len < 1 || at + 2 + len > b.length) throw new Error('bad length ' + len + ' at byte ' + at);
    const type = b[at + 2];
    const p = b.subarray(at + 3, at + 2 + len);
    const v = new DataView(p.buffer, p.byteOffset, p.length);
    if (type === 1) out.push({ type: 'hello', summary: 'hello ' + utf8.decode(p), fields: { name: utf8.decode(p) } });
    else if (type === 2) out.push({ type: 'reading', summary: 'reading ' + v.getUint32(0) + ' = ' + v.getFloat32(4), fields: { id: v.getUint32(0), value: v.getFloat32(4) }, correlation: { key: v.getUint32(0), role: 'request' } });
    else if (type === 3) out.push({ type: 'ack', summary: 'ack ' + v.getUint32(0), fields: { id: v.getUint32(0) }, correlation: { key: v.getUint32(0), role: 'reply' } });
    else out.push({ type: 'error', summary: 'error ' + utf8.decode(p), fields: { text: utf8.decode(p) } });
    at += 2 + len;
  }
  return out;
}

function encode(value) {
  const out = new Uint8Array(11);
  const v = new DataView(out.buffer);
  v.setUint16(0, 9);
  out[2] = 2;
  v.setUint32(3, value.id);
  v.setFloat32(7, value.value);
  return out;
}
`;

const panel = (page: Page): Locator => page.getByRole('complementary', { name: 'Scripts', exact: true });
const source = (page: Page): Locator => panel(page).getByRole('textbox', { name: 'Source', exact: true });
const testOutput = (page: Page): Locator => panel(page).getByRole('region', { name: 'Test output', exact: true });
const status = (page: Page): Locator => panel(page).locator('[id$="-status"]');

async function openScripts(page: Page): Promise<void> {
  const toggle = page.getByRole('banner').getByRole('button', { name: /^Scripts/ });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await expect(panel(page)).toBeVisible();
}

/** New script, named, with `text` as its source; waits until the sandbox has checked it. */
async function newScript(page: Page, name: string, text: string): Promise<void> {
  await openScripts(page);
  await panel(page).getByRole('button', { name: 'New', exact: true }).click();
  const nameField = panel(page).getByRole('textbox', { name: 'Script name', exact: true });
  await nameField.fill(name);
  await nameField.press('Enter');
  await expect(panel(page).getByRole('list', { name: 'Your scripts' }).getByRole('button', { name: new RegExp(`^${name}`) })).toHaveAttribute('aria-current', 'true');
  await source(page).fill(text);
  await expect(status(page)).not.toHaveText(/Checking/);
}

/** Checks a radio inside `scope` from the keyboard (the segmented controls hide the native input). */
async function radioIn(scope: Locator, page: Page, name: string): Promise<void> {
  const radio = scope.getByRole('radio', { name, exact: true });
  await radio.focus();
  await page.keyboard.press('Space');
  await expect(radio).toBeChecked();
}

async function testOnSample(page: Page, format: 'Text' | 'Hex', input: string): Promise<void> {
  await radioIn(panel(page), page, 'Sample input');
  await radioIn(panel(page), page, format);
  await panel(page).getByRole('textbox', { name: /^Sample input/ }).fill(input);
  await panel(page).getByRole('button', { name: 'Test', exact: true }).click();
  await expect(panel(page).getByRole('button', { name: 'Test', exact: true })).toBeEnabled();
}

test('a custom lens for /lp: written in the panel, tested on a row, decoding the timeline, searched, and composing bytes the server accepts', async ({ page }) => {
  await gotoApp(page);
  const name = `lp-${uniqueId()}`;
  await connectOpen(page, `${PLAYGROUND}/lp`, { name });
  // No built-in lens reads it: three raw binary frames.
  await expect(receivedRow(page, /binary/)).toHaveCount(3);

  await newScript(page, 'LP records', LP_LENS);
  await expect(status(page)).toHaveText('Defines decode, encode.');
  await panel(page).getByRole('checkbox', { name: 'Enabled', exact: true }).check();

  // Test on the selected row: the hello frame.
  await receivedRow(page, /binary/).first().click();
  await panel(page).getByRole('button', { name: 'Test', exact: true }).click();
  await expect(testOutput(page)).toContainText('hello sockpit-lp');
  await expect(testOutput(page)).toContainText('name: "sockpit-lp"');

  // Test on sample input: two records in one frame, the second an ack.
  await testOnSample(page, 'Hex', '00 09 02 00 00 00 07 41 ac 00 00 00 05 03 00 00 00 07');
  await expect(testOutput(page)).toContainText('reading 7 = 21.5');
  await expect(testOutput(page)).toContainText('ack 7');
  await expect(testOutput(page)).toContainText('pairs as reply script:7');

  // A mistake shows at its line, in the editor and under it.
  await source(page).fill(LP_LENS.replace("const out = [];", "const out = [;"));
  await expect(status(page)).toHaveText(/^Line 4, column \d+: /);
  await expect(panel(page).locator('.cm-lintRange-error')).toHaveCount(1);
  await source(page).fill(LP_LENS);
  await expect(status(page)).toHaveText('Defines decode, encode.');

  // Decode as the script: the rows show its summaries.
  await openOptions(page);
  await decodeAsSelect(page).selectOption({ label: 'Script: LP records' });
  await closeOptions(page);
  await expect(receivedRow(page, decoded('LP records', 'hello sockpit-lp'))).toHaveCount(1);
  await expect(receivedRow(page, /reading 1 = 21\.5.*reading 2 = -3\.25/)).toHaveCount(1);
  await expect(receivedRow(page, decoded('LP records', 'reading 3 = 1013.25'))).toHaveCount(1);

  // Search a decoded field.
  await filterBy(page, 'id:3', 1);
  await expect(eventRows(page)).toContainText('reading 3 = 1013.25');
  await filterBy(page, 'value:-3.25', 1);
  await page.getByRole('searchbox', { name: 'Filter', exact: true }).fill('');

  // Compose through encode: the exact bytes first, then the server's ack.
  await toolsTab(page, 'LP records').click();
  const value = page.getByRole('textbox', { name: 'Value for LP records’s encode (JSON)' });
  await value.fill('{ "id": 42, "value": 1.5 ');
  await expect(value).toHaveAccessibleDescription(/^Not JSON/);
  await value.fill('{ "id": 42, "value": 1.5 }');
  const encoded = page.getByRole('region', { name: 'Encoded message' });
  await expect(encoded).toContainText('Binary, 11 B');
  await expect(encoded).toContainText('00 09 02 00 00 00 2a 3f c0 00 00');
  await page.getByRole('tabpanel').getByRole('button', { name: 'Send', exact: true }).click();
  await expect(sentRow(page, decoded('LP records', 'reading 42 = 1.5'))).toHaveCount(1);
  await expect(receivedRow(page, decoded('LP records', 'ack 42'))).toHaveCount(1);
});

test('the gallery’s length-prefixed example decodes /lp and generates repeats with next()', async ({ page }) => {
  await gotoApp(page);
  await connectOpen(page, `${PLAYGROUND}/lp`, { name: `lp-gallery-${uniqueId()}` });
  await openScripts(page);
  await panel(page).getByRole('button', { name: /^Gallery/ }).click();
  await page.getByRole('button', { name: /^Length-prefixed envelope/ }).click();
  await expect(status(page)).toHaveText('Defines decode, encode, next.');
  await testOnSample(page, 'Hex', '00 05 03 00 00 00 09');
  await expect(testOutput(page)).toContainText('ack #9');
  await panel(page).getByRole('checkbox', { name: 'Enabled', exact: true }).check();

  // Repeat with the script's next(i): three readings, each acked by the server.
  await toolsTab(page, 'Repeat').click();
  await radioIn(page.getByRole('form', { name: 'Repeat a message' }), page, 'Script');
  await page.getByRole('textbox', { name: 'Every (ms)', exact: true }).fill('50');
  await page.getByRole('textbox', { name: 'Times', exact: true }).fill('3');
  await page.getByRole('button', { name: 'Start repeat', exact: true }).click();
  await expect(eventRows(page).filter({ hasText: 'repeat done: 3 sent' })).toHaveCount(1);
  await expect(sentRow(page, /binary/)).toHaveCount(3);
  // Each ack frame from /lp: 7 bytes.
  await expect(receivedRow(page, /binary/).filter({ hasText: /(?<![\d.,])7 B/ })).toHaveCount(3);
});

type Hostile = { name: string; source: string; expected: RegExp };

const HOSTILE: Hostile[] = [
  { name: 'an endless loop', source: 'function decode(f) { while (true) {} }', expected: /Stopped: Line 1, column \d+: the call ran longer than 50 ms/ },
  // In the page's Worker these two may take the engine down with them: the sandbox restarts it and says so.
  { name: 'allocation until the memory limit', source: 'function decode(f) { const a = []; while (true) a.push(new Array(100000).fill(1)); }', expected: /ran out of memory \(the limit is 64 MB\)|stopped answering and was restarted/ },
  { name: 'deep recursion', source: 'function decode(f) { function r(n) { return r(n + 1) + 1; } return r(0); }', expected: /stack overflow|Maximum call stack size exceeded\); it is being restarted/ },
  {
    name: 'a route to the global through constructors',
    source: 'function decode(f) { const g = this.constructor.constructor("return this")(); return { type: "probe", summary: "seen: " + [typeof g.fetch, typeof g.document, typeof g.localStorage, typeof g.window].join(",") }; }',
    expected: /seen: undefined,undefined,undefined,undefined/,
  },
  {
    name: 'the page’s APIs',
    source: 'function decode(f) { return { type: "probe", summary: "seen: " + [typeof fetch, typeof XMLHttpRequest, typeof importScripts, typeof postMessage, typeof WebSocket, typeof localStorage].join(",") }; }',
    expected: /seen: undefined,undefined,undefined,undefined,undefined,undefined/,
  },
  { name: 'a wrong type', source: 'function decode(f) { return 5; }', expected: /decode\(\) must be an object \{ type, summary, fields \}, got a number \(5\)/ },
  { name: 'a cyclic object', source: 'function decode(f) { const o = { type: "x", summary: "y" }; o.fields = { self: o }; return o; }', expected: /a cyclic object is not data/ },
  { name: 'a 100 MB string', source: 'function decode(f) { return { type: "big", summary: "x".repeat(100 * 1024 * 1024) }; }', expected: /ran out of memory/ },
  { name: 'a function', source: 'function decode(f) { return { type: "x", summary: "y", fields: { f: function () {} } }; }', expected: /decode\(\)\.fields\.f is a function, which is not data/ },
  { name: 'a Promise that never settles', source: 'function decode(f) { return new Promise(() => {}); }', expected: /decode\(\) is a Promise/ },
  { name: 'throwing a non-Error', source: 'function decode(f) { throw 42; }', expected: /threw a non-Error value: 42/ },
  {
    name: 'reading another connection or a secret from the environment',
    source: 'function decode(f) { return { type: "probe", summary: "seen: " + [typeof process, typeof require, typeof self, typeof sockpit, typeof document, typeof indexedDB].join(",") }; }',
    expected: /seen: undefined,undefined,undefined,undefined,undefined,undefined/,
  },
];

for (const h of HOSTILE) {
  test(`a hostile script is stopped with its error and the app keeps working: ${h.name}`, async ({ page }) => {
    await gotoApp(page);
    await newScript(page, 'Hostile', h.source);
    await testOnSample(page, 'Text', 'x');
    await expect(testOutput(page)).toContainText(h.expected);
    // The sandbox answers the next script at once, and the page is untouched.
    await source(page).fill('function decode(f) { return { type: "ok", summary: "fine after: " + f.text }; }');
    await expect(status(page)).toHaveText('Defines decode.');
    await panel(page).getByRole('button', { name: 'Test', exact: true }).click();
    await expect(testOutput(page)).toContainText('fine after: x');
    await openMenu(page, 'File');
    await expect(page.getByRole('button', { name: 'Workspace…', exact: true })).toBeVisible();
  });
}

test('a script that searches everything it can reach for another connection’s data or an environment’s secret finds nothing', async ({ page }) => {
  await gotoApp(page);
  const id = uniqueId();
  // A secret in the chosen environment (Env ▾ → Edit environments…).
  await page.getByRole('banner').getByRole('button', { name: /^Environment: / }).click();
  await page.getByRole('button', { name: 'Edit environments…' }).click();
  const envs = page.getByRole('dialog', { name: 'Environments' });
  await envs.getByRole('button', { name: '+ Environment' }).click();
  await envs.getByRole('textbox', { name: 'Environment name' }).fill('vault');
  await envs.getByRole('textbox', { name: 'Variable 1 name' }).fill('apiKey');
  await envs.getByRole('group', { name: 'Variable 1', exact: true }).getByRole('checkbox', { name: 'Secret' }).check();
  await envs.getByLabel('Variable 1 value', { exact: true }).fill(`envsecret-${id}`);
  await envs.getByRole('button', { name: 'Save' }).click();
  await expect(envs).toBeHidden();
  if (await page.getByRole('group', { name: 'Environment', exact: true }).isHidden()) await page.getByRole('banner').getByRole('button', { name: /^Environment: / }).click();
  await page.getByRole('group', { name: 'Environment', exact: true }).getByRole('radio', { name: 'vault', exact: true }).check();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('banner').getByRole('button', { name: /^Environment: / })).toHaveAccessibleName('Environment: vault');
  // Another connection's traffic, in this page: a token sent to and echoed by the playground.
  await connectOpen(page, `${PLAYGROUND}/echo`, { name: `other-${id}` });
  await sendText(page, `token-${id}`);
  await expect(receivedRow(page, `token-${id}`)).toHaveCount(1);
  // The script walks every property reachable from its global (getters included) and looks for the token and the secret.
  // The token and the secret are built at run time, so the script's own source never holds them whole.
  const probe = `function decode(f) {
  const needles = [["token", "${id}"].join("-"), ["envsecret", "${id}"].join("-")];
  const seen = new Set();
  let visited = 0;
  let hit = "";
  function walk(o, path, depth) {
    if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o) || depth > 4 || visited > 1500) return;
    seen.add(o);
    for (const k of Object.getOwnPropertyNames(o)) {
      visited++;
      let v;
      try { v = o[k]; } catch (e) { continue; }
      if (typeof v === "string" && needles.some((n) => v.includes(n))) hit = path + "." + k;
      walk(v, path + "." + k, depth + 1);
    }
  }
  walk(globalThis, "globalThis", 0);
  return { type: "probe", summary: "found: " + (hit || "nothing") + " in " + visited + " properties" };
}`;
  // The walk is what is tested, not the time limit: at the default 50 ms per call a loaded 2-core
  // machine stops it part way (CI saw "the call ran longer than 50 ms"). Settings allows up to 10 s.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('textbox', { name: 'Time per message (ms)', exact: true }).fill('2000');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings).toBeHidden();
  await newScript(page, 'Snoop', probe);
  await testOnSample(page, 'Text', 'x');
  await expect(testOutput(page)).toContainText(/found: nothing in \d+ properties/);
  // It did walk the engine's global (its built-ins at least), so "nothing" is not an empty search.
  const walked = Number(/found: nothing in (\d+) properties/.exec(await testOutput(page).innerText())?.[1] ?? 0);
  expect(walked).toBeGreaterThan(100);
  // A control: the same walk finds the secret's text when the script itself puts it on its global.
  await source(page).fill(probe.replace('walk(globalThis, "globalThis", 0);', 'globalThis.mine = needles[1];\n  walk(globalThis, "globalThis", 0);'));
  await expect(status(page)).toHaveText('Defines decode.');
  await panel(page).getByRole('button', { name: 'Test', exact: true }).click();
  await expect(testOutput(page)).toContainText('found: globalThis.mine in');
});

test('a long string is cut with a note', async ({ page }) => {
  await gotoApp(page);
  await newScript(page, 'Long', 'function decode(f) { return { type: "long", summary: "x".repeat(2 * 1024 * 1024) }; }');
  await testOnSample(page, 'Text', 'x');
  await expect(panel(page).getByRole('list', { name: 'Notes from the script' })).toContainText(/cut/);
});

test('an imported workspace’s script stays disabled until the user reads and enables it', async ({ page }) => {
  await gotoApp(page);
  const file = {
    format: 'sockpit',
    version: 1,
    exportedAt: '2026-12-01T00:00:00.000Z',
    generator: 'Sockpit 0.1.0',
    scope: 'workspace',
    redacted: true,
    connections: [],
    templates: [],
    // The file says enabled: the import does not believe it.
    scripts: [{ id: 'imported-lp', name: 'Imported LP', source: LP_LENS, enabled: true }],
  };
  await openMenu(page, 'File');
  await page.getByRole('button', { name: 'Workspace…', exact: true }).click();
  const ws = page.getByRole('dialog', { name: 'Workspace' });
  await ws.getByRole('button', { name: 'Replace from file…', exact: true }).click();
  const replace = page.getByRole('dialog', { name: 'Replace the workspace from a file' });
  await replace.getByLabel('File', { exact: true }).setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await replace.getByRole('button', { name: 'Import', exact: true }).click();
  await replace.getByRole('button', { name: 'Replace workspace', exact: true }).click();
  await ws.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('1 script came with it, disabled: read it in Scripts and enable it to run.');

  await expect(page.getByRole('banner').getByRole('button', { name: /^Scripts/ })).toContainText('1');
  await openScripts(page);
  await expect(panel(page).getByRole('status')).toHaveText('1 script came with team.json and is disabled. Read each one, then enable it to let it run.');
  await expect(panel(page).getByRole('list', { name: 'Your scripts' })).toContainText('Imported LPto review');
  const enable = panel(page).getByRole('checkbox', { name: 'I have read it: enable', exact: true });
  await expect(enable).not.toBeChecked();
  await expect(panel(page).getByRole('button', { name: 'Test', exact: true })).toBeDisabled();

  // Not offered to connections while disabled.
  await panel(page).getByRole('button', { name: 'Hide', exact: true }).click();
  await connectOpen(page, `${PLAYGROUND}/lp`, { name: `lp-imported-${uniqueId()}` });
  await openOptions(page);
  await expect(decodeAsSelect(page).getByRole('option', { name: 'Script: Imported LP' })).toHaveCount(0);
  await closeOptions(page);

  await openScripts(page);
  await enable.check();
  await expect(panel(page).getByRole('checkbox', { name: 'Enabled', exact: true })).toBeChecked();
  await expect(panel(page).getByRole('status')).toHaveCount(0);
  await expect(panel(page).getByRole('list', { name: 'Your scripts' })).toContainText('Imported LPon');
  await openOptions(page);
  await decodeAsSelect(page).selectOption({ label: 'Script: Imported LP' });
  await closeOptions(page);
  await expect(receivedRow(page, decoded('Imported LP', 'hello sockpit-lp'))).toHaveCount(1);
});

for (const theme of ['Dark', 'Light'] as const) {
  test(`the Scripts panel is axe clean (${theme})`, async ({ page }) => {
    await gotoApp(page);
    await openMenu(page, 'View');
    await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: theme, exact: true }).check();
    await expect(page.locator('html')).toHaveClass(new RegExp(`theme-${theme.toLowerCase()}`));
    await page.keyboard.press('Escape');
    await openScripts(page);
    await panel(page).getByRole('button', { name: /^Gallery/ }).click();
    await page.getByRole('button', { name: /^JSON with a checksum/ }).click();
    await expect(status(page)).toHaveText('Defines decode, encode.');
    await testOnSample(page, 'Text', '{"v":1,"kind":"order","body":{"item":"tea","qty":2},"sum":"5be0055e"}');
    await expect(testOutput(page)).toContainText('order · checksum ok');
    // An error under the editor too.
    await source(page).fill('function decode(f) {');
    await expect(status(page)).toHaveText(/^Line \d+, column \d+: /);
    const results = await new AxeBuilder({ page }).include('aside[aria-label="Scripts"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.impact} ${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on the Scripts panel (${theme})`).toEqual([]);
  });
}

test('a script decodes behind capture: every message is counted at once, a progress line shows while rows wait for the script, and goes when all are decoded', async ({ page }) => {
  test.setTimeout(120_000);
  await gotoApp(page);
  await connectOpen(page, `${PLAYGROUND}/flood?count=1000&size=32`, { name: `slow-${uniqueId()}` });
  await expect(receivedRow(page, /"seq":1000/)).toHaveCount(1);
  // About 5 ms a frame (under the 50 ms limit): 1,000 frames take the sandbox seconds.
  await newScript(
    page,
    'Slow',
    `function decode(frame) {
  const until = Date.now() + 5;
  while (Date.now() < until) {}
  return { type: 'tick', summary: 'tick ' + JSON.parse(frame.text).seq, fields: {} };
}
`,
  );
  await expect(status(page)).toHaveText('Defines decode.');
  await panel(page).getByRole('checkbox', { name: 'Enabled', exact: true }).check();
  await openOptions(page);
  await decodeAsSelect(page).selectOption({ label: 'Script: Slow' });
  await closeOptions(page);
  const progress = page.getByRole('progressbar', { name: 'Decoded by the script' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('max', /^100[0-9]$/);
  await expect(page.getByText(/^Decoding with your script: [\d,]+ of 1,00\d events$/)).toBeVisible();
  // The counters have every message at once; rows follow as they are decoded.
  await expect(page.getByText(/1,000 in\s*·\s*0 out/).first()).toBeVisible();
  await expect(progress).toHaveCount(0, { timeout: 60_000 });
  await expect(receivedRow(page, decoded('Slow', 'tick 1000'))).toHaveCount(1);
});
