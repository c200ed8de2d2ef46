import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../core/testing/fakes';
import { pageCore, setHostMode } from '../services/sockets/socket-service';
import { createConnection, openConnection, updateForm } from './actions';
import { useStore } from './store';

// The store's actions over the page's session core: the id comes back from
// the call, errors come back by field, and nothing is added on an error.

beforeEach(() => {
  vi.stubGlobal('WebSocket', FakeSocket);
  FakeSocket.reset();
  setHostMode('main');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('openConnection (programmatic, no form)', () => {
  it('returns the new id, adds the connection and opens its socket, leaving the form alone', () => {
    updateForm({ url: 'ws://typed.example/', name: 'typed' });
    const before = useStore.getState().connections.length;
    const r = openConnection({ url: 'ws://127.0.0.1:1/echo', protocols: ['chat', 'v2'], name: ' flow A ', decodeAs: 'raw', select: false });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const s = useStore.getState();
    expect(s.connections).toHaveLength(before + 1);
    expect(s.connections.at(-1)).toMatchObject({ id: r.id, name: 'flow A', url: 'ws://127.0.0.1:1/echo', protocols: 'chat, v2', decodeAs: 'raw' });
    expect(s.selectedId).not.toBe(r.id);
    expect(s.form).toMatchObject({ url: 'ws://typed.example/', name: 'typed' });
    expect(FakeSocket.instances.at(-1)).toMatchObject({ url: 'ws://127.0.0.1:1/echo', protocols: ['chat', 'v2'] });
    expect(pageCore().readyState(r.id)).toBe('CONNECTING');
  });

  it('returns the errors by field and adds nothing', () => {
    const before = useStore.getState().connections.length;
    expect(openConnection({ url: 'ftp://x/', protocols: 'a b' })).toEqual({
      ok: false,
      errors: { url: 'Unsupported scheme "ftp:": use ws:, wss:, http: or https:', protocols: '"a b" is not a valid subprotocol: space is not allowed' },
    });
    expect(useStore.getState().connections).toHaveLength(before);
    expect(FakeSocket.instances).toHaveLength(0);
  });
});

describe('createConnection (the form)', () => {
  it('returns the id of the connection it selected', () => {
    updateForm({ url: 'ws://127.0.0.1:1/chat', protocols: '', name: 'Alice', decodeAs: 'raw' });
    const r = createConnection();
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(useStore.getState().selectedId).toBe(r.id);
    expect(useStore.getState().form.name).toBe('');
  });

  it('returns the form’s errors by field and keeps the input', () => {
    updateForm({ url: 'ws://127.0.0.1:1/chat', protocols: 'chat,', name: 'Bob' });
    expect(createConnection()).toEqual({ ok: false, errors: { protocols: 'The list ends with a comma: remove it, or add a subprotocol after it' } });
    expect(useStore.getState().form).toMatchObject({ protocols: 'chat,', name: 'Bob' });
  });
});
