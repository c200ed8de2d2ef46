import { describe, expect, it } from 'vitest';
import type { DecodedMessage, Frame, SessionHost } from '../../types';
import { detectWamp } from './detect';
import { encodeWamp, SPECS, wampLens } from './index';

const inn = (text: string): Frame => ({ direction: 'in', format: 'text', text });
const out = (text: string): Frame => ({ direction: 'out', format: 'text', text });
const one = (f: Frame): DecodedMessage => {
  const ms = wampLens.decode(f, null).messages;
  expect(ms).toHaveLength(1);
  return ms[0] as DecodedMessage;
};
const keys = (m: DecodedMessage) => Object.fromEntries(m.keys ?? []);

// Vectors: the message examples of the WAMP spec (basic and advanced profiles).
const VECTORS: Array<[Frame, string, string, { key: string; role: string } | null]> = [
  [out('[1,"somerealm",{"roles":{"publisher":{},"subscriber":{}}}]'), 'HELLO', 'HELLO somerealm · roles publisher, subscriber', { key: 'wamp:session', role: 'request' }],
  [inn('[2,9129137332,{"roles":{"broker":{}}}]'), 'WELCOME', 'WELCOME session 9129137332 · roles broker', { key: 'wamp:session', role: 'reply' }],
  [inn('[3,{"message":"The realm does not exist."},"wamp.error.no_such_realm"]'), 'ABORT', 'ABORT wamp.error.no_such_realm · "The realm does not exist."', { key: 'wamp:session', role: 'reply' }],
  [inn('[4,"wampcra",{"challenge":"{}"}]'), 'CHALLENGE', 'CHALLENGE wampcra', { key: 'wamp:session', role: 'partial' }],
  [out('[5,"gir1mSx+deCDUV7wRM5SGIn/+R/ClqLZuH4m7FJeBVI=",{}]'), 'AUTHENTICATE', 'AUTHENTICATE', null],
  [inn('[6,{"message":"The host is shutting down now."},"wamp.close.system_shutdown"]'), 'GOODBYE', 'GOODBYE wamp.close.system_shutdown · "The host is shutting down now."', { key: 'wamp:goodbye:in', role: 'request' }],
  [out('[6,{},"wamp.close.goodbye_and_out"]'), 'GOODBYE', 'GOODBYE wamp.close.goodbye_and_out', { key: 'wamp:goodbye:in', role: 'reply' }],
  [out('[8,68,6131533,{},"com.myapp.error.object_write_protected",["Object is write protected."],{"severity":3}]'), 'ERROR', 'ERROR INVOCATION 6131533 · com.myapp.error.object_write_protected · ["Object is write protected."] {"severity":3}', { key: 'wamp:in:68:6131533', role: 'reply' }],
  [inn('[8,48,7814135,{},"wamp.error.no_such_procedure"]'), 'ERROR', 'ERROR CALL 7814135 · wamp.error.no_such_procedure', { key: 'wamp:out:48:7814135', role: 'reply' }],
  [out('[16,239714735,{},"com.myapp.mytopic1"]'), 'PUBLISH', 'PUBLISH com.myapp.mytopic1 id 239714735', null],
  [out('[16,239714735,{},"com.myapp.mytopic1",["Hello, world!"]]'), 'PUBLISH', 'PUBLISH com.myapp.mytopic1 id 239714735 · ["Hello, world!"]', null],
  [out('[16,239714735,{"acknowledge":true},"com.myapp.mytopic1",[],{"color":"orange","sizes":[23,42,7]}]'), 'PUBLISH', 'PUBLISH com.myapp.mytopic1 id 239714735 · acknowledge · [] {"color":"orange","sizes":[23,42,7]}', { key: 'wamp:out:16:239714735', role: 'request' }],
  [inn('[17,239714735,4429313566]'), 'PUBLISHED', 'PUBLISHED 239714735 · publication 4429313566', { key: 'wamp:out:16:239714735', role: 'reply' }],
  [out('[32,713845233,{},"com.myapp.mytopic1"]'), 'SUBSCRIBE', 'SUBSCRIBE com.myapp.mytopic1 id 713845233', { key: 'wamp:out:32:713845233', role: 'request' }],
  [inn('[33,713845233,5512315355]'), 'SUBSCRIBED', 'SUBSCRIBED 713845233 · subscription 5512315355', { key: 'wamp:out:32:713845233', role: 'reply' }],
  [out('[34,85346237,5512315355]'), 'UNSUBSCRIBE', 'UNSUBSCRIBE 5512315355 id 85346237', { key: 'wamp:out:34:85346237', role: 'request' }],
  [inn('[35,85346237]'), 'UNSUBSCRIBED', 'UNSUBSCRIBED 85346237', { key: 'wamp:out:34:85346237', role: 'reply' }],
  [inn('[36,5512315355,4429313566,{}]'), 'EVENT', 'EVENT subscription 5512315355 · publication 4429313566', null],
  [inn('[36,5512315355,4429313566,{},["Hello, world!"]]'), 'EVENT', 'EVENT subscription 5512315355 · publication 4429313566 · ["Hello, world!"]', null],
  [out('[48,7814135,{},"com.myapp.ping"]'), 'CALL', 'CALL com.myapp.ping id 7814135', { key: 'wamp:out:48:7814135', role: 'request' }],
  [out('[48,7814135,{},"com.myapp.echo",["Hello, world!"]]'), 'CALL', 'CALL com.myapp.echo id 7814135 · ["Hello, world!"]', { key: 'wamp:out:48:7814135', role: 'request' }],
  [out('[49,7814135,{"mode":"killnowait"}]'), 'CANCEL', 'CANCEL 7814135', null],
  [inn('[50,7814135,{},[30]]'), 'RESULT', 'RESULT 7814135 · [30]', { key: 'wamp:out:48:7814135', role: 'reply' }],
  [inn('[50,7814135,{"progress":true},[1]]'), 'RESULT', 'RESULT 7814135 · progress · [1]', { key: 'wamp:out:48:7814135', role: 'partial' }],
  [out('[64,25349185,{},"com.myapp.myprocedure1"]'), 'REGISTER', 'REGISTER com.myapp.myprocedure1 id 25349185', { key: 'wamp:out:64:25349185', role: 'request' }],
  [inn('[65,25349185,2103333224]'), 'REGISTERED', 'REGISTERED 25349185 · registration 2103333224', { key: 'wamp:out:64:25349185', role: 'reply' }],
  [out('[66,788923562,2103333224]'), 'UNREGISTER', 'UNREGISTER 2103333224 id 788923562', { key: 'wamp:out:66:788923562', role: 'request' }],
  [inn('[67,788923562]'), 'UNREGISTERED', 'UNREGISTERED 788923562', { key: 'wamp:out:66:788923562', role: 'reply' }],
  [inn('[68,6131533,9823526,{}]'), 'INVOCATION', 'INVOCATION registration 9823526 id 6131533', { key: 'wamp:in:68:6131533', role: 'request' }],
  [inn('[68,6131533,9823527,{"procedure":"com.myapp.echo"},["Hello, world!"]]'), 'INVOCATION', 'INVOCATION com.myapp.echo id 6131533 · ["Hello, world!"]', { key: 'wamp:in:68:6131533', role: 'request' }],
  [inn('[69,6131533,{"mode":"killnowait"}]'), 'INTERRUPT', 'INTERRUPT 6131533', null],
  [out('[70,6131533,{},["Hello, world!"]]'), 'YIELD', 'YIELD 6131533 · ["Hello, world!"]', { key: 'wamp:in:68:6131533', role: 'reply' }],
];

