import { chooseBinary, connectOpen, ECHO, eventRows, expect, gotoApp, messageField, receivedRow, sendButton, sendText, sentRow, test } from './fixtures';
import {
  LENS_VIEWPORT,
  RTT,
  chooseKind,
  clearFilter,
  closeInspector,
  compose,
  composeField,
  composeForm,
  decoded,
  expectDetected,
  filterBy,
  openProtocolTree,
  toolsTab,
  treeItem,
  uniqueId,
} from './lens-helpers';

/**
 * The JSON-RPC 2.0 lens on /echo: the echo sends every request and
 * notification back as it got it, so what the server received is what
 * comes back. JSON-RPC has no session (nothing to keep alive).
 */

const L = 'JSON-RPC 2.0';
const TAB = 'JSON-RPC 2.0';

test.use({ viewport: LENS_VIEWPORT });

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

test('JSON-RPC on /echo: detected from the first frame, request and notification composed and echoed, paired, filtered', async ({ page }) => {
  const id = uniqueId();
  await connectOpen(page, ECHO, { name: `rpc-${id}` });
  // Nothing in the URL or subprotocol says JSON-RPC: no protocol tab yet.
  await expect(toolsTab(page, TAB)).toHaveCount(0);

  // 1. A first frame typed by hand: Auto reads it as JSON-RPC.
  await sendText(page, `{"jsonrpc":"2.0","id":"first-${id}","method":"hello"}`);
  await expect(sentRow(page, decoded('JSON-RPC', `request hello id "first-${id}"`))).toHaveCount(1);
  await expect(receivedRow(page, decoded('JSON-RPC', `request hello id "first-${id}"`))).toContainText(RTT);
  await expectDetected(page, 'JSON-RPC 2.0');
  await expect(toolsTab(page, TAB)).toBeVisible();

  // 3. A request with an automatic id, and a notification, through the lens's form.
  const method = `sum_${id}`;
  await compose(page, L, TAB, 'Request', { Method: method, 'Params (JSON)': '[1, 2, 3]' });
  await expect(sentRow(page, decoded('JSON-RPC', `request ${method} id 1 · params [1,2,3]`))).toHaveCount(1);
  // 4. The echo answers with the same id: paired, with an RTT.
  const echoed = receivedRow(page, decoded('JSON-RPC', `request ${method} id 1`));
  await expect(echoed).toContainText(RTT);

  await compose(page, L, TAB, 'Notification', { Method: `notify_${id}`, 'Params (JSON)': '{"level":"info"}' });
  await expect(sentRow(page, decoded('JSON-RPC', `notification notify_${id} · params {"level":"info"}`))).toHaveCount(1);
  const note = receivedRow(page, decoded('JSON-RPC', `notification notify_${id}`));
  await expect(note).toHaveCount(1);
  await expect(note).not.toContainText('RTT');

  // 2. The Protocol tab: the echoed request's fields.
  const tree = await openProtocolTree(page, echoed, 'JSON-RPC request');
  await expect(treeItem(tree, 'method')).toContainText(`"${method}"`);
  await expect(treeItem(tree, 'id')).toContainText('1');
  await closeInspector(page);

  // 5. Filtering by decoded fields.
  await filterBy(page, `method:${method}`, 2);
  await filterBy(page, 'type:notification', 2);
  for (const row of await eventRows(page).allInnerTexts()) expect(row).toContain(`notification notify_${id}`);
  await clearFilter(page);
});

test('JSON-RPC bad input: params that are not JSON are flagged next to the field and kept', async ({ page }) => {
  await connectOpen(page, ECHO, { name: `rpc-bad-${uniqueId()}` });
  await sendText(page, '{"jsonrpc":"2.0","id":1,"method":"hello"}');
  await expect(toolsTab(page, TAB)).toBeVisible();
  await chooseKind(page, L, TAB, 'Request');
  await composeField(page, L, 'Method').fill('sum');
  const params = composeField(page, L, 'Params (JSON)');
  await params.fill('[1, 2,');
  await expect(params).toHaveAttribute('aria-invalid', 'true');
  await expect(params).toHaveAccessibleDescription(/^params: /);
  await expect(params).toHaveValue('[1, 2,');
  await expect(composeForm(page, L).getByRole('button', { name: 'Send Request', exact: true })).toBeDisabled();
  await params.fill('"one"');
  await expect(params).toHaveAccessibleDescription('params must be an array or an object');
  await params.fill('[1, 2]');
  await expect(params).not.toHaveAttribute('aria-invalid', 'true');
  await expect(composeForm(page, L).getByRole('button', { name: 'Send Request', exact: true })).toBeEnabled();
});

test('a frame JSON-RPC cannot read stays raw with a note on its row: plain text, a cut-off request, a binary frame', async ({ page }) => {
  await connectOpen(page, ECHO, { name: `rpc-raw-${uniqueId()}` });
  await sendText(page, '{"jsonrpc":"2.0","id":1,"method":"hello"}');
  await expect(toolsTab(page, TAB)).toBeVisible();
  const word = `plain-${uniqueId()}`;
  await sendText(page, word);
  // The echo comes back: both rows carry the note, then the raw text, kept as it was.
  await expect(sentRow(page, decoded('JSON-RPC', '⚠ not JSON · shown raw'), word)).toHaveCount(1);
  await expect(receivedRow(page, decoded('JSON-RPC', '⚠ not JSON · shown raw'), word)).toHaveCount(1);
  await sendText(page, '{"jsonrpc":"2.0","id":2,"meth');
  await expect(receivedRow(page, decoded('JSON-RPC', /⚠ invalid JSON: .+/), '"meth')).toHaveCount(1);
  // A binary frame, typed as hex in the composer: JSON-RPC is text only.
  await chooseBinary(page, 'Hex');
  await messageField(page).fill('7b 7d');
  await sendButton(page).click();
  await expect(receivedRow(page, decoded('JSON-RPC', '⚠ a binary frame (2 B): JSON-RPC is read from text frames · shown raw'))).toHaveCount(1);
});
