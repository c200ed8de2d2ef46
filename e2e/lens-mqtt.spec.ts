import { PLAYGROUND } from './env';
import { closeRow, connectOpen, eventRows, expect, gotoApp, openOptions, readyState, receivedRow, sentRow, test, word } from './fixtures';
import {
  RTT,
  chooseKind,
  LENS_VIEWPORT,
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
  openProtocolTree,
  showHeartbeats,
  treeItem,
  uniqueId,
} from './lens-helpers';

/**
 * The MQTT lens against the playground's real brokers: aedes 1.x on /mqtt
 * (3.1.1) and aedes 2 beta on /mqtt5 (5.0). What the broker accepted is read
 * back from GET /mqtt-log and from its decoded replies.
 */

type MqttLogEntry = { route: string; clientId: string | null; topic: string; qos: number; retain: boolean; payload: string | null };

const L = 'MQTT';
const TAB = 'MQTT';

test.use({ viewport: LENS_VIEWPORT });

test.beforeEach(async ({ page }) => {
  await gotoApp(page);
});

test('MQTT 3.1.1 on /mqtt: detected, decoded, every packet composed and accepted by aedes, paired, filtered', async ({ page, request }) => {
  const id = uniqueId();
  const base = `sockpit-e2e/${id}`;
  await connectOpen(page, `${PLAYGROUND}/mqtt`, { name: `mqtt-${id}` });

  // 1. Auto-detection: the session's CONNECT and the broker's CONNACK are decoded.
  await expect(sentRow(page, decoded(L, /CONNECT sockpit-[0-9a-f]{8} · v3\.1\.1 · keepalive 60 s/))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'CONNACK accepted'))).toHaveCount(1);
  await expect(receivedRow(page, 'CONNACK accepted')).toContainText(RTT);
  await expectDetected(page, 'MQTT');

  // 3. SUBSCRIBE to our own topics (QoS 2 granted) → SUBACK, paired with an RTT.
  await compose(page, L, TAB, 'SUBSCRIBE', { 'Topic filter(s)': `${base}/#`, 'Maximum QoS': '2 · exactly once' });
  await expect(sentRow(page, decoded(L, `SUBSCRIBE id 1 · ${base}/# qos2`))).toHaveCount(1);
  const suback = receivedRow(page, decoded(L, 'SUBACK id 1 · granted qos 2'));
  await expect(suback).toHaveCount(1);
  await expect(suback).toContainText(RTT);

  // PUBLISH at QoS 0, 1 and 2; each comes back from the broker (we are subscribed).
  await compose(page, L, TAB, 'PUBLISH', { Topic: `${base}/q0`, Payload: `hello-${id}-0`, QoS: '0 · at most once' });
  await expect(receivedRow(page, decoded(L, `PUBLISH ${base}/q0 qos0`))).toHaveCount(1);

  await compose(page, L, TAB, 'PUBLISH', { Topic: `${base}/q1`, Payload: `hello-${id}-1`, QoS: '1 · at least once' });
  const puback = receivedRow(page, decoded(L, 'PUBACK id 2'));
  await expect(puback).toHaveCount(1);
  await expect(puback).toContainText(RTT);
  // The broker's own QoS 1 delivery is acknowledged by the session.
  await expect(receivedRow(page, decoded(L, `PUBLISH ${base}/q1 qos1 id`))).toHaveCount(1);
  await expect(sentRow(page, decoded(L, 'PUBACK id'))).toHaveCount(1);

  await compose(page, L, TAB, 'PUBLISH', { Topic: `${base}/q2`, Payload: `hello-${id}-2`, QoS: '2 · exactly once' });
  // PUBREC (the first answer: it gives the RTT) → (session) PUBREL → PUBCOMP, which closes the pair.
  await expect(receivedRow(page, decoded(L, 'PUBREC id 3'))).toContainText(RTT);
  await expect(sentRow(page, decoded(L, 'PUBREL id 3'))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'PUBCOMP id 3'))).toHaveCount(1);
  // The broker's QoS 2 delivery: the session answers PUBREC, the broker PUBREL, the session PUBCOMP.
  await expect(receivedRow(page, decoded(L, `PUBLISH ${base}/q2 qos2 id`))).toHaveCount(1);
  await expect(sentRow(page, decoded(L, 'PUBCOMP id'))).toHaveCount(1);

  // The broker received all three, with their QoS and payloads.
  await expect
    .poll(async () =>
      (await getLog<MqttLogEntry>(request, '/mqtt-log'))
        .filter((e) => e.route === '/mqtt' && e.topic.startsWith(`${base}/`))
        .map((e) => `${e.topic} qos${e.qos} ${e.payload}`),
    )
    .toEqual([`${base}/q0 qos0 hello-${id}-0`, `${base}/q1 qos1 hello-${id}-1`, `${base}/q2 qos2 hello-${id}-2`]);

  // 2. The inspector's Protocol tab: the received PUBLISH's topic and payload.
  const tree = await openProtocolTree(page, receivedRow(page, decoded(L, `PUBLISH ${base}/q1 qos1`)), 'MQTT PUBLISH');
  await expect(treeItem(tree, 'topic')).toContainText(`"${base}/q1"`);
  await expect(tree).toContainText(`hello-${id}-1`);
  await closeInspector(page);

  // 5. Filtering by decoded fields: 3 PUBLISH sent + 3 received.
  await filterBy(page, 'type:PUBLISH', 6);
  for (const text of await eventRows(page).allInnerTexts()) expect(text).toMatch(decoded(L, 'PUBLISH '));
  await filterBy(page, `topic:${base}/q2`, 2);
  await expect(eventRows(page).filter({ hasText: `PUBLISH ${base}/q2 qos2` })).toHaveCount(2);
  await clearFilter(page);

  // PINGREQ → PINGRESP: heartbeats, hidden until "Show heartbeats" is on.
  await compose(page, L, TAB, 'PINGREQ');
  await filterBy(page, 'type:PINGRESP', 0);
  await showHeartbeats(page, true);
  await expect(filterStatus(page)).toHaveText('1 match');
  await expect(receivedRow(page, decoded(L, 'PINGRESP'))).toContainText(RTT);
  await filterField(page).fill('type:PINGREQ');
  await expect(filterStatus(page)).toHaveText('1 match');
  await expect(sentRow(page, decoded(L, 'PINGREQ'))).toHaveCount(1);
  await showHeartbeats(page, false);
  await expect(filterStatus(page)).toHaveText('0 matches');
  await clearFilter(page);

  // The tick topic, then UNSUBSCRIBE: the broker stops sending it.
  await compose(page, L, TAB, 'SUBSCRIBE', { 'Topic filter(s)': 'playground/tick', 'Maximum QoS': '0 · at most once' });
  await expect(receivedRow(page, decoded(L, /SUBACK id \d+ · granted qos 0/))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'PUBLISH playground/tick qos0'))).not.toHaveCount(0);
  await filterField(page).fill('topic:playground/tick');
  await expect(filterStatus(page)).toHaveText(/^\d+ match(es)?$/);
  for (const text of await eventRows(page).allInnerTexts()) expect(text).toContain('playground/tick');
  await clearFilter(page);
  await compose(page, L, TAB, 'UNSUBSCRIBE', { 'Topic filter(s)': 'playground/tick' });
  await expect(receivedRow(page, decoded(L, /UNSUBACK id \d+/))).toContainText(RTT);
  await filterField(page).fill('topic:playground/tick type:PUBLISH');
  const ticks = Number((await filterStatus(page).innerText()).split(' ')[0]);
  await page.waitForTimeout(2500);
  await expect(filterStatus(page)).toHaveText(`${ticks} ${ticks === 1 ? 'match' : 'matches'}`);
  await clearFilter(page);

  // DISCONNECT: aedes closes the connection.
  await compose(page, L, TAB, 'DISCONNECT');
  await expect(sentRow(page, decoded(L, 'DISCONNECT'))).toHaveCount(1);
  await expect(closeRow(page)).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Connections' }).getByRole('listitem').filter({ hasText: `mqtt-${id}` })).toContainText(
    readyState('CLOSED'),
  );
});

