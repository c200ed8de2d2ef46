import { describe, expect, it } from 'vitest';
import type { Frame, SessionHost } from '../../types';
import { createSocketIoSession } from './session';

const OPEN4 = '0{"sid":"s","upgrades":[],"pingInterval":1000,"pingTimeout":500,"maxPayload":1000000}';
const OPEN3 = '0{"sid":"s","upgrades":[],"pingInterval":1000,"pingTimeout":500}';

/** A host with a manual clock: timers run when `advance` passes them. */
function fakeHost() {
  const sent: Array<string | Uint8Array> = [];
  const notes: Array<{ level: string; text: string }> = [];
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 0;
  const host: SessionHost = {
    send: (d) => sent.push(d),
    setTimer(ms, fn) {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return () => {
        timers = timers.filter((t) => t.id !== id);
      };
    },
    now: () => now,
    note: (level, text) => notes.push({ level, text }),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = end;
  };
  return { host, sent, notes, advance, pendingTimers: () => timers.length };
}

const text = (t: string, direction: 'in' | 'out' = 'in'): Frame => ({ direction, format: 'text', text: t });

describe('Socket.IO session', () => {
  it('EIO4: connects "/" on the open packet and answers every ping, noting each once', () => {
    const h = fakeHost();
    const s = createSocketIoSession(h.host, {});
    s.open('');
    expect(h.sent).toEqual([]);
    s.receive(text(OPEN4));
    expect(h.sent).toEqual(['40']);
    s.receive(text('40{"sid":"abc"}'));
    s.receive(text('2'));
    s.receive(text('2'));
    expect(h.sent).toEqual(['40', '3', '3']);
    h.advance(10_000);
    expect(h.sent).toHaveLength(3); // the client never pings in EIO4
    expect(h.notes.map((n) => n.text)).toEqual(['Sent CONNECT / on open.', 'Connected / (sid abc).', 'Engine.IO 4: answering each server ping "2" with a pong "3".']);
  });

  it('a namespace with auth; the connect checkbox off sends nothing', () => {
    const h = fakeHost();
    createSocketIoSession(h.host, { namespace: '/admin', auth: '{"token":"letmein"}' }).receive(text(OPEN4));
    expect(h.sent).toEqual(['40/admin,{"token":"letmein"}']);
    const off = fakeHost();
    const s = createSocketIoSession(off.host, { connect: '' });
    s.receive(text(OPEN4));
    s.receive(text('2'));
    expect(off.sent).toEqual(['3']);
  });

  it('bad auth JSON is an error note, and nothing is sent', () => {
    const h = fakeHost();
    createSocketIoSession(h.host, { namespace: '/admin', auth: '{"token":' }).receive(text(OPEN4));
    expect(h.sent).toEqual([]);
    expect(h.notes[0]?.level).toBe('error');
  });

  it('EIO3 (version 2): the session pings every pingInterval, "/" is joined by the server, other namespaces get a query', () => {
    const h = fakeHost();
    const s = createSocketIoSession(h.host, { version: '2' });
    s.receive(text(OPEN3));
    expect(h.sent).toEqual([]);
    h.advance(999);
    expect(h.sent).toEqual([]);
    h.advance(1);
    expect(h.sent).toEqual(['2']);
    h.advance(3000);
    expect(h.sent).toEqual(['2', '2', '2', '2']);
    expect(h.notes.filter((n) => /ping/.test(n.text))).toHaveLength(1);
    s.receive(text('1'));
    h.advance(5000);
    expect(h.sent).toHaveLength(4);

    const admin = fakeHost();
    const a = createSocketIoSession(admin.host, { version: '2', namespace: '/admin', auth: '{"token":"letmein"}' });
    a.receive(text(OPEN4));
    expect(admin.sent).toEqual(['40/admin?token=letmein,']);
    a.close();
    expect(admin.pendingTimers()).toBe(0);
  });

  it('a ping sent by hand resets the EIO3 interval', () => {
    const h = fakeHost();
    const s = createSocketIoSession(h.host, { version: '2' });
    s.receive(text(OPEN3));
    h.advance(900);
    s.sent?.(text('2', 'out'));
    h.advance(900);
    expect(h.sent).toEqual([]);
    h.advance(100);
    expect(h.sent).toEqual(['2']);
  });

  it('version 4 against an Engine.IO 3 server: no maxPayload, or a CONNECT without sid, switches to client pings', () => {
    const h = fakeHost();
    const s = createSocketIoSession(h.host, {});
    s.receive(text(OPEN3));
    expect(h.notes[0]?.level).toBe('warn');
    h.advance(1000);
    expect(h.sent).toEqual(['2']);

    const g = fakeHost();
    const t = createSocketIoSession(g.host, { connect: '' });
    t.receive(text(OPEN4));
    t.receive(text('40'));
    g.advance(1000);
    expect(g.sent).toEqual(['2']);
    expect(g.notes.some((n) => /without a sid/.test(n.text))).toBe(true);
  });

  it('notes a refused namespace and a server DISCONNECT', () => {
    const h = fakeHost();
    const s = createSocketIoSession(h.host, { namespace: '/admin' });
    s.receive(text(OPEN4));
    s.receive(text('44/admin,{"message":"not authorized"}'));
    expect(h.notes.at(-1)).toEqual({ level: 'warn', text: 'The server refused /admin: {"message":"not authorized"}' });
    s.receive(text('40/admin,{"sid":"x"}'));
    s.receive(text('41/admin,'));
    expect(h.notes.at(-1)?.text).toBe('The server disconnected /admin.');
  });
});
