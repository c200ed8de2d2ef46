import { describe, expect, it } from 'vitest';
import type { Frame, LensSession, SessionHost } from '../../types';
import { createMqttState, decodeMqttFrame } from './decode';
import { encodeMqtt } from './encode';
import { mqttLens } from './index';
import { sessionConfig } from './session';

const hex = (s: string) => new Uint8Array(s.split(/\s+/).filter(Boolean).map((b) => Number.parseInt(b, 16)));

/** A host with a fake clock: timers run when the test advances time. */
function fakeHost() {
  let now = 1_000_000;
  const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const sent: Uint8Array[] = [];
  const notes: Array<{ level: string; text: string }> = [];
  let session: LensSession | null = null;
  const host: SessionHost = {
    send(data) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      sent.push(bytes);
      session?.sent?.({ direction: 'out', format: 'binary', bytes });
    },
    setTimer(ms, fn) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    },
    now: () => now,
    note: (level, text) => notes.push({ level, text }),
  };
  const types = () => sent.map((b) => decodeMqttFrame({ direction: 'out', format: 'binary', bytes: b }, createMqttState()).messages[0]?.type);
  return {
    host,
    sent,
    notes,
    types,
    live: () => timers.filter((t) => t.live).length,
    attach(s: LensSession) {
      session = s;
      return s;
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        now = next.at;
        next.live = false;
        next.fn();
      }
      now = end;
    },
    userSends(bytes: Uint8Array) {
      sent.push(bytes);
      session?.sent?.({ direction: 'out', format: 'binary', bytes });
    },
  };
}

const inFrame = (v: string): Frame => ({ direction: 'in', format: 'binary', bytes: hex(v) });

function start(options: Record<string, string> = {}) {
  const h = fakeHost();
  const session = mqttLens.session;
  if (!session) throw new Error('no session');
  const s = h.attach(session(h.host, options));
  s.open('mqtt');
  return { h, s };
}

describe('the automatic MQTT session', () => {
  it('sends CONNECT on open with the configured options', () => {
    const { h } = start({ version: '5', clientId: 'me', username: 'u', password: 'pw', keepalive: '30', cleanStart: '' });
    const m = decodeMqttFrame({ direction: 'out', format: 'binary', bytes: h.sent[0] as Uint8Array }, createMqttState()).messages[0];
    expect(m?.summary).toBe('CONNECT me · v5.0 · keepalive 30 s · user u · password •••• (2 B)');
  });

  it('defaults: 3.1.1, sockpit- and a random client id, keepalive 60, clean start', () => {
    const a = sessionConfig({});
    expect(a).toMatchObject({ version: 4, keepalive: 60, cleanStart: true });
    expect(a.clientId).toMatch(/^sockpit-[0-9a-f]{8}$/);
    expect(sessionConfig({}).clientId).not.toBe(a.clientId);
    expect(sessionConfig({ keepalive: 'x' }).keepalive).toBe(60);
    expect(sessionConfig({ keepalive: '0' }).keepalive).toBe(0);
  });

  it('one note on CONNACK, none per ping; a refusal is an error note', () => {
    const { h, s } = start({ keepalive: '1' });
    s.receive(inFrame('20 02 00 00'));
    s.receive(inFrame('20 02 00 00'));
    h.advance(5000);
    s.receive(inFrame('d0 00'));
    expect(h.notes).toHaveLength(1);
    expect(h.notes[0]?.text).toMatch(/^CONNACK 0 accepted/);
    const r = start();
    r.s.receive(inFrame('20 02 00 05'));
    expect(r.h.notes[0]).toEqual({ level: 'error', text: 'CONNACK 5 refused: not authorized' });
  });

  it('PINGREQ when nothing was sent for keepalive seconds, not sooner', () => {
    const { h } = start({ keepalive: '10' });
    h.advance(9_999);
    expect(h.types()).toEqual(['CONNECT']);
    h.advance(1);
    expect(h.types()).toEqual(['CONNECT', 'PINGREQ']);
    h.advance(6_000);
    // the user sends something: the next ping waits a whole keepalive from then
    const pub = encodeMqtt('publish', { topic: 't', payload: 'x' });
    if (!pub.ok) throw new Error(pub.error);
    h.userSends(pub.frames[0] as Uint8Array);
    h.advance(9_000);
    expect(h.types()).toEqual(['CONNECT', 'PINGREQ', 'PUBLISH']);
    h.advance(1_000);
    expect(h.types()).toEqual(['CONNECT', 'PINGREQ', 'PUBLISH', 'PINGREQ']);
  });

  it('keepalive 0: no pings', () => {
    const { h } = start({ keepalive: '0' });
    h.advance(10 * 60_000);
    expect(h.types()).toEqual(['CONNECT']);
    expect(h.live()).toBe(0);
  });

  it('answers QoS 1 with PUBACK, QoS 2 with PUBREC then PUBREL with PUBCOMP; QoS 0 with nothing', () => {
    const { h, s } = start();
    s.receive(inFrame('30 04 00 01 74 78'));
    s.receive(inFrame('32 06 00 01 74 00 07 78'));
    s.receive(inFrame('34 06 00 01 74 00 08 78'));
    s.receive(inFrame('62 02 00 08'));
    expect(h.sent.slice(1).map((b) => [...b])).toEqual([
      [0x40, 2, 0, 7],
      [0x50, 2, 0, 8],
      [0x70, 2, 0, 8],
    ]);
  });

  it('answers PUBREC for a QoS 2 publish it sent with PUBREL; packets split over frames too', () => {
    const { h, s } = start();
    s.receive(inFrame('50'));
    s.receive(inFrame('02 00'));
    s.receive(inFrame('2a 30 04 00 01 74 78'));
    expect(h.sent.slice(1).map((b) => [...b])).toEqual([[0x62, 2, 0, 0x2a]]);
  });

  it('in 5.0 a PUBREC with a failure code ends the flow: no PUBREL', () => {
    const { h, s } = start({ version: '5' });
    s.receive(inFrame('50 03 00 09 80'));
    expect(h.sent).toHaveLength(1);
    s.receive(inFrame('50 03 00 0a 10'));
    expect(h.sent.slice(1).map((b) => [...b])).toEqual([[0x62, 2, 0, 0x0a]]);
  });

  it('close cancels the ping timer and stops answering', () => {
    const { h, s } = start({ keepalive: '5' });
    expect(h.live()).toBe(1);
    s.close();
    expect(h.live()).toBe(0);
    s.receive(inFrame('32 06 00 01 74 00 07 78'));
    h.advance(60_000);
    expect(h.types()).toEqual(['CONNECT']);
  });
});
