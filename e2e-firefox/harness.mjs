// @ts-check
/**
 * The Firefox end-to-end harness: Debian's firefox-esr driven by
 * puppeteer-core over WebDriver BiDi (Playwright's own Firefox cannot be had
 * here; docs/testing.md). scripts/e2e-firefox.mjs starts the servers and
 * passes their addresses and the browser's path in the environment.
 *
 * Like the Chromium fixtures (e2e/fixtures.ts), elements are found by role
 * and accessible name (puppeteer's ARIA selectors), and a test fails on any
 * uncaught page error or console error, workers included.
 */
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';

export const APP_URL = process.env.SOCKPIT_FF_APP_URL ?? 'http://127.0.0.1:45174/';
export const PLAYGROUND = process.env.SOCKPIT_FF_PLAYGROUND ?? 'ws://127.0.0.1:45788';
export const ECHO = `${PLAYGROUND}/echo`;
const FIREFOX = process.env.SOCKPIT_FIREFOX ?? '/usr/bin/firefox-esr';

/** How long a condition may take to come true before the check fails. */
export const WAIT_MS = 10_000;

/** @type {import('puppeteer-core').Browser | null} */
let browser = null;

export async function launchBrowser() {
  browser ??= await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
  });
  return browser;
}

export async function closeBrowser() {
  await browser?.close();
  browser = null;
}

/**
 * Sets the page's viewport. puppeteer-core 24 sends `browsingContext.setViewport`
 * and `emulation.setScreenOrientationOverride` together; Firefox ESR 140 (what
 * Debian bookworm's firefox-esr is on some machines) does not know the second
 * and refuses it, though the viewport was set. That refusal alone is let pass,
 * and the size is then checked in the page, so a viewport that was not set
 * still fails.
 * @param {import('puppeteer-core').Page} page
 * @param {{ width: number, height: number }} size
 */
export async function setViewport(page, size) {
  try {
    await page.setViewport(size);
  } catch (e) {
    if (!(e instanceof Error && /unknown command emulation\.setScreenOrientationOverride/.test(e.message))) throw e;
  }
  await until(
    async () => {
      const [w, h] = await page.evaluate(() => [window.innerWidth, window.innerHeight]);
      return w === size.width && h === size.height;
    },
    `the viewport is ${size.width}×${size.height}`,
  );
}

/**
 * A fresh page (its own browser context, so storage does not leak between
 * tests) at 1440×900, with the app loaded and its echo URL prefilled.
 * `done()` closes it and throws if the page reported an error.
 * @param {{ width?: number, height?: number }} [size]
 */
export async function openApp(size = {}) {
  const b = await launchBrowser();
  const context = await b.createBrowserContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e instanceof Error ? e.message : String(e)}`));
  await setViewport(page, { width: size.width ?? 1440, height: size.height ?? 900 });
  await page.goto(APP_URL);
  await until(async () => (await value(page, 'textbox', 'URL')) === ECHO, 'the URL field holds the playground echo URL');
  return {
    page,
    async done() {
      await context.close();
      assert.deepEqual(problems, [], 'the page reported errors');
    },
  };
}

/**
 * Polls `check` until it returns a truthy value, and returns it; fails with
 * `what` and the last value seen after `ms`.
 * @template T
 * @param {() => Promise<T>} check
 * @param {string} what
 * @param {number} [ms]
 * @returns {Promise<T>}
 */
export async function until(check, what, ms = WAIT_MS) {
  const end = Date.now() + ms;
  /** @type {unknown} */
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting until ${what} (last: ${JSON.stringify(last)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The ARIA selector of the element with this role and exact accessible name. */
export const aria = (/** @type {string} */ role, /** @type {string} */ name) => `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;

/** @param {import('puppeteer-core').Page} page @param {string} role @param {string} name */
export async function element(page, role, name) {
  const handle = await page.waitForSelector(aria(role, name), { timeout: WAIT_MS });
  assert.ok(handle, `no ${role} named "${name}"`);
  return handle;
}

/** @param {import('puppeteer-core').Page} page @param {string} role @param {string} name */
export async function click(page, role, name) {
  await retryDetached(async () => {
    const handle = await element(page, role, name);
    await handle.click();
  });
}

/**
 * Runs `act` again when React replaced the element between finding and
 * using it (puppeteer: "Node is detached from document"); a user's click
 * simply lands on the new element. Any other error fails at once.
 * @param {() => Promise<void>} act
 */
async function retryDetached(act) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await act();
    } catch (e) {
      if (attempt >= 5 || !(e instanceof Error) || !/detached/i.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Replaces a text field's value the way a user does: select all, type. */
export async function fill(/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ name, /** @type {string} */ text) {
  await retryDetached(async () => {
    const handle = await element(page, 'textbox', name);
    await handle.click({ count: 3 });
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.press('Backspace');
    if (text !== '') await handle.type(text);
  });
  await until(async () => (await value(page, 'textbox', name)) === text, `"${name}" holds ${JSON.stringify(text)}`);
}

/** @param {import('puppeteer-core').Page} page @param {string} role @param {string} name */
export async function value(page, role, name) {
  const handle = await page.$(aria(role, name));
  return handle ? handle.evaluate((el) => /** @type {HTMLInputElement} */ (el).value ?? el.textContent ?? undefined) : undefined;
}

/** The text of each timeline row (the elements that hold a <time>), in order. */
export async function rows(/** @type {import('puppeteer-core').Page} */ page) {
  const log = await element(page, 'log', 'Timeline');
  return log.evaluate((el) => [...el.querySelectorAll('*:has(> time)')].map((r) => /** @type {HTMLElement} */ (r).innerText.replace(/\s+/g, ' ')));
}

/** The text of the connection list item whose text includes `text`. */
export async function connectionText(/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ text) {
  const list = await element(page, 'list', 'Connections');
  return list.evaluate((el, t) => [...el.querySelectorAll('li')].map((li) => li.innerText.replace(/\s+/g, ' ')).find((s) => s.includes(t)) ?? '', text);
}

/** `word` standing alone, as in e2e/fixtures.ts. */
export const word = (/** @type {string} */ w) => new RegExp(`(?<![A-Za-z])${w}(?![A-Za-z])`);

/** "+", the URL, Connect; then waits until the connection reads OPEN (unless `open` is false). */
export async function connect(/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ url, { open = true } = {}) {
  await click(page, 'button', 'New connection');
  await fill(page, 'URL', url);
  await click(page, 'button', 'Connect');
  if (open) await until(async () => word('OPEN').test(await connectionText(page, url)), `${url} reads OPEN`);
}

/** Focus a radio and press Space, as a keyboard user does (the composer's radios are a segmented control). */
export async function checkRadio(/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ name) {
  const radio = await element(page, 'radio', name);
  await radio.focus();
  await page.keyboard.press(' ');
  await until(() => radio.evaluate((el) => /** @type {HTMLInputElement} */ (el).checked), `radio ${name} is checked`);
}

/** Waits until some row contains every one of `parts` and returns the rows that do. */
export async function rowWith(/** @type {import('puppeteer-core').Page} */ page, /** @type {Array<string|RegExp>} */ ...parts) {
  return until(async () => {
    const found = (await rows(page)).filter((r) => parts.every((p) => (typeof p === 'string' ? r.includes(p) : p.test(r))));
    return found.length > 0 ? found : null;
  }, `a row contains ${parts.map(String).join(' and ')}`);
}
