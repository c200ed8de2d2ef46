import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decodePacket as eio4Decode, encodePacket as eio4Encode } from 'engine.io-parser';
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import type { DecodedMessage, Field, Frame } from '../../types';
import { detectSocketIo } from './detect';
import { createSocketIoState, type SocketIoState } from './decode';
import { peekNextAckId } from './encode';
import { socketIoLens } from './index';

const lens = socketIoLens;

/** Engine.IO 3's parser ships inside engine.io (not exported): loaded by path, for Node tests only. */
const require = createRequire(import.meta.url);
const eio3 = require(join(dirname(require.resolve('engine.io')), 'parser-v3/index.js')) as {
  encodePacket(p: { type: string; data?: unknown }, supportsBinary: boolean, utf8: boolean, cb: (encoded: string | Buffer) => void): void;
  decodePacket(data: string | Buffer, binaryType?: string): { type: string; data?: unknown };
};

const text = (t: string, direction: 'in' | 'out' = 'in'): Frame => ({ direction, format: 'text', text: t });
const bin = (bytes: number[] | Uint8Array, direction: 'in' | 'out' = 'in'): Frame => ({ direction, format: 'binary', bytes: bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes) });

function one(frame: Frame, state: SocketIoState = createSocketIoState()): DecodedMessage {
  const r = lens.decode(frame, state);
  expect(r.messages).toHaveLength(1);
  return r.messages[0] as DecodedMessage;
}

function field(fields: Field[], name: string): Field | undefined {
  return fields.find((f) => f.name === name);
}

/** A field tree back to plain values (bytes stay Uint8Array), for comparing with what a library decoded. */
function valueOf(f: Field): unknown {
  if (!f.children) return f.value;
  if (/^\d+ items?$/.test(f.note ?? '')) return f.children.map(valueOf);
  const o: Record<string, unknown> = {};
  for (const c of f.children) Object.defineProperty(o, c.name, { value: valueOf(c), enumerable: true, writable: true, configurable: true });
  return o;
}

function args(m: DecodedMessage): unknown {
  const a = field(m.fields, 'args');
  return a ? valueOf(a) : undefined;
}

const OPEN4 = '0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
const OPEN3 = '0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":5000}';

