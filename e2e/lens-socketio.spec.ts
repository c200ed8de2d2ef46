import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import {
  closeRow,
  connectButton,
  connectionItem,
  eventRow,
  eventRows,
  expect,
  gotoApp,
  nameField,
  newConnectionButton,
  openOptions,
  readyState,
  receivedRow,
  sentRow,
  test,
  timeline,
  urlField,
  word,
} from './fixtures';
import { closeInspector, inspectorTab, openProtocolTree, treeItem } from './lens-helpers';

/**
 * The Socket.IO lens in Chromium against the playground's real socket.io 4
 * servers (server/routes/socketio.mjs): detection, decoded rows, the
 * inspector's Protocol tab, every compose kind checked on the server side
 * (GET /socket.io-log: what the server's library decoded), pairing, field
 * filters, heartbeats and the automatic session's keep-alive.
 */

const HTTP = PLAYGROUND.replace(/^ws:/, 'http:');
const SIO = `${PLAYGROUND}/socket.io/`;
/** The fast-heartbeat server: its path has no `/socket.io/`, so the Engine.IO query (which Auto detects) is typed. */
const SIO_FAST = `${PLAYGROUND}/socket.io-fast/?EIO=4&transport=websocket`;

let counter = 0;
/** A name no other test (nor an earlier run against the same server) uses. */
const uniq = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

// --- Helpers -----------------------------------------------------------------

const decodeAsSelect = (page: Page): Locator => page.getByRole('combobox', { name: 'Decode as', exact: true });
const automaticSession = (page: Page): Locator => page.getByRole('checkbox', { name: 'Automatic Socket.IO session', exact: true });
const toolsTab = (page: Page, name: string): Locator =>
  page.getByRole('tablist', { name: 'Connection tools', exact: true }).getByRole('tab', { name, exact: true });
const sioForm = (page: Page): Locator => page.getByRole('form', { name: 'Socket.IO message', exact: true });
/** The form's "exact frames to send" preview. */
const preview = (page: Page): Locator => sioForm(page).getByTitle('The exact frame(s) to send');
const inspector = (page: Page): Locator => page.getByRole('region', { name: 'Inspector', exact: true });
const filterField = (page: Page): Locator => page.getByRole('searchbox', { name: 'Filter', exact: true });
const filterRegion = (page: Page): Locator => page.getByRole('search', { name: 'Timeline filter' });

type SioOptions = { name: string; decodeAs?: 'Auto' | 'Socket.IO'; manual?: boolean };

/** `+`, the URL, Options (name, Decode as, the automatic session), Connect. Returns the connection's list item. */
async function connectSio(page: Page, url: string, opts: SioOptions): Promise<Locator> {
  await newConnectionButton(page).click();
  await expect(page.getByRole('form', { name: 'New connection' })).toBeVisible();
  await urlField(page).fill(url);
  await openOptions(page);
  await nameField(page).fill(opts.name);
  if (opts.decodeAs) await decodeAsSelect(page).selectOption({ label: opts.decodeAs });
  if (opts.manual) {
    await automaticSession(page).uncheck();
    await expect(automaticSession(page)).not.toBeChecked();
  }
  await connectButton(page).click();
  return connectionItem(page, opts.name);
}

/** Connects to the main server and waits until the session has connected "/". */
async function connectSioOpen(page: Page, name: string): Promise<Locator> {
  const item = await connectSio(page, SIO, { name });
  await expect(item).toContainText(readyState('OPEN'));
  await expect(receivedRow(page, 'Socket.IO', /connect \/ · sid \S+/)).toHaveCount(1);
  return item;
}

type Kind = 'Emit' | 'Binary emit' | 'Connect' | 'Disconnect' | 'Ack';

/**
 * Fills the Socket.IO tab's form for `kind`: text fields by the start of
 * their label ("Event", "Namespace", "Arguments", "Auth", "Ack id"), the
 * "With ack" checkbox with a boolean.
 */
