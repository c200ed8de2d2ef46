import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import { eventRows, expect, newConnectionButton, openOptions, optionsButton, subprotocolsField, test, urlField } from './fixtures';

/**
 * Helpers for the protocol-lens specs (lens-*.spec.ts): the lens's compose
 * tab, the Options panel's Decode as, the inspector's Protocol tab, the
 * filter bar and the playground's HTTP logs. Roles and labels only.
 */

/** The playground's HTTP base (same host and port as its WebSocket routes). */
export const PLAYGROUND_HTTP = PLAYGROUND.replace(/^ws:/, 'http:');

/** A short id unique to this test, for topics, destinations and names. */
export function uniqueId(): string {
  return `${test.info().testId.slice(0, 8)}${Math.random().toString(16).slice(2, 6)}`;
}

/** GET a playground JSON log: `/mqtt-log` answers `{"entries":[…]}`, `/stomp-log` the array itself. */
export async function getLog<T>(request: APIRequestContext, path: string): Promise<T[]> {
  const res = await request.get(`${PLAYGROUND_HTTP}${path}`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as T[] | { entries: T[] };
  return Array.isArray(body) ? body : body.entries;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// --- Connection bar ---------------------------------------------------------------

export const decodeAsSelect = (page: Page): Locator => page.getByRole('combobox', { name: 'Decode as', exact: true });
export const sessionCheckbox = (page: Page, lens: string): Locator =>
  page.getByRole('checkbox', { name: `Automatic ${lens} session`, exact: true });

/** Closes the Options panel if it is open. */
export async function closeOptions(page: Page): Promise<void> {
  if ((await optionsButton(page).getAttribute('aria-expanded')) === 'true') await optionsButton(page).click();
  await expect(optionsButton(page)).toHaveAttribute('aria-expanded', 'false');
}

/** Opens the Options panel and checks that Decode as is Auto and says which lens it detected. */
export async function expectDetected(page: Page, lens: string): Promise<void> {
  await openOptions(page);
  await expect(decodeAsSelect(page)).toHaveValue('auto');
  await expect(decodeAsSelect(page)).toHaveAccessibleDescription(`Detected: ${lens}.`);
  await closeOptions(page);
}

export type LensConnect = {
  name: string;
  /** the Decode as option's label; Auto when absent */
  decodeAs?: string;
  /** untick "Automatic <lens> session" (needs decodeAs) */
  manual?: boolean;
  /** session option fields by label, set before Connect (needs decodeAs) */
  session?: Record<string, string>;
  /** subprotocols to offer; none when absent */
  subprotocols?: string;
};

/** `+`, URL, Options (name, Decode as, session), Connect: returns the connection's list item. */
export async function connectLens(page: Page, url: string, opts: LensConnect): Promise<Locator> {
  await newConnectionButton(page).click();
  await expect(page.getByRole('form', { name: 'New connection' })).toBeVisible();
  await urlField(page).fill(url);
  await subprotocolsField(page).fill(opts.subprotocols ?? '');
  await openOptions(page);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(opts.name);
  if (opts.decodeAs) {
    await decodeAsSelect(page).selectOption({ label: opts.decodeAs });
    const lens = opts.decodeAs;
    for (const [label, value] of Object.entries(opts.session ?? {})) {
      const field = page.getByLabel(label, { exact: true });
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
    if (opts.manual) {
      await sessionCheckbox(page, lens).uncheck();
      await expect(sessionCheckbox(page, lens)).not.toBeChecked();
    }
  }
  await closeOptions(page);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  return page.getByRole('list', { name: 'Connections', exact: true }).getByRole('listitem').filter({ hasText: opts.name });
}

// --- The lens's compose tab -------------------------------------------------------

export const toolsTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Connection tools' }).getByRole('tab', { name, exact: true });

/** The lens's compose form (e.g. "MQTT message"). */
export const composeForm = (page: Page, lens: string): Locator => page.getByRole('form', { name: `${lens} message`, exact: true });

/** A field of the compose form by its label; "(optional)" after the label is allowed. */
export const composeField = (page: Page, lens: string, label: string): Locator =>
  composeForm(page, lens).getByLabel(new RegExp(`^${escapeRe(label)}( \\(optional\\))?$`));

/** Opens the lens's tab under the timeline and chooses the message kind. */
export async function chooseKind(page: Page, lens: string, tabName: string, kind: string): Promise<void> {
  const tab = toolsTab(page, tabName);
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await composeForm(page, lens).getByRole('combobox', { name: `${lens} message`, exact: true }).selectOption({ label: kind });
}

/** Fills compose fields by label: a string fills a textbox or chooses a select's option (by label), a boolean sets a checkbox. */
export async function fillCompose(page: Page, lens: string, values: Record<string, string | boolean>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    const field = composeField(page, lens, label);
    if (typeof value === 'boolean') await field.setChecked(value);
    else if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
    else await field.fill(value);
  }
}

/** Chooses a kind, fills its fields and clicks "Send <kind>". */
export async function compose(
  page: Page,
  lens: string,
  tabName: string,
  kind: string,
  values: Record<string, string | boolean> = {},
): Promise<void> {
  await chooseKind(page, lens, tabName, kind);
  await fillCompose(page, lens, values);
  const send = composeForm(page, lens).getByRole('button', { name: `Send ${kind}`, exact: true });
  await expect(send).toBeEnabled();
  await send.click();
  await expect(composeForm(page, lens).getByRole('status')).toHaveText(/^Sent /);
}

// --- Inspector --------------------------------------------------------------------

export const inspector = (page: Page): Locator => page.getByRole('region', { name: 'Inspector', exact: true });
export const inspectorTab = (page: Page, name: string): Locator =>
  inspector(page).getByRole('tab', { name, exact: true });

/** Clicks `row`, opens the Protocol tab and returns the field tree of the message `name` (e.g. "MQTT PUBLISH"). */
export async function openProtocolTree(page: Page, row: Locator, name: string): Promise<Locator> {
  await row.click();
  await inspectorTab(page, 'Protocol').click();
  await expect(inspectorTab(page, 'Protocol')).toHaveAttribute('aria-selected', 'true');
  // The field tree is nested lists (branches are details/summary disclosures).
  const tree = inspector(page).getByRole('list', { name: `${name} fields`, exact: true });
  await expect(tree).toBeVisible();
  return tree;
}

/** A tree item whose own line starts `key: ` (children are inside it too, so match the start). */
export const treeItem = (tree: Locator, key: string): Locator =>
  tree.getByRole('listitem').filter({ hasText: new RegExp(`^\\s*${escapeRe(key)}\\s*:`) });

/** Closes the inspector and lets the timeline follow the newest rows again. */
export async function closeInspector(page: Page): Promise<void> {
  await inspector(page).getByRole('button', { name: 'Close inspector' }).click();
  await expect(inspector(page)).toHaveCount(0);
  const jump = page.getByRole('button', { name: /^Jump to latest/ });
  if (await jump.isVisible()) await jump.click();
}

// --- Filter -----------------------------------------------------------------------

export const filterField = (page: Page): Locator => page.getByRole('searchbox', { name: 'Filter', exact: true });
export const filterStatus = (page: Page): Locator =>
  page.getByRole('search', { name: 'Timeline filter' }).getByRole('status').first();

/** Types a filter and waits for the count ("N matches"). */
export async function filterBy(page: Page, query: string, matches: number): Promise<void> {
  await filterField(page).fill(query);
  await expect(filterStatus(page)).toHaveText(`${matches} ${matches === 1 ? 'match' : 'matches'}`);
  await expect(eventRows(page)).toHaveCount(matches);
}

export async function clearFilter(page: Page): Promise<void> {
  await filterField(page).fill('');
  await expect(filterStatus(page)).toHaveText(/ events?$/);
}

/** Ticks or unticks "Show heartbeats" in the Filters panel, then closes the panel. */
export async function showHeartbeats(page: Page, on: boolean): Promise<void> {
  const button = page.getByRole('search', { name: 'Timeline filter' }).getByRole('button', { name: /^Filters/ });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  const box = page.getByRole('checkbox', { name: 'Show heartbeats', exact: true });
  await box.setChecked(on);
  await expect(box).toBeChecked({ checked: on });
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
}

/** A taller window than the default 1280 × 720, so the timeline keeps rows beside the compose forms. */
export const LENS_VIEWPORT = { width: 1400, height: 1000 };

/** A protocol row as the timeline shows it: the lens's name (the chip) then its summary. */
export const decoded = (protocol: string, summary: string | RegExp): RegExp =>
  // A frame may hold several messages: "MQTT 2 messages: PUBLISH … ‖ PUBREC id 3".
  new RegExp(`${escapeRe(protocol)}\\s+(?:\\d+ messages: (?:.*‖ )?)?${typeof summary === 'string' ? escapeRe(summary) : summary.source}`);

/** "RTT 12.3 ms", "RTT 850 µs", "RTT 1.2 s". */
export const RTT = /RTT \d+(\.\d+)? (ms|µs|s)/;
