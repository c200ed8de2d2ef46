import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { PLAYGROUND } from './env';

export { expect };

/**
 * Fails the test on any uncaught error and on any console message of type
 * "error", from any page of the test's browser context or its workers, except
 * the ones the test declared with `expectConsoleError`.
 */
class ConsoleGuard {
  private readonly allowed: RegExp[] = [];
  private readonly problems: string[] = [];

  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  consoleError(text: string, where: string): void {
    if (this.allowed.some((pattern) => pattern.test(text))) return;
    this.problems.push(`console error${where}: ${text}`);
  }

  pageError(error: Error): void {
    this.problems.push(`uncaught ${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ''}`);
  }

  assertClean(): void {
    if (this.problems.length === 0) return;
    throw new Error(
      `The page reported ${this.problems.length} unexpected error(s):\n  ${this.problems.join('\n  ')}\n` +
        'Fix the app, or declare an expected console error with expectConsoleError(/pattern/).',
    );
  }
}

type Fixtures = {
  /** Allows console errors matching `pattern` for the rest of this test. */
  expectConsoleError: (pattern: RegExp) => void;
};

type WorkerFixtures = object;

type Internal = {
  consoleGuard: ConsoleGuard;
};

export const test = base.extend<Fixtures & Internal, WorkerFixtures>({
  consoleGuard: [
    async ({ context }, use) => {
      const guard = new ConsoleGuard();
      // Context-level listeners cover every page of the test and the workers
      // those pages start (Playwright reports worker console calls on the page).
      context.on('console', (message) => {
        if (message.type() !== 'error') return;
        const worker = message.worker();
        guard.consoleError(message.text(), worker ? ` (worker ${worker.url()})` : '');
      });
      context.on('weberror', (webError) => guard.pageError(webError.error()));
      await use(guard);
      guard.assertClean();
    },
    { auto: true },
  ],
  expectConsoleError: async ({ consoleGuard }, use) => {
    await use((pattern) => consoleGuard.allow(pattern));
  },
});

/** Chromium's own log line when a WebSocket handshake fails. */
export const WS_HANDSHAKE_FAILED = /WebSocket connection to .* failed/;

export const ECHO = `${PLAYGROUND}/echo`;

// ---------------------------------------------------------------------------
// Page helpers, written against the UI contract (roles and labels only).
// ---------------------------------------------------------------------------

/**
 * Opens the app and waits until the URL field holds the playground's echo URL,
 * which the app reads from /playground.json: filling the form before that
 * lands could be overwritten by the prefill.
 */
export async function gotoApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(urlField(page)).toHaveValue(ECHO);
}

export const urlField = (page: Page): Locator => page.getByRole('textbox', { name: 'URL', exact: true });
export const subprotocolsField = (page: Page): Locator =>
  page.getByRole('textbox', { name: 'Subprotocols', exact: true });
export const nameField = (page: Page): Locator => page.getByRole('textbox', { name: 'Name', exact: true });
export const binaryTypeSelect = (page: Page): Locator =>
  page.getByRole('combobox', { name: 'Binary type', exact: true });
export const connectButton = (page: Page): Locator => page.getByRole('button', { name: 'Connect', exact: true });
export const newConnectionButton = (page: Page): Locator => page.getByRole('button', { name: 'New connection', exact: true });
export const optionsButton = (page: Page): Locator => page.getByRole('button', { name: 'Connection options', exact: true });

/** Opens the connection bar's Options panel (binary type, name) if it is closed. */
export async function openOptions(page: Page): Promise<void> {
  if ((await optionsButton(page).getAttribute('aria-expanded')) !== 'true') await optionsButton(page).click();
}