async function fillSio(page: Page, kind: Kind, fields: Record<string, string | boolean>): Promise<Locator> {
  const tab = toolsTab(page, 'Socket.IO');
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  const form = sioForm(page);
  await form.getByRole('combobox', { name: 'Socket.IO message', exact: true }).selectOption({ label: kind });
  for (const [label, value] of Object.entries(fields)) {
    if (typeof value === 'boolean') await form.getByRole('checkbox', { name: new RegExp(`^${label}`) }).setChecked(value);
    else await form.getByRole('textbox', { name: new RegExp(`^${label}`) }).fill(value);
  }
  return form.getByRole('button', { name: `Send ${kind}`, exact: true });
}

/** Fills the form, checks the preview reads `frames`, sends, and returns the previewed text. */
async function sendSio(page: Page, kind: Kind, fields: Record<string, string | boolean>, frames: string | RegExp): Promise<string> {
  const send = await fillSio(page, kind, fields);
  await expect(preview(page)).toHaveText(frames);
  const shown = (await preview(page).textContent()) ?? '';
  await expect(send).toBeEnabled();
  await send.click();
  await expect(sioForm(page).getByRole('status')).toHaveText(/^Sent /);
  return shown;
}

type Received = { server: string; namespace: string; socket: string; event: string; args: unknown[]; ack: boolean };

/** What both Socket.IO servers received, as their library decoded it. */
async function serverLog(request: APIRequestContext): Promise<Received[]> {
  const res = await request.get(`${HTTP}/socket.io-log`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { events: Received[] }).events;
}

/** Waits until the server's log holds a record matching `want`, and returns it. */
async function serverReceived(request: APIRequestContext, want: Partial<Received>): Promise<Received> {
  let found: Received | undefined;
  await expect
    .poll(async () => {
      found = (await serverLog(request)).find((r) => Object.entries(want).every(([k, v]) => JSON.stringify(r[k as keyof Received]) === JSON.stringify(v)));
      return found !== undefined;
    }, { message: `the server received ${JSON.stringify(want)}` })
    .toBe(true);
  return found as Received;
}

/** Ticks or unticks Filters ▸ Show heartbeats. */
async function showHeartbeats(page: Page, on: boolean): Promise<void> {
  const filters = filterRegion(page).getByRole('button', { name: /^Filters/ });
  if ((await filters.getAttribute('aria-expanded')) !== 'true') await filters.click();
  await page.getByRole('checkbox', { name: 'Show heartbeats', exact: true }).setChecked(on);
  await page.keyboard.press('Escape');
}

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

// --- Detection -----------------------------------------------------------------

