import { describe, expect, it } from 'vitest';
import type { ComposeValues, EncodeResult } from './types';
import { encodeMqtt } from './lenses/mqtt/encode';
import { encodeGraphql } from './lenses/graphql/index';
import { encodeRpc } from './lenses/jsonrpc/index';
import { encodeStomp } from './lenses/stomp/index';
import { encodePhoenix } from './lenses/phoenix/index';
import { encodeSignalR } from './lenses/signalr/index';
import { encodeWamp } from './lenses/wamp/index';

type Encode = (kind: string, values: ComposeValues, options?: { preview?: boolean }) => EncodeResult;

const frames = (r: EncodeResult) => {
  if (!r.ok) throw new Error(r.error);
  return r.frames.map((f) => (typeof f === 'string' ? f : Array.from(f).join(',')));
};

// The composer previews on every render; what it previews must be what Send sends.
const cases: Array<[string, Encode, string, ComposeValues]> = [
  ['MQTT SUBSCRIBE (packet id)', encodeMqtt, 'subscribe', { topic: 'a/b', qos: '1' }],
  ['GraphQL subscribe (id)', encodeGraphql, 'subscribe', { query: '{ hello }' }],
  ['JSON-RPC request (id)', encodeRpc, 'request', { method: 'm' }],
  ['STOMP SUBSCRIBE (sub-N)', encodeStomp, 'SUBSCRIBE', { destination: '/topic/a' }],
  ['Phoenix heartbeat (ref)', encodePhoenix, 'heartbeat', {}],
  ['SignalR invocation (invocationId)', encodeSignalR, 'invocation', { target: 'echo', arguments: '[]' }],
  ['WAMP SUBSCRIBE (request id)', encodeWamp, 'SUBSCRIBE', { topic: 'com.a' }],
];

describe('encode with { preview: true } leaves automatic ids alone', () => {
  for (const [name, encode, kind, values] of cases) {
    it(name, () => {
      const preview = frames(encode(kind, values, { preview: true }));
      expect(frames(encode(kind, values, { preview: true }))).toEqual(preview);
      const sent = frames(encode(kind, values));
      expect(sent).toEqual(preview);
      // The send took the id: the next one differs.
      expect(frames(encode(kind, values, { preview: true }))).not.toEqual(sent);
    });
  }
});