test('MQTT bad input: a hex payload that is not hex is flagged next to the field and kept', async ({ page }) => {
  const id = uniqueId();
  await connectOpen(page, `${PLAYGROUND}/mqtt`, { name: `mqtt-bad-${id}` });
  await expect(receivedRow(page, 'CONNACK accepted')).toHaveCount(1);
  await chooseKind(page, L, TAB, 'PUBLISH');
  await composeField(page, L, 'Topic').fill(`sockpit-e2e/${id}`);
  await composeField(page, L, 'Payload is').selectOption({ label: 'hex bytes' });
  await composeField(page, L, 'Payload').fill('de ad zz');
  const payload = composeField(page, L, 'Payload');
  await expect(payload).toHaveAttribute('aria-invalid', 'true');
  await expect(payload).toHaveAccessibleDescription(/hex/i);
  await expect(payload).toHaveValue('de ad zz');
  await expect(composeForm(page, L).getByRole('button', { name: 'Send PUBLISH' })).toBeDisabled();
  await composeField(page, L, 'Payload').fill('de ad be ef');
  await expect(payload).not.toHaveAttribute('aria-invalid', 'true');
  await expect(composeForm(page, L).getByRole('button', { name: 'Send PUBLISH' })).toBeEnabled();
});

test('MQTT 5 on /mqtt5: a 5.0 session with keepalive 1 s stays open with PINGREQs; PUBLISH with properties is accepted', async ({
  page,
  request,
}) => {
  const id = uniqueId();
  const topic = `sockpit-e2e/${id}/v5`;
  // The path does not end in /mqtt: Auto detects MQTT from the subprotocol MQTT clients offer.
  // The session starts as 3.1.1; the 5.0 options apply when it connects again.
  const item = await connectOpen(page, `${PLAYGROUND}/mqtt5`, { name: `mqtt5-${id}`, subprotocols: 'mqtt' });
  await expect(receivedRow(page, decoded(L, 'CONNACK accepted'))).toHaveCount(1);
  await expectDetected(page, 'MQTT');
  await openOptions(page);
  await page.getByRole('combobox', { name: 'Protocol version', exact: true }).selectOption({ label: 'MQTT 5.0' });
  await page.getByRole('spinbutton', { name: 'Keepalive (s)', exact: true }).fill('1');
  await page.getByRole('textbox', { name: 'Client id', exact: true }).fill(`e2e-${id}`);
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(item).toContainText(readyState('CLOSED'));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(item).toContainText(readyState('OPEN'));
  await expect(sentRow(page, decoded(L, `CONNECT e2e-${id} · v5.0 · keepalive 1 s`))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'CONNACK accepted'))).toHaveCount(2);

  // 6. Keep-alive: aedes drops a client silent for 1.5 × keepalive; 3 × that passes.
  await page.waitForTimeout(4600);
  await expect(item).toContainText(readyState('OPEN'));
  await showHeartbeats(page, true);
  await filterField(page).fill('type:PINGREQ');
  await expect(filterStatus(page)).toHaveText(/^([3-9]|\d\d+) matches$/);
  await filterField(page).fill('type:PINGRESP');
  await expect(filterStatus(page)).toHaveText(/^([3-9]|\d\d+) matches$/);
  await showHeartbeats(page, false);
  await clearFilter(page);

  // 3. 5.0 SUBSCRIBE and PUBLISH with a user property.
  await compose(page, L, TAB, 'SUBSCRIBE', { 'Protocol version': 'MQTT 5.0', 'Topic filter(s)': topic, 'Maximum QoS': '1 · at least once' });
  await expect(receivedRow(page, decoded(L, /SUBACK id \d+ · granted qos 1/))).toContainText(RTT);
  await compose(page, L, TAB, 'PUBLISH', {
    'Protocol version': 'MQTT 5.0',
    Topic: topic,
    Payload: `{"v":5,"id":"${id}"}`,
    QoS: '1 · at least once',
    'Properties (5.0, JSON)': '{"userProperties":{"run":"e2e"}}',
  });
  await expect(receivedRow(page, decoded(L, /PUBACK id \d+/))).toContainText(RTT);
  const delivered = receivedRow(page, decoded(L, `PUBLISH ${topic} qos1`));
  await expect(delivered).toHaveCount(1);
  const tree = await openProtocolTree(page, delivered, 'MQTT PUBLISH');
  await expect(treeItem(tree, 'topic')).toContainText(`"${topic}"`);
  await expect(tree).toContainText('run');
  await expect(tree).toContainText('"e2e"');
  await closeInspector(page);

  await expect
    .poll(async () =>
      (await getLog<MqttLogEntry>(request, '/mqtt-log')).filter((e) => e.route === '/mqtt5' && e.topic === topic).map((e) => [e.clientId, e.qos, e.payload]),
    )
    .toEqual([[`e2e-${id}`, 1, `{"v":5,"id":"${id}"}`]]);
});

