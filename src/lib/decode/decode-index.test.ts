import { describe, expect, it } from 'vitest';
import { Kind } from '../event-kind';
import { DecodeIndex } from './decode-index';
import { registerLens } from './registry';
import { jsonLens } from './lenses/json/index';
import { jsonRpcLens } from './lenses/jsonrpc/index';
import { mqttLens } from './lenses/mqtt/index';
import type { Lens } from './types';

registerLens(jsonLens);
registerLens(jsonRpcLens);
registerLens(mqttLens);

class FakeLog {
  kinds: number[] = [];
  data: unknown[] = [];
  start = 0;
  get end() {
    return this.kinds.length;
  }
  kindAt(seq: number) {
    return seq >= this.start ? this.kinds[seq] : undefined;
  }
  dataAt(seq: number) {
    return seq >= this.start ? this.data[seq] : undefined;
  }
  push(kind: number, data: unknown) {
    this.kinds.push(kind);
    this.data.push(data);
  }
  connect(url = 'ws://127.0.0.1/echo', protocol = '') {
    this.push(Kind.Connecting, { url, protocols: protocol ? [protocol] : [] });
    this.push(Kind.Open, { protocol, extensions: '' });
  }
}

describe('DecodeIndex', () => {
  it('detects JSON-RPC from the first frame and decodes every frame of the session, the first included', () => {
    const log = new FakeLog();
    log.connect();
    log.push(Kind.OutText, '{"jsonrpc":"2.0","method":"add","params":[1,2],"id":1}');
    log.push(Kind.InText, '{"jsonrpc":"2.0","result":3,"id":1}');
    const index = new DecodeIndex(log, 'auto');
    expect(index.step(100)).toBe(true);
    expect(index.status()).toMatchObject({ lens: 'jsonrpc', how: 'detected', detecting: false });
    expect(index.messagesAt(2)?.[0]).toMatchObject({ type: 'request', correlation: { key: 'out:n1', role: 'request' } });
    expect(index.messagesAt(3)?.[0]).toMatchObject({ type: 'result', correlation: { key: 'out:n1', role: 'reply' } });
    expect(index.messagesAt(1)).toBeNull();
  });

  it('gives up after a few frames nothing recognises, and Raw decodes nothing', () => {
    const log = new FakeLog();
    log.connect();
    for (let i = 0; i < 6; i++) log.push(Kind.InText, `tick ${i}`);
    const auto = new DecodeIndex(log, 'auto');
    auto.step(100);
    expect(auto.status()).toMatchObject({ lens: null, detecting: false });
    expect(auto.messagesAt(3)).toBeNull();
    const raw = new DecodeIndex(log, 'raw');
    expect(raw.pending()).toBe(0);
    expect(raw.step(100)).toBe(true);
    expect(raw.messagesAt(2)).toBeNull();
  });

  it('steps in budgets and picks up frames appended later', () => {
    const log = new FakeLog();
    log.connect();
    for (let i = 0; i < 10; i++) log.push(Kind.InText, `{"n":${i}}`);
    const index = new DecodeIndex(log, 'json');
    expect(index.step(5)).toBe(false);
    expect(index.pending()).toBe(7);
    expect(index.step(100)).toBe(true);
    log.push(Kind.InText, '{"n":10}');
    expect(index.messagesAt(12)).toBeNull();
    index.step(100);
    expect(index.messagesAt(12)?.[0]?.keys).toEqual([['n', '10']]);
  });

  it('keeps the results of stateful frames and marks heartbeats and errors', () => {
    // A toy lens: "A" opens a pair that the next frame completes; "." is a heartbeat.
    const toy: Lens<{ open: boolean }> = {
      id: 'stomp',
      name: 'Toy',
      createState: () => ({ open: false }),
      decode(frame, state) {
        if (frame.format !== 'text') return { messages: [] };
        if (frame.text === '.') return { messages: [{ protocol: 'Toy', type: 'beat', summary: 'beat', fields: [], heartbeat: true }] };
        if (frame.text === 'A') {
          state.open = true;
          return { messages: [{ protocol: 'Toy', type: 'start', summary: 'start', fields: [] }] };
        }
        if (state.open) {
          state.open = false;
          return { messages: [{ protocol: 'Toy', type: 'end', summary: `end ${frame.text}`, fields: [] }], stateful: true };
        }
        return { messages: [{ protocol: 'Toy', type: 'bad', summary: 'bad', fields: [], error: 'no start' }] };
      },
    };
    registerLens(toy);
    const log = new FakeLog();
    log.connect();
    log.push(Kind.InText, 'A');
    log.push(Kind.InText, 'B');
    log.push(Kind.InText, '.');
    log.push(Kind.InText, 'C');
    const index = new DecodeIndex(log, 'stomp');
    index.step(100);
    // "B" was decoded with state from "A": kept, so showing it again gives the same answer.
    expect(index.messagesAt(3)?.[0]?.summary).toBe('end B');
    expect(index.isHeartbeat(4)).toBe(true);
    expect(index.isHeartbeat(3)).toBe(false);
    expect(index.heartbeatCount()).toBe(1);
    expect(index.hasError(5)).toBe(true);
    expect(index.messagesAt(5)?.[0]?.error).toBe('no start');
  });

  it('an MQTT 5 capture keeps only the frame that set the version; every other row decodes again as 5.0 from the fork', () => {
    const bytes = (h: string) => new Uint8Array(h.split(' ').map((b) => parseInt(b, 16))).buffer;
    const log = new FakeLog();
    log.connect('ws://127.0.0.1/mqtt', 'mqtt');
    log.push(Kind.OutBinary, bytes('10 11 00 04 4d 51 54 54 05 02 00 3c 03 21 00 0a 00 01 61')); // CONNECT v5
    log.push(Kind.InBinary, bytes('20 03 00 00 00')); // CONNACK v5 (3.1.1 would read it wrongly)
    for (let i = 0; i < 2_000; i++) log.push(Kind.InBinary, bytes('30 07 00 01 74 02 01 01 78')); // PUBLISH with a v5 property
    const index = new DecodeIndex(log, 'mqtt');
    expect(index.step(10_000)).toBe(true);
    expect(index.keptCount()).toBe(1);
    for (const seq of [4, 1_000, log.end - 1]) {
      const m = index.messagesAt(seq)?.[0];
      expect(m?.summary).toBe('PUBLISH t qos0 · 1 B');
      expect(m?.fields.find((f) => f.name === 'version')?.value).toBe('5.0');
    }
  });

  it('drops what belongs to evicted events', () => {
    const log = new FakeLog();
    log.connect();
    for (let i = 0; i < 10_000; i++) log.push(Kind.InText, `{"n":${i}}`);
    const index = new DecodeIndex(log, 'json');
    index.step(20_000);
    log.start = 9000;
    log.push(Kind.InText, '{"n":"last"}');
    index.step(10);
    expect(index.messagesAt(100)).toBeNull();
    expect(index.messagesAt(log.end - 1)?.[0]?.keys).toEqual([['n', 'last']]);
  });
});

