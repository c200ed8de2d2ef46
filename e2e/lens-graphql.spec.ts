import type { Page } from '@playwright/test';
import { PLAYGROUND } from './env';
import { closeRow, connectOpen, eventRows, expect, gotoApp, readyState, receivedRow, sentRow, test, urlField } from './fixtures';
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
  openProtocolTree,
  showHeartbeats,
  treeItem,
  uniqueId,
} from './lens-helpers';

/**
 * The GraphQL lens against graphql-ws's own server (/graphql, /graphql-strict).
 * A mutation is checked on the server by a later `query { said }`.
 */

const L = 'GraphQL';
const TAB = 'GraphQL';
const count = (n: number) => `${n} ${n === 1 ? 'match' : 'matches'}`;

/**
 * The filtered tick count (a 100-tick subscription we stopped) holds for 600 ms and stopped short of 100.
 * A tick the server sent before it read our stop may still arrive; after that the count stays.
 */
async function expectTicksStopped(page: Page): Promise<void> {
  await expect(filterStatus(page)).toHaveText(/^\d+ matches$/);
  let ticks = '';
  await expect(async () => {
    ticks = await filterStatus(page).innerText();
    await page.waitForTimeout(600);
    await expect(filterStatus(page)).toHaveText(ticks, { timeout: 0 });
  }).toPass({ timeout: 10_000 });
  expect(Number(ticks.split(' ')[0])).toBeLessThan(100);
}

test.use({ viewport: LENS_VIEWPORT });

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

test('GraphQL on /graphql: detected, query/mutation/subscription/complete/ping composed and answered, paired, filtered', async ({ page }) => {
  const id = uniqueId();
  await connectOpen(page, `${PLAYGROUND}/graphql`, { name: `gql-${id}` });

  // 1. Auto: the session's connection_init, the server's connection_ack.
  await expect(sentRow(page, decoded(L, 'connection_init'))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'connection_ack'))).toHaveCount(1);
  await expectDetected(page, 'GraphQL');

  // 3. A query (id left empty: 1) → next with the data, then complete; the next gives the RTT.
  await compose(page, L, TAB, 'subscribe', { Query: 'query Hello { hello }' });
  await expect(sentRow(page, decoded(L, 'subscribe 1 · query Hello'))).toHaveCount(1);
  const helloNext = receivedRow(page, decoded(L, 'next 1 · {"data":{"hello":"Hello from the Sockpit playground"}}'));
  await expect(helloNext).toContainText(RTT);
  await expect(receivedRow(page, decoded(L, 'complete 1'))).toHaveCount(1);

  // A mutation with variables; the server records the text…
  const text = `said-${id}`;
  await compose(page, L, TAB, 'subscribe', {
    Id: `say-${id}`,
    Query: 'mutation Say($text: String!) { say(text: $text) }',
    'Variables (JSON object)': JSON.stringify({ text }),
  });
  await expect(sentRow(page, decoded(L, `subscribe say-${id} · mutation Say`))).toHaveCount(1);
  const sayNext = receivedRow(page, decoded(L, `next say-${id} · {"data":{"say":"said: ${text}"}}`));
  await expect(sayNext).toContainText(RTT);
  await expect(receivedRow(page, decoded(L, `complete say-${id}`))).toHaveCount(1);
  // …as a later query shows.
  await compose(page, L, TAB, 'subscribe', { Id: `said-${id}`, Query: '{ said }', 'Variables (JSON object)': '' });
  await expect(receivedRow(page, decoded(L, `next said-${id}`), text)).toHaveCount(1);

  // 2. The inspector's Protocol tab on the mutation's next.
  const tree = await openProtocolTree(page, sayNext, 'GraphQL next');
  await expect(treeItem(tree, 'say')).toContainText(`"said: ${text}"`);
  await closeInspector(page);

  // A subscription that ticks every 100 ms; complete from our side stops it.
  await compose(page, L, TAB, 'subscribe', { Id: `tick-${id}`, Query: 'subscription OnTick { tick(every: 100, count: 100) }' });
  await expect(sentRow(page, decoded(L, `subscribe tick-${id} · subscription OnTick`))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, `next tick-${id} · {"data":{"tick":3}}`))).toHaveCount(1);
  await compose(page, L, TAB, 'complete', { Id: `tick-${id}` });
  await expect(sentRow(page, decoded(L, `complete tick-${id}`))).toHaveCount(1);
  await filterField(page).fill(`id:tick-${id} type:next`);
  await expectTicksStopped(page);

  // 5. Filtering by decoded fields: the four subscribes we sent, and the mutation's pair.
  await filterBy(page, 'type:subscribe', 4);
  for (const row of await eventRows(page).allInnerTexts()) expect(row).toMatch(/GraphQL\s+subscribe /);
  await filterBy(page, `id:say-${id}`, 3);
  await clearFilter(page);

  // ping → the server's pong: heartbeats, hidden until "Show heartbeats" is on.
  await compose(page, L, TAB, 'ping', { 'Payload (JSON object)': `{"from":"${id}"}` });
  await filterField(page).fill('type:pong');
  await expect(filterStatus(page)).toHaveText(count(0));
  await showHeartbeats(page, true);
  await expect(filterStatus(page)).toHaveText(count(1));
  await expect(receivedRow(page, decoded(L, 'pong'))).toHaveCount(1);
  await filterField(page).fill('type:ping');
  await expect(sentRow(page, decoded(L, `ping · {"from":"${id}"}`))).toHaveCount(1);
  await showHeartbeats(page, false);
  await expect(filterStatus(page)).toHaveText(count(0));
});