describe('Engine.IO packets', () => {
  it('open: sid, heartbeat settings and the version from maxPayload', () => {
    const s = createSocketIoState();
    const m = one(text(OPEN4), s);
    expect(m).toMatchObject({ protocol: 'Socket.IO', type: 'open', summary: 'Engine.IO open · sid lv_VI97HAXpY6yYWAAAC · ping 25000/20000 ms' });
    expect(field(m.fields, 'sid')?.value).toBe('lv_VI97HAXpY6yYWAAAC');
    expect(field(m.fields, 'maxPayload')?.value).toBe(1000000);
    expect(m.keys).toContainEqual(['type', 'open']);
    expect(m.explain).toMatch(/^"0" = Engine\.IO open/);
    expect(s).toMatchObject({ eio: 4, sid: 'lv_VI97HAXpY6yYWAAAC', pingInterval: 25000, pingTimeout: 20000 });
    const s3 = createSocketIoState();
    one(text(OPEN3), s3);
    expect(s3.eio).toBe(3);
  });

  it('open: bad JSON and missing fields are errors, not throws', () => {
    expect(one(text('0{"sid":')).error).toMatch(/^the open packet carries JSON/);
    expect(one(text('0[1]')).error).toMatch(/JSON object/);
    expect(one(text('0{"sid":"x"}')).error).toBe('the open packet has no "pingInterval" number, no "pingTimeout" number');
  });

  it('close, ping, pong, probes, upgrade and noop; ping and pong are heartbeats', () => {
    expect(one(text('1'))).toMatchObject({ type: 'close', summary: 'Engine.IO close' });
    const ping = one(text('2'));
    expect(ping).toMatchObject({ type: 'ping', summary: 'Engine.IO ping', heartbeat: true });
    expect(ping.explain).toMatch(/from the server/);
    expect(one(text('2', 'out')).explain).toMatch(/from the client\. In Engine\.IO 3/);
    expect(one(text('3', 'out'))).toMatchObject({ type: 'pong', summary: 'Engine.IO pong', heartbeat: true });
    expect(one(text('2probe', 'out'))).toMatchObject({ type: 'ping', summary: 'Engine.IO ping probe', heartbeat: true });
    expect(one(text('3probe'))).toMatchObject({ type: 'pong', summary: 'Engine.IO pong probe', heartbeat: true });
    expect(one(text('5', 'out'))).toMatchObject({ type: 'upgrade', summary: 'Engine.IO upgrade' });
    expect(one(text('6'))).toMatchObject({ type: 'noop', summary: 'Engine.IO noop' });
  });

  it('an unknown Engine.IO type and an empty frame are errors', () => {
    expect(one(text('7'))).toMatchObject({ type: 'invalid', error: expect.stringMatching(/^unknown Engine\.IO packet type "7"/) as unknown });
    expect(one(text('x{}'))).toMatchObject({ type: 'invalid', error: expect.stringMatching(/^unknown Engine\.IO packet type "x"/) as unknown });
    expect(one(text(''))).toMatchObject({ type: 'invalid', summary: 'empty frame' });
    expect(one(text('4'))).toMatchObject({ type: 'invalid', summary: 'Engine.IO message · empty' });
  });

  it('who pings tells the version, and it beats the open packet', () => {
    const s = createSocketIoState();
    one(text(OPEN4), s); // a v4 server with allowEIO3 sends maxPayload to EIO3 clients too
    expect(s.eio).toBe(4);
    one(text('2', 'out'), s);
    expect(s.eio).toBe(3);
    const t = createSocketIoState();
    one(text(OPEN3), t);
    one(text('2'), t);
    expect(t.eio).toBe(4);
    // Probes come from the client in both versions: no evidence.
    const u = createSocketIoState();
    one(text('2probe', 'out'), u);
    expect(u.eio).toBeNull();
  });

  it('a v2 server\'s CONNECT without a sid says Engine.IO 3; the URL settles it from the start', () => {
    const s = createSocketIoState();
    one(text(OPEN4), s);
    one(text('40'), s);
    expect(s.eio).toBe(3);
    expect(createSocketIoState({ url: 'ws://h/socket.io/?EIO=3&transport=websocket' }).eio).toBe(3);
    expect(createSocketIoState({ version: '2' }).eio).toBe(3);
    const fromUrl = createSocketIoState({ url: 'ws://h/socket.io/?EIO=4&transport=websocket' });
    one(text('40'), fromUrl);
    expect(fromUrl.eio).toBe(4);
  });
});