test('MQTT with the session manual: a hand-made CONNECT with keepalive 1 s, no PINGREQ, dropped by aedes', async ({ page }) => {
  const id = uniqueId();
  const item = await connectLens(page, `${PLAYGROUND}/mqtt`, { name: `mqtt-manual-${id}`, decodeAs: 'MQTT', manual: true });
  await expect(item).toContainText(readyState('OPEN'));
  await compose(page, L, TAB, 'CONNECT', { 'Client id': `e2e-manual-${id}`, 'Keepalive (s)': '1' });
  await expect(sentRow(page, decoded(L, `CONNECT e2e-manual-${id} · v3.1.1 · keepalive 1 s`))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'CONNACK accepted'))).toHaveCount(1);
  // Nothing is sent for us: after 1.5 × keepalive (plus slack) the broker drops the connection.
  await page.waitForTimeout(3000);
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(closeRow(page)).toContainText('1006');
  await showHeartbeats(page, true);
  await expect(sentRow(page, decoded(L, 'PINGREQ'))).toHaveCount(0);
  await expect(eventRows(page).filter({ hasText: word('sent') })).toHaveCount(1);
});

test('MQTT by hand (session manual): CONNECT with credentials and a will, a retained PUBLISH, PUBACK/PUBREC/PUBREL/PUBCOMP composed and answered by aedes; the will goes out when the socket drops', async ({
  page,
  request,
}) => {
  const id = uniqueId();
  const base = `sockpit-e2e/${id}`;
  const clientId = `e2e-hand-${id}`;
  const item = await connectLens(page, `${PLAYGROUND}/mqtt`, { name: `mqtt-hand-${id}`, decodeAs: 'MQTT', manual: true });
  await expect(item).toContainText(readyState('OPEN'));

  // CONNECT with a user name, a password and a QoS 1 will; keepalive off so the broker never times us out.
  await compose(page, L, TAB, 'CONNECT', {
    'Client id': clientId,
    'User name': 'e2e-user',
    Password: 'e2e-secret',
    'Keepalive (s)': '0',
    'Will topic': `${base}/will`,
    'Will payload': `gone-${id}`,
    'Will QoS': '1 · at least once',
  });
  await expect(sentRow(page, decoded(L, `CONNECT ${clientId} · v3.1.1 · keepalive 0 s`))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'CONNACK accepted'))).toContainText(RTT);

  await compose(page, L, TAB, 'SUBSCRIBE', { 'Topic filter(s)': `${base}/#`, 'Maximum QoS': '2 · exactly once', 'Packet id': '11' });
  await expect(receivedRow(page, decoded(L, 'SUBACK id 11 · granted qos 2'))).toContainText(RTT);

  // A retained QoS 0 PUBLISH: the broker's log says it kept the retain flag.
  await compose(page, L, TAB, 'PUBLISH', { Topic: `${base}/r`, Payload: `kept-${id}`, QoS: '0 · at most once', Retain: true });
  await expect(receivedRow(page, decoded(L, `PUBLISH ${base}/r qos0`))).toHaveCount(1);

  // Our QoS 2 PUBLISH: aedes answers PUBREC; our hand-made PUBREL is answered with PUBCOMP.
  await compose(page, L, TAB, 'PUBLISH', { Topic: `${base}/q2`, Payload: `two-${id}`, QoS: '2 · exactly once', Retain: false, 'Packet id': '21' });
  await expect(receivedRow(page, decoded(L, 'PUBREC id 21'))).toContainText(RTT);
  await expect(sentRow(page, decoded(L, 'PUBREL id 21'))).toHaveCount(0);
  await compose(page, L, TAB, 'PUBREL', { 'Packet id': '21' });
  await expect(sentRow(page, decoded(L, 'PUBREL id 21'))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'PUBCOMP id 21'))).toHaveCount(1);

  // The broker's QoS 2 delivery to us: our PUBREC is answered with the broker's PUBREL, which our PUBCOMP closes.
  const delivered2 = receivedRow(page, decoded(L, new RegExp(`PUBLISH ${base}/q2 qos2 id \\d+`)));
  await expect(delivered2).toHaveCount(1);
  const out2 = new RegExp(`PUBLISH ${base}/q2 qos2 id (\\d+)`).exec(await delivered2.innerText())?.[1] ?? '';
  expect(out2).toMatch(/^\d+$/);
  await expect(receivedRow(page, decoded(L, `PUBREL id ${out2}`))).toHaveCount(0);
  await compose(page, L, TAB, 'PUBREC', { 'Packet id': out2 });
  await expect(receivedRow(page, decoded(L, `PUBREL id ${out2}`))).toHaveCount(1);
  await compose(page, L, TAB, 'PUBCOMP', { 'Packet id': out2 });
  await expect(sentRow(page, decoded(L, `PUBCOMP id ${out2}`))).toHaveCount(1);

  // QoS 1 both ways: the broker's PUBACK, and our hand-made PUBACK for its delivery.
  await compose(page, L, TAB, 'PUBLISH', { Topic: `${base}/q1`, Payload: `one-${id}`, QoS: '1 · at least once', 'Packet id': '31' });
  await expect(receivedRow(page, decoded(L, 'PUBACK id 31'))).toContainText(RTT);
  const delivered1 = receivedRow(page, decoded(L, new RegExp(`PUBLISH ${base}/q1 qos1 id \\d+`)));
  await expect(delivered1).toHaveCount(1);
  const out1 = new RegExp(`PUBLISH ${base}/q1 qos1 id (\\d+)`).exec(await delivered1.innerText())?.[1] ?? '';
  await compose(page, L, TAB, 'PUBACK', { 'Packet id': out1 });
  await expect(sentRow(page, decoded(L, `PUBACK id ${out1}`))).toHaveCount(1);
  // Nothing in all that made aedes drop the client (it closes the socket on a packet it cannot take).
  await expect(item).toContainText(readyState('OPEN'));
  await expect(closeRow(page)).toHaveCount(0);

  // The socket closes without an MQTT DISCONNECT: aedes publishes the will.
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(sentRow(page, decoded(L, 'DISCONNECT'))).toHaveCount(0);
  await expect
    .poll(async () =>
      (await getLog<MqttLogEntry>(request, '/mqtt-log'))
        .filter((e) => e.route === '/mqtt' && e.topic.startsWith(`${base}/`))
        .map((e) => `${e.clientId} ${e.topic} qos${e.qos}${e.retain ? ' retain' : ''} ${e.payload}`),
    )
    .toEqual([
      `${clientId} ${base}/r qos0 retain kept-${id}`,
      `${clientId} ${base}/q2 qos2 two-${id}`,
      `${clientId} ${base}/q1 qos1 one-${id}`,
      `${clientId} ${base}/will qos1 gone-${id}`,
    ]);
});

