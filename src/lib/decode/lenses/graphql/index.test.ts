import { parseMessage } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import type { DecodedMessage, Frame, SessionHost } from '../../types';
import { detectGraphql } from './detect';
import { encodeGraphql, graphqlLens, graphqlSession, type GraphqlState } from './index';

const text = (t: string, direction: 'in' | 'out' = 'in'): Frame => ({ direction, format: 'text', text: t });

function decodeAll(frames: Frame[], protocol = ''): DecodedMessage[] {
  const state: GraphqlState = graphqlLens.createState();
  graphqlLens.opened?.(state, protocol);
  return frames.flatMap((f) => graphqlLens.decode(f, state).messages);
}

function one(t: string, direction: 'in' | 'out' = 'in', protocol = 'graphql-transport-ws'): DecodedMessage {
  const [m] = decodeAll([text(t, direction)], protocol);
  if (!m) throw new Error('no message');
  return m;
}

function keysOf(m: DecodedMessage): Record<string, string> {
  return Object.fromEntries(m.keys ?? []);
}

describe('graphql-transport-ws: decode (vectors from graphql-ws PROTOCOL.md)', () => {
  it('connection_init and connection_ack, with and without payload', () => {
    const init = one('{"type":"connection_init","payload":{"token":"t"}}', 'out');
    expect(init).toMatchObject({ protocol: 'GraphQL', type: 'connection_init', summary: 'connection_init · {"token":"t"}' });
    expect(init.error).toBeUndefined();
    expect(one('{"type":"connection_ack"}')).toMatchObject({ type: 'connection_ack', summary: 'connection_ack' });
  });

  it('ping and pong are heartbeats; a pong may carry a payload', () => {
    expect(one('{"type":"ping"}')).toMatchObject({ type: 'ping', summary: 'ping', heartbeat: true });
    expect(one('{"type":"pong","payload":{"t":1}}', 'out')).toMatchObject({ type: 'pong', summary: 'pong · {"t":1}', heartbeat: true });
    expect(one('{"type":"ping","payload":5}').error).toContain('payload');
  });

  it('subscribe: operation type and name from the query, variables as fields, a request', () => {
    const m = one('{"id":"1","type":"subscribe","payload":{"query":"subscription OnTick($n: Int) { tick(count: $n) }","variables":{"n":3}}}', 'out');
    expect(m.summary).toBe('subscribe 1 · subscription OnTick');
    expect(keysOf(m)).toEqual({ type: 'subscribe', id: '1', operationType: 'subscription', operation: 'OnTick' });
    expect(m.correlation).toEqual({ key: 'graphql:out:1', role: 'request' });
    expect(m.fields[0]).toEqual({ name: 'operation', value: 'OnTick', note: 'subscription' });
    const payload = m.fields.find((f) => f.name === 'payload');
    const vars = payload?.children?.find((f) => f.name === 'variables');
    expect(vars?.children).toEqual([{ name: 'n', value: 3 }]);
    expect(m.error).toBeUndefined();
  });

  it('subscribe: the named operation of several, an anonymous query', () => {
    expect(one('{"id":"2","type":"subscribe","payload":{"query":"query A { a } mutation B { b }","operationName":"B"}}', 'out').summary).toBe('subscribe 2 · mutation B');
    expect(one('{"id":"3","type":"subscribe","payload":{"query":"{ hello }"}}', 'out').summary).toBe('subscribe 3 · query');
  });

  it('next is a partial reply, error and complete close the pair; the operation carries over', () => {
    const ms = decodeAll(
      [
        text('{"id":"1","type":"subscribe","payload":{"query":"subscription OnTick { tick }"}}', 'out'),
        text('{"id":"1","type":"next","payload":{"data":{"tick":3}}}'),
        text('{"id":"1","type":"complete"}'),
        text('{"id":"2","type":"error","payload":[{"message":"Cannot query field \\"x\\""},{"message":"two"}]}'),
      ],
      'graphql-transport-ws',
    );
    expect(ms.map((m) => m.summary)).toEqual(['subscribe 1 · subscription OnTick', 'next 1 · {"data":{"tick":3}}', 'complete 1', 'error 2 · Cannot query field "x" (+1 more)']);
    expect(ms.map((m) => m.correlation)).toEqual([
      { key: 'graphql:out:1', role: 'request' },
      { key: 'graphql:out:1', role: 'partial' },
      { key: 'graphql:out:1', role: 'reply' },
      { key: 'graphql:out:2', role: 'reply' },
    ]);
    expect(keysOf(ms[1] as DecodedMessage)).toMatchObject({ operation: 'OnTick', operationType: 'subscription' });
    const data = (ms[1] as DecodedMessage).fields.find((f) => f.name === 'payload')?.children?.[0];
    expect(data).toMatchObject({ name: 'data', children: [{ name: 'tick', value: 3 }] });
    expect(ms.every((m) => m.error === undefined)).toBe(true);
  });

  it('a complete sent by the client closes its own subscription', () => {
    const [, c] = decodeAll([text('{"id":"9","type":"subscribe","payload":{"query":"subscription S { t }"}}', 'out'), text('{"id":"9","type":"complete"}', 'out')]);
    expect(c?.correlation).toEqual({ key: 'graphql:out:9', role: 'reply' });
    expect(keysOf(c as DecodedMessage).operation).toBe('S');
  });
});