describe('Socket.IO packets', () => {
  it('EVENT: summary, fields, keys, explanation', () => {
    const m = one(text('42["chat","hi",{"n":1}]', 'out'));
    expect(m).toMatchObject({ type: 'EVENT', summary: 'event "chat" · 2 args' });
    expect(m.keys).toEqual([
      ['type', 'EVENT'],
      ['namespace', '/'],
      ['event', 'chat'],
    ]);
    expect(field(m.fields, 'Engine.IO packet')).toEqual({ name: 'Engine.IO packet', value: 4, note: 'message' });
    expect(field(m.fields, 'Socket.IO packet')).toEqual({ name: 'Socket.IO packet', value: 2, note: 'EVENT' });
    expect(field(m.fields, 'event')?.value).toBe('chat');
    expect(args(m)).toEqual(['hi', { n: 1 }]);
    expect(m.correlation).toBeUndefined();
    expect(m.explain).toBe('"42" = Engine.IO message (4) carrying Socket.IO EVENT (2). Then the JSON array is the event name, then 2 arguments.');
  });

  it('namespace and ack id: the EVENT opens a pair that the ACK from the other side closes', () => {
    const s = createSocketIoState();
    const ev = one(text('42/admin,17["chat","hi"]', 'out'), s);
    expect(ev.summary).toBe('event "chat" · 1 arg · ack 17 · /admin');
    expect(ev.keys).toEqual([
      ['type', 'EVENT'],
      ['namespace', '/admin'],
      ['event', 'chat'],
      ['ack', '17'],
    ]);
    expect(ev.correlation).toEqual({ key: 'ack:/admin:17:out', role: 'request' });
    expect(ev.explain).toContain('"/admin," names the namespace');
    expect(ev.explain).toContain('"17" is the ack id: the other side answers with ACK "43/admin,17[…]"');
    const ack = one(text('43/admin,17[{"ok":true}]'), s);
    expect(ack).toMatchObject({ type: 'ACK', summary: 'ack 17 · 1 arg · /admin', correlation: { key: 'ack:/admin:17:out', role: 'reply' } });
    expect(one(text('431["x","y"]')).summary).toBe('ack 1 · 2 args');
    // Pairs are per direction: the server's own event with id 17 is another pair.
    expect(one(text('42/admin,17["x"]'), s).correlation?.key).toBe('ack:/admin:17:in');
  });

  it('CONNECT: the client\'s auth, the server\'s sid, v2\'s query', () => {
    const out = one(text('40/admin,{"token":"letmein"}', 'out'));
    expect(out).toMatchObject({ type: 'CONNECT', summary: 'connect /admin · auth {"token":"letmein"}' });
    expect(valueOf(field(out.fields, 'auth') as Field)).toEqual({ token: 'letmein' });
    expect(one(text('40', 'out')).summary).toBe('connect /');
    expect(one(text('40{"sid":"wZX3oN0bSVIhsaknAAAI"}')).summary).toBe('connect / · sid wZX3oN0bSVIhsaknAAAI');
    const v2 = one(text('40/admin?token=letmein&x=1,', 'out'), createSocketIoState({ version: '2' }));
    expect(v2.summary).toBe('connect /admin · query token=letmein&x=1');
    expect(field(v2.fields, 'query')?.children).toEqual([
      { name: 'token', value: 'letmein' },
      { name: 'x', value: '1' },
    ]);
    expect(v2.keys).toContainEqual(['namespace', '/admin']);
    expect(one(text('40[1]', 'out')).error).toMatch(/^a CONNECT payload is an object/);
  });

  it('DISCONNECT and CONNECT_ERROR (v3/v4 object, v2 string)', () => {
    expect(one(text('41/admin,'))).toMatchObject({ type: 'DISCONNECT', summary: 'disconnect /admin' });
    expect(one(text('41'))).toMatchObject({ type: 'DISCONNECT', summary: 'disconnect /' });
    expect(one(text('41["x"]')).error).toBe('a DISCONNECT carries no payload');
    const e4 = one(text('44/admin,{"message":"not authorized","data":{"a":1}}'));
    expect(e4).toMatchObject({ type: 'CONNECT_ERROR', summary: 'connect error /admin · not authorized' });
    const s = createSocketIoState({ version: '2' });
    expect(one(text('44/admin,"not authorized"'), s)).toMatchObject({ type: 'ERROR', summary: 'error /admin · not authorized' });
    expect(one(text('44')).error).toMatch(/^a CONNECT_ERROR carries the error/);
  });

  it('bad payloads: truncated JSON, unknown type, event name not a string, reserved names, ack without id', () => {
    const trunc = one(text('42["chat","hi"'));
    expect(trunc.type).toBe('EVENT');
    expect(trunc.summary).toBe('EVENT · invalid JSON payload');
    expect(trunc.error).toMatch(/^invalid JSON payload: /);
    expect(one(text('47["x"]'))).toMatchObject({ type: 'invalid', error: expect.stringMatching(/^unknown Socket\.IO packet type "7"/) as unknown });
    expect(one(text('42[{"a":1}]')).error).toBe('the event name must be a string; got an object');
    expect(one(text('42[null,1]')).error).toBe('the event name must be a string; got null');
    expect(one(text('42[]')).error).toMatch(/this array is empty/);
    expect(one(text('42{"a":1}')).error).toMatch(/payload is an array/);
    expect(one(text('42')).error).toMatch(/carries a JSON array/);
    expect(one(text('42["disconnect"]')).error).toMatch(/reserved event name/);
    expect(one(text('43["x"]')).error).toMatch(/carries the ack id/);
    expect(one(text('42/admin["x"]')).error).toBe('the namespace "/admin" must end with "," before the rest of the packet');
    // A number as the event name is what socket.io-parser accepts too.
    expect(one(text('42[7,"x"]'))).toMatchObject({ summary: 'event 7 · 1 arg' });
    expect(one(text('42[7,"x"]')).error).toBeUndefined();
  });

  it('__proto__ keys stay data', () => {
    const m = one(text('42["x",{"__proto__":{"polluted":true},"a":1}]'));
    expect(m.error).toBeUndefined();
    const obj = field(m.fields, 'args')?.children?.[0];
    expect(obj?.children?.map((c) => c.name)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('binary attachments are state across frames', () => {
  it('EIO4: the placeholder waits, each attachment counts, the last one assembles the event', () => {
    const s = createSocketIoState({ version: '4' });
    const head = lens.decode(text('452-["upload",{"a":{"_placeholder":true,"num":0}},{"_placeholder":true,"num":1}]', 'out'), s);
    expect(head.stateful).toBeFalsy();
    expect(head.messages[0]).toMatchObject({ type: 'BINARY_EVENT', summary: 'binary event "upload" · 2 args · waiting for 2 attachments' });
    expect(head.messages[0]?.explain).toContain('"2-": 2 binary attachments follow');
    const first = lens.decode(bin([1, 2, 3], 'out'), s);
    expect(first.stateful).toBe(true);
    expect(first.messages[0]).toMatchObject({ type: 'attachment', summary: 'attachment 1/2 of binary event "upload" · 3 B' });
    const last = lens.decode(bin([4], 'out'), s);
    expect(last.stateful).toBe(true);
    const m = last.messages[0] as DecodedMessage;
    expect(m).toMatchObject({ type: 'BINARY_EVENT', summary: 'binary event "upload" · 2 args · 2 attachments, 4 B' });
    expect(m.error).toBeUndefined();
    expect(args(m)).toEqual([{ a: new Uint8Array([1, 2, 3]) }, new Uint8Array([4])]);
    expect(s.pending.out).toBeNull();
  });

  it('a binary ack with an id pairs like an ACK, on the frame that completes it', () => {
    const s = createSocketIoState({ version: '4' });
    lens.decode(text('461-5[{"_placeholder":true,"num":0}]', 'in'), s);
    const done = lens.decode(bin([9, 9], 'in'), s).messages[0];
    expect(done).toMatchObject({ type: 'BINARY_ACK', summary: 'binary ack 5 · 1 arg · 1 attachment, 2 B', correlation: { key: 'ack:/:5:out', role: 'reply' } });
  });

  it('EIO3: a binary frame starts with byte 04, which is not part of the attachment', () => {
    const s = createSocketIoState({ version: '2' });
    lens.decode(text('451-/admin,["up",{"_placeholder":true,"num":0}]'), s);
    const done = lens.decode(bin([4, 0xde, 0xad]), s).messages[0] as DecodedMessage;
    expect(done.summary).toBe('binary event "up" · 1 arg · 1 attachment, 2 B · /admin');
    expect(args(done)).toEqual([new Uint8Array([0xde, 0xad])]);
    expect(done.explain).toContain('byte 04');
    // Not a message packet: an error, and the waiting event is given up.
    lens.decode(text('451-["up",{"_placeholder":true,"num":0}]'), s);
    const bad = lens.decode(bin([5, 1]), s).messages[0];
    expect(bad?.error).toMatch(/declared 1 attachment but a binary frame that is not an Engine\.IO message arrived after 0/);
    expect(lens.decode(bin([7]), s).messages[0]?.error).toMatch(/^an Engine\.IO 3 binary frame starts with its packet type byte 04/);
  });

  it('EIO3 base64 binary ("b4…") counts as an attachment', () => {
    const s = createSocketIoState({ version: '2' });
    lens.decode(text('451-["up",{"_placeholder":true,"num":0}]'), s);
    const r = lens.decode(text('b4AQID'), s);
    expect(args(r.messages[0] as DecodedMessage)).toEqual([new Uint8Array([1, 2, 3])]);
  });

  it('a text frame while attachments are awaited: an error on the waiting event, then the new frame decodes', () => {
    const s = createSocketIoState();
    lens.decode(text('452-["upload",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'), s);
    lens.decode(bin([1]), s);
    const r = lens.decode(text('42["chat","hi"]'), s);
    expect(r.stateful).toBe(true);
    expect(r.messages).toHaveLength(2);
    expect(r.messages[0]).toMatchObject({
      type: 'BINARY_EVENT',
      summary: 'binary event "upload" · got 1 of 2 attachments',
      error: 'binary event "upload" declared 2 attachments but a text frame arrived after 1: the attachments never came',
    });
    expect(r.messages[1]).toMatchObject({ type: 'EVENT', summary: 'event "chat" · 1 arg' });
    expect(r.messages[1]?.error).toBeUndefined();
  });

  it('more attachments than declared, and a binary frame nobody announced, are errors', () => {
    const s = createSocketIoState();
    lens.decode(text('451-["upload",{"_placeholder":true,"num":0}]'), s);
    lens.decode(bin([1]), s);
    expect(lens.decode(bin([2]), s).messages[0]?.error).toBe('more attachments than declared: binary event "upload" declared 1 attachment and already has it');
    lens.decode(text('2'), s);
    expect(lens.decode(bin([3]), s).messages[0]?.error).toBe('a binary frame with no BINARY_EVENT or BINARY_ACK waiting for attachments');
  });

  it('directions wait separately', () => {
    const s = createSocketIoState();
    lens.decode(text('451-["a",{"_placeholder":true,"num":0}]', 'out'), s);
    lens.decode(text('451-["b",{"_placeholder":true,"num":0}]', 'in'), s);
    expect(lens.decode(bin([1], 'in'), s).messages[0]?.summary).toBe('binary event "b" · 1 arg · 1 attachment, 1 B');
    expect(lens.decode(bin([2, 2], 'out'), s).messages[0]?.summary).toBe('binary event "a" · 1 arg · 1 attachment, 2 B');
  });

  it('bad attachment counts and placeholders', () => {
    expect(one(text('45["x"]')).error).toMatch(/^a BINARY_EVENT starts with its attachment count and "-"/);
    expect(one(text('450-["x"]')).error).toMatch(/at least one attachment/);
    expect(one(text('451x-["x"]')).error).toMatch(/attachment count/);
    expect(one(text('4599999-["x"]')).error).toMatch(/more than 1000/);
    const s = createSocketIoState();
    expect(one(text('451-["x",{"_placeholder":true,"num":3}]'), s).error).toBe('placeholder 3 is not an attachment number from 0 to 0');
    // The frames it announced still belong to it, and the assembled event keeps the error.
    expect(lens.decode(bin([1]), s).messages[0]?.error).toBe('placeholder 3 is not an attachment number from 0 to 0');
  });

  it('__proto__ keys stay data when attachments are filled in', () => {
    const s = createSocketIoState();
    lens.decode(text('451-["x",{"__proto__":{"_placeholder":true,"num":0}}]'), s);
    const m = lens.decode(bin([1]), s).messages[0] as DecodedMessage;
    const obj = field(m.fields, 'args')?.children?.[0];
    expect(obj?.children?.[0]).toMatchObject({ name: '__proto__', note: '1 B' });
  });
});

describe('compose and encode', () => {
  const enc = (kind: string, values: Record<string, string>) => lens.encode?.(kind, values);

  it('emit, with and without an ack id', () => {
    expect(enc('emit', { event: 'chat', args: '["hi",1]' })).toEqual({ ok: true, frames: ['42["chat","hi",1]'] });
    expect(enc('emit', { namespace: '/admin', event: 'chat', args: '' })).toEqual({ ok: true, frames: ['42/admin,["chat"]'] });
    const id = peekNextAckId();
    expect(enc('emit', { event: 'echo', args: '[]', ack: 'true' })).toEqual({ ok: true, frames: [`42${id}["echo"]`] });
    expect(enc('emit', { event: 'echo', args: '[]', ack: 'true' })).toEqual({ ok: true, frames: [`42${id + 1}["echo"]`] });
  });

  it('emit errors name their field', () => {
    expect(enc('emit', { event: '' })).toMatchObject({ ok: false, field: 'event' });
    expect(enc('emit', { event: 'disconnect' })).toMatchObject({ ok: false, field: 'event', error: expect.stringMatching(/reserved/) as unknown });
    expect(enc('emit', { event: 'x', args: '{"a":1}' })).toMatchObject({ ok: false, field: 'args' });
    expect(enc('emit', { event: 'x', args: '[1,' })).toMatchObject({ ok: false, field: 'args' });
    expect(enc('emit', { namespace: 'admin', event: 'x' })).toMatchObject({ ok: false, field: 'namespace' });
    expect(enc('emit', { namespace: '/a,b', event: 'x' })).toMatchObject({ ok: false, field: 'namespace' });
    expect(enc('nope', {})).toMatchObject({ ok: false });
  });

  it('connect, disconnect and ack', () => {
    expect(enc('connect', { namespace: '/', auth: '' })).toEqual({ ok: true, frames: ['40'] });
    expect(enc('connect', { namespace: '/admin', auth: '{"token":"letmein"}' })).toEqual({ ok: true, frames: ['40/admin,{"token":"letmein"}'] });
    expect(enc('connect', { namespace: '/', auth: '{"token":"x"}', version: '3' })).toEqual({ ok: true, frames: ['40{"token":"x"}'] });
    expect(enc('connect', { namespace: '/admin', auth: '{"token":"let me in"}', version: '2' })).toEqual({ ok: true, frames: ['40/admin?token=let+me+in,'] });
    expect(enc('connect', { namespace: '/', version: '2' })).toMatchObject({ ok: false, field: 'namespace', error: expect.stringMatching(/joins "\/" by itself/) as unknown });
    expect(enc('connect', { namespace: '/admin', auth: '{"a":{"b":1}}', version: '2' })).toMatchObject({ ok: false, field: 'auth' });
    expect(enc('connect', { auth: '[1]' })).toMatchObject({ ok: false, field: 'auth' });
    expect(enc('connect', { version: '5' })).toMatchObject({ ok: false, field: 'version' });
    expect(enc('disconnect', { namespace: '/admin' })).toEqual({ ok: true, frames: ['41/admin,'] });
    expect(enc('disconnect', {})).toEqual({ ok: true, frames: ['41'] });
    expect(enc('ack', { id: '3', args: '["ok"]' })).toEqual({ ok: true, frames: ['433["ok"]'] });
    expect(enc('ack', { namespace: '/admin', id: '3' })).toEqual({ ok: true, frames: ['43/admin,3[]'] });
    expect(enc('ack', { id: 'x' })).toMatchObject({ ok: false, field: 'id' });
  });

  it('binary emit: the placeholder packet, then one frame per attachment (v2: each starts with 04)', () => {
    expect(enc('binaryEmit', { event: 'upload', args: '[{"$hex":"de ad"},{"b":{"$hex":"0xbe 0xef"}}]' })).toEqual({
      ok: true,
      frames: ['452-["upload",{"_placeholder":true,"num":0},{"b":{"_placeholder":true,"num":1}}]', new Uint8Array([0xde, 0xad]), new Uint8Array([0xbe, 0xef])],
    });
    expect(enc('binaryEmit', { namespace: '/admin', event: 'up', args: '[{"$hex":"01"}]', version: '2' })).toEqual({
      ok: true,
      frames: ['451-/admin,["up",{"_placeholder":true,"num":0}]', new Uint8Array([4, 1])],
    });
    expect(enc('binaryEmit', { event: 'up', args: '[1]' })).toMatchObject({ ok: false, field: 'args', error: expect.stringMatching(/at least one/) as unknown });
    expect(enc('binaryEmit', { event: 'up', args: '[{"$hex":"abc"}]' })).toMatchObject({ ok: false, field: 'args', error: expect.stringMatching(/odd number/) as unknown });
    expect(enc('binaryEmit', { event: 'up', args: '[{"$hex":"zz"}]' })).toMatchObject({ ok: false, field: 'args' });
  });

  it('what we encode decodes to what was composed', () => {
    const r = enc('binaryEmit', { event: 'up', args: '[{"n":1,"data":{"$hex":"ff 00"}}]', ack: 'true' });
    if (!r?.ok) throw new Error('encode failed');
    const s = createSocketIoState({ version: '4' });
    const ms = r.frames.map((f) => lens.decode(typeof f === 'string' ? text(f, 'out') : bin(f, 'out'), s).messages[0] as DecodedMessage);
    const last = ms[ms.length - 1] as DecodedMessage;
    expect(args(last)).toEqual([{ n: 1, data: new Uint8Array([0xff, 0]) }]);
    expect(last.correlation?.role).toBe('request');
  });

  it('every compose kind has an id, a label and fields', () => {
    expect(lens.compose?.map((k) => k.id)).toEqual(['emit', 'binaryEmit', 'connect', 'disconnect', 'ack']);
    expect(lens.sessionFields?.map((f) => f.name)).toEqual(['version', 'namespace', 'auth', 'connect', 'path']);
  });
});

describe('oracles: socket.io-parser and engine.io-parser', () => {
  /** Encodes with socket.io-parser (v3/v4, protocol 5), as Engine.IO 4 frames. */
  function theirs(packet: { type: number; nsp: string; id?: number; data?: unknown }): Frame[] {
    const out = new Encoder().encode(packet as never) as Array<string | Buffer>;
    return out.map((x) => (typeof x === 'string' ? text(`4${x}`) : bin(new Uint8Array(x))));
  }

  const cases: Array<{ type: number; nsp: string; id?: number; data?: unknown }> = [
    { type: PacketType.CONNECT, nsp: '/' },
    { type: PacketType.CONNECT, nsp: '/admin', data: { token: 'x' } },
    { type: PacketType.CONNECT, nsp: '/', data: { sid: 'abc' } },
    { type: PacketType.DISCONNECT, nsp: '/admin' },
    { type: PacketType.EVENT, nsp: '/', data: ['chat', 'hi', { a: [1, 2, null] }] },
    { type: PacketType.EVENT, nsp: '/admin', id: 42, data: ['chat', 'hé ✓'] },
    { type: PacketType.ACK, nsp: '/', id: 0, data: [] },
    { type: PacketType.ACK, nsp: '/x', id: 7, data: [{ ok: true }] },
    { type: PacketType.CONNECT_ERROR, nsp: '/admin', data: { message: 'no', data: { why: 1 } } },
    { type: PacketType.EVENT, nsp: '/', data: ['upload', Buffer.from([1, 2, 3]), { inner: Buffer.from([4]) }] },
    { type: PacketType.ACK, nsp: '/admin', id: 3, data: [Buffer.from([0xde, 0xad])] },
  ];

  it.each(cases.map((c, i) => [i, c] as const))('their packet %i decodes here to the same thing', (_i, packet) => {
    const frames = theirs(structuredClone(packet));
    const s = createSocketIoState({ version: '4' });
    const results = frames.map((f) => lens.decode(f, s));
    const last = results[results.length - 1]?.messages[0] as DecodedMessage;
    expect(last.error).toBeUndefined();
    expect(last.keys).toContainEqual(['namespace', packet.nsp]);
    if (packet.id !== undefined) expect(last.keys).toContainEqual(['ack', String(packet.id)]);
    const norm = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && (x as { type?: string }).type === 'Buffer' ? { bytes: (x as { data: number[] }).data } : x instanceof Uint8Array ? { bytes: [...x] } : x)));
    if (packet.type === PacketType.EVENT) {
      const [name, ...rest] = packet.data as unknown[];
      expect(field(last.fields, 'event')?.value).toBe(name);
      expect(norm(args(last))).toEqual(norm(rest));
    } else if (packet.type === PacketType.ACK) {
      expect(norm(args(last))).toEqual(norm(packet.data));
    }
  });

  it.each(cases.map((c, i) => [i, c] as const))('our encoding of packet %i decodes in socket.io-parser to the same packet', (_i, packet) => {
    const values: Record<string, string> = { namespace: packet.nsp };
    const data = packet.data as unknown[] | undefined;
    let frames: Array<string | Uint8Array> | undefined;
    const hexed = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && (x as { type?: string }).type === 'Buffer' ? { $hex: Buffer.from((x as { data: number[] }).data).toString('hex') } : x)));
    const hasBinary = JSON.stringify(data ?? null).includes('"Buffer"');
    if (packet.type === PacketType.EVENT) {
      const [event, ...rest] = data as unknown[];
      const r = lens.encode?.(hasBinary ? 'binaryEmit' : 'emit', { ...values, event: String(event), args: JSON.stringify(hexed(rest)) });
      frames = r?.ok ? r.frames : undefined;
    } else if (packet.type === PacketType.ACK && !hasBinary) {
      const r = lens.encode?.('ack', { ...values, id: String(packet.id), args: JSON.stringify(data) });
      frames = r?.ok ? r.frames : undefined;
    } else if (packet.type === PacketType.CONNECT && !(data as { sid?: string } | undefined)?.sid) {
      const r = lens.encode?.('connect', { ...values, auth: packet.data ? JSON.stringify(packet.data) : '' });
      frames = r?.ok ? r.frames : undefined;
    } else if (packet.type === PacketType.DISCONNECT) {
      const r = lens.encode?.('disconnect', values);
      frames = r?.ok ? r.frames : undefined;
    } else return; // server-only packets: nothing to compose
    expect(frames).toBeDefined();
    const decoder = new Decoder();
    const got: unknown[] = [];
    decoder.on('decoded', (p: unknown) => got.push(p));
    for (const f of frames ?? []) {
      if (typeof f === 'string') {
        expect(f[0]).toBe('4');
        decoder.add(f.slice(1));
      } else decoder.add(Buffer.from(f));
    }
    expect(got).toHaveLength(1);
    const p = got[0] as { type: number; nsp: string; data?: unknown };
    expect(p.nsp).toBe(packet.nsp);
    expect(p.type).toBe(packet.type);
    const norm = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as unknown;
    expect(norm(p.data)).toEqual(norm(packet.data));
  });

  it('socket.io-parser refuses what we flag: a reserved event name, a bad payload', () => {
    for (const bad of ['2["disconnect"]', '2[{}]', '1["x"]', '2["x"']) {
      expect(() => new Decoder().add(bad)).toThrow();
      expect(one(text(`4${bad}`)).error).toBeDefined();
    }
  });

  it('engine.io-parser (EIO4) encodes the same text frames we decode, and decodes ours', () => {
    const enc = (p: { type: string; data?: string }) => new Promise<string>((resolve) => eio4Encode(p as never, true, (x) => resolve(x as string)));
    return (async () => {
      expect(one(text(await enc({ type: 'ping' }))).type).toBe('ping');
      expect(one(text(await enc({ type: 'pong', data: 'probe' }))).summary).toBe('Engine.IO pong probe');
      expect(one(text(await enc({ type: 'open', data: OPEN4.slice(1) }))).type).toBe('open');
      expect(one(text(await enc({ type: 'message', data: '2["a"]' }))).summary).toBe('event "a" · 0 args');
      expect(eio4Decode('3')).toEqual({ type: 'pong' });
      const r = lens.encode?.('emit', { event: 'a', args: '[1]' });
      expect(r?.ok && eio4Decode(r.frames[0] as string)).toEqual({ type: 'message', data: '2["a",1]' });
    })();
  });

  it('Engine.IO 3\'s parser (inside engine.io) frames binary with 04, as we do', () => {
    const got: Array<string | Buffer> = [];
    eio3.encodePacket({ type: 'message', data: Buffer.from([0xca, 0xfe]) }, true, false, (x) => got.push(x));
    const encoded = got[0];
    expect(Buffer.isBuffer(encoded)).toBe(true);
    expect([...(encoded as Buffer)]).toEqual([4, 0xca, 0xfe]);
    const s = createSocketIoState({ version: '2' });
    lens.decode(text('451-["x",{"_placeholder":true,"num":0}]'), s);
    const m = lens.decode(bin(new Uint8Array(encoded as Buffer)), s).messages[0] as DecodedMessage;
    expect(args(m)).toEqual([new Uint8Array([0xca, 0xfe])]);
    const ours = lens.encode?.('binaryEmit', { event: 'x', args: '[{"$hex":"ca fe"}]', version: '2' });
    const frame = ours?.ok ? (ours.frames[1] as Uint8Array) : new Uint8Array();
    const back = eio3.decodePacket(Buffer.from(frame));
    expect(back.type).toBe('message');
    expect([...(back.data as Buffer)]).toEqual([0xca, 0xfe]);
  });
});