test('MQTT 5 with the session manual: a hand-made 5.0 CONNECT with keepalive 1 s, no PINGREQ, dropped by aedes', async ({ page }) => {
  const id = uniqueId();
  const item = await connectLens(page, `${PLAYGROUND}/mqtt5`, { name: `mqtt5-manual-${id}`, decodeAs: 'MQTT', manual: true });
  await expect(item).toContainText(readyState('OPEN'));
  await compose(page, L, TAB, 'CONNECT', { 'Protocol version': 'MQTT 5.0', 'Client id': `e2e5-manual-${id}`, 'Keepalive (s)': '1' });
  await expect(sentRow(page, decoded(L, `CONNECT e2e5-manual-${id} · v5.0 · keepalive 1 s`))).toHaveCount(1);
  await expect(receivedRow(page, decoded(L, 'CONNACK accepted'))).toHaveCount(1);
  // Nothing is sent for us: after 1.5 × keepalive (plus slack) the 5.0 broker drops the connection.
  await page.waitForTimeout(3000);
  await expect(item).toContainText(readyState('CLOSED'));
  await expect(closeRow(page)).toHaveCount(1);
  await showHeartbeats(page, true);
  await expect(sentRow(page, decoded(L, 'PINGREQ'))).toHaveCount(0);
  await expect(eventRows(page).filter({ hasText: word('sent') })).toHaveCount(1);
});