describe('graphql-transport-ws: bad input', () => {
  it('a message without type', () => {
    const m = one('{"id":"1","payload":{}}');
    expect(m.type).toBe('invalid');
    expect(m.error).toContain('no "type"');
    expect(m.summary).toContain('no "type"');
  });

  it('a type that is not a string, an unknown type, not an object', () => {
    expect(one('{"type":7}').error).toContain('must be a string');
    const u = one('{"type":"hello"}');
    expect(u).toMatchObject({ type: 'hello', summary: 'unknown type "hello"' });
    expect(u.error).toContain('graphql-transport-ws');
    expect(one('[1,2]').error).toContain('an array');
    expect(one('"str"').error).toContain('a string');
  });

  it('invalid JSON and binary frames', () => {
    const m = one('{"type":"next",');
    expect(m.type).toBe('invalid');
    expect(m.summary).toMatch(/^invalid JSON: /);
    const [b] = graphqlLens.decode({ direction: 'in', format: 'binary', bytes: new Uint8Array([1, 2]) }, graphqlLens.createState()).messages;
    expect(b?.error).toContain('binary');
  });

  it('subscribe without payload.query, without id; next without payload (graphql-ws validateMessage wording)', () => {
    const noQuery = one('{"id":"1","type":"subscribe","payload":{"variables":{}}}', 'out');
    expect(noQuery.summary).toBe('subscribe 1 · no query');
    expect(noQuery.error).toContain("'query'");
    const noPayload = one('{"id":"1","type":"subscribe"}', 'out');
    expect(noPayload.error).toContain("'payload'");
    expect(one('{"type":"subscribe","payload":{"query":"{a}"}}', 'out').error).toContain("'id'");
    expect(one('{"id":"1","type":"next"}').error).toContain("'payload'");
    expect(one('{"id":"1","type":"error","payload":{"message":"x"}}').error).toContain('array of GraphQL errors');
  });

  it('a query without an operation says so', () => {
    const m = one('{"id":"1","type":"subscribe","payload":{"query":"fragment F on Q { a }"}}', 'out');
    expect(m.summary).toContain('no operation');
  });

  it('__proto__ keys stay data', () => {
    const m = one('{"type":"next","id":"1","payload":{"data":{"__proto__":{"polluted":true},"constructor":1}}}');
    expect(m.error).toBeUndefined();
    const data = m.fields.find((f) => f.name === 'payload')?.children?.[0];
    expect(data?.children?.map((f) => f.name)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const t = one('{"__proto__":{"type":"ping"}}');
    expect(t.type).toBe('invalid');
  });
});

describe('legacy graphql-ws (subscriptions-transport-ws): decode', () => {
  it('tells the variant from the subprotocol or from the first legacy-only type', () => {
    const ms = decodeAll([text('{"type":"connection_init","payload":{}}', 'out'), text('{"type":"ka"}'), text('{"type":"error","id":"1","payload":{"message":"bad"}}')]);
    expect(ms.map((m) => [m.type, m.summary, m.heartbeat ?? false])).toEqual([
      ['connection_init', 'connection_init · {}', false],
      ['ka', 'ka', true],
      ['error', 'error 1 · bad', false],
    ]);
    // legacy error payloads are objects: no complaint once the variant is legacy
    expect(ms.every((m) => m.error === undefined)).toBe(true);
    expect(decodeAll([text('{"type":"ping"}')], 'graphql-ws')[0]?.error).toContain('not a message type of graphql-ws');
  });

  it('start / data / complete / stop pair like subscribe / next / complete', () => {
    const ms = decodeAll(
      [
        text('{"id":"1","type":"start","payload":{"query":"subscription OnTick { tick }","variables":{}}}', 'out'),
        text('{"id":"1","type":"data","payload":{"data":{"tick":1}}}'),
        text('{"id":"1","type":"complete"}'),
        text('{"id":"2","type":"start","payload":{"query":"query Q { hello }"}}', 'out'),
        text('{"id":"2","type":"stop"}', 'out'),
        text('{"type":"connection_error","payload":{"message":"nope"}}'),
        text('{"type":"connection_terminate"}', 'out'),
      ],
      'graphql-ws',
    );
    expect(ms.map((m) => m.summary)).toEqual([
      'start 1 · subscription OnTick',
      'data 1 · {"data":{"tick":1}}',
      'complete 1',
      'start 2 · query Q',
      'stop 2',
      'connection_error · nope',
      'connection_terminate',
    ]);
    expect(ms.slice(0, 5).map((m) => m.correlation?.role)).toEqual(['request', 'partial', 'reply', 'request', 'reply']);
    expect(new Set(ms.slice(0, 3).map((m) => m.correlation?.key))).toEqual(new Set(['graphql:out:1']));
    expect(ms.every((m) => m.error === undefined)).toBe(true);
  });

  it('bad legacy input: start without query, data without payload, unknown type', () => {
    const ms = decodeAll(
      [text('{"id":"1","type":"start","payload":{}}', 'out'), text('{"id":"1","type":"data"}'), text('{"type":"subscribe","id":"1","payload":{"query":"{a}"}}', 'out')],
      'graphql-ws',
    );
    expect(ms[0]?.error).toContain('"query"');
    expect(ms[1]?.error).toContain('payload');
    expect(ms[2]?.error).toContain('not a message type of graphql-ws');
  });
});

describe('encode', () => {
  it('every modern kind is accepted by graphql-ws parseMessage (the oracle) and decodes back', () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['connection_init', { payload: '{"token":"t"}' }, '{"type":"connection_init","payload":{"token":"t"}}'],
      ['connection_init', {}, '{"type":"connection_init"}'],
      ['subscribe', { id: 'a', query: 'subscription OnTick { tick }', variables: '{"n":1}', operationName: 'OnTick' }, '{"id":"a","type":"subscribe","payload":{"query":"subscription OnTick { tick }","variables":{"n":1},"operationName":"OnTick"}}'],
      ['complete', { id: 'a' }, '{"id":"a","type":"complete"}'],
      ['ping', {}, '{"type":"ping"}'],
      ['pong', { payload: '{"x":1}' }, '{"type":"pong","payload":{"x":1}}'],
    ];
    for (const [kind, values, expected] of cases) {
      const r = encodeGraphql(kind, values);
      expect(r).toEqual({ ok: true, frames: [expected] });
      if (!r.ok) continue;
      const wire = r.frames[0] as string;
      expect(parseMessage(wire).type).toBe(kind);
      const back = one(wire, 'out');
      expect(back.type).toBe(kind);
      expect(back.error).toBeUndefined();
    }
  });

  it('subscribe numbers its ids when none is given', () => {
    const a = encodeGraphql('subscribe', { query: '{ hello }' });
    const b = encodeGraphql('subscribe', { query: '{ hello }' });
    if (!a.ok || !b.ok) throw new Error('encode failed');
    const ida = (JSON.parse(a.frames[0] as string) as { id: string }).id;
    const idb = (JSON.parse(b.frames[0] as string) as { id: string }).id;
    expect(Number(idb)).toBe(Number(ida) + 1);
  });

  it('legacy kinds', () => {
    expect(encodeGraphql('start', { id: '1', query: 'query Q { hello }' })).toEqual({ ok: true, frames: ['{"id":"1","type":"start","payload":{"query":"query Q { hello }"}}'] });
    expect(encodeGraphql('stop', { id: '1' })).toEqual({ ok: true, frames: ['{"id":"1","type":"stop"}'] });
    expect(encodeGraphql('connection_terminate', {})).toEqual({ ok: true, frames: ['{"type":"connection_terminate"}'] });
    const back = decodeAll([text('{"id":"1","type":"start","payload":{"query":"query Q { hello }"}}', 'out')], 'graphql-ws')[0];
    expect(back?.summary).toBe('start 1 · query Q');
  });

  it('bad values name their field and never throw', () => {
    expect(encodeGraphql('subscribe', { query: '' })).toMatchObject({ ok: false, field: 'query' });
    expect(encodeGraphql('subscribe', { query: 'query A { a } query B { b }' })).toMatchObject({ ok: false, field: 'query', error: expect.stringContaining('operationName') });
    expect(encodeGraphql('subscribe', { query: 'query A { a }', operationName: 'B' })).toMatchObject({ ok: false, field: 'operationName' });
    expect(encodeGraphql('subscribe', { query: '{ a }', variables: '[1]' })).toMatchObject({ ok: false, field: 'variables' });
    expect(encodeGraphql('subscribe', { query: '{ a }', variables: '{' })).toMatchObject({ ok: false, field: 'variables' });
    expect(encodeGraphql('connection_init', { payload: '"s"' })).toMatchObject({ ok: false, field: 'payload' });
    expect(encodeGraphql('complete', { id: ' ' })).toMatchObject({ ok: false, field: 'id' });
    expect(encodeGraphql('nope', {})).toMatchObject({ ok: false });
  });
});

