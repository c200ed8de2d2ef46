import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode as msgpackDecode } from '@msgpack/msgpack';
import { decode as cborDecode, Tagged } from 'cborg';
import protobuf from 'protobufjs';
import { startPlayground } from './playground.mjs';
import { SAMPLE_COUNT, SAMPLE_PROTO } from './routes/encodings.mjs';
import type { Lens } from '../src/lib/decode/types';
import { openNodeSession } from '../src/lib/decode/testing/node-session';
import { msgpackLens } from '../src/lib/decode/lenses/msgpack/index';
import { cborLens } from '../src/lib/decode/lenses/cbor/index';
import { protobufLens } from '../src/lib/decode/lenses/protobuf/index';
import { decodeMsgpack } from '../src/lib/decode/encodings/msgpack';
import { decodeCbor } from '../src/lib/decode/encodings/cbor';
import { decodeProtobuf } from '../src/lib/decode/encodings/protobuf/index';

type Playground = Awaited<ReturnType<typeof startPlayground>>;
let playground: Playground;

beforeAll(async () => {
  playground = await startPlayground({ port: 0 });
});
afterAll(async () => {
  await playground.close();
});

function configured(): Lens {
  const c = protobufLens.configure?.({ proto: SAMPLE_PROTO, messageType: 'sockpit.Tick' });
  if (!c?.ok) throw new Error('the sample .proto does not load');
  return c.lens as Lens;
}

function binaryIn(s: Awaited<ReturnType<typeof openNodeSession>>) {
  return s.frames.filter((r) => r.frame.direction === 'in' && r.frame.format === 'binary');
}

async function waitForFrames(s: Awaited<ReturnType<typeof openNodeSession>>, count: number) {
  const deadline = Date.now() + 5000;
  while (binaryIn(s).length < count) {
    if (Date.now() > deadline) throw new Error(`got ${binaryIn(s).length} of ${count} binary frames`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return binaryIn(s);
}

it('GET / lists the route', async () => {
  const body = await (await fetch(`${playground.httpUrl}/`)).text();
  expect(body).toContain('<code>/encodings?format=msgpack|cbor|protobuf</code>');
});

describe('/encodings: the sample frames decode with our lenses', () => {
  it('msgpack: nested map, array, bytes, timestamp, uint64, ext', async () => {
    const s = await openNodeSession(msgpackLens, `${playground.url}/encodings?format=msgpack`);
    const frames = await waitForFrames(s, SAMPLE_COUNT);
    const m = frames[0]?.messages[0];
    expect(m?.error).toBeUndefined();
    expect(m).toMatchObject({ protocol: 'MessagePack', type: 'map', keys: [['type', 'tick'], ['seq', '1'], ['big', '9223372036854775809']] });
    const byName = new Map(m?.fields.map((f) => [f.name, f]));
    expect(byName.get('at')).toEqual({ name: 'at', value: '2024-01-02T03:04:06.678Z', note: 'timestamp (ext -1)' });
    expect(byName.get('big')).toEqual({ name: 'big', value: '9223372036854775809', note: 'integer' });
    expect(byName.get('ext')).toEqual({ name: 'ext', value: 'ext 5 01ff', note: 'extension type 5 · 2 B' });
    expect(byName.get('blob')).toEqual({ name: 'blob', value: new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1]), note: '5 B' });
    expect(byName.get('tags')?.children?.[1]).toEqual({ name: 'venue', note: '2 keys', children: [{ name: 'id', value: 1 }, { name: 'open', value: true }] });
    expect(frames.map((r) => r.messages[0]?.keys?.find(([k]) => k === 'seq')?.[1])).toEqual(['1', '2', '3']);
    s.close();
  });

  it('cbor: tags 0/1/2, a Map with integer keys, undefined, uint64', async () => {
    const s = await openNodeSession(cborLens, `${playground.url}/encodings?format=cbor`);
    const frames = await waitForFrames(s, SAMPLE_COUNT);
    const m = frames[0]?.messages[0];
    expect(m?.error).toBeUndefined();
    const byName = new Map(m?.fields.map((f) => [f.name, f]));
    expect(byName.get('at')).toEqual({ name: 'at', value: 1704164646.678, note: 'tag 1 epoch time · 2024-01-02T03:04:06.678Z' });
    expect(byName.get('date')).toEqual({ name: 'date', value: '2024-01-02T03:04:06.678Z', note: 'tag 0 date/time string' });
    expect(byName.get('huge')).toEqual({ name: 'huge', value: '18446744073709551617', note: 'tag 2 positive bignum · integer' });
    expect(byName.get('big')).toEqual({ name: 'big', value: '9223372036854775809', note: 'integer' });
    expect(byName.get('missing')).toEqual({ name: 'missing', value: null, note: 'undefined' });
    expect(byName.get('tags')?.children?.map((f) => f.name)).toEqual(['1', 'symbol']);
    s.close();
  });

  it('protobuf: with the sample .proto, and raw without it', async () => {
    const s = await openNodeSession(configured(), `${playground.url}/encodings?format=protobuf`);
    const frames = await waitForFrames(s, SAMPLE_COUNT);
    expect(frames.map((r) => r.messages[0]?.type)).toEqual(['sockpit.Tick', 'sockpit.Tick', 'sockpit.Tick']);
    const byName = new Map(frames[1]?.messages[0]?.fields.map((f) => [f.name, f]));
    expect(byName.get('seq')).toEqual({ name: 'seq', value: '18446744073709551614', note: 'uint64' });
    expect(byName.get('kind')).toEqual({ name: 'kind', value: 'KIND_TRADE', note: 'Kind · = 2' });
    expect(byName.get('blob')).toEqual({ name: 'blob', value: new Uint8Array([0xde, 0xad, 2]), note: 'oneof extra · bytes · 3 B' });
    expect(byName.get('delta')).toEqual({ name: 'delta', value: '-4611686018427387906', note: 'sint64' });
    s.close();
    const raw = await openNodeSession(protobufLens, `${playground.url}/encodings?format=protobuf`);
    const rawFrames = await waitForFrames(raw, 1);
    expect(rawFrames[0]?.messages[0]).toMatchObject({ type: 'message' });
    expect(rawFrames[0]?.messages[0]?.fields.find((f) => f.name === '2')).toEqual({ name: '2', value: '2024-01-02T03:04:06.678Z', note: 'len · as a string' });
    raw.close();
  });
});