test('GraphQL bad input: invalid variables JSON is flagged next to the field and kept', async ({ page }) => {
  await connectOpen(page, `${PLAYGROUND}/graphql`, { name: `gql-bad-${uniqueId()}` });
  await expect(receivedRow(page, decoded(L, 'connection_ack'))).toHaveCount(1);
  await chooseKind(page, L, TAB, 'subscribe');
  await composeField(page, L, 'Query').fill('mutation Say($text: String!) { say(text: $text) }');
  const variables = composeField(page, L, 'Variables (JSON object)');
  await variables.fill('{"text": ');
  await expect(variables).toHaveAttribute('aria-invalid', 'true');
  await expect(variables).toHaveAccessibleDescription(/variables/);
  await expect(variables).toHaveValue('{"text": ');
  const send = composeForm(page, L).getByRole('button', { name: 'Send subscribe', exact: true });
  await expect(send).toBeDisabled();
  // A query without an operation is flagged on the query.
  await variables.fill('{"text":"ok"}');
  await expect(send).toBeEnabled();
  await composeField(page, L, 'Query').fill('fragment F on Query { hello }');
  await expect(composeField(page, L, 'Query')).toHaveAttribute('aria-invalid', 'true');
  await expect(send).toBeDisabled();
});

test('GraphQL on /graphql-strict: the automatic session answers pings and stays open past 3 × the 1 s timeout', async ({ page }) => {
  const item = await connectOpen(page, `${PLAYGROUND}/graphql-strict`, { name: `gql-strict-${uniqueId()}` });
  await expect(receivedRow(page, decoded(L, 'connection_ack'))).toHaveCount(1);
  await page.waitForTimeout(3500);
  await expect(item).toContainText(readyState('OPEN'));
  await expect(closeRow(page)).toHaveCount(0);
  // The server pings every 300 ms; every ping got a pong.
  await showHeartbeats(page, true);
  await filterField(page).fill('type:ping');
  await expect(filterStatus(page)).toHaveText(/^(\d\d+|[5-9]) matches$/);
  for (const row of await eventRows(page).allInnerTexts()) expect(row).toMatch(/received[\s\S]*GraphQL\s+ping/);
  await filterField(page).fill('type:pong');
  await expect(filterStatus(page)).toHaveText(/^(\d\d+|[5-9]) matches$/);
  for (const row of await eventRows(page).allInnerTexts()) expect(row).toMatch(/sent[\s\S]*GraphQL\s+pong/);
});