describe('session', () => {
  function fakeHost() {
    const sent: string[] = [];
    const notes: string[] = [];
    const host: SessionHost = {
      send: (d) => sent.push(typeof d === 'string' ? d : '<bytes>'),
      setTimer: () => () => {},
      now: () => 0,
      note: (level, t) => notes.push(`${level}: ${t}`),
    };
    return { host, sent, notes };
  }

  it('sends connection_init with the payload on open, answers ping, notes the ack once', () => {
    const { host, sent, notes } = fakeHost();
    const s = graphqlSession(host, { payload: '{"token":"x"}' });
    s.open('graphql-transport-ws');
    expect(sent).toEqual(['{"type":"connection_init","payload":{"token":"x"}}']);
    s.receive(text('{"type":"connection_ack"}'));
    s.receive(text('{"type":"connection_ack"}'));
    s.receive(text('{"type":"ping"}'));
    s.receive(text('{"type":"pong"}'));
    expect(sent).toEqual(['{"type":"connection_init","payload":{"token":"x"}}', '{"type":"pong"}']);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^info: GraphQL: connection acknowledged/);
    s.close();
    s.receive(text('{"type":"ping"}'));
    expect(sent).toHaveLength(2);
  });

  it('legacy: init on open, nothing to answer; a bad payload option is noted, init still sent', () => {
    const { host, sent, notes } = fakeHost();
    const s = graphqlSession(host, { payload: '[1' });
    s.open('graphql-ws');
    s.receive(text('{"type":"ka"}'));
    s.receive(text('{"type":"ping"}'));
    expect(sent).toEqual(['{"type":"connection_init"}']);
    expect(notes[0]).toMatch(/^warn: /);
  });
});

describe('detect', () => {
  const hint = (over: Partial<Parameters<typeof detectGraphql>[0]>) => ({ url: 'ws://h/', offered: [], protocol: '', frames: [], ...over });
  it('scores subprotocol 3, URL 2, first frames 1, else 0', () => {
    expect(detectGraphql(hint({ protocol: 'graphql-transport-ws' }))).toBe(3);
    expect(detectGraphql(hint({ protocol: 'graphql-ws' }))).toBe(3);
    expect(detectGraphql(hint({ offered: ['graphql-transport-ws'] }))).toBe(3);
    expect(detectGraphql(hint({ url: 'wss://api.example.com/v1/graphql?x=1' }))).toBe(2);
    expect(detectGraphql(hint({ url: 'wss://h/x?q=/graphql' }))).toBe(0);
    expect(detectGraphql(hint({ frames: [text('{"type":"connection_ack"}')] }))).toBe(1);
    expect(detectGraphql(hint({ frames: [text('{"type":"tick"}')] }))).toBe(0);
  });
});