describe('WAMP decode: spec vectors', () => {
  it.each(VECTORS.map((v, i) => [i, ...v] as const))('%i %s', (_i, frame, type, summary, correlation) => {
    const m = one(frame);
    expect(m.error).toBeUndefined();
    expect(m.type).toBe(type);
    expect(m.summary).toBe(summary);
    if (correlation) expect(m.correlation).toEqual(correlation);
    else expect(m.correlation).toBeUndefined();
    expect(m.explain).toMatch(new RegExp(`is ${type}, \\[`));
  });
  it('every message code of the spec has a vector', () => {
    const codes = new Set(VECTORS.map(([f]) => (JSON.parse((f as { text: string }).text) as number[])[0] ?? -1));
    expect([...codes].sort((a, b) => a - b)).toEqual(Object.keys(SPECS).map(Number));
  });
  it('fields are named by the spec and keys reach uri, procedure, topic, id', () => {
    const m = one(out('[48,7814135,{},"com.sockpit.add",[1,2]]'));
    expect(m.fields.map((f) => f.name)).toEqual(['code', 'Request', 'Options', 'Procedure', 'Arguments']);
    expect(m.fields[0]).toEqual({ name: 'code', value: 48, note: 'CALL' });
    expect(keys(m)).toEqual({ id: '7814135', procedure: 'com.sockpit.add', uri: 'com.sockpit.add' });
    expect(keys(one(out('[32,1,{},"com.t"]')))).toEqual({ id: '1', topic: 'com.t', uri: 'com.t' });
    expect(keys(one(inn('[8,48,1,{},"wamp.error.no_such_procedure"]')))).toMatchObject({ error: 'wamp.error.no_such_procedure', uri: 'wamp.error.no_such_procedure' });
    expect(one(inn('[8,48,1,{},"x.y"]')).fields[1]).toMatchObject({ name: 'Type', value: 48, note: 'CALL' });
    expect(keys(one(out('[1,"realm1",{}]'))).realm).toBe('realm1');
  });
});