test('GraphQL on /graphql-strict with the session manual: 4408 without init, 4499 without pongs', async ({ page }) => {
  // No connection_init at all: closed after 1 s with 4408.
  const item = await connectLens(page, `${PLAYGROUND}/graphql-strict`, { name: `gql-manual-${uniqueId()}`, decodeAs: 'GraphQL', manual: true });
  await expect(item).toContainText(readyState('OPEN'));
  await chooseKind(page, L, TAB, 'connection_init');
  await page.waitForTimeout(1500);
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(closeRow(page)).toContainText('4408');
  await expect(sentRow(page, /GraphQL/)).toHaveCount(0);

  // Connected again, a hand-made connection_init is acknowledged; the server's pings go unanswered: 4499.
  // This time with a 60 s init deadline (the URL edited in the bar), so the click that sends the init
  // never races the server's timer on a busy machine; the pings and the 1 s pong deadline are the same.
  await urlField(page).fill(`${PLAYGROUND}/graphql-strict?initTimeout=60000`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(item).toContainText(readyState('OPEN'));
  await expect(urlField(page)).toHaveValue(`${PLAYGROUND}/graphql-strict?initTimeout=60000`);
  await composeForm(page, L).getByRole('button', { name: 'Send connection_init', exact: true }).click();
  await expect(receivedRow(page, decoded(L, 'connection_ack'))).toHaveCount(1);
  await page.waitForTimeout(2000);
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(closeRow(page)).toHaveCount(2);
  await expect(closeRow(page).last()).toContainText('4499');
  await showHeartbeats(page, true);
  await expect(receivedRow(page, decoded(L, 'ping'))).not.toHaveCount(0);
  await expect(sentRow(page, decoded(L, 'pong'))).toHaveCount(0);
});

// --- The legacy graphql-ws subprotocol (subscriptions-transport-ws framing) on /graphql-legacy ---

const LEGACY = `${PLAYGROUND}/graphql-legacy?initTimeout=1000`;

test('GraphQL legacy graphql-ws: detected from the subprotocol, start/stop/connection_terminate composed and answered, paired, filtered; the automatic session stays open past 3 × the 1 s init timeout', async ({
  page,
}) => {
  const id = uniqueId();
  const item = await connectOpen(page, LEGACY, { name: `gql-legacy-${id}`, subprotocols: 'graphql-ws' });

  // 1. Auto: the session's connection_init, the server's connection_ack.
  await expect(sentRow(page, decoded(L, 'connection_init'))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'connection_ack'))).toHaveCount(1);
  await expectDetected(page, 'GraphQL');

  // 3. start a query → data (with the RTT) → complete.
  await compose(page, L, TAB, 'start (legacy graphql-ws)', { Id: `q-${id}`, Query: 'query Hello { hello }' });
  await expect(sentRow(page, decoded(L, `start q-${id} · query Hello`))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, `data q-${id} · {"data":{"hello":"Hello from the Sockpit playground"}}`))).toContainText(RTT);
  await expect(receivedRow(page, decoded(L, `complete q-${id}`))).toHaveCount(1);

  // A mutation the server's graphql executes, seen again by a later query.
  const text = `legacy-${id}`;
  await compose(page, L, TAB, 'start (legacy graphql-ws)', {
    Id: `say-${id}`,
    Query: 'mutation Say($text: String!) { say(text: $text) }',
    'Variables (JSON object)': JSON.stringify({ text }),
  });
  const sayData = receivedRow(page, decoded(L, `data say-${id} · {"data":{"say":"said: ${text}"}}`));
  await expect(sayData).toContainText(RTT);
  await compose(page, L, TAB, 'start (legacy graphql-ws)', { Id: `said-${id}`, Query: '{ said }', 'Variables (JSON object)': '' });
  await expect(receivedRow(page, decoded(L, `data said-${id}`), text)).toHaveCount(1);

  // 2. The Protocol tab on the mutation's data.
  const tree = await openProtocolTree(page, sayData, 'GraphQL data');
  await expect(treeItem(tree, 'say')).toContainText(`"said: ${text}"`);
  await closeInspector(page);

  // A ticking subscription; stop ends it.
  await compose(page, L, TAB, 'start (legacy graphql-ws)', { Id: `tick-${id}`, Query: 'subscription OnTick { tick(every: 100, count: 100) }' });
  await expect(receivedRow(page, decoded(L, `data tick-${id} · {"data":{"tick":3}}`))).toHaveCount(1);
  await compose(page, L, TAB, 'stop (legacy graphql-ws)', { Id: `tick-${id}` });
  await expect(sentRow(page, decoded(L, `stop tick-${id}`))).toHaveCount(1);
  await filterField(page).fill(`id:tick-${id} type:data`);
  await expectTicksStopped(page);

  // 5. Filtering by decoded fields.
  await filterBy(page, 'type:start', 4);
  for (const row of await eventRows(page).allInnerTexts()) expect(row).toMatch(/GraphQL\s+start /);
  await filterBy(page, `id:q-${id}`, 3);
  await clearFilter(page);

  // 6. Well past 3 × the init timeout: still open. The server's ka keep-alives are heartbeats, hidden until shown.
  await page.waitForTimeout(3500);
  await expect(item).toContainText(readyState('OPEN'));
  await expect(closeRow(page)).toHaveCount(0);
  await filterField(page).fill('type:ka');
  await expect(filterStatus(page)).toHaveText(count(0));
  await showHeartbeats(page, true);
  await expect(filterStatus(page)).toHaveText(/^([3-9]|\d\d+) matches$/);
  await showHeartbeats(page, false);
  await clearFilter(page);

  // connection_terminate: the server closes with 1000.
  await compose(page, L, TAB, 'connection_terminate (legacy graphql-ws)');
  await expect(sentRow(page, decoded(L, 'connection_terminate'))).toHaveCount(1);
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(closeRow(page)).toContainText('1000');
});

test('GraphQL legacy graphql-ws with the session manual: no connection_init, closed with 4408 after the 1 s init timeout', async ({ page }) => {
  const item = await connectLens(page, LEGACY, { name: `gql-legacy-manual-${uniqueId()}`, decodeAs: 'GraphQL', manual: true, subprotocols: 'graphql-ws' });
  await expect(item).toContainText(readyState('OPEN'));
  await page.waitForTimeout(1500);
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(closeRow(page)).toContainText('4408');
  await expect(sentRow(page, /GraphQL/)).toHaveCount(0);
});
