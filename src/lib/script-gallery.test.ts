import { beforeAll, describe, expect, it } from 'vitest';
import { createInProcessSandbox } from './sandbox/in-process';
import type { SandboxApi } from './sandbox/api';
import type { DecodedMessage, Frame } from './decode/types';
import { parseHex } from './codecs';
import { GALLERY, NEW_SCRIPT_SOURCE } from './script-gallery';

// Every gallery example in the real engine (QuickJS in wasm, in-process as the CLI runs it).
let api: SandboxApi;
beforeAll(async () => {
  api = createInProcessSandbox();
  for (const g of [...GALLERY, { id: 'new', name: 'New', source: NEW_SCRIPT_SOURCE }]) {
    const r = await api.load({ id: g.id, name: g.name, source: g.source, enabled: true });
    if (!r.ok) throw new Error(`${g.id} does not load: ${r.error.message} (line ${r.error.line})`);
  }
});

const hex = (h: string): Uint8Array => {
  const r = parseHex(h);
  if (!r.ok) throw new Error(r.error);
  return r.bytes;
};
const bin = (h: string, direction: 'in' | 'out' = 'in'): Frame => ({ direction, format: 'binary', bytes: hex(h) });
const txt = (text: string): Frame => ({ direction: 'in', format: 'text', text });
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

async function decodeOne(id: string, frame: Frame): Promise<DecodedMessage[]> {
  const [r] = await api.decode(id, 'test', [frame]);
  if (!r?.ok) throw new Error(`decode failed: ${JSON.stringify(r)}`);
  return r.value;
}

async function decodeError(id: string, frame: Frame): Promise<string> {
  const [r] = await api.decode(id, 'test', [frame]);
  if (!r || r.ok) throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r.error.message;
}

async function encode(id: string, value: unknown): Promise<string | Uint8Array> {
  const r = await api.encode(id, value);
  if (!r.ok) throw new Error(`encode failed: ${r.error.message}`);
  return r.value;
}

it('every example defines decode and encode', async () => {
  for (const g of GALLERY) {
    const r = await api.load({ id: g.id, name: g.name, source: g.source, enabled: true });
    expect(r.ok && r.value.functions).toEqual(expect.arrayContaining(['decode', 'encode']));
  }
});

describe('Length-prefixed envelope (the playground’s /lp)', () => {
  it('decodes the frames /lp sends on open, a batch of records into one message each', async () => {
    const hello = await decodeOne('length-prefixed', bin('00 0b 01 73 6f 63 6b 70 69 74 2d 6c 70'));
    expect(hello.map((m) => [m.type, m.summary, m.keys])).toEqual([['hello', 'hello "sockpit-lp"', [['type', 'hello'], ['text', 'sockpit-lp']]]]);
    const two = await decodeOne('length-prefixed', bin('00 09 02 00 00 00 01 41 ac 00 00 00 09 02 00 00 00 02 c0 50 00 00'));
    expect(two.map((m) => [m.summary, m.keys, m.correlation])).toEqual([
      ['reading #1 = 21.5', [['type', 'reading'], ['id', '1'], ['value', '21.5']], { key: 'script:reading:1', role: 'request' }],
      ['reading #2 = -3.25', [['type', 'reading'], ['id', '2'], ['value', '-3.25']], { key: 'script:reading:2', role: 'request' }],
    ]);
    const ack = await decodeOne('length-prefixed', bin('00 05 03 00 00 00 07'));
    expect(ack.map((m) => [m.summary, m.correlation?.role])).toEqual([['ack #7', 'reply']]);
    const err = await decodeOne('length-prefixed', bin('00 06 04 6f 6f 70 73 21'));
    expect(err[0]?.summary).toBe('error "oops!"');
    expect(await decodeOne('length-prefixed', txt('not records'))).toEqual([]);
  });

  it('says where the framing breaks', async () => {
    expect(await decodeError('length-prefixed', bin('00 09 02 00 00'))).toMatch(/byte 0: length 9 runs past the end of the frame \(5 bytes\)/);
    expect(await decodeError('length-prefixed', bin('00 05 03 00 00 00 07 00'))).toMatch(/byte 7: 1 bytes left, a record needs 3/);
  });

  it('encodes readings and hellos to the bytes /lp accepts, several in one frame', async () => {
    expect(toHex((await encode('length-prefixed', { id: 7, value: 21.5 })) as Uint8Array)).toBe('00 09 02 00 00 00 07 41 ac 00 00');
    expect(toHex((await encode('length-prefixed', [{ hello: 'me' }, { id: 1, value: -3.25 }])) as Uint8Array)).toBe('00 03 01 6d 65 00 09 02 00 00 00 01 c0 50 00 00');
    const bad = await api.encode('length-prefixed', { id: -1, value: 1 });
    expect(bad.ok ? 'ok' : bad.error.message).toMatch(/item 0: id must be 0 to 4294967295/);
  });

  it('generates repeat messages with next(i)', async () => {
    const r = await api.call('length-prefixed', 'next', [2, {}]);
    expect(r.ok && toHex(r.value as Uint8Array)).toBe('00 09 02 00 00 00 66 41 a8 00 00');
  });

  it('its sample input decodes', async () => {
    const g = GALLERY.find((x) => x.id === 'length-prefixed');
    const m = await decodeOne('length-prefixed', bin(g?.sampleInput.text ?? ''));
    expect(m.map((x) => x.summary)).toEqual(['reading #7 = 21.5', 'ack #7']);
  });
});