describe('DecodeIndex with a lens that forks its session state', () => {
  it('decodes a row it did not keep with the version the session had (MQTT: from CONNECT)', async () => {
    const { mqttLens } = await import('./lenses/mqtt/index');
    registerLens(mqttLens);
    const encode = (kind: string, values: Record<string, string>): ArrayBuffer => {
      const r = mqttLens.encode?.(kind, values);
      if (!r?.ok || typeof r.frames[0] === 'string' || !r.frames[0]) throw new Error('encode failed');
      return r.frames[0].slice().buffer;
    };
    const log = new FakeLog();
    log.connect('ws://127.0.0.1/mqtt', 'mqtt');
    log.push(Kind.OutBinary, encode('connect', { version: '4', clientId: 'c1', keepalive: '60', cleanStart: 'true' }));
    for (let i = 0; i < 6; i++) log.push(Kind.OutBinary, encode('publish', { version: '4', topic: `t/${i}`, payload: 'x', qos: '0' }));
    const index = new DecodeIndex(log, 'mqtt');
    index.step(100);
    const last = index.messagesAt(log.end - 1)?.[0];
    expect(last?.type).toBe('PUBLISH');
    const version = last?.fields.find((f) => f.name === 'version');
    expect(version?.note ?? '').not.toMatch(/default/);
  });
});
