import type { Clock, WebSocketCtor } from '../types';

/** A clock the test moves by hand: `advance(ms)` runs the timers that fall due, in order. */
export class FakeClock implements Clock {
  private t = 1_700_000_000_000;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = ++this.seq;
    this.timers.set(handle, { at: this.t + Math.max(0, ms), fn });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** timers not yet run */
  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }
}

/**
 * A stand-in for a WebSocket the test drives by hand (open, receive, close).
 * Its events carry no timeStamp, as `ws`'s do not, so the host stamps them
 * with the clock. `FakeSocket.reset()` between tests.
 */
export class FakeSocket {
  static instances: FakeSocket[] = [];
  /** the next constructor call throws this (as `new WebSocket` throws a SyntaxError or SecurityError) */
  static refuseNext: Error | null = null;
  static reset(): void {
    FakeSocket.instances = [];
    FakeSocket.refuseNext = null;
  }
  readyState = 0;
  protocol = '';
  extensions = '';
  bufferedAmount = 0;
  binaryType = 'blob';
  sent: unknown[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;
  readonly protocols: string[];
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;

  constructor(
    readonly url: string,
    protocols?: string | string[],
  ) {
    const refused = FakeSocket.refuseNext;
    FakeSocket.refuseNext = null;
    if (refused) throw refused;
    this.protocols = protocols === undefined ? [] : typeof protocols === 'string' ? [protocols] : [...protocols];
    FakeSocket.instances.push(this);
  }

  send(data: unknown): void {
    if (this.readyState === 0) throw Object.assign(new Error('Still in CONNECTING state.'), { name: 'InvalidStateError' });
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
    this.readyState = 2;
  }

  open(protocol = ''): void {
    this.readyState = 1;
    this.protocol = protocol;
    this.onopen?.({});
  }

  receive(data: unknown): void {
    this.onmessage?.({ data });
  }

  serverClose(code: number, reason = '', wasClean = true): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean });
  }
}

export const fakeWebSocket = FakeSocket as unknown as WebSocketCtor;
