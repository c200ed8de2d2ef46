import type { Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import { closeRow, connectOpen, eventRows, expect, gotoApp, readyState, receivedRow, sentRow, test, timeline } from './fixtures';
import {
  LENS_VIEWPORT,
  RTT,
  chooseKind,
  clearFilter,
  closeInspector,
  compose,
  composeField,
  composeForm,
  connectLens,
  decoded,
  expectDetected,
  filterBy,
  filterField,
  filterStatus,
  getLog,
  inspector,
  inspectorTab,
  openProtocolTree,
  showHeartbeats,
  treeItem,
  uniqueId,
} from './lens-helpers';

/**
 * The STOMP lens against the playground's broker (/stomp); what it accepted
 * (SEND, ACK, NACK) is read back from GET /stomp-log.
 */

type StompLogEntry = { command: string; destination?: string; id?: string; transaction?: string; body: string };

const L = 'STOMP';
const TAB = 'STOMP';

test.use({ viewport: LENS_VIEWPORT });

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

/** The ack id of the MESSAGE whose body is `body`, as the Protocol tab shows its `ack` header. */
async function ackIdOf(page: Page, dest: string, body: string): Promise<string> {
  const tree = await openProtocolTree(page, receivedRow(page, decoded(L, `MESSAGE ${dest}`), body), 'STOMP MESSAGE');
  await expect(treeItem(tree, 'destination')).toContainText(`"${dest}"`);
  await expect(treeItem(tree, 'ack')).toContainText(/"m-\d+"/);
  const ack = /"(m-\d+)"/.exec(await treeItem(tree, 'ack').innerText())?.[1] ?? '';
  await closeInspector(page);
  return ack;
}

test('STOMP on /stomp: detected, every frame composed and accepted by the broker, RECEIPT paired, filtered', async ({ page, request }) => {
  const id = uniqueId();
  const dest = `/queue/e2e-${id}`;
  const item = await connectOpen(page, `${PLAYGROUND}/stomp`, { name: `stomp-${id}` });

  // 1. Auto: the session's CONNECT, the broker's CONNECTED (paired).
  await expect(sentRow(page, decoded(L, 'CONNECT accept-version 1.2,1.1,1.0'))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'CONNECTED 1.2'))).toContainText(RTT);
  await expectDetected(page, 'STOMP');

  // SUBSCRIBE (id left empty: sub-0) with individual acknowledgements.
  await compose(page, L, TAB, 'SUBSCRIBE', { destination: dest, ack: 'client-individual' });
  await expect(sentRow(page, decoded(L, `SUBSCRIBE ${dest} id sub-0 ack client-individual`))).toHaveCount(1);

  // SEND with a receipt → RECEIPT (with its RTT) and the MESSAGE.
  await compose(page, L, TAB, 'SEND', { destination: dest, body: `one-${id}`, Receipt: `r1-${id}` });
  await expect(receivedRow(page, decoded(L, `RECEIPT r1-${id}`))).toContainText(RTT);
  await expect(receivedRow(page, decoded(L, `MESSAGE ${dest} sub sub-0`), `one-${id}`)).toHaveCount(1);
  // 2. The Protocol tab: the destination header, and the ack id to answer with.
  const ack1 = await ackIdOf(page, dest, `one-${id}`);
  await compose(page, L, TAB, 'ACK', { id: ack1, Receipt: `r-ack-${id}` });
  await expect(receivedRow(page, decoded(L, `RECEIPT r-ack-${id}`))).toHaveCount(1);

  await compose(page, L, TAB, 'SEND', { destination: dest, body: `two-${id}`, Receipt: '' });
  await expect(receivedRow(page, decoded(L, `MESSAGE ${dest} sub sub-0`), `two-${id}`)).toHaveCount(1);
  const ack2 = await ackIdOf(page, dest, `two-${id}`);
  await compose(page, L, TAB, 'NACK', { id: ack2 });
  await expect(sentRow(page, decoded(L, `NACK`))).toHaveCount(1);

  // A committed transaction delivers its SEND; an aborted one never does.
  await compose(page, L, TAB, 'BEGIN', { Transaction: `tx1-${id}` });
  await compose(page, L, TAB, 'SEND', { destination: dest, body: `committed-${id}`, Transaction: `tx1-${id}` });
  await compose(page, L, TAB, 'COMMIT', { Transaction: `tx1-${id}`, Receipt: `r-commit-${id}` });
  await expect(receivedRow(page, decoded(L, `RECEIPT r-commit-${id}`))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, `MESSAGE ${dest}`), `committed-${id}`)).toHaveCount(1);
  await compose(page, L, TAB, 'BEGIN', { Transaction: `tx2-${id}` });
  await compose(page, L, TAB, 'SEND', { destination: dest, body: `aborted-${id}`, Transaction: `tx2-${id}` });
  await compose(page, L, TAB, 'ABORT', { Transaction: `tx2-${id}`, Receipt: `r-abort-${id}` });
  await expect(receivedRow(page, decoded(L, `RECEIPT r-abort-${id}`))).toHaveCount(1);

  // UNSUBSCRIBE: a later SEND to the queue is no longer delivered to us.
  await compose(page, L, TAB, 'UNSUBSCRIBE', { id: 'sub-0', Receipt: `r-unsub-${id}` });
  await expect(receivedRow(page, decoded(L, `RECEIPT r-unsub-${id}`))).toHaveCount(1);
  await compose(page, L, TAB, 'SEND', { destination: dest, body: `late-${id}`, Transaction: '', Receipt: `r-late-${id}` });
  await expect(receivedRow(page, decoded(L, `RECEIPT r-late-${id}`))).toHaveCount(1);

  // The broker's log: the SENDs it accepted (the committed one with its transaction, not the aborted one), the ACK and the NACK.
  const mine = (e: StompLogEntry) => e.destination === dest || e.id === ack1 || e.id === ack2;
  await expect
    .poll(async () => (await getLog<StompLogEntry>(request, '/stomp-log')).filter(mine).map((e) => `${e.command} ${e.body || e.id} ${e.transaction ?? '-'}`))
    .toEqual([`SEND one-${id} -`, `ACK ${ack1} -`, `SEND two-${id} -`, `NACK ${ack2} -`, `SEND committed-${id} tx1-${id}`, `SEND late-${id} -`]);

  // 5. Filtering by decoded fields.
  await filterBy(page, 'command:MESSAGE', 3);
  for (const row of await eventRows(page).allInnerTexts()) expect(row).toMatch(new RegExp(`STOMP\\s+MESSAGE ${dest}`));
  // SUBSCRIBE, five SENDs (the aborted one included: it was sent) and three MESSAGEs.
  await filterBy(page, `destination:${dest}`, 9);
  await filterBy(page, `receipt:r-commit-${id}`, 2);
  await clearFilter(page);

  // DISCONNECT with a receipt: RECEIPT, then the broker closes with 1000.
  await compose(page, L, TAB, 'DISCONNECT', { Receipt: `r-bye-${id}` });
  await expect(receivedRow(page, decoded(L, `RECEIPT r-bye-${id}`))).toContainText(RTT);
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(closeRow(page)).toContainText('1000');
});