describe('Varint record', () => {
  it('round-trips through encode and decode, zigzag and multi-byte varints included', async () => {
    const bytes = (await encode('varint', { seq: 300, delta: -2, name: 'sensor' })) as Uint8Array;
    expect(toHex(bytes)).toBe('ac 02 03 06 73 65 6e 73 6f 72');
    const m = await decodeOne('varint', { direction: 'in', format: 'binary', bytes });
    expect(m.map((x) => [x.summary, x.keys])).toEqual([['#300 sensor -2', [['seq', '300'], ['delta', '-2'], ['name', 'sensor'], ['trailing', '0']]]]);
    const big = (await encode('varint', { seq: 2 ** 40, delta: 5, name: 'é' })) as Uint8Array;
    expect((await decodeOne('varint', { direction: 'in', format: 'binary', bytes: big }))[0]?.summary).toBe(`#${2 ** 40} é +5`);
  });

  it('names what is missing', async () => {
    expect(await decodeError('varint', bin('ac'))).toMatch(/byte 1: the varint runs past the end of the frame/);
    expect(await decodeError('varint', bin('01 00 05 61'))).toMatch(/the name is 5 bytes but only 1 remain/);
  });
});

describe('JSON with a checksum', () => {
  it('encode adds the checksum decode checks; a changed body is flagged on the row', async () => {
    const wrapped = (await encode('checksum-json', { kind: 'order', body: { item: 'tea', qty: 2 } })) as string;
    expect(wrapped).toBe('{"v":1,"kind":"order","body":{"item":"tea","qty":2},"sum":"5be0055e"}');
    const ok = await decodeOne('checksum-json', txt(wrapped));
    expect(ok.map((m) => [m.type, m.summary, m.error])).toEqual([['order', 'order · checksum ok', undefined]]);
    expect(ok[0]?.keys).toEqual(expect.arrayContaining([['body.item', 'tea'], ['checksum', 'ok']]));
    const bad = await decodeOne('checksum-json', txt(wrapped.replace('"qty":2', '"qty":3')));
    expect(bad[0]?.error).toMatch(/^checksum 5be0055e does not match the body \([0-9a-f]{8}\)$/);
    expect(await decodeOne('checksum-json', txt('{"other":true}'))).toEqual([]);
    expect(await decodeOne('checksum-json', txt('not json'))).toEqual([]);
  });

  it('its sample input decodes with a good checksum', async () => {
    const g = GALLERY.find((x) => x.id === 'checksum-json');
    expect((await decodeOne('checksum-json', txt(g?.sampleInput.text ?? '')))[0]?.summary).toBe('order · checksum ok');
  });
});

it('a new script decodes text and bytes and encodes JSON', async () => {
  expect((await decodeOne('new', txt('abc')))[0]?.summary).toBe('3 characters');
  expect((await decodeOne('new', bin('00 01')))[0]?.summary).toBe('2 bytes');
  expect(await encode('new', { a: 1 })).toBe('{"a":1}');
});