describe('/encodings: the server libraries read what our lenses compose', () => {
  const cases: Array<{ format: string; lens: () => Lens; json: string; decode: (b: Uint8Array) => unknown; library: (b: Uint8Array) => unknown; expected: unknown }> = [
    {
      format: 'msgpack',
      lens: () => msgpackLens,
      json: '{"type":"order","id":18446744073709551615,"items":[1,-2,3.5],"meta":{"__proto__":{"x":1}},"raw":{"$bytes":"00ff"}}',
      decode: (b) => {
        const r = decodeMsgpack(b);
        return r.ok ? r.value : r.error;
      },
      // the library refuses our __proto__ key: see the next case
      library: (b) => msgpackDecode(b, { useBigInt64: true }),
      expected: 'error',
    },
    {
      format: 'msgpack',
      lens: () => msgpackLens,
      json: '{"type":"order","id":18446744073709551615,"items":[1,-2,3.5],"raw":{"$bytes":"00ff"},"at":{"$timestamp":"2024-01-02T03:04:05.5Z"},"x":{"$ext":7,"$bytes":"0a"}}',
      decode: (b) => {
        const r = decodeMsgpack(b);
        return r.ok ? r.value : r.error;
      },
      library: (b) => msgpackDecode(b, { useBigInt64: true }),
      expected: { type: 'order', id: 18446744073709551615n, items: [1, -2, 3.5], raw: new Uint8Array([0, 255]), at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 500)), x: expect.objectContaining({ type: 7 }) },
    },
    {
      format: 'cbor',
      lens: () => cborLens,
      json: '{"type":"order","id":18446744073709551615,"big":18446744073709551616,"items":[1,-2,3.5],"raw":{"$bytes":"00ff"},"t":{"$tag":1,"$value":1363896240}}',
      decode: (b) => {
        const r = decodeCbor(b);
        return r.ok ? r.value : r.error;
      },
      library: (b) => cborDecode(b, { tags: Tagged.preserve(1, 2) }),
      expected: { type: 'order', id: 18446744073709551615n, big: new Tagged(2, new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0])), items: [1, -2, 3.5], raw: new Uint8Array([0, 255]), t: new Tagged(1, 1363896240) },
    },
    {
      format: 'protobuf',
      lens: configured,
      json: '{"seq":"18446744073709551615","at":"now","values":[1,2.5],"tags":{"__proto__":"kept","k":"v"},"kind":"KIND_TRADE","note":"hi","origin":{"x":-1},"delta":-5}',
      decode: (b) => {
        const r = decodeProtobuf(b, { proto: SAMPLE_PROTO, messageType: 'sockpit.Tick' });
        return r.ok ? r.value : r.error;
      },
      library: (b) => {
        const Tick = protobuf.parse(SAMPLE_PROTO).root.lookupType('sockpit.Tick');
        return Tick.toObject(Tick.decode(b), { longs: String, enums: String });
      },
      // protobufjs keeps the __proto__ map key as data too
      expected: { seq: '18446744073709551615', at: 'now', values: [1, 2.5], tags: JSON.parse('{"__proto__":"kept","k":"v"}') as unknown, kind: 'KIND_TRADE', note: 'hi', origin: { x: -1 }, delta: '-5' },
    },
  ];

  it.each(cases)('$format: $json', async ({ format, lens, json, decode, library, expected }) => {
    const l = lens();
    const encoded = l.encode?.('json', { json });
    expect(encoded?.ok).toBe(true);
    if (!encoded?.ok) return;
    const bytes = encoded.frames[0] as Uint8Array;
    if (expected === 'error') expect(() => library(bytes)).toThrow(/__proto__/);
    else expect(library(bytes)).toEqual(expected);

    const s = await openNodeSession(l, `${playground.url}/encodings?format=${format}`);
    await waitForFrames(s, SAMPLE_COUNT);
    s.send(bytes);
    const deadline = Date.now() + 5000;
    while (s.frames.filter((r) => r.frame.direction === 'in').length <= SAMPLE_COUNT) {
      if (Date.now() > deadline) throw new Error('no answer');
      await new Promise((r) => setTimeout(r, 10));
    }
    const answer = s.frames.filter((r) => r.frame.direction === 'in')[SAMPLE_COUNT]?.frame;
    if (expected === 'error') {
      expect(answer).toEqual({ direction: 'in', format: 'text', text: '{"error":"msgpack: The key __proto__ is not allowed"}' });
    } else {
      expect(answer?.format).toBe('binary');
      if (answer?.format === 'binary') {
        // the server decoded our bytes and encoded them again: the same value comes back (cborg sorts map keys)
        expect(typeof decode(bytes)).toBe('object');
        expect(decode(answer.bytes)).toEqual(decode(bytes));
      }
    }
    s.close();
  });

  it('a text frame or a bad format is refused', async () => {
    const s = await openNodeSession(cborLens, `${playground.url}/encodings?format=cbor`);
    await waitForFrames(s, SAMPLE_COUNT);
    s.send('hello');
    s.send(new Uint8Array([0x1c]));
    const deadline = Date.now() + 5000;
    while (s.frames.filter((r) => r.frame.direction === 'in').length < SAMPLE_COUNT + 2) {
      if (Date.now() > deadline) throw new Error('no answer');
      await new Promise((r) => setTimeout(r, 10));
    }
    const texts = s.frames.filter((r) => r.frame.direction === 'in' && r.frame.format === 'text').map((r) => (r.frame.format === 'text' ? r.frame.text : ''));
    expect(texts[0]).toBe('{"error":"send cbor as a binary frame"}');
    expect(texts[1]).toMatch(/^\{"error":"cbor: /);
    s.close();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${playground.httpUrl}/encodings?format=yaml`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('upgrade', () => resolve(101));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });
});
