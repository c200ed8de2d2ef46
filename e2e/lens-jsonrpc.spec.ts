import type { APIRequestContext, Locator } from '@playwright/test';
import { PLAYGROUND } from './env';
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
  getLog,
  openProtocolTree,
  toolsTab,
  treeItem,
  uniqueId,
} from './lens-helpers';

/**
 * The JSON-RPC 2.0 lens against /jsonrpc, a real JSON-RPC server (the
 * json-rpc-2.0 library's JSONRPCServer), whose GET /jsonrpc-log lists the
 * calls the library dispatched; and on /echo, which sends every request and
 * notification back as it got it (detection from a first frame, bad input).
 * JSON-RPC has no session (nothing to keep alive).
 */

const JSONRPC = `${PLAYGROUND}/jsonrpc`;

/** An entry of GET /jsonrpc-log (server/routes/jsonrpc.mjs). */
type RpcLogEntry = { kind: 'request' | 'notification'; method: string; id?: string | number | null; params?: unknown; outcome: string; code?: number };

/** The server's log entries whose params mention `tag`, as [kind, method, id, outcome]. */
async function dispatched(request: APIRequestContext, tag: string): Promise<unknown[][]> {
  return (await getLog<RpcLogEntry>(request, '/jsonrpc-log'))
    .filter((e) => JSON.stringify(e.params ?? null).includes(tag))
    .map((e) => [e.kind, e.method, e.id ?? '-', e.outcome]);
}

/** A branch of the field tree: its own line is `key` then a note such as "2 keys" (no colon). */
const treeBranch = (tree: Locator, key: string, note: string): Locator =>
  tree.getByRole('listitem').filter({ hasText: new RegExp(`^\\s*${key} ${note}`) });

/** The RTT a row shows, in ms. */
function rttMs(text: string): number {
  const m = /RTT (\d+(?:\.\d+)?) (ms|µs|s)/.exec(text);
  if (!m) throw new Error(`no RTT in ${text}`);
  const n = Number(m[1]);
  return m[2] === 's' ? n * 1000 : m[2] === 'µs' ? n / 1000 : n;
}

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

test('JSON-RPC on /jsonrpc: detected from the URL, a request (auto id) and a notification composed, the library answers, paired, logged, filtered', async ({ page, request }) => {
  const id = uniqueId();
  await connectOpen(page, JSONRPC, { name: `rpc-srv-${id}` });
  // The URL says JSON-RPC: the lens is there before any frame.
  await expect(toolsTab(page, TAB)).toBeVisible();
  await expectDetected(page, 'JSON-RPC 2.0');

  // A request with an automatic id: the server's library sums and answers with the same id.
  await compose(page, L, TAB, 'Request', { Method: 'sum', 'Params (JSON)': '[1, 2, 3]' });
  await expect(sentRow(page, decoded('JSON-RPC', 'request sum id 1 · params [1,2,3]'))).toHaveCount(1);
  const sum = receivedRow(page, decoded('JSON-RPC', 'result id 1 · 6'));
  await expect(sum).toContainText(RTT);
  await compose(page, L, TAB, 'Request', { Method: 'echo', 'Params (JSON)': `{"tag": "echo-${id}"}` });
  await expect(receivedRow(page, decoded('JSON-RPC', `result id 2 · {"tag":"echo-${id}"}`))).toContainText(RTT);

  // A notification: nothing comes back, and the server's log shows the library dispatched it.
  await compose(page, L, TAB, 'Notification', { Method: 'log', 'Params (JSON)': `{"message": "note-${id}", "level": "info"}` });
  await expect(sentRow(page, decoded('JSON-RPC', `notification log · params {"message":"note-${id}","level":"info"}`))).toHaveCount(1);
  await expect
    .poll(async () => [...(await dispatched(request, `echo-${id}`)), ...(await dispatched(request, `note-${id}`))])
    .toEqual([
      ['request', 'echo', 2, 'result'],
      ['notification', 'log', '-', 'none'],
    ]);
  // 2 sent requests, 2 results, 1 notification: nothing answered the notification.
  await expect(eventRows(page).filter({ hasText: /JSON-RPC/ })).toHaveCount(5);

  // The Protocol tab of the server's result.
  const tree = await openProtocolTree(page, sum, 'JSON-RPC result');
  await expect(treeItem(tree, 'result')).toContainText('6');
  await expect(treeItem(tree, 'id')).toContainText('1');
  await closeInspector(page);

  // Filtering by decoded fields.
  await filterBy(page, 'method:sum', 1);
  await filterBy(page, 'type:result', 2);
  await filterBy(page, 'type:notification', 1);
  await filterBy(page, 'id:2 type:result', 1);
  await clearFilter(page);
});