describe('detect', () => {
  const hint = (url: string, frames: Frame[] = []) => ({ url, offered: [], protocol: '', frames });
  it('the URL: a /socket.io/ path or EIO= → 2', () => {
    expect(detectSocketIo(hint('ws://h/socket.io/?EIO=4&transport=websocket'))).toBe(2);
    expect(detectSocketIo(hint('ws://h/app/socket.io/'))).toBe(2);
    expect(detectSocketIo(hint('ws://h/custom/?EIO=3&transport=websocket'))).toBe(2);
    expect(detectSocketIo(hint('ws://h/echo'))).toBe(0);
    expect(detectSocketIo(hint('ws://h/echo?x=socket.io/'))).toBe(0);
  });
  it('the first frame: an Engine.IO open packet', () => {
    expect(detectSocketIo(hint('ws://h/x', [text(OPEN4)]))).toBe(2);
    expect(detectSocketIo(hint('ws://h/x', [text('0{"sid":"a"}')]))).toBe(1);
    expect(detectSocketIo(hint('ws://h/x', [text('{"sid":"a"}')]))).toBe(0);
    expect(detectSocketIo(hint('ws://h/x', [text(OPEN4, 'out')]))).toBe(0);
  });
});

describe('a long flood decodes without trouble', () => {
  it('10,000 tick events in a row keep no state and pair nothing', () => {
    const s = createSocketIoState();
    for (let i = 1; i <= 10_000; i++) {
      const r = lens.decode(text(`42["tick",{"seq":${i},"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}]`), s);
      if (i === 10_000) expect(r.messages[0]?.summary).toBe('event "tick" · 1 arg');
    }
    expect(s.pending).toEqual({ in: null, out: null });
  });
});