/** Opens one of the header's menus (File, View) if it is closed. */
export async function openMenu(page: Page, name: 'File' | 'View'): Promise<void> {
  const button = page.getByRole('banner').getByRole('button', { name: new RegExp(`^${name}\\b`) });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

export const connectionList = (page: Page): Locator => page.getByRole('list', { name: 'Connections', exact: true });
export const connectionItems = (page: Page): Locator => connectionList(page).getByRole('listitem');

/** The list item of the connection whose name or URL contains `text`. */
export const connectionItem = (page: Page, text: string): Locator =>
  connectionItems(page).filter({ hasText: text });

export type ConnectOptions = {
  subprotocols?: string;
  binaryType?: 'arraybuffer' | 'blob';
  /** Also used to find the connection's list item, so give one when URLs repeat. */
  name?: string;
};

/** `+` (New connection), fills the connection bar and clicks Connect. Returns the connection's list item. */
export async function connect(page: Page, url: string, opts: ConnectOptions = {}): Promise<Locator> {
  await newConnectionButton(page).click();
  await expect(page.getByRole('form', { name: 'New connection' })).toBeVisible();
  await urlField(page).fill(url);
  await subprotocolsField(page).fill(opts.subprotocols ?? '');
  if (opts.binaryType || opts.name) {
    await openOptions(page);
    if (opts.binaryType) await binaryTypeSelect(page).selectOption(opts.binaryType);
    await nameField(page).fill(opts.name ?? '');
  }
  await connectButton(page).click();
  return connectionItem(page, opts.name ?? url);
}

/**
 * `word` standing alone: not part of a longer word (`sent` but not `unsent`,
 * `OPEN` but not `REOPENED`). Lookarounds rather than \b, so it does not
 * depend on how the app spaces adjacent elements, and case-sensitive.
 */
export const word = (w: string): RegExp => new RegExp(`(?<![A-Za-z])${w}(?![A-Za-z])`);

export type ReadyStateName = 'CONNECTING' | 'OPEN' | 'CLOSING' | 'CLOSED';

/** The readyState word, as a list item or header shows it. */
export const readyState = (state: ReadyStateName): RegExp => word(state);

/** `connect`, then waits until the connection reads OPEN. */
export async function connectOpen(page: Page, url: string, opts: ConnectOptions = {}): Promise<Locator> {
  const item = await connect(page, url, opts);
  await expect(item).toContainText(readyState('OPEN'));
  return item;
}

/** Clicks the select button of the connection whose name or URL is exactly `text`. */
export async function selectConnection(page: Page, text: string): Promise<void> {
  await connectionItem(page, text).getByRole('button', { name: text, exact: true }).click();
}

/** Text like "3 in · 2 out", tolerant of the spacing around the dot. */
export const counters = (incoming: number, outgoing: number): RegExp =>
  new RegExp(`(?<![\\d,.])${incoming} in\\s*·\\s*${outgoing} out(?![A-Za-z])`);

// --- Timeline ---------------------------------------------------------------

export const timeline = (page: Page): Locator => page.getByRole('log', { name: 'Timeline', exact: true });

/**
 * One element per event in the selected connection's timeline. The contract
 * gives rows no role; each row is the element that holds the event's
 * timestamp (a <time>), so that is what identifies one.
 */
export const eventRows = (page: Page): Locator => timeline(page).locator('*:has(> time)');

/** Timeline rows that contain every one of `texts`. */
export function eventRow(page: Page, ...texts: Array<string | RegExp>): Locator {
  let rows = eventRows(page);
  for (const text of texts) rows = rows.filter({ hasText: text });
  return rows;
}

export const openRow = (page: Page): Locator => eventRow(page, word('open'));
export const closeRow = (page: Page): Locator => eventRow(page, word('close'), /wasClean: (true|false)/);
export const errorRow = (page: Page): Locator => eventRow(page, word('error'));
export const sentRow = (page: Page, ...texts: Array<string | RegExp>): Locator => eventRow(page, word('sent'), ...texts);
export const receivedRow = (page: Page, ...texts: Array<string | RegExp>): Locator =>
  eventRow(page, word('received'), ...texts);

/** Byte size as the timeline shows it: "3 B" and not "13 B" or "3 B/s". */
export const size = (bytes: number): RegExp => new RegExp(`(?<![\\d.,])${bytes} B(?![\\w/])`);

// --- Composer ---------------------------------------------------------------

export const messageField = (page: Page): Locator => page.getByRole('textbox', { name: 'Message', exact: true });
export const sendButton = (page: Page): Locator => page.getByRole('button', { name: 'Send', exact: true });

/** The composer's byte count, "3 bytes" (and not the close reason's "0 / 123 bytes"). */
export const byteCount = (page: Page, bytes: number): Locator =>
  page.getByText(new RegExp(`^\\s*${bytes} bytes?\\s*$`));

/**
 * Checks a radio the way a keyboard user does: focus it, press Space. The
 * composer draws its radios as a segmented control with the native input
 * visually hidden, so a pointer click depends on where that input sits; the
 * keyboard does not.
 */
export async function checkRadio(page: Page, name: string): Promise<void> {
  const radio = page.getByRole('radio', { name, exact: true });
  await radio.focus();
  await page.keyboard.press('Space');
  await expect(radio).toBeChecked();
}

export async function chooseText(page: Page): Promise<void> {
  await checkRadio(page, 'Text');
}

export async function chooseBinary(page: Page, format: 'Hex' | 'Base64' | 'File'): Promise<void> {
  await checkRadio(page, 'Binary');
  await checkRadio(page, format);
}

/** Types `text` into Message in Text mode and clicks Send. */
export async function sendText(page: Page, text: string): Promise<void> {
  await chooseText(page);
  await messageField(page).fill(text);
  await sendButton(page).click();
}

/** Sends a text message and waits for the echo server to answer with the same text. */
export async function sendTextAndAwaitEcho(page: Page, text: string): Promise<void> {
  await sendText(page, text);
  await expect(receivedRow(page, text)).toHaveCount(1);
}

// --- Close ------------------------------------------------------------------

export const closeCodeField = (page: Page): Locator => page.getByRole('textbox', { name: 'Close code', exact: true });
export const closeReasonField = (page: Page): Locator =>
  page.getByRole('textbox', { name: 'Close reason', exact: true });
export const closeButton = (page: Page): Locator => page.getByRole('button', { name: 'Close', exact: true });

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function refusedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