test('JSON-RPC errors from the /jsonrpc library: method not found, invalid params, an application error with data, a parse error', async ({ page, request }) => {
  const id = uniqueId();
  await connectOpen(page, JSONRPC, { name: `rpc-err-${id}` });
  await expect(toolsTab(page, TAB)).toBeVisible();

  await compose(page, L, TAB, 'Request', { Method: `nope_${id}`, 'Params (JSON)': '[]' });
  await expect(receivedRow(page, decoded('JSON-RPC', 'error id 1 · -32601 Method not found'))).toContainText(RTT);

  await compose(page, L, TAB, 'Request', { Method: 'sum', 'Params (JSON)': `["${id}", 2]` });
  await expect(receivedRow(page, decoded('JSON-RPC', 'error id 2 · -32602 sum takes an array of numbers'))).toContainText(RTT);

  await compose(page, L, TAB, 'Request', { Method: 'fail', 'Params (JSON)': `{"why": "${id}"}` });
  const failed = receivedRow(page, decoded('JSON-RPC', 'error id 3 · 4000 failed on purpose'));
  await expect(failed).toContainText(RTT);
  const tree = await openProtocolTree(page, failed, 'JSON-RPC error');
  await expect(treeItem(tree, 'code')).toContainText('4000');
  await expect(treeItem(tree, 'message')).toContainText('"failed on purpose"');
  // data: {params: {why}}, the params as the server got them.
  await expect(treeBranch(treeBranch(tree, 'data', '1 key'), 'params', '1 key')).toHaveCount(1);
  await closeInspector(page);

  // Cut-off JSON typed by hand (in the Message tab): the library answers -32700 with id null (nothing to pair with).
  await toolsTab(page, 'Message').click();
  await sendText(page, `{"jsonrpc":"2.0","id":7,"method":"sum","params":["${id}",`);
  const parseError = receivedRow(page, decoded('JSON-RPC', 'error id null · -32700 Parse error'));
  await expect(parseError).toHaveCount(1);
  await expect(parseError).not.toContainText('RTT');

  // The method-not-found and the bad params reached the library's dispatch; the parse error did not.
  await expect.poll(() => dispatched(request, id)).toEqual([
    ['request', 'sum', 2, 'error'],
    ['request', 'fail', 3, 'error'],
  ]);
  await filterBy(page, 'code:-32601', 1);
  await filterBy(page, 'type:error', 4);
  await clearFilter(page);
});

test('JSON-RPC batch typed by hand gets one batch reply; a slow call is overtaken, each reply paired with its own request', async ({ page, request }) => {
  const id = uniqueId();
  await connectOpen(page, JSONRPC, { name: `rpc-batch-${id}` });
  await expect(toolsTab(page, TAB)).toBeVisible();

  await sendText(
    page,
    JSON.stringify([
      { jsonrpc: '2.0', id: 'b1', method: 'sum', params: [1, 2] },
      { jsonrpc: '2.0', method: 'log', params: { message: `batch-${id}` } },
      { jsonrpc: '2.0', id: 'b2', method: 'nope' },
    ]),
  );
  await expect(sentRow(page, decoded('JSON-RPC', 'batch 1/3 · request sum id "b1" · params [1,2] ‖ batch 2/3 · notification log'))).toHaveCount(1);
  // The library's batch reply: an array with the two requests' replies, the notification has none.
  const reply = receivedRow(page, decoded('JSON-RPC', 'batch 1/2 · result id "b1" · 3 ‖ batch 2/2 · error id "b2" · -32601 Method not found'));
  await expect(reply).toHaveCount(1);
  // Each member pairs on its own; the batch row shows its first pair's round trip.
  await expect(reply).toContainText(RTT);
  await expect.poll(() => dispatched(request, `batch-${id}`)).toEqual([['notification', 'log', '-', 'none']]);

  // sleep 2 s (the most it takes), then a quick echo: the echo's reply comes first, each pairs with its own request.
  await sendText(page, '{"jsonrpc":"2.0","id":"slow","method":"sleep","params":[2000]}');
  await sendText(page, '{"jsonrpc":"2.0","id":"quick","method":"echo","params":["hi"]}');
  const slow = receivedRow(page, decoded('JSON-RPC', 'result id "slow" · {"slept":2000}'));
  await expect(slow).toContainText(RTT);
  const quick = receivedRow(page, decoded('JSON-RPC', 'result id "quick" · ["hi"]'));
  await expect(quick).toContainText(RTT);
  const rows = await eventRows(page).allInnerTexts();
  const at = (needle: string) => rows.findIndex((r) => r.includes(needle));
  // Sent: sleep, echo; the echo went out while the sleep ran (else the page was too slow to show anything), and its reply came first.
  expect(at('request sleep id "slow"')).toBeLessThan(at('request echo id "quick"'));
  expect(at('request echo id "quick"')).toBeLessThan(at('result id "slow"'));
  expect(at('result id "quick"')).toBeLessThan(at('result id "slow"'));
  expect(rttMs(await slow.innerText())).toBeGreaterThanOrEqual(1990);
  expect(rttMs(await quick.innerText())).toBeLessThan(1990);
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