test('STOMP bad input: a header line without a colon is flagged next to More headers and kept', async ({ page }) => {
  await connectOpen(page, `${PLAYGROUND}/stomp`, { name: `stomp-bad-${uniqueId()}` });
  await expect(receivedRow(page, decoded(L, 'CONNECTED 1.2'))).toHaveCount(1);
  await chooseKind(page, L, TAB, 'SEND');
  await composeField(page, L, 'destination').fill('/queue/bad');
  const headers = composeField(page, L, 'More headers');
  await headers.fill('priority:9\nno colon here');
  await expect(headers).toHaveAttribute('aria-invalid', 'true');
  await expect(headers).toHaveAccessibleDescription(/line 2 is not name:value/);
  await expect(headers).toHaveValue('priority:9\nno colon here');
  await expect(composeForm(page, L).getByRole('button', { name: 'Send SEND', exact: true })).toBeDisabled();
});

test('STOMP ?heartbeat=500: the automatic session sends EOLs and stays open past 3 × the 1 s timeout', async ({ page }) => {
  const item = await connectLens(page, `${PLAYGROUND}/stomp?heartbeat=500`, {
    name: `stomp-hb-${uniqueId()}`,
    decodeAs: 'STOMP',
    session: { 'heart-beat (cx,cy ms)': '500,0' },
  });
  await expect(receivedRow(page, decoded(L, 'CONNECTED 1.2 heart-beat 0,500'))).toHaveCount(1);
  await page.waitForTimeout(3500);
  await expect(item).toContainText(readyState('OPEN'));
  // The EOLs are heartbeats: hidden, then shown.
  await filterField(page).fill('type:heartbeat');
  await expect(filterStatus(page)).toHaveText('0 matches');
  await expect(sentRow(page, /STOMP\s+heart-beat/)).toHaveCount(0);
  await showHeartbeats(page, true);
  await expect(filterStatus(page)).toHaveText(/^([5-9]|\d\d+) matches$/);
  await expect(sentRow(page, /STOMP\s+heart-beat/).first()).toBeVisible();
  await showHeartbeats(page, false);
  await expect(filterStatus(page)).toHaveText('0 matches');
});

