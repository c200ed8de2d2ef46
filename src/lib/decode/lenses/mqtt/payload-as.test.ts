import { describe, expect, it } from 'vitest';
import { mqttLens } from './index';
import { createMqttState } from './decode';

function publishWith(hexPayload: string): Uint8Array {
  const r = mqttLens.encode?.('publish', { version: '4', topic: 'sensors/t', payload: hexPayload, payloadFormat: 'hex', qos: '0' });
  if (!r?.ok || typeof r.frames[0] === 'string' || !r.frames[0]) throw new Error(r && !r.ok ? r.error : 'no frame');
  return r.frames[0];
}

describe('MQTT payloads read as a chosen encoding', () => {
  it('reads a MessagePack payload as its value when payloadAs is msgpack, and as hex by default', () => {
    // {"a":1} in MessagePack: fixmap(1) fixstr(1) "a" positive fixint 1
    const bytes = publishWith('81 a1 61 01');
    const plain = mqttLens.decode({ direction: 'in', format: 'binary', bytes }, createMqttState()).messages[0];
    expect(plain?.fields.find((f) => f.name === 'payload')?.note).toMatch(/binary \(hex\)/);
    const configured = mqttLens.configure?.({ payloadAs: 'msgpack' });
    if (!configured?.ok) throw new Error('configure failed');
    const m = configured.lens.decode({ direction: 'in', format: 'binary', bytes }, configured.lens.createState()).messages[0];
    const payload = m?.fields.find((f) => f.name === 'payload');
    expect(payload?.note).toMatch(/MessagePack/);
    expect(payload?.children?.[0]).toMatchObject({ name: 'a', value: 1 });
  });

  it('says why a payload is not in the chosen encoding, and refuses an unknown one next to its field', () => {
    const bytes = publishWith('c1');
    const configured = mqttLens.configure?.({ payloadAs: 'cbor' });
    if (!configured?.ok) throw new Error('configure failed');
    const m = configured.lens.decode({ direction: 'in', format: 'binary', bytes }, configured.lens.createState()).messages[0];
    expect(m?.fields.find((f) => f.name === 'payload')?.children?.[0]?.note).toMatch(/not CBOR/);
    expect(mqttLens.configure?.({ payloadAs: 'yaml' })).toMatchObject({ ok: false, field: 'payloadAs' });
  });
});
