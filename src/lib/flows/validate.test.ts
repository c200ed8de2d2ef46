import { describe, expect, it } from 'vitest';
import { formatIssue, stepLabel, validateFlow } from './validate';
import { loadFlow, parseFlow, parseFlowJson } from './parse';

const base = (steps: unknown[], extra: Record<string, unknown> = {}) => ({
  version: 'sockpit-flow/1',
  name: 'test',
  connections: [
    { name: 'a', url: 'ws://127.0.0.1:8787/echo' },
    { name: 'b', url: 'ws://127.0.0.1:8787/chat' },
  ],
  steps: [{ type: 'connect' }, { type: 'connect', connection: 'b' }, ...steps],
  ...extra,
});

/** the one issue of a flow whose third step is `step` */
function issueOf(step: unknown, extra?: Record<string, unknown>) {
  const issues = validateFlow(base([step], extra));
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('validateFlow', () => {
  it('accepts a flow with every step type', () => {
    const doc = base([
      { type: 'send', payload: { text: 'hello {{who}}' } },
      { type: 'send', payload: { hex: 'de ad' } },
      { type: 'send', payload: { base64: 'aGk=' } },
      { type: 'send', payload: { lens: 'socketio', kind: 'emit', values: { event: 'chat' } } },
      {
        type: 'expect',
        match: [{ contains: 'hello' }, { path: '$.id', exists: true }, { regex: '^h', flags: 'i' }, { schema: { type: 'object' } }, { field: 'event', equals: 'chat' }],
        timeoutMs: 2000,
        next: true,
        capture: [{ var: 'id', path: '$.id' }],
      },
      { type: 'capture', capture: [{ var: 'word', regex: '(\\w+)', group: 1 }] },
      { type: 'send', payload: { text: '{{id}} {{word}}' } },
      { type: 'wait', ms: 10 },
      { type: 'repeat', times: 3, counter: 'n', steps: [{ type: 'send', payload: { text: 'n={{n}}' } }] },
      { type: 'repeat', durationMs: 100, steps: [{ type: 'send', payload: { text: 'i={{i}} {{uuid}}' } }] },
      { type: 'close', connection: 'b', code: 1000, reason: 'bye' },
      { type: 'expectClose', connection: 'b', code: 1000, wasClean: true },
    ], { variables: { who: 'world' } });
    expect(validateFlow(doc)).toEqual([]);
  });

  it('names an unknown version, and a missing one', () => {
    expect(validateFlow({ ...base([]), version: 'sockpit-flow/9' })).toEqual([
      { field: 'version', message: 'unknown version "sockpit-flow/9": this Sockpit reads "sockpit-flow/1"' },
    ]);
    expect(validateFlow({ name: 'x' })[0]?.field).toBe('version');
    expect(validateFlow([])[0]?.field).toBe('document');
  });

  it('names an unknown step type and a missing one', () => {
    const i = issueOf({ type: 'sned' });
    expect(i).toMatchObject({ step: [2], field: 'type' });
    expect(i.message).toContain('unknown step type "sned"');
    expect(issueOf({}).message).toContain('type is missing');
  });

  it('names an unknown connection, and one used before its connect', () => {
    const i = issueOf({ type: 'send', connection: 'c', payload: { text: 'x' } });
    expect(i).toMatchObject({ step: [2], field: 'connection' });
    expect(i.message).toBe('unknown connection "c": the flow\'s connections are "a", "b"');
    const issues = validateFlow({ ...base([]), steps: [{ type: 'send', payload: { text: 'x' } }] });
    expect(issues[0]?.message).toContain('connection "a" is not connected yet');
  });

  it('names an unknown variable, and knows the flow, environment, --var, captures and counters', () => {
    const i = issueOf({ type: 'send', payload: { text: 'hi {{nobody}}' } });
    expect(i).toMatchObject({ step: [2], field: 'payload.text' });
    expect(i.message).toContain('unknown variable "nobody"');
    expect(validateFlow(base([{ type: 'send', payload: { text: '{{fromEnv}}' } }]), { knownVariables: ['fromEnv'] })).toEqual([]);
    // a capture is known only after the step that makes it
    const before = validateFlow(base([{ type: 'send', payload: { text: '{{id}}' } }, { type: 'expect', match: [{ contains: 'x' }], capture: [{ var: 'id', path: '$.id' }] }]));
    expect(before).toMatchObject([{ step: [2], field: 'payload.text' }]);
    // a counter only inside its repeat
    const after = validateFlow(base([{ type: 'repeat', times: 2, steps: [{ type: 'wait', ms: 1 }] }, { type: 'send', payload: { text: '{{i}}' } }]));
    expect(after).toMatchObject([{ step: [3], field: 'payload.text' }]);
    // an escaped {{ is not a variable
    expect(validateFlow(base([{ type: 'send', payload: { text: '\\{{literal}}' } }]))).toEqual([]);
    // in matchers and connection URLs too
    expect(issueOf({ type: 'expect', match: [{ path: '$.a', equals: { b: '{{zz}}' } }] }).field).toBe('match[0].equals');
    const conn = validateFlow({ ...base([]), connections: [{ name: 'a', url: 'ws://{{host}}/echo' }], steps: [{ type: 'connect' }] });
    expect(conn).toMatchObject([{ field: 'connections[0].url' }]);
  });

  it('names a regex that does not compile, in matchers and captures', () => {
    const i = issueOf({ type: 'expect', match: [{ regex: '([a-z' }] });
    expect(i).toMatchObject({ step: [2], field: 'match[0].regex' });
    expect(i.message).toContain('/([a-z/ does not compile');
    expect(issueOf({ type: 'expect', match: [{ regex: 'a', flags: 'q' }] }).message).toContain('bad flags');
    expect(issueOf({ type: 'expect', match: [{ path: '$.a', matches: '*' }] }).field).toBe('match[0].matches');
    expect(issueOf({ type: 'expect', match: [{ contains: 'a' }], capture: [{ var: 'x', regex: '(' }] }).field).toBe('capture[0].regex');
    expect(issueOf({ type: 'expect', match: [{ contains: 'a' }], capture: [{ var: 'x', regex: '(a)', group: 2 }] }).message).toContain('group 2 does not exist');
    expect(issueOf({ type: 'expect', match: [{ contains: 'a' }], capture: [{ var: 'x', regex: '(a)', group: 'n' }] }).message).toContain('no group named "n"');
  });

  it('names an invalid JSON Schema with the pointer of the bad part', () => {
    const i = issueOf({ type: 'expect', match: [{ schema: { type: 'object', properties: { id: { type: 'integr' } } } }] });
    expect(i).toMatchObject({ step: [2], field: 'match[0].schema' });
    expect(i.message).toContain('#/properties/id/type: unknown type "integr"');
    expect(issueOf({ type: 'expect', match: [{ schema: { pattern: '(' } }] }).message).toContain('#/pattern');
    expect(issueOf({ type: 'expect', match: [{ schema: { required: 'id' } }] }).message).toContain('#/required');
    expect(issueOf({ type: 'expect', match: [{ schema: 3 }] }).message).toContain('a schema is an object or true/false');
  });

  it('names missing and invalid fields', () => {
    expect(issueOf({ type: 'expect' }).field).toBe('match');
    expect(issueOf({ type: 'expect', match: [{ contain: 'x' }] }).message).toContain('unknown matcher');
    expect(issueOf({ type: 'expect', match: [{ contains: 'x' }], timeoutMs: 0 })).toMatchObject({ field: 'timeoutMs' });
    expect(issueOf({ type: 'expect', match: [{ contains: 'x' }], timeoutMs: 'soon' })).toMatchObject({ field: 'timeoutMs' });
    expect(issueOf({ type: 'expect', match: [{ contains: 'x' }, { contains: 'y', direction: 'out' }] })).toMatchObject({ field: 'match' });
    expect(issueOf({ type: 'expect', match: [{ path: '$.', exists: true }] }).field).toBe('match[0].path');
    expect(issueOf({ type: 'expect', match: [{ path: '$.a', exists: true, equals: 1 }] }).field).toBe('match[0]');
    expect(issueOf({ type: 'send' }).field).toBe('payload');
    expect(issueOf({ type: 'send', payload: { text: 'a', hex: '00' } }).message).toContain('exactly one');
    expect(issueOf({ type: 'send', payload: { hex: 'zz' } }).field).toBe('payload.hex');
    expect(issueOf({ type: 'send', payload: { lens: 'nolens', kind: 'x', values: {} } }).field).toBe('payload.lens');
    expect(issueOf({ type: 'wait' }).field).toBe('ms');
    expect(issueOf({ type: 'capture', capture: [{ var: 'x', path: '$.a' }] }).message).toContain('no earlier expect');
    expect(issueOf({ type: 'connect', url: 'ftp://x' }).field).toBe('url');
    expect(issueOf({ type: 'connect', url: 'not a url' }).message).toContain('not an absolute URL');
    expect(issueOf({ type: 'connect', lens: 'soap' }).field).toBe('lens');
    expect(issueOf({ type: 'connect', protocols: ['a b'] }).field).toBe('protocols[0]');
    expect(validateFlow({ ...base([]), connections: [] })[0]?.field).toBe('connections');
    expect(validateFlow({ ...base([]), connections: [{ name: 'a', url: 'ws://x' }, { name: 'a', url: 'ws://y' }], steps: [{ type: 'wait', ms: 1 }] })[0]).toMatchObject({
      field: 'connections[1].name',
    });
    expect(validateFlow({ ...base([]), steps: [] })[0]?.field).toBe('steps');
    expect(validateFlow({ ...base([]), name: '' })[0]?.field).toBe('name');
    expect(validateFlow(base([], { variables: { n: 3 } }))[0]?.field).toBe('variables.n');
    expect(validateFlow(base([], { environments: [{ name: 'local', variables: { host: 'x' } }] }))[0]?.field).toBe('environments[0].variables.host');
  });

  it('checks close codes as RFC 6455 and the browser do', () => {
    expect(issueOf({ type: 'close', code: 1006 })).toMatchObject({ field: 'code', message: expect.stringContaining('never sent in a close frame') as unknown });
    expect(issueOf({ type: 'close', code: 1001 }).message).toContain('reserved for the browser');
    expect(issueOf({ type: 'close', code: 2999 }).message).toContain('Reserved');
    expect(issueOf({ type: 'close', reason: 'no code' }).field).toBe('code');
    expect(issueOf({ type: 'close', code: 4000, reason: 'x'.repeat(124) }).field).toBe('reason');
    expect(validateFlow(base([{ type: 'close', code: 4999 }, { type: 'close' }]))).toEqual([]);
    // what a connection can report: 1006 yes, 1004 and 999 no
    expect(validateFlow(base([{ type: 'expectClose', code: 1006 }]))).toEqual([]);
    expect(issueOf({ type: 'expectClose', code: 1004 }).field).toBe('code');
    expect(issueOf({ type: 'expectClose', code: 999 }).field).toBe('code');
    expect(issueOf({ type: 'expectClose', wasClean: 'yes' }).field).toBe('wasClean');
  });

  it('names a repeat with both or neither of times and durationMs', () => {
    expect(issueOf({ type: 'repeat', steps: [{ type: 'wait', ms: 1 }] }).message).toContain('give times');
    expect(issueOf({ type: 'repeat', times: 2, durationMs: 10, steps: [{ type: 'wait', ms: 1 }] }).message).toBe('give times or durationMs, not both');
    expect(issueOf({ type: 'repeat', times: 0, steps: [{ type: 'wait', ms: 1 }] }).field).toBe('times');
    expect(issueOf({ type: 'repeat', times: 1, steps: [] }).field).toBe('steps');
    // a bad nested step names its path inside the repeat
    expect(issueOf({ type: 'repeat', times: 1, steps: [{ type: 'wait', ms: 1 }, { type: 'bogus' }] }).step).toEqual([2, 1]);
  });
});

describe('parseFlow', () => {
  it('says where a text stops being JSON, by line and column', () => {
    const r = parseFlowJson('{\n  "version": "sockpit-flow/1",\n  "name": "x"\n  "steps": []\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ field: 'document', line: 4, column: 3 });
    expect(formatIssue(r.issues[0]!)).toBe('line 4, column 3: not JSON: expected , or } at line 4, column 3');
  });

  it('reads YAML, and says where YAML is broken', async () => {
    const r = await parseFlow('version: sockpit-flow/1\nname: y\nconnections:\n  - name: a\n    url: ws://127.0.0.1:1/echo\nsteps:\n  - type: connect\n');
    expect(r).toMatchObject({ ok: true, format: 'yaml' });
    if (r.ok) expect(validateFlow(r.value)).toEqual([]);
    const bad = await parseFlow('name: [unclosed\nsteps: 1');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.message).toContain('neither JSON nor YAML');
  });

  it('loadFlow gives the document or every issue, and nothing else', async () => {
    const ok = await loadFlow(JSON.stringify(base([])));
    expect(ok.ok).toBe(true);
    const bad = await loadFlow(JSON.stringify(base([{ type: 'nope' }, { type: 'wait' }])));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => formatIssue(i, bad.value))).toEqual([
      'step 3 (nope), type: unknown step type "nope": use one of connect, send, expect, capture, wait, repeat, expectClose, close, compute',
      'step 4 (wait), ms: ms must be a whole number of milliseconds from 0 to 600000; got undefined',
    ]);
  });

  it('labels nested steps 1-based with their names', () => {
    const doc = base([{ type: 'repeat', times: 1, steps: [{ type: 'send', name: 'ping', payload: { text: 'x' } }] }]);
    expect(stepLabel([2, 0], doc)).toBe('step 3.1 (ping)');
  });
});
