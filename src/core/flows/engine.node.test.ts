// The engine on the real session core for Node (createNodeCore over `ws`)
// against the real playground server on an ephemeral port of 127.0.0.1.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground } from '../../../server/playground.mjs';
import type { FlowDocument } from '../../lib/flows/types';
import { createNodeCore } from '../node';
import { runFlow } from './engine';
import { runUsers } from './users';

type Playground = Awaited<ReturnType<typeof startPlayground>>;
let pg: Playground;
const example = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../flows/examples/${name}.json`), 'utf8')) as FlowDocument;

beforeAll(async () => {
  pg = await startPlayground({ port: 0 });
});
afterAll(async () => {
  await pg.close();
});

describe('runFlow on createNodeCore', () => {
  it('a connection that closes while a step waits fails that step with the close code', async () => {
    const core = createNodeCore();
    const doc: FlowDocument = {
      version: 'sockpit-flow/1',
      name: 'drop',
      connections: [{ name: 'a', url: `${pg.url}/drop?after=200` }],
      steps: [{ type: 'connect' }, { type: 'expect', match: [{ contains: 'never' }], timeoutMs: 10_000 }],
    };
    const r = await runFlow(doc, { core });
    expect(r.status).toBe('failed');
    expect(r.failure?.message).toBe('connection "a" closed with 1006, not clean while waiting');
    expect(r.failure!.endedAt - r.failure!.startedAt).toBeLessThan(10_000);
  });

  it('Stop ends the waiting step and closes the sockets the flow opened', async () => {
    const core = createNodeCore();
    const ctl = new AbortController();
    const doc = example('chat');
    // wait for a message nobody sends, then press Stop once both are connected
    doc.steps.splice(2, 0, { type: 'expect', connection: 'alice', match: [{ contains: 'nobody says this' }], timeoutMs: 60_000 });
    const p = runFlow(doc, {
      core,
      variables: { playground: pg.url },
      signal: ctl.signal,
      onStep: (s) => {
        if (s.step[0] === 2 && s.status === 'running') setTimeout(() => ctl.abort(), 50);
      },
    });
    const r = await p;
    expect(r.status).toBe('stopped');
    expect(r.steps.find((s) => s.step[0] === 2 && s.status !== 'running')?.status).toBe('stopped');
    const ids = Object.values(r.connections);
    expect(ids).toHaveLength(2);
    await Promise.all(ids.map((id) => core.waitFor(id, (e) => e.type === 'close', { timeoutMs: 5000, fromSeq: 0 })));
    expect(ids.map((id) => core.readyState(id))).toEqual(['CLOSED', 'CLOSED']);
  });

  it('runUsers: 10 virtual users chat in their own rooms, all pass, with the timing spread', async () => {
    const core = createNodeCore();
    const r = await runUsers(example('chat'), 10, { core, variables: { playground: pg.url } });
    expect(r.users.map((u) => u.status)).toEqual(Array(10).fill('passed'));
    expect(r.flow?.count).toBe(10);
    expect(r.flow!.min).toBeLessThanOrEqual(r.flow!.median);
    expect(r.flow!.median).toBeLessThanOrEqual(r.flow!.p95);
    expect(r.flow!.p95).toBeLessThanOrEqual(r.flow!.max);
    expect(Object.keys(r.steps)).toHaveLength(10);
    // each user had its own room: the URLs differ by user
    const urls = r.users.map((u) => {
      const first = core.log(u.run.connections.alice!)?.get(0);
      return first?.type === 'connecting' ? first.url : '';
    });
    expect(urls[3]).toBe(`${pg.url}/chat?room=flows-3`);
    expect(new Set(urls).size).toBe(10);
  });
});