test('Auto detects Socket.IO from ws://…/socket.io/: the Engine.IO URL, decoded open and connect rows, "Detected: Socket.IO."', async ({ page }) => {
  const item = await connectSio(page, SIO, { name: 'sio-auto' });
  await expect(item).toContainText(readyState('OPEN'));
  // The URL was completed with the Engine.IO query.
  await expect(eventRow(page, word('connecting'))).toContainText(`${PLAYGROUND}/socket.io/?EIO=4&transport=websocket`);
  // Rows read as Socket.IO: the server's open packet, the session's CONNECT, the server's answer.
  await expect(receivedRow(page, 'Socket.IO', /Engine\.IO open · sid \S+ · ping 25000\/20000 ms · 0\{"sid":/)).toHaveCount(1);
  await expect(sentRow(page, 'Socket.IO', /connect \/ · 40\s*$/)).toHaveCount(1);
  await expect(receivedRow(page, 'Socket.IO', /connect \/ · sid \S+ · 40\{"sid":/)).toHaveCount(1);
  await expect(receivedRow(page, 'Socket.IO', 'event "welcome" · 1 arg')).toHaveCount(1);

  await openOptions(page);
  await expect(decodeAsSelect(page)).toHaveValue('auto');
  await expect(decodeAsSelect(page)).toHaveAccessibleDescription('Detected: Socket.IO.');
  await expect(automaticSession(page)).toBeChecked();
});

test('Decode as Socket.IO turns a plain http://host:port into the Engine.IO URL and connects', async ({ page }) => {
  const item = await connectSio(page, HTTP, { name: 'sio-http', decodeAs: 'Socket.IO' });
  await expect(item).toContainText(readyState('OPEN'));
  await expect(eventRow(page, word('connecting'))).toContainText(`${PLAYGROUND}/socket.io/?EIO=4&transport=websocket`);
  await expect(receivedRow(page, 'Socket.IO', /Engine\.IO open · sid \S+/)).toHaveCount(1);
  await expect(receivedRow(page, 'Socket.IO', /connect \/ · sid \S+/)).toHaveCount(1);
});

// --- Reading -------------------------------------------------------------------

test('an event row reads `event "echo" · 2 args`; the inspector\'s Protocol tab shows its name and args as a tree', async ({ page }) => {
  await connectSioOpen(page, 'sio-read');
  const marker = uniq('read');
  // Without an ack the server emits `echo` back with the same arguments.
  await sendSio(page, 'Emit', { Namespace: '/', Event: 'echo', Arguments: `["${marker}",{"n":7}]`, 'With ack': false }, `42["echo","${marker}",{"n":7}]`);
  await expect(sentRow(page, 'Socket.IO', 'event "echo" · 2 args', `42["echo","${marker}",{"n":7}]`)).toHaveCount(1);
  const row = receivedRow(page, 'Socket.IO', 'event "echo" · 2 args', marker);
  await expect(row).toHaveCount(1);
  await row.click();

  await expect(inspector(page)).toBeVisible();
  const protocolTab = inspector(page).getByRole('tab', { name: 'Protocol', exact: true });
  await expect(protocolTab).toHaveAttribute('aria-selected', 'true');
  const tree = inspector(page).getByRole('list', { name: 'Socket.IO EVENT fields', exact: true });
  const item = (text: RegExp) => tree.getByRole('listitem').filter({ hasText: text });
  await expect(item(/^Engine\.IO packet: 4 message$/)).toHaveCount(1);
  await expect(item(/^Socket\.IO packet: 2 EVENT$/)).toHaveCount(1);
  await expect(item(/^event: "echo"$/)).toHaveCount(1);
  const args = item(/^args 2 items/);
  await expect(args).toHaveCount(1);
  await expect(args.getByRole('listitem').filter({ hasText: new RegExp(`^0: "${marker}"$`) })).toHaveCount(1);
  await expect(args.getByRole('listitem').filter({ hasText: /^n: 7$/ })).toHaveCount(1);
});

// --- Composing, checked on the server --------------------------------------------

test('Emit without and with ack: the server\'s library decodes both, and the preview is the frame sent', async ({ page, request }) => {
  await connectSioOpen(page, 'sio-emit');
  const event = uniq('note');
  await sendSio(page, 'Emit', { Namespace: '/', Event: event, Arguments: '["a",1,{"k":null}]', 'With ack': false }, `42["${event}","a",1,{"k":null}]`);
  await expect(sentRow(page, `42["${event}","a",1,{"k":null}]`)).toHaveCount(1);
  await serverReceived(request, { server: 'main', namespace: '/', event, args: ['a', 1, { k: null }], ack: false });

  const marker = uniq('acked');
  const shown = await sendSio(page, 'Emit', { Namespace: '/', Event: 'echo', Arguments: `["${marker}"]`, 'With ack': true }, new RegExp(`^42\\d+\\["echo","${marker}"\\]$`));
  // What was sent is exactly what the form showed (same ack id).
  await expect(sentRow(page, 'Socket.IO', /event "echo" · 1 arg · ack \d+/)).toHaveText(new RegExp(`${shown.replace(/[[\]]/g, '\\$&')}\\s*$`));
  await serverReceived(request, { server: 'main', namespace: '/', event: 'echo', args: [marker], ack: true });
  const id = /^42(\d+)/.exec(shown)?.[1];
  await expect(receivedRow(page, 'Socket.IO', `ack ${id} · 1 arg`, `43${id}["${marker}"]`)).toHaveCount(1);
});

test('Binary emit: the attachment reaches the server as a Buffer; the binary ack comes back assembled', async ({ page, request }) => {
  await connectSioOpen(page, 'sio-binary');
  const marker = uniq('bin');
  const shown = await sendSio(
    page,
    'Binary emit',
    { Namespace: '/', Event: 'binary', Arguments: `["${marker}",{"$hex":"01 02 03"}]`, 'With ack': true },
    new RegExp(`^2 frames: 451-\\d+\\["binary","${marker}",\\{"_placeholder":true,"num":0\\}\\] ‖ 01 02 03$`),
  );
  const id = /451-(\d+)/.exec(shown)?.[1];
  await expect(sentRow(page, 'Socket.IO', /binary 3 B/)).toHaveCount(1);
  const got = await serverReceived(request, { server: 'main', namespace: '/', event: 'binary', args: [marker, { $bytes: '010203', length: 3 }], ack: true });
  expect(got.ack).toBe(true);
  // The server's ack {name, bytes: DE AD BE EF, received: [3]}: a BINARY_ACK and its attachment.
  await expect(receivedRow(page, 'Socket.IO', `binary ack ${id} · 1 arg · 1 attachment, 4 B`)).toHaveCount(1);
});

test('Connect /admin with auth: a wrong token gets a connect_error row, the right one connects; Disconnect leaves the namespace', async ({ page, request }) => {
  const item = await connectSioOpen(page, 'sio-admin');
  const wrong = uniq('wrong');
  await sendSio(page, 'Connect', { Namespace: '/admin', Auth: `{"token":"${wrong}"}` }, `40/admin,{"token":"${wrong}"}`);
  await expect(receivedRow(page, 'Socket.IO', /connect error \/admin · not authorized/)).toHaveCount(1);
  // A refused namespace does not end the connection.
  await expect(item).toContainText(readyState('OPEN'));

  const tag = uniq('admin');
  await sendSio(page, 'Connect', { Namespace: '/admin', Auth: `{"token":"letmein","tag":"${tag}"}` }, `40/admin,{"token":"letmein","tag":"${tag}"}`);
  await expect(receivedRow(page, 'Socket.IO', /connect \/admin · sid \S+/)).toHaveCount(1);
  const joined = await serverReceived(request, { namespace: '/admin', event: '(connect)', args: [{ token: 'letmein', tag }] });
  // The token is a credential: the server got it, the page masks it in the raw preview, the summary and the Protocol tab.
  const timelineLog = timeline(page);
  await expect(timelineLog).not.toContainText('letmein');
  await expect(timelineLog).not.toContainText(wrong);
  const connectAdmin = sentRow(page, 'Socket.IO', `connect /admin · auth {"token":"••••","tag":"${tag}"}`);
  await expect(connectAdmin).toHaveCount(1);
  const tree = await openProtocolTree(page, connectAdmin, 'Socket.IO CONNECT');
  await expect(treeItem(tree, 'token')).toHaveText(/token\s*:\s*•••• masked/);
  await expect(inspector(page)).not.toContainText('letmein');
  await inspectorTab(page, 'Text').click();
  await expect(inspector(page)).toContainText('{"token":"••••"');
  await expect(inspector(page)).not.toContainText('letmein');
  await closeInspector(page);
  // The refused CONNECT never became a socket.
  expect((await serverLog(request)).some((r) => JSON.stringify(r.args).includes(wrong))).toBe(false);

  const event = uniq('adm');
  await sendSio(page, 'Emit', { Namespace: '/admin', Event: event, Arguments: '[1]', 'With ack': false }, `42/admin,["${event}",1]`);
  await serverReceived(request, { namespace: '/admin', socket: joined.socket, event, args: [1] });

  await sendSio(page, 'Disconnect', { Namespace: '/admin' }, '41/admin,');
  await expect(sentRow(page, 'Socket.IO', 'disconnect /admin')).toHaveCount(1);
  await serverReceived(request, { namespace: '/admin', socket: joined.socket, event: '(disconnect)', args: ['client namespace disconnect'] });
  await expect(item).toContainText(readyState('OPEN'));
});

test('Ack: answering the server\'s `question` (sent with an ack id) reaches the server\'s ack callback', async ({ page, request }) => {
  await connectSioOpen(page, 'sio-ack');
  const question = uniq('q');
  await sendSio(page, 'Emit', { Namespace: '/', Event: 'ask', Arguments: `["${question}"]`, 'With ack': false }, `42["ask","${question}"]`);
  const asked = receivedRow(page, 'Socket.IO', /event "question" · 1 arg · ack \d+/, question);
  await expect(asked).toHaveCount(1);
  const id = /event "question" · 1 arg · ack (\d+)/.exec((await asked.textContent()) ?? '')?.[1];
  expect(id).toMatch(/^\d+$/);

  const answer = uniq('a');
  await sendSio(page, 'Ack', { Namespace: '/', 'Ack id': String(id), Arguments: `["${answer}"]` }, `43${id}["${answer}"]`);
  await serverReceived(request, { server: 'main', namespace: '/', event: '(ack)', args: [answer] });
  await expect(receivedRow(page, 'Socket.IO', 'event "answered" · 1 arg', answer)).toHaveCount(1);
});

// --- Pairing -------------------------------------------------------------------

test('pairing: the ack of an emit with ack shows RTT (Auto protocol ids), and not with Pairing Off', async ({ page }) => {
  await connectSioOpen(page, 'sio-pair');
  const pairing = page.getByRole('combobox', { name: 'Pairing', exact: true });
  await expect(pairing).toHaveValue('auto');
  const marker = uniq('rtt');
  await sendSio(page, 'Emit', { Namespace: '/', Event: 'echo', Arguments: `["${marker}"]`, 'With ack': true }, /^42\d+\["echo",/);
  const ack = receivedRow(page, 'Socket.IO', /ack \d+ · 1 arg/, marker);
  await expect(ack).toHaveCount(1);
  await expect(ack).toContainText(/RTT \d/);
  await expect(page.getByText(/RTT min .* · 1 pair$/)).toBeVisible();
  // Events without ack ids are not paired.
  await expect(eventRows(page).filter({ hasText: /RTT \d/ })).toHaveCount(1);

  await pairing.selectOption({ label: 'Off' });
  await expect(ack).not.toContainText(/RTT \d/);
});

// --- Filters -------------------------------------------------------------------

test('field filters: event:echo narrows to exactly the echo events; type:CONNECT to the CONNECTs', async ({ page }) => {
  await connectSioOpen(page, 'sio-filter');
  const marker = uniq('flt');
  const other = uniq('other');
  await sendSio(page, 'Emit', { Namespace: '/', Event: 'echo', Arguments: `["${marker}"]`, 'With ack': false }, `42["echo","${marker}"]`);
  await expect(receivedRow(page, 'event "echo"', marker)).toHaveCount(1);
  await sendSio(page, 'Emit', { Namespace: '/', Event: other, Arguments: '[]', 'With ack': false }, `42["${other}"]`);
  await expect(sentRow(page, `event "${other}"`)).toHaveCount(1);
  const all = await eventRows(page).count();

  await filterField(page).fill('event:echo');
  await expect(eventRows(page)).toHaveCount(2);
  await expect(sentRow(page, 'event "echo" · 1 arg', marker)).toHaveCount(1);
  await expect(receivedRow(page, 'event "echo" · 1 arg', marker)).toHaveCount(1);

  await filterField(page).fill(`event:${other}`);
  await expect(eventRows(page)).toHaveCount(1);
  await expect(sentRow(page, `event "${other}" · 0 args`)).toHaveCount(1);

  await filterField(page).fill('type:CONNECT');
  await expect(eventRows(page)).toHaveCount(2);
  await expect(sentRow(page, /connect \/ · 40\s*$/)).toHaveCount(1);
  await expect(receivedRow(page, /connect \/ · sid/)).toHaveCount(1);

  await filterField(page).fill('');
  await expect(eventRows(page)).toHaveCount(all);
});

// --- Heartbeats and the session ---------------------------------------------------

test('/socket.io-fast/ with the automatic session: still OPEN after 3.5 s (3 × pingInterval + pingTimeout), pongs sent, hidden until Show heartbeats', async ({ page }) => {
  const item = await connectSio(page, SIO_FAST, { name: 'sio-fast' });
  await expect(item).toContainText(readyState('OPEN'));
  await expect(receivedRow(page, 'Socket.IO', /Engine\.IO open · sid \S+ · ping 500\/500 ms/)).toHaveCount(1);
  // Waiting out the server's heartbeat timeout on purpose: 3 × (500 + 500) ms, and some.
  await page.waitForTimeout(3_500);
  await expect(item).toContainText(readyState('OPEN'));
  await expect(closeRow(page)).toHaveCount(0);

  // Hidden by default.
  await expect(eventRow(page, /Engine\.IO (ping|pong)/)).toHaveCount(0);
  await showHeartbeats(page, true);
  await filterField(page).fill('type:ping');
  await expect.poll(() => receivedRow(page, 'Socket.IO', 'Engine.IO ping').count()).toBeGreaterThanOrEqual(5);
  await expect(sentRow(page, 'Engine.IO ping')).toHaveCount(0);
  await filterField(page).fill('type:pong');
  await expect.poll(() => sentRow(page, 'Socket.IO', 'Engine.IO pong').count()).toBeGreaterThanOrEqual(5);
  await expect(receivedRow(page, 'Engine.IO pong')).toHaveCount(0);

  await showHeartbeats(page, false);
  await expect(eventRows(page)).toHaveCount(0);
});

test('/socket.io-fast/ with the session made manual: nothing is sent, and the server drops the connection', async ({ page }) => {
  const item = await connectSio(page, SIO_FAST, { name: 'sio-manual', decodeAs: 'Socket.IO', manual: true });
  await expect(receivedRow(page, 'Socket.IO', /Engine\.IO open · sid \S+ · ping 500\/500 ms/)).toHaveCount(1);
  // pingInterval + pingTimeout = 1 s without a pong: the server closes.
  await expect(closeRow(page)).toHaveCount(1, { timeout: 5_000 });
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(sentRow(page)).toHaveCount(0);
  await showHeartbeats(page, true);
  await expect(receivedRow(page, 'Socket.IO', 'Engine.IO ping')).toHaveCount(1);
  await expect(sentRow(page)).toHaveCount(0);
});

// --- Bad input -----------------------------------------------------------------

test('invalid JSON in Arguments: an error next to the field, the input kept, Send disabled until it is fixed', async ({ page }) => {
  await connectSioOpen(page, 'sio-bad');
  const send = await fillSio(page, 'Emit', { Namespace: '/', Event: 'echo', Arguments: '["oops"' });
  const args = sioForm(page).getByRole('textbox', { name: /^Arguments/ });
  await expect(args).toHaveAttribute('aria-invalid', 'true');
  await expect(args).toHaveAccessibleDescription(/^arguments: /);
  await expect(args).toHaveValue('["oops"');
  await expect(send).toBeDisabled();
  await expect(preview(page)).toHaveCount(0);

  await args.fill('{"not":"an array"}');
  await expect(args).toHaveAccessibleDescription(/JSON array/);
  await expect(send).toBeDisabled();

  await args.fill('["oops"]');
  await expect(args).not.toHaveAttribute('aria-invalid', 'true');
  await expect(preview(page)).toHaveText('42["echo","oops"]');
  await expect(send).toBeEnabled();
});
