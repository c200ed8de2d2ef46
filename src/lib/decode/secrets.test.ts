import { afterEach, describe, expect, it } from 'vitest';
import { credentialsOf } from './secrets';
import type { DecodedMessage, Frame } from './types';
import { DecodeIndex } from './decode-index';
import { registerLens } from './registry';
import { Kind } from '../event-kind';
import { stompLens } from './lenses/stomp/index';
import { jsonLens } from './lenses/json/index';
import { mqttLens } from './lenses/mqtt/index';
import { decodeMqttFrame, createMqttState } from './lenses/mqtt/decode';
import { encodeConnect } from './lenses/mqtt/codec';
import { graphqlLens } from './lenses/graphql/index';
import { phoenixLens } from './lenses/phoenix/index';
import { socketIoLens } from './lenses/socketio/index';
import { clearCapturedSecrets, knownSecretValues, maskSecretValues, secretByteMask } from '../secret-values';

registerLens(stompLens);
registerLens(jsonLens);
registerLens(mqttLens);

const msg = (over: Partial<DecodedMessage>): DecodedMessage => ({ protocol: 'X', type: 't', summary: '', fields: [], ...over });

describe('credentialsOf', () => {
  it('takes what the lens names, in either direction', () => {
    expect(credentialsOf([msg({ secrets: ['pc-1'] })], 'in')).toEqual(['pc-1']);
    expect(credentialsOf([msg({ secrets: ['pc-1'] })], 'out')).toEqual(['pc-1']);
  });

  it('in a sent frame, the string values of credential-named fields at any depth, and an Authorization token without its scheme', () => {
    const m = msg({
      fields: [
        { name: 'namespace', value: '/admin' },
        { name: 'auth', children: [{ name: 'token', value: 'tok-123' }, { name: 'tag', value: 'not-secret' }, { name: 'n', value: 7 }] },
        { name: 'payload', children: [{ name: 'headers', children: [{ name: 'Authorization', value: 'Bearer abc.def' }] }] },
        { name: 'password', value: '••••', note: 'masked by the lens' },
      ],
    });
    expect(credentialsOf([m], 'out')).toEqual(['tok-123', 'Bearer abc.def', 'abc.def']);
  });

  it('does not walk the fields of received frames (floods), only what the lens names', () => {
    const m = msg({ fields: [{ name: 'token', value: 'tok-123' }] });
    expect(credentialsOf([m], 'in')).toEqual([]);
  });
});

describe('what each lens\'s sent frames give up', () => {
  const out = (text: string): Frame => ({ direction: 'out', format: 'text', text });
  it('a Socket.IO CONNECT auth, a GraphQL connection_init payload, a Phoenix join\'s params', () => {
    const sio = socketIoLens.decode(out('40/admin,{"token":"sio-tok","tag":"t1"}'), socketIoLens.createState()).messages;
    expect(credentialsOf(sio, 'out')).toEqual(['sio-tok']);
    const gqlState = graphqlLens.createState();
    graphqlLens.opened?.(gqlState, 'graphql-transport-ws');
    const gql = graphqlLens.decode(out('{"type":"connection_init","payload":{"Authorization":"Bearer gql-tok"}}'), gqlState).messages;
    expect(credentialsOf(gql, 'out')).toEqual(['Bearer gql-tok', 'gql-tok']);
    const phx = phoenixLens.decode(out('["1","1","room:lobby","phx_join",{"user_token":"phx-tok","name":"ann"}]'), null).messages;
    expect(credentialsOf(phx, 'out')).toEqual(['phx-tok']);
  });
});

class FakeLog {
  kinds: number[] = [];
  data: unknown[] = [];
  start = 0;
  readonly connectionId = 'c1';
  get end() {
    return this.kinds.length;
  }
  kindAt(seq: number) {
    return this.kinds[seq];
  }
  dataAt(seq: number) {
    return this.data[seq];
  }
  push(kind: number, data: unknown) {
    this.kinds.push(kind);
    this.data.push(data);
  }
}

describe('captured credentials reach the page-wide mask', () => {
  afterEach(() => clearCapturedSecrets());

  it('a STOMP CONNECT passcode is masked in any text after the index steps over it (CONNECT headers are not unescaped: STOMP 1.2)', () => {
    const log = new FakeLog();
    log.push(Kind.Connecting, { url: 'ws://127.0.0.1/stomp', protocols: ['v12.stomp'] });
    log.push(Kind.Open, { protocol: 'v12.stomp', extensions: '' });
    log.push(Kind.OutText, 'CONNECT\naccept-version:1.2\nlogin:me\npasscode:s3cr\\ct\n\n\0');
    const index = new DecodeIndex(log, 'auto');
    expect(index.step(100)).toBe(true);
    expect(knownSecretValues()).toEqual(['s3cr\\ct']);
    expect(maskSecretValues('passcode:s3cr\\ct echo s3cr\\ct login:me')).toBe('passcode:•••• echo •••• login:me');
  });

  it('a token in a JSON frame we sent is masked though the JSON lens decodes only when read; one the server sent is not guessed at', () => {
    const log = new FakeLog();
    log.push(Kind.Connecting, { url: 'ws://127.0.0.1/echo', protocols: [] });
    log.push(Kind.Open, { protocol: '', extensions: '' });
    log.push(Kind.OutText, '{"type":"auth","apiKey":"k-9f8e7d"}');
    log.push(Kind.InText, '{"type":"hello","token":"server-tok"}');
    log.push(Kind.InText, '{"a":1}');
    log.push(Kind.InText, '{"b":2}');
    const index = new DecodeIndex(log, 'json');
    expect(index.step(100)).toBe(true);
    expect(knownSecretValues()).toContain('k-9f8e7d');
    expect(knownSecretValues()).not.toContain('server-tok');
  });

  it('an MQTT CONNECT password is masked in the raw bytes; short values (under 3 characters) are not masked page-wide', () => {
    const bytes = encodeConnect({ version: 4, clientId: 'c', cleanStart: true, keepalive: 0, username: 'u', password: new TextEncoder().encode('pw-1234') });
    const frame: Frame = { direction: 'out', format: 'binary', bytes };
    const [m] = decodeMqttFrame(frame, createMqttState()).messages;
    expect(m?.secrets).toEqual(['pw-1234']);
    const log = new FakeLog();
    log.push(Kind.Connecting, { url: 'ws://127.0.0.1/mqtt', protocols: ['mqtt'] });
    log.push(Kind.Open, { protocol: 'mqtt', extensions: '' });
    log.push(Kind.OutBinary, bytes.slice().buffer);
    const index = new DecodeIndex(log, 'mqtt');
    index.step(100);
    const mask = secretByteMask(bytes);
    expect(mask).not.toBeNull();
    const flagged = [...(mask ?? [])].reduce((n, b) => n + b, 0);
    expect(flagged).toBe(7);
    expect(new TextDecoder().decode(bytes.subarray(bytes.length - 7))).toBe('pw-1234');
    expect([...(mask ?? [])].slice(-7)).toEqual([1, 1, 1, 1, 1, 1, 1]);

    const short = encodeConnect({ version: 4, clientId: 'c', cleanStart: true, keepalive: 0, username: 'u', password: new TextEncoder().encode('pw') });
    log.push(Kind.OutBinary, short.slice().buffer);
    index.step(100);
    expect(knownSecretValues()).not.toContain('pw');
  });
});
