import { describe, expect, it } from 'vitest';
import type { Frame } from './types';
import { detectLens, LENSES, loadLens } from './registry';

const text = (t: string, direction: 'in' | 'out' = 'in'): Frame => ({ direction, format: 'text', text: t });
const hint = (url: string, protocol = '', frames: Frame[] = []) => ({ url, offered: [], protocol, frames });

describe('registry: SignalR, Phoenix, Action Cable, WAMP', () => {
  it('are listed before JSON-RPC and JSON, which stay last', () => {
    const ids = LENSES.map((l) => l.id);
    for (const id of ['signalr', 'phoenix', 'actioncable', 'wamp'] as const) expect(ids.indexOf(id)).toBeLessThan(ids.indexOf('jsonrpc'));
    expect(ids.slice(-2)).toEqual(['jsonrpc', 'json']);
  });
  it('win detection over JSON on frames that are also JSON', () => {
    expect(detectLens(hint('ws://h/x', '', [text('["1","1","room:lobby","phx_join",{}]', 'out')]))?.id).toBe('phoenix');
    expect(detectLens(hint('ws://h/x', '', [text('[1,"realm1",{"roles":{}}]', 'out')]))?.id).toBe('wamp');
    expect(detectLens(hint('ws://h/x', '', [text('{"type":"welcome"}')]))?.id).toBe('actioncable');
    expect(detectLens(hint('ws://h/x', '', [text('{"protocol":"json","version":1}\x1e', 'out')]))?.id).toBe('signalr');
    expect(detectLens(hint('ws://h/x', 'wamp.2.json'))).toEqual({ id: 'wamp', score: 3 });
    expect(detectLens(hint('ws://h/cable', 'actioncable-v1-json'))).toEqual({ id: 'actioncable', score: 3 });
    expect(detectLens(hint('ws://h/socket/websocket?vsn=2.0.0'))).toEqual({ id: 'phoenix', score: 2 });
    expect(detectLens(hint('wss://h/chathub?id=abc'))).toEqual({ id: 'signalr', score: 2 });
    expect(detectLens(hint('ws://h/x', '', [text('{"type":"tick","seq":1}')]))?.id).toBe('json');
  });
  it('load lazily to the lens with that id', async () => {
    for (const id of ['signalr', 'phoenix', 'actioncable', 'wamp'] as const) expect((await loadLens(id)).id).toBe(id);
  });
});

describe('lazy lenses', () => {
  it('are the ones whose code says so, known before it loads', async () => {
    const { LENSES } = await import('./registry');
    for (const info of LENSES) {
      const lens = await info.load();
      expect(lens.lazy === true, info.id).toBe(info.lazy === true);
    }
  });
});
