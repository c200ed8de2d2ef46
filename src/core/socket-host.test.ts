import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asConnectionId } from '../lib/ids';
import { EventLog } from './event-log';
import { Kind } from './events';
import type { HostReport } from './protocol';
import { SocketHost } from './socket-host';
import { unpackTexts } from './text-pack';

/** A stand-in for the browser's WebSocket: the test drives its events. */
class FakeSocket {
  static instances: FakeSocket[] = [];
  static throwOnConstruct: Error | null = null;
  readyState = 0;
  protocol = '';
  extensions = '';
  bufferedAmount = 0;
  binaryType = 'blob';
  sent: unknown[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    if (FakeSocket.throwOnConstruct) throw FakeSocket.throwOnConstruct;
    FakeSocket.instances.push(this);
  }
  send(data: unknown) {
    if (this.readyState === 0) throw new DOMException('Still in CONNECTING state.', 'InvalidStateError');
    this.sent.push(data);
  }
  close(code?: number, reason?: string) {
    this.closedWith = [code, reason];
    this.readyState = 2;
  }
  open(protocol = '') {
    this.readyState = 1;
    this.protocol = protocol;
    this.onopen?.(new Event('open'));
  }
  receive(data: unknown) {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  serverClose(code: number, reason: string, wasClean: boolean) {
    this.readyState = 3;
    this.onclose?.(Object.assign(new Event('close'), { code, reason, wasClean }) as CloseEvent);
  }
}

const id = asConnectionId('c1');

describe('SocketHost', () => {
  let reports: HostReport[];
  let host: SocketHost;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    FakeSocket.throwOnConstruct = null;
    vi.stubGlobal('WebSocket', FakeSocket);
    reports = [];
    host = new SocketHost((r) => reports.push(r));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function replay(): EventLog {
    const log = new EventLog(id);
    for (const r of reports) for (const b of r.batches) if (b.id === id) log.appendColumns(b.n, b.kinds, b.times, b.sizes, b.data);
    return log;
  }

  it('opens a socket with the URL, protocols and binaryType asked for', () => {
    host.handle({ op: 'connect', id, url: 'ws://127.0.0.1:1/echo', protocols: ['json'], binaryType: 'arraybuffer' });
    const ws = FakeSocket.instances[0];
    expect(ws?.url).toBe('ws://127.0.0.1:1/echo');
    expect(ws?.protocols).toEqual(['json']);
    expect(ws?.binaryType).toBe('arraybuffer');
  });

  it('batches many messages into few reports, in order, with exact sizes', () => {
    host.handle({ op: 'connect', id, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    const ws = FakeSocket.instances[0]!;
    ws.open('json');
    for (let i = 0; i < 1000; i++) ws.receive(`m${i}`);
    ws.receive(new Uint8Array([1, 2, 3]).buffer);
    ws.receive('é');
    vi.runAllTimers();
    expect(reports.length).toBe(1);
    const log = replay();
    expect(log.counters).toMatchObject({ total: 1004, inMessages: 1002 });
    expect(log.get(0)).toMatchObject({ type: 'connecting', url: 'ws://x/' });
    expect(log.get(1)).toMatchObject({ type: 'open', protocol: 'json' });
    expect(log.get(2)).toMatchObject({ type: 'message', direction: 'in', text: 'm0', size: 2 });
    expect(log.get(1002)).toMatchObject({ format: 'binary', size: 3 });
    expect(log.get(1003)).toMatchObject({ text: 'é', size: 2 });
    expect(reports[0]?.batches[0]?.readyState).toBe(1);
  });

  it('across a thread (packTexts) moves the texts of a report as one string, and the page gets each back in place', () => {
    const packing = new SocketHost((r) => reports.push(structuredClone(r)), { packTexts: true });
    packing.handle({ op: 'connect', id, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    const ws = FakeSocket.instances[0]!;
    ws.open();
    for (let i = 0; i < 500; i++) ws.receive(`m${i}`);
    ws.onerror?.(new Event('error'));
    ws.receive(new Uint8Array([1, 2, 3]).buffer);
    ws.receive('é😀');
    packing.handle({ op: 'send', id, data: 'sent' });
    vi.runAllTimers();
    const batch = reports[0]?.batches[0];
    expect(batch?.packed?.ends.length).toBe(502);
    expect(batch?.data.filter((d) => typeof d === 'string')).toEqual([]);
    const log = new EventLog(id);
    for (const r of reports) for (const b of r.batches) {
      if (b.packed) unpackTexts(b.kinds, b.data, b.packed);
      log.appendColumns(b.n, b.kinds, b.times, b.sizes, b.data);
    }
    expect(log.get(2)).toMatchObject({ type: 'message', direction: 'in', text: 'm0', size: 2 });
    expect(log.get(501)).toMatchObject({ text: 'm499' });
    expect(log.get(502)).toMatchObject({ type: 'error' });
    expect(log.get(503)).toMatchObject({ format: 'binary', size: 3 });
    expect(log.get(504)).toMatchObject({ text: 'é😀', size: 6 });
    expect(log.get(505)).toMatchObject({ direction: 'out', text: 'sent', size: 4 });
  });

  it('records a send with its byte size, and refuses to send while CONNECTING with a note', () => {
    host.handle({ op: 'connect', id, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    const ws = FakeSocket.instances[0]!;
    host.handle({ op: 'send', id, data: 'early' });
    ws.open();
    host.handle({ op: 'send', id, data: 'héllo' });
    host.handle({ op: 'send', id, data: new Uint8Array([0, 255, 16]).buffer });
    vi.runAllTimers();
    expect(ws.sent).toEqual(['héllo', expect.any(ArrayBuffer)]);
    const log = replay();
    expect(log.get(1)).toMatchObject({ type: 'note', text: 'not sent: connection is CONNECTING' });
    expect(log.get(3)).toMatchObject({ type: 'message', direction: 'out', text: 'héllo', size: 6 });
    expect(log.get(4)).toMatchObject({ type: 'message', direction: 'out', format: 'binary', size: 3 });
    expect(log.counters).toMatchObject({ outMessages: 2, outBytes: 9 });
  });

  it('passes close code and reason through and records the close event', () => {
    host.handle({ op: 'connect', id, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    const ws = FakeSocket.instances[0]!;
    ws.open();
    host.handle({ op: 'close', id, code: 3001, reason: 'done' });
    expect(ws.closedWith).toEqual([3001, 'done']);
    ws.serverClose(3001, 'done', true);
    vi.runAllTimers();
    const log = replay();
    expect(log.get(2)).toMatchObject({ type: 'close', code: 3001, reason: 'done', wasClean: true });
    expect(reports.at(-1)?.batches[0]?.readyState).toBe(3);
  });

  it('turns a constructor exception into a note that explains it', () => {
    FakeSocket.throwOnConstruct = new DOMException("Failed to construct 'WebSocket': The port 6000 is not allowed.", 'SecurityError');
    host.handle({ op: 'connect', id, url: 'ws://127.0.0.1:6000/', protocols: [], binaryType: 'arraybuffer' });
    vi.runAllTimers();
    const e = replay().get(1);
    expect(e).toMatchObject({ type: 'note', level: 'error' });
    expect(e?.type === 'note' && e.text).toMatch(/^not connected: /);
  });

  it('reconnecting closes the previous socket and keeps one log', () => {
    host.handle({ op: 'connect', id, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    const first = FakeSocket.instances[0]!;
    first.open();
    host.handle({ op: 'connect', id, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    expect(first.closedWith).toEqual([1000, 'Reconnecting']);
    expect(FakeSocket.instances.length).toBe(2);
    first.serverClose(1000, '', true); // detached: must not be recorded
    vi.runAllTimers();
    const kinds = [0, 1, 2, 3].map((s) => replay().kindAt(s));
    expect(kinds).toEqual([Kind.Connecting, Kind.Open, Kind.Note, Kind.Connecting]);
  });

  it('keeps reporting bufferedAmount while data waits, reports its return to 0 once, then goes quiet', () => {
    host.handle({ op: 'connect', id, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    const ws = FakeSocket.instances[0]!;
    ws.open();
    vi.advanceTimersByTime(20);
    ws.bufferedAmount = 4 * 1024 * 1024;
    host.handle({ op: 'send', id, data: 'x' });
    vi.advanceTimersByTime(20);
    expect(reports.at(-1)?.batches[0]?.bufferedAmount).toBe(4 * 1024 * 1024);
    ws.bufferedAmount = 1024;
    vi.advanceTimersByTime(100);
    expect(reports.at(-1)?.batches[0]?.bufferedAmount).toBe(1024);
    ws.bufferedAmount = 0;
    vi.advanceTimersByTime(100);
    expect(reports.at(-1)?.batches[0]?.bufferedAmount).toBe(0);
    const count = reports.length;
    vi.advanceTimersByTime(1000);
    expect(reports.length).toBe(count);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('notes when a large send has been handed to the network, and not for small ones', () => {
    host.handle({ op: 'connect', id, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    const ws = FakeSocket.instances[0]!;
    ws.open();
    host.handle({ op: 'send', id, data: 'small' });
    vi.advanceTimersByTime(100);
    const big = new ArrayBuffer(3 * 1024 * 1024);
    ws.bufferedAmount = big.byteLength;
    host.handle({ op: 'send', id, data: big });
    vi.advanceTimersByTime(200);
    ws.bufferedAmount = 0;
    vi.advanceTimersByTime(100);
    const log = replay();
    const notes = [...Array(log.counters.total).keys()].map((s) => log.get(s)).filter((e) => e?.type === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.type === 'note' && notes[0].text).toMatch(/^3\.0 MiB handed to the network in \d+ ms \(bufferedAmount is 0\)$/);
  });

  it('stops polling a socket that closed with data still buffered', () => {
    host.handle({ op: 'connect', id, url: 'ws://x/', protocols: [], binaryType: 'arraybuffer' });
    const ws = FakeSocket.instances[0]!;
    ws.open();
    ws.bufferedAmount = 2 * 1024 * 1024;
    host.handle({ op: 'send', id, data: new ArrayBuffer(2 * 1024 * 1024) });
    vi.advanceTimersByTime(100);
    ws.serverClose(1006, '', false);
    vi.advanceTimersByTime(200);
    expect(vi.getTimerCount()).toBe(0);
    expect(replay().counters.total).toBe(4);
  });
});
