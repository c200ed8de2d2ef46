/**
 * A SessionCore for the engine's unit tests: connections are fake servers
 * chosen by the URL's path, events go into real EventLogs, and every delay
 * goes through the global timers (so `vi.useFakeTimers()` drives them).
 *
 * | path | does |
 * |---|---|
 * | /echo | echoes text and binary |
 * | /chat?room=R | sends every message to each open connection of the room |
 * | /close?code=C&reason=R | closes right after open |
 * | /drop?after=MS | closes 1006, not clean, after MS |
 * | /ticker?every=MS | `{"type":"tick","seq":n}` every MS (default 100) from seq 1 |
 * | /silent | opens and says nothing |
 * | /refuse | error, then close 1006, never opens |
 * | /never | stays CONNECTING |
 */
import { newConnectionId } from '../../../lib/ids';
import type { ConnectionId } from '../../../lib/ids';
import { Kind } from '../../../lib/event-kind';
import { EventLog } from '../../event-log';
import type { SockEvent } from '../../events';
import type { AppendListener, OpenConfig, OpenResult, SessionCore, WaitOptions } from '../../types';
import { WaitError } from '../../types';

interface FakeConn {
  id: ConnectionId;
  url: URL;
  log: EventLog;
  state: 'CONNECTING' | 'OPEN' | 'CLOSING' | 'CLOSED';
  timers: ReturnType<typeof setTimeout>[];
}

export class FakeCore implements SessionCore {
  readonly conns = new Map<ConnectionId, FakeConn>();
  private appendListeners = new Set<AppendListener>();
  private removedListeners = new Set<(id: ConnectionId) => void>();
  /** every frame a connection sent, by id */
  readonly sent: Array<{ id: ConnectionId; data: string | Uint8Array }> = [];
  /** close() calls */
  readonly closes: Array<{ id: ConnectionId; code?: number; reason?: string }> = [];

  private append(c: FakeConn, kind: number, size: number, data: unknown) {
    const from = c.log.end;
    c.log.append(kind as Kind, Date.now(), size, data);
    for (const l of this.appendListeners) l(c.id, from, c.log.end);
  }

  private later(c: FakeConn, ms: number, fn: () => void) {
    c.timers.push(setTimeout(fn, ms));
  }

  private receive(c: FakeConn, data: string | Uint8Array) {
    if (c.state !== 'OPEN') return;
    if (typeof data === 'string') this.append(c, Kind.InText, data.length, data);
    else this.append(c, Kind.InBinary, data.length, data.slice().buffer);
  }

  private closed(c: FakeConn, code: number, reason: string, wasClean: boolean) {
    if (c.state === 'CLOSED') return;
    c.state = 'CLOSED';
    for (const t of c.timers) clearTimeout(t);
    this.append(c, Kind.Close, 0, { code, reason, wasClean });
  }

  open(config: OpenConfig): OpenResult {
    let url: URL;
    try {
      url = new URL(config.url);
    } catch {
      return { ok: false, errors: { url: 'Not a valid URL' } };
    }
    const id = config.id ?? newConnectionId();
    const c: FakeConn = { id, url, log: new EventLog(id), state: 'CONNECTING', timers: [] };
    this.conns.set(id, c);
    this.append(c, Kind.Connecting, 0, { url: config.url, protocols: [...(config.protocols ?? [])] });
    const path = url.pathname;
    if (path === '/never') return { ok: true, id };
    this.later(c, 5, () => {
      if (path === '/refuse') {
        this.append(c, Kind.Error, 0, undefined);
        return this.closed(c, 1006, '', false);
      }
      c.state = 'OPEN';
      this.append(c, Kind.Open, 0, { protocol: config.protocols?.[0] ?? '', extensions: '' });
      const q = url.searchParams;
      if (path === '/close') this.later(c, 1, () => this.closed(c, Number(q.get('code') ?? 1000), q.get('reason') ?? '', true));
      if (path === '/drop') this.later(c, Number(q.get('after') ?? 100), () => this.closed(c, 1006, '', false));
      if (path === '/ticker') {
        const every = Number(q.get('every') ?? 100);
        let seq = 1;
        const tick = () => {
          this.receive(c, JSON.stringify({ type: 'tick', seq: seq++ }));
          this.later(c, every, tick);
        };
        this.later(c, 0, tick);
      }
    });
    return { ok: true, id };
  }

  send(id: ConnectionId, data: string | Uint8Array): void {
    const c = this.conns.get(id);
    if (!c || c.state !== 'OPEN') return;
    this.sent.push({ id, data });
    if (typeof data === 'string') this.append(c, Kind.OutText, data.length, data);
    else this.append(c, Kind.OutBinary, data.length, data.slice().buffer);
    const path = c.url.pathname;
    if (path === '/echo') this.later(c, 1, () => this.receive(c, data));
    if (path === '/chat') {
      const room = c.url.searchParams.get('room') ?? 'lobby';
      for (const other of this.conns.values()) {
        if (other.url.pathname === '/chat' && (other.url.searchParams.get('room') ?? 'lobby') === room) this.later(other, 1, () => this.receive(other, data));
      }
    }
  }

  close(id: ConnectionId, code?: number, reason?: string): void {
    const c = this.conns.get(id);
    this.closes.push({ id, ...(code !== undefined ? { code } : {}), ...(reason !== undefined ? { reason } : {}) });
    if (!c || c.state === 'CLOSED' || c.state === 'CLOSING') return;
    if (c.state === 'CONNECTING') return this.closed(c, 1006, '', false);
    c.state = 'CLOSING';
    setTimeout(() => this.closed(c, code ?? 1005, reason ?? '', true), 2);
  }

  remove(id: ConnectionId): void {
    this.close(id);
    this.conns.delete(id);
    for (const l of this.removedListeners) l(id);
  }

  log(id: ConnectionId): EventLog | undefined {
    return this.conns.get(id)?.log;
  }

  readyState(id: ConnectionId) {
    return this.conns.get(id)?.state ?? 'CLOSED';
  }

  onAppend(listener: AppendListener): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  onRemoved(listener: (id: ConnectionId) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  waitFor(id: ConnectionId, predicate: (event: SockEvent) => boolean, options: WaitOptions): Promise<SockEvent> {
    return new Promise((resolve, reject) => {
      const c = this.conns.get(id);
      if (!c) return reject(new WaitError('removed', 'no such connection'));
      let next = options.fromSeq ?? c.log.end;
      const cleanup: Array<() => void> = [];
      const done = (f: () => void) => {
        for (const u of cleanup) u();
        f();
      };
      const scan = (): boolean => {
        for (; next < c.log.end; next++) {
          const e = c.log.get(next);
          if (!e) continue;
          if (predicate(e)) {
            done(() => resolve(e));
            return true;
          }
          if (e.type === 'close') {
            done(() => reject(new WaitError('closed', `closed with ${e.code}`, e)));
            return true;
          }
        }
        return false;
      };
      if (options.signal?.aborted) return reject(new WaitError('aborted', 'aborted'));
      if (scan()) return;
      const t = setTimeout(() => done(() => reject(new WaitError('timeout', `timed out after ${options.timeoutMs} ms`))), options.timeoutMs);
      cleanup.push(() => clearTimeout(t));
      cleanup.push(this.onAppend((cid) => cid === id && scan()));
      if (options.signal) {
        const onAbort = () => done(() => reject(new WaitError('aborted', 'aborted')));
        options.signal.addEventListener('abort', onAbort, { once: true });
        cleanup.push(() => options.signal?.removeEventListener('abort', onAbort));
      }
    });
  }
}