describe('WAMP decode: bad input', () => {
  it('invalid JSON, not an array, empty, bad and unknown codes', () => {
    expect(one(inn('[1,')).summary).toMatch(/^invalid JSON/);
    expect(one(inn('{"a":1}')).error).toMatch(/JSON array/);
    expect(one(inn('[]')).error).toMatch(/empty/);
    expect(one(inn('["HELLO"]')).error).toMatch(/code must be an integer/);
    expect(one(inn('[7,{}]'))).toMatchObject({ type: 'invalid', summary: 'unknown message code 7' });
    expect(one(inn('[99]')).error).toBe('unknown message code 99');
  });
  it('wrong arity and field kinds name the field', () => {
    expect(one(out('[48,1,{}]')).error).toMatch(/CALL is \[48, Request\|id, Options\|dict, Procedure\|uri, Arguments\|list\?, ArgumentsKw\|dict\?\]: 3 fields/);
    expect(one(out('[17,1,2,3]')).error).toMatch(/at most 2 fields/);
    expect(one(out('[48,"1",{},"p"]')).error).toMatch(/Request must be an id/);
    expect(one(out('[48,-1,{},"p"]')).error).toMatch(/Request must be an id/);
    expect(one(out('[48,1.5,{},"p"]')).error).toMatch(/Request must be an id/);
    expect(one(out('[48,1,[],"p"]')).error).toMatch(/Options must be a dict/);
    expect(one(out('[48,1,{},"has space"]')).error).toMatch(/Procedure must be a URI/);
    expect(one(out('[48,1,{},"p",{}]')).error).toMatch(/Arguments must be a list/);
    expect(one(out('[48,1,{},"p",[],[]]')).error).toMatch(/ArgumentsKw must be a dict/);
    expect(one(out('[8,17,1,{},"x.y"]')).error).toMatch(/PUBLISHED \(17\) is not one/);
    expect(one(out('[2,9007199254740994,{}]')).error).toMatch(/Session must be an id/);
  });
  it('__proto__ stays data', () => {
    const m = one(out('[48,1,{"__proto__":{"x":1}},"__proto__",[],{"__proto__":2}]'));
    expect(keys(m).procedure).toBe('__proto__');
    expect(m.fields[2]?.children?.[0]?.name).toBe('__proto__');
    expect(m.fields[5]?.children?.[0]).toEqual({ name: '__proto__', value: 2 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('WAMP encode', () => {
  const frame = (kind: string, values: Record<string, string>): string => {
    const r = encodeWamp(kind, values);
    if (!r.ok) throw new Error(r.error);
    return r.frames[0] as string;
  };
  it('renders each kind exactly', () => {
    expect(frame('HELLO', { realm: 'realm1' })).toBe('[1,"realm1",{"roles":{"caller":{},"callee":{},"publisher":{},"subscriber":{}}}]');
    expect(frame('HELLO', { realm: 'r', details: '{"roles":{"subscriber":{}}}' })).toBe('[1,"r",{"roles":{"subscriber":{}}}]');
    expect(frame('SUBSCRIBE', { topic: 'com.myapp.mytopic1', request: '713845233' })).toBe('[32,713845233,{},"com.myapp.mytopic1"]');
    expect(frame('PUBLISH', { topic: 'com.myapp.mytopic1', request: '239714735', args: '["Hello, world!"]' })).toBe('[16,239714735,{},"com.myapp.mytopic1",["Hello, world!"]]');
    expect(frame('PUBLISH', { topic: 't', request: '2', args: '[]', kwargs: '{"color":"orange"}', acknowledge: 'true' })).toBe('[16,2,{"acknowledge":true},"t",[],{"color":"orange"}]');
    expect(frame('CALL', { procedure: 'com.myapp.ping', request: '7814135', args: '[]' })).toBe('[48,7814135,{},"com.myapp.ping"]');
    expect(frame('CALL', { procedure: 'com.sockpit.add', request: '3', args: '[2,3]' })).toBe('[48,3,{},"com.sockpit.add",[2,3]]');
    expect(frame('REGISTER', { procedure: 'com.myapp.myprocedure1', request: '25349185' })).toBe('[64,25349185,{},"com.myapp.myprocedure1"]');
    expect(frame('YIELD', { request: '6131533', args: '["Hello, world!"]' })).toBe('[70,6131533,{},["Hello, world!"]]');
    expect(frame('UNSUBSCRIBE', { subscription: '5512315355', request: '85346237' })).toBe('[34,85346237,5512315355]');
    expect(frame('UNREGISTER', { registration: '2103333224', request: '788923562' })).toBe('[66,788923562,2103333224]');
    expect(frame('GOODBYE', {})).toBe('[6,{},"wamp.close.close_realm"]');
    expect(frame('GOODBYE', { reason: 'wamp.close.system_shutdown', message: 'bye' })).toBe('[6,{"message":"bye"},"wamp.close.system_shutdown"]');
  });
  it('numbers requests when left empty', () => {
    const a = JSON.parse(frame('CALL', { procedure: 'p' })) as number[];
    const b = JSON.parse(frame('SUBSCRIBE', { topic: 't' })) as number[];
    expect(b[1]).toBe((a[1] as number) + 1);
  });
  it('bad values name their field', () => {
    expect(encodeWamp('HELLO', { realm: '' })).toMatchObject({ ok: false, field: 'realm' });
    expect(encodeWamp('HELLO', { realm: 'r', details: '[]' })).toMatchObject({ ok: false, field: 'details' });
    expect(encodeWamp('SUBSCRIBE', { topic: 'a b' })).toMatchObject({ ok: false, field: 'topic' });
    expect(encodeWamp('SUBSCRIBE', { topic: 't', options: '{' })).toMatchObject({ ok: false, field: 'options' });
    expect(encodeWamp('CALL', { procedure: 'p', args: '{}' })).toMatchObject({ ok: false, field: 'args' });
    expect(encodeWamp('CALL', { procedure: 'p', kwargs: '[1]' })).toMatchObject({ ok: false, field: 'kwargs' });
    expect(encodeWamp('CALL', { procedure: 'p', request: '-1' })).toMatchObject({ ok: false, field: 'request' });
    expect(encodeWamp('CALL', { procedure: 'p', request: '99999999999999999' })).toMatchObject({ ok: false, field: 'request' });
    expect(encodeWamp('YIELD', {})).toMatchObject({ ok: false, field: 'request' });
    expect(encodeWamp('UNSUBSCRIBE', {})).toMatchObject({ ok: false, field: 'subscription' });
    expect(encodeWamp('GOODBYE', { reason: 'no way' })).toMatchObject({ ok: false, field: 'reason' });
    expect(encodeWamp('EVENT', {})).toMatchObject({ ok: false });
  });
  it('round trips every compose kind', () => {
    const values: Record<string, string> = { realm: 'realm1', topic: 'com.t', procedure: 'com.p', request: '5', subscription: '6', registration: '7', args: '[1]', kwargs: '{"a":1}' };
    for (const kind of wampLens.compose!.map((k) => k.id)) {
      const m = one(out(frame(kind, values)));
      expect(m.type).toBe(kind);
      expect(m.error).toBeUndefined();
    }
  });
});

describe('WAMP detect', () => {
  const hint = (protocol: string, frames: Frame[] = []) => ({ url: 'ws://x/ws', offered: [], protocol, frames });
  it('scores', () => {
    expect(detectWamp(hint('wamp.2.json'))).toBe(3);
    expect(detectWamp(hint('wamp.2.msgpack'))).toBe(0);
    expect(detectWamp(hint('', [out('[1,"realm1",{}]')]))).toBe(1);
    expect(detectWamp(hint('', [inn('[2,123,{"roles":{}}]')]))).toBe(1);
    expect(detectWamp(hint('', [inn('[2,3,4]')]))).toBe(0);
    expect(detectWamp(hint('', [inn('[1,2]')]))).toBe(0);
  });
});

describe('WAMP session', () => {
  function host() {
    const sent: string[] = [];
    const notes: string[] = [];
    let s: ReturnType<NonNullable<typeof wampLens.session>> | null = null;
    const h: SessionHost = {
      send: (d) => {
        sent.push(String(d));
        s?.sent?.(out(String(d)));
      },
      setTimer: () => () => {},
      now: () => 0,
      note: (_l, t) => notes.push(t),
    };
    return { h, sent, notes, bind: (x: typeof s) => (s = x) };
  }
  it('sends HELLO on open with the realm and roles; answers a router GOODBYE once', () => {
    const { h, sent, notes, bind } = host();
    const s = wampLens.session!(h, { realm: 'sockpit' });
    bind(s);
    s.open('wamp.2.json');
    expect(JSON.parse(sent[0]!)).toEqual([1, 'sockpit', { roles: { caller: {}, callee: {}, publisher: {}, subscriber: {} }, agent: 'Sockpit' }]);
    s.receive(inn('[2,42,{"roles":{"broker":{},"dealer":{}}}]'));
    expect(notes).toEqual(['WAMP: WELCOME session 42 · roles broker, dealer']);
    s.receive(inn('[6,{},"wamp.close.system_shutdown"]'));
    s.receive(inn('[6,{},"wamp.close.system_shutdown"]'));
    expect(sent.slice(1)).toEqual(['[6,{},"wamp.close.goodbye_and_out"]']);
    s.close();
  });
  it('does not answer the GOODBYE that answers ours; notes ABORT and a missing subprotocol', () => {
    const { h, sent, notes, bind } = host();
    const s = wampLens.session!(h, {});
    bind(s);
    s.open('');
    expect(JSON.parse(sent[0]!)[1]).toBe('realm1');
    h.send('[6,{},"wamp.close.close_realm"]');
    s.receive(inn('[6,{},"wamp.close.goodbye_and_out"]'));
    expect(sent).toHaveLength(2);
    s.receive(inn('[3,{},"wamp.error.no_such_realm"]'));
    expect(notes.join('\n')).toMatch(/no subprotocol[\s\S]*ABORT wamp.error.no_such_realm/);
  });
});

describe('WAMP detection from the URL', () => {
  it('scores a /wamp path 2 and other paths 0', async () => {
    const { detectWamp } = await import('./detect');
    const hint = (url: string) => ({ url, offered: [], protocol: '', frames: [] });
    expect(detectWamp(hint('ws://127.0.0.1:8787/wamp'))).toBe(2);
    expect(detectWamp(hint('wss://router.example/wamp/ws'))).toBe(2);
    expect(detectWamp(hint('ws://127.0.0.1:8787/echo'))).toBe(0);
  });
});