test('STOMP ?heartbeat=1000 with the session manual: nothing is sent (4001), then a hand-made CONNECT without EOLs is dropped (4001)', async ({
  page,
}) => {
  const item = await connectLens(page, `${PLAYGROUND}/stomp?heartbeat=1000`, { name: `stomp-manual-${uniqueId()}`, decodeAs: 'STOMP', manual: true });
  await expect(item).toContainText(readyState('OPEN'));
  // The CONNECT is made ready, not sent: the broker wants one within 2 × 1000 ms.
  await chooseKind(page, L, TAB, 'CONNECT');
  await composeField(page, L, 'host').fill('127.0.0.1');
  await composeField(page, L, 'heart-beat (cx,cy ms)').fill('1000,0');
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(closeRow(page)).toContainText('4001');
  await expect(sentRow(page, /STOMP/)).toHaveCount(0);

  // Connected again, the CONNECT goes at once; then nothing more: after 2 × 1000 ms of silence, 4001.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(item).toContainText(readyState('OPEN'));
  await composeForm(page, L).getByRole('button', { name: 'Send CONNECT', exact: true }).click();
  await expect(receivedRow(page, decoded(L, 'CONNECTED 1.2 heart-beat 0,1000'))).toHaveCount(1);
  await page.waitForTimeout(3000);
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(receivedRow(page, decoded(L, 'ERROR heart-beat timeout'))).toHaveCount(1);
  await expect(closeRow(page)).toHaveCount(2);
  await expect(closeRow(page).last()).toContainText('4001');
  await showHeartbeats(page, true);
  await expect(sentRow(page, /STOMP\s+heart-beat/)).toHaveCount(0);
});

test('STOMP by hand (session manual): a STOMP frame (1.2 CONNECT) with login is answered CONNECTED; a MESSAGE pairs with its SUBSCRIBE', async ({ page, request }) => {
  const id = uniqueId();
  const dest = `/topic/e2e-${id}`;
  const item = await connectLens(page, `${PLAYGROUND}/stomp`, { name: `stomp-frame-${id}`, decodeAs: 'STOMP', manual: true });
  await expect(item).toContainText(readyState('OPEN'));
  await compose(page, L, TAB, 'STOMP (1.2 CONNECT)', { 'accept-version': '1.2', host: '127.0.0.1', login: 'e2e', passcode: 'e2e-secret', 'heart-beat (cx,cy ms)': '0,0' });
  const connectRow = sentRow(page, decoded(L, 'STOMP accept-version 1.2'));
  await expect(connectRow).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'CONNECTED 1.2'))).toContainText(RTT);
  // The passcode is masked in the raw preview and the inspector's Text, Hex (the bytes of the masked text: • is e2 80 a2) and Protocol tabs; the broker got it (it answered CONNECTED).
  await expect(timeline(page)).not.toContainText('e2e-secret');
  const connectTree = await openProtocolTree(page, connectRow, 'STOMP STOMP');
  await expect(treeItem(connectTree, 'passcode')).toContainText('masked');
  for (const tab of ['Text', 'Hex']) {
    await inspectorTab(page, tab).click();
    await expect(inspectorTab(page, tab)).toHaveAttribute('aria-selected', 'true');
    await expect(inspector(page)).toContainText(tab === 'Text' ? 'passcode:••••' : 'e2 80 a2');
    await expect(inspector(page)).not.toContainText('e2e-secret');
  }
  await closeInspector(page);

  await compose(page, L, TAB, 'SUBSCRIBE', { destination: dest, id: `s-${id}`, ack: 'auto' });
  await compose(page, L, TAB, 'SEND', { destination: dest, body: `hi-${id}`, Receipt: '' });
  // The MESSAGE is a reply to the SUBSCRIBE of its subscription: it carries the RTT.
  const message = receivedRow(page, decoded(L, `MESSAGE ${dest} sub s-${id}`), `hi-${id}`);
  await expect(message).toContainText(RTT);
  await expect
    .poll(async () => (await getLog<StompLogEntry>(request, '/stomp-log')).filter((e) => e.destination === dest).map((e) => `${e.command} ${e.body}`))
    .toEqual([`SEND hi-${id}`]);
  await filterBy(page, `subscription:s-${id}`, 2);
  await clearFilter(page);
});
