import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportArtillery, toArtilleryScript } from './artillery';
import type { FlowDocument } from './types';
import { toYaml } from './yaml-out';

const doc = (steps: FlowDocument['steps'], connections: FlowDocument['connections'] = [{ name: 'a', url: '{{host}}/echo' }]): FlowDocument => ({
  version: 'sockpit-flow/1',
  name: 'f',
  variables: { host: 'ws://127.0.0.1:1' },
  connections,
  steps,
});

describe('toArtilleryScript', () => {
  it('a send followed by an expect becomes one send with match and capture; waits, loops, the counter', () => {
    const { script, warnings } = toArtilleryScript(
      doc([
        { type: 'connect' },
        { type: 'send', payload: { text: '{"op":"x","n":{{i}}}' } },
        { type: 'expect', next: true, match: [{ path: 'op', equals: 'x' }, { path: '$.id', exists: true }, { contains: 'o"' }, { equals: 'a.b' }, { regex: '^\\{', flags: 'i' }], capture: [{ var: 'id', path: '$.id' }, { var: 'w', regex: 'op":"(\\w+)' }] },
        { type: 'wait', ms: 1500 },
        { type: 'repeat', times: 3, counter: 'k', steps: [{ type: 'send', payload: { text: 'k={{k}}' } }] },
        { type: 'expect', next: true, match: [{ path: '$.k', equals: 2 }] },
        { type: 'close', code: 1000 },
      ]),
      { variables: { host: 'ws://127.0.0.1:9', i: '1' } },
    );
    expect(warnings).toEqual([]);
    expect(script.config).toEqual({ target: 'ws://127.0.0.1:9/echo', phases: [{ duration: 10, arrivalRate: 1, name: 'f' }], variables: { host: 'ws://127.0.0.1:9', i: '1' } });
    expect(script.scenarios).toEqual([
      {
        name: 'f',
        engine: 'ws',
        weight: 1,
        flow: [
          { connect: { target: '{{host}}/echo' } },
          {
            send: {
              payload: '{"op":"x","n":{{i}}}',
              match: [{ json: '$.op', value: 'x' }],
              capture: [
                { json: '$.id', as: '_check1', strict: true },
                { regexp: 'o"', as: '_check2', strict: true },
                { regexp: '^a\\.b$', as: '_check3', strict: true },
                { regexp: '^\\{', flags: 'i', as: '_check4', strict: true },
                { json: '$.id', as: 'id' },
                { regexp: 'op":"(\\w+)', as: 'w', group: 1 },
              ],
            },
          },
          { think: 1.5 },
          { loop: [{ send: 'k={{k}}' }], count: 3, loopValue: 'k' },
          { wait: { match: [{ json: '$.k', value: 2 }] } },
        ],
      },
    ]);
  });

  it('says what it leaves out: schema and field matchers, binary payloads, close checks, cross-connection expects, secrets', () => {
    const { script, warnings } = toArtilleryScript(
      doc(
        [
          { type: 'connect' },
          { type: 'connect', connection: 'b' },
          { type: 'send', payload: { hex: '00' } },
          { type: 'send', connection: 'b', payload: { text: 'to a {{token}}' } },
          { type: 'expect', match: [{ contains: 'to a' }] },
          { type: 'expect', connection: 'b', match: [{ schema: { type: 'object' } }, { field: 'event', equals: 'x' }] },
          { type: 'expectClose', connection: 'b', code: 1000 },
        ],
        [
          { name: 'a', url: 'ws://h/a' },
          { name: 'b', url: 'ws://h/b', protocols: ['json'] },
        ],
      ),
      { variables: { token: 's3cret' }, secrets: ['token'] },
    );
    expect(warnings).toEqual([
      'the secret variable "token" is left out: give it with artillery run --variables \'{"token":"…"}\' (or export with --include-secrets)',
      "step 3 (send): a hex payload is left out (Artillery's ws engine sends text)",
      'step 5 (expect): waits on "a" for what "b" sent; left out (each connection is its own Artillery virtual user)',
      'step 6 (expect): the JSON Schema matcher is left out (Artillery has none)',
      'step 6 (expect): the decoded field matcher "event" is left out (Artillery reads no protocol lenses)',
      'step 6 (expect): Artillery matches the next message only (as "next": true)',
      'step 7 (expectClose): the close is not checked (Artillery checks no close codes)',
      "the flow's 2 connections become 2 scenarios; Artillery gives each virtual user one of them, picked by weight",
    ]);
    expect(script.config.variables).toBeUndefined();
    expect(script.scenarios.map((s) => s.name)).toEqual(['f · a', 'f · b']);
    expect(script.scenarios[1]?.flow).toEqual([{ connect: { target: 'ws://h/b', subprotocols: ['json'] } }, { send: 'to a {{token}}' }]);
    expect(toArtilleryScript(doc([{ type: 'connect' }]), { variables: { token: 'x' }, secrets: ['token'], includeSecrets: true }).script.config.variables).toEqual({ token: 'x' });
  });

  it('maps built-ins to Artillery templates', () => {
    const { script, warnings } = toArtilleryScript(doc([{ type: 'connect' }, { type: 'send', payload: { text: '{{uuid}} {{user}} {{random}} {{timestamp}}' } }]), { now: 1_700_000_000_000 });
    expect(script.scenarios[0]?.flow[1]).toEqual({ send: '{{ $uuid }} {{ $uuid }} {{ $randomNumber(0, 4294967295) }} 1700000000000' });
    expect(warnings).toHaveLength(3);
  });

  it('uses the Socket.IO engine for a connection with the socketio lens', () => {
    const { script } = toArtilleryScript(
      doc(
        [
          { type: 'connect' },
          { type: 'send', payload: { lens: 'socketio', kind: 'emit', values: { event: 'echo', args: '[{"text":"hi"}]' } } },
          { type: 'expect', match: [{ field: 'event', equals: 'echo' }] },
        ],
        [{ name: 'io', url: 'ws://127.0.0.1:8787/socket.io/?EIO=4&transport=websocket', lens: 'socketio' }],
      ),
    );
    expect(script.config.target).toBe('http://127.0.0.1:8787');
    expect(script.scenarios[0]).toEqual({ name: 'f', engine: 'socketio', weight: 1, flow: [{ emit: { channel: 'echo', data: { text: 'hi' }, response: { channel: 'echo' } } }] });
  });

  it('writes YAML (every string quoted) and JSON that parse back to the script', () => {
    const d = doc([{ type: 'connect' }, { type: 'send', payload: { text: 'a: b\n- c # "d" \u2028' } }]);
    const y = exportArtillery(d, { format: 'yaml' });
    expect(parse(y.text)).toEqual(y.script);
    expect(JSON.parse(exportArtillery(d, { format: 'json' }).text)).toEqual(y.script);
    expect(parse(toYaml({ 'key with: colon': [[], {}, null, true, 1.5, 'yes'], yes: 'no' }))).toEqual({ 'key with: colon': [[], {}, null, true, 1.5, 'yes'], yes: 'no' });
  });
});
