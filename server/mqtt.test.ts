import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecodedMessage, Field } from '../src/lib/decode/types';
import { encodeMqtt } from '../src/lib/decode/lenses/mqtt/encode';
import { mqttLens } from '../src/lib/decode/lenses/mqtt/index';
import type { NodeSession } from '../src/lib/decode/testing/node-session';
import { openNodeSession } from '../src/lib/decode/testing/node-session';
import { startPlayground } from './playground.mjs';
import { topicMatches } from './routes/mqtt.mjs';

type Playground = Awaited<ReturnType<typeof startPlayground>>;
type LogEntry = { route: string; clientId: string; topic: string; qos: number; retain: boolean; payload: string | null };

let playground: Playground;
const sessions = new Set<NodeSession>();

beforeAll(async () => {
  playground = await startPlayground({ port: 0 });
});

afterAll(async () => {
  for (const s of sessions) s.ws.terminate();
  await playground.close();
});

async function open(path: string, options: Record<string, string> = {}, session = true): Promise<NodeSession> {
  const s = await openNodeSession(mqttLens, `${playground.url}${path}`, { options, session });
  sessions.add(s);
  void s.closed.then(() => sessions.delete(s));
  return s;
}

function send(s: NodeSession, kind: string, values: Record<string, string>): void {
  const r = encodeMqtt(kind, values);
  if (!r.ok) throw new Error(`${kind}: ${r.error}`);
  for (const f of r.frames) s.send(f);
}

const is = (type: string, dir: 'in' | 'out' = 'in', extra: (m: DecodedMessage) => boolean = () => true) => (m: DecodedMessage, r: { frame: { direction: string } }) => m.type === type && r.frame.direction === dir && extra(m);

function fieldOf(m: DecodedMessage, name: string): Field | undefined {
  return m.fields.find((f) => f.name === name);
}

/** The message of `type` in a frame (a frame may hold several packets: pass `pred` to pick one). */
function messageOf(r: { messages: DecodedMessage[] }, type: string, pred: (m: DecodedMessage) => boolean = () => true): DecodedMessage {
  const m = r.messages.find((x) => x.type === type && pred(x));
  if (!m) throw new Error(`no ${type}`);
  return m;
}

async function mqttLog(): Promise<LogEntry[]> {
  const res = await fetch(`${playground.httpUrl}/mqtt-log`);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return ((await res.json()) as { entries: LogEntry[] }).entries;
}

const unique = () => `t${Math.random().toString(16).slice(2, 10)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('topic matching for the tick', () => {
  it('follows + and #', () => {
    expect(topicMatches('playground/tick', 'playground/tick')).toBe(true);
    expect(topicMatches('playground/+', 'playground/tick')).toBe(true);
    expect(topicMatches('#', 'playground/tick')).toBe(true);
    expect(topicMatches('playground/#', 'playground/tick')).toBe(true);
    expect(topicMatches('playground/hello', 'playground/tick')).toBe(false);
    expect(topicMatches('+', 'playground/tick')).toBe(false);
  });
});

for (const { path, version } of [
  { path: '/mqtt', version: '4' },
  { path: '/mqtt5', version: '5' },
]) {
  describe(`${path}: MQTT ${version === '5' ? '5.0' : '3.1.1'} over WebSocket with aedes`, () => {
    it('negotiates mqtt, and the session CONNECTs and is accepted', async () => {
      const s = await open(path, { version, clientId: `sockpit-${unique()}` });
      expect(s.ws.protocol).toBe('mqtt');
      const r = await s.waitFor(is('CONNACK'));
      const connack = messageOf(r, 'CONNACK');
      expect(connack.summary).toBe('CONNACK accepted');
      expect(fieldOf(connack, 'version')?.value).toBe(version === '5' ? '5.0' : '3.1.1');
      expect(s.notes.filter((n) => n.text.startsWith('CONNACK 0 accepted'))).toHaveLength(1);
      s.close();
    });

    it('SUBSCRIBE: SUBACK, and the retained playground/hello arrives', async () => {
      const s = await open(path, { version });
      await s.waitFor(is('CONNACK'));
      send(s, 'subscribe', { version, topic: 'playground/hello', qos: '1', packetId: '11' });
      const suback = messageOf(await s.waitFor(is('SUBACK')), 'SUBACK');
      expect(suback.summary).toBe('SUBACK id 11 · granted qos 1');
      expect(suback.correlation).toEqual({ key: 'sub:out:11', role: 'reply' });
      const pub = messageOf(await s.waitFor(is('PUBLISH', 'in', (m) => m.summary.startsWith('PUBLISH playground/hello'))), 'PUBLISH');
      expect(pub.summary).toMatch(/^PUBLISH playground\/hello qos1 id \d+ retain · \d+ B$/);
      expect(fieldOf(pub, 'payload')?.note).toMatch(/JSON/);
      // the session acknowledged it
      await s.waitFor(is('PUBACK', 'out'));
      s.close();
    });

    it('PUBLISH QoS 0, 1 and 2: the acks flow completes both ways and another client receives them', async () => {
      const topic = `test/${unique()}`;
      const sub = await open(path, { version });
      await sub.waitFor(is('CONNACK'));
      send(sub, 'subscribe', { version, topic: `${topic}/#`, qos: '2' });
      await sub.waitFor(is('SUBACK'));
      const clientId = `pub-${unique()}`;
      const pub = await open(path, { version, clientId });
      await pub.waitFor(is('CONNACK'));
      const properties = version === '5' ? '{"contentType":"text/plain","userProperties":{"from":"sockpit"}}' : '';
      send(pub, 'publish', { version, topic: `${topic}/q0`, payload: 'zero', qos: '0', properties });
      send(pub, 'publish', { version, topic: `${topic}/q1`, payload: 'one', qos: '1', packetId: '21', properties });
      send(pub, 'publish', { version, topic: `${topic}/q2`, payload: '{"n":2}', qos: '2', packetId: '22', properties });
      // the publisher's side: PUBACK for 21; PUBREC, our PUBREL, PUBCOMP for 22
      expect(messageOf(await pub.waitFor(is('PUBACK')), 'PUBACK').correlation).toEqual({ key: 'pub:out:21', role: 'reply' });
      await pub.waitFor(is('PUBREC', 'in', (m) => m.summary === 'PUBREC id 22'));
      await pub.waitFor(is('PUBREL', 'out', (m) => m.summary === 'PUBREL id 22'));
      expect(messageOf(await pub.waitFor(is('PUBCOMP', 'in', (m) => m.summary === 'PUBCOMP id 22')), 'PUBCOMP').correlation).toEqual({ key: 'pub:out:22', role: 'reply' });
      // the subscriber's side: all three arrive; QoS 1 is acked, QoS 2 runs PUBREC → PUBREL → PUBCOMP
      await sub.waitFor(is('PUBLISH', 'in', (m) => m.summary.startsWith(`PUBLISH ${topic}/q0 qos0`)));
      await sub.waitFor(is('PUBLISH', 'in', (m) => m.summary.startsWith(`PUBLISH ${topic}/q1 qos1`)));
      const isQ2 = (m: DecodedMessage) => m.summary.startsWith(`PUBLISH ${topic}/q2 qos2`);
      const q2 = messageOf(await sub.waitFor(is('PUBLISH', 'in', isQ2)), 'PUBLISH', isQ2);
      expect(fieldOf(q2, 'payload')?.children?.[0]).toMatchObject({ name: 'n', value: 2 });
      if (version === '5') expect(fieldOf(q2, 'properties')?.children?.map((c) => c.name)).toEqual(expect.arrayContaining(['Content Type', 'User Property']));
      await sub.waitFor(is('PUBACK', 'out'));
      await sub.waitFor(is('PUBREC', 'out'));
      await sub.waitFor(is('PUBREL', 'in'));
      await sub.waitFor(is('PUBCOMP', 'out'));
      // and the broker recorded what we published
      // (aedes stores QoS 1/2 messages before it emits them, so the log's order may differ from the sending order)
      const log = (await mqttLog()).filter((e) => e.clientId === clientId).sort((a, b) => a.topic.localeCompare(b.topic));
      expect(log.map((e) => [e.route, e.topic, e.qos, e.payload])).toEqual([
        [path, `${topic}/q0`, 0, 'zero'],
        [path, `${topic}/q1`, 1, 'one'],
        [path, `${topic}/q2`, 2, '{"n":2}'],
      ]);
      pub.close();
      sub.close();
    });

    it('the will is published when a client drops without DISCONNECT', async () => {
      const topic = `will/${unique()}`;
      const watcher = await open(path, { version });
      await watcher.waitFor(is('CONNACK'));
      send(watcher, 'subscribe', { version, topic, qos: '1' });
      await watcher.waitFor(is('SUBACK'));
      const dying = await open(path, {}, false);
      send(dying, 'connect', { version, clientId: `dying-${unique()}`, keepalive: '30', cleanStart: 'true', willTopic: topic, willPayload: 'gone', willQos: '1' });
      await dying.waitFor(is('CONNACK'));
      dying.ws.terminate();
      const will = messageOf(await watcher.waitFor(is('PUBLISH', 'in', (m) => m.summary.startsWith(`PUBLISH ${topic}`))), 'PUBLISH');
      expect(fieldOf(will, 'payload')?.value).toBe('gone');
      watcher.close();
    });

    it('playground/tick ticks every second while subscribed, and stops when nobody is', async () => {
      const s = await open(path, { version });
      await s.waitFor(is('CONNACK'));
      send(s, 'subscribe', { version, topic: 'playground/tick', packetId: '31' });
      const first = messageOf(await s.waitFor(is('PUBLISH', 'in', (m) => m.summary.startsWith('PUBLISH playground/tick')), 2500), 'PUBLISH');
      expect(fieldOf(first, 'payload')?.children?.map((c) => c.name)).toEqual(['seq', 'time']);
      send(s, 'unsubscribe', { version, topic: 'playground/tick', packetId: '32' });
      await s.waitFor(is('UNSUBACK'));
      const count = () => s.frames.filter((f) => f.messages.some((m) => m.summary.startsWith('PUBLISH playground/tick'))).length;
      await sleep(300);
      const after = count();
      await sleep(1600);
      expect(count()).toBe(after);
      s.close();
    });

    it('keepalive 1 s: with the session on the connection outlives 3 × 1.5 s on PINGREQ/PINGRESP', async () => {
      const s = await open(path, { version, keepalive: '1' });
      await s.waitFor(is('CONNACK'));
      let closedEarly = false;
      void s.closed.then(() => {
        closedEarly = true;
      });
      await sleep(4_700);
      expect(closedEarly).toBe(false);
      const pings = s.frames.filter((f) => f.messages.some((m) => m.type === 'PINGREQ')).length;
      const pongs = s.frames.filter((f) => f.messages.some((m) => m.type === 'PINGRESP' && m.heartbeat)).length;
      expect(pings).toBeGreaterThanOrEqual(3);
      expect(pongs).toBeGreaterThanOrEqual(3);
      expect(s.notes).toHaveLength(1);
      s.close();
    }, 10_000);

    it('keepalive 1 s: without the session (CONNECT sent by hand, then nothing) the broker drops it', async () => {
      const s = await open(path, {}, false);
      const start = Date.now();
      send(s, 'connect', { version, clientId: `quiet-${unique()}`, keepalive: '1', cleanStart: 'true' });
      await s.waitFor(is('CONNACK'));
      const closed = await Promise.race([s.closed, sleep(4_500).then(() => null)]);
      expect(closed).not.toBeNull();
      expect(Date.now() - start).toBeGreaterThanOrEqual(1_400);
      expect(s.frames.some((f) => f.messages.some((m) => m.type === 'PINGREQ'))).toBe(false);
    }, 10_000);
  });
}

describe('/mqtt is aedes 1.x: MQTT 5.0 is refused there', () => {
  it('a 5.0 CONNECT gets a 3.1.1 CONNACK with return code 1 (unacceptable protocol version) and the socket closes', async () => {
    const s = await open('/mqtt', {}, false);
    send(s, 'connect', { version: '5', clientId: `v5-${unique()}`, keepalive: '30', cleanStart: 'true' });
    const connack = messageOf(await s.waitFor((m) => m.type === 'CONNACK', 3000), 'CONNACK');
    expect(connack.keys).toContainEqual(['reasonCode', '1']);
    // aedes 1.x answers in the 3.1.1 format (no properties), which a 5.0 reading finds short
    expect(connack.summary).toBe('CONNACK refused: unknown reason code (0x01) · truncated CONNACK property length');
    await s.closed;
  });
});
