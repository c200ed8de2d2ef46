/**
 * Test support (Node only, never bundled): runs a lens's automatic session
 * over a real `ws` socket against a real server, the way the socket Worker
 * runs it in the page, and records every frame each way with its decoding.
 */
import { WebSocket } from 'ws';
import type { DecodedMessage, Frame, Lens, LensSession, SessionHost, SessionOptions } from '../types';

export interface Recorded {
  frame: Frame;
  time: number;
  messages: DecodedMessage[];
}

export interface NodeSession {
  ws: WebSocket;
  /** every frame, both ways, in order */
  frames: Recorded[];
  notes: Array<{ level: string; text: string }>;
  /** sends a frame as the user would (the session hears of it) */
  send(data: string | Uint8Array): void;
  /** resolves with the first recorded frame (from now or earlier) whose decoding matches */
  waitFor(pred: (m: DecodedMessage, r: Recorded) => boolean, timeoutMs?: number): Promise<Recorded>;
  /** resolves when the socket closes, with its code and reason */
  closed: Promise<{ code: number; reason: string }>;
  close(code?: number, reason?: string): void;
}

export async function openNodeSession(
  lens: Lens,
  url: string,
  opts: { protocols?: string[]; options?: SessionOptions; session?: boolean } = {},
): Promise<NodeSession> {
  const resolved = lens.resolveUrl ? lens.resolveUrl(url, opts.options ?? {}) : { ok: true as const, url };
  if (!resolved.ok) throw new Error(resolved.error);
  const ws = new WebSocket(resolved.url, opts.protocols ?? [...(lens.defaultProtocols ?? [])], { perMessageDeflate: false });
  ws.binaryType = 'arraybuffer';
  const state = lens.createState();
  const frames: Recorded[] = [];
  const notes: NodeSession['notes'] = [];
  const waiters = new Set<() => void>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let session: LensSession | null = null;

  const record = (frame: Frame) => {
    frames.push({ frame, time: Date.now(), messages: lens.decode(frame, state).messages });
    for (const w of [...waiters]) w();
  };
  const toFrame = (direction: 'in' | 'out', data: string | Uint8Array | ArrayBuffer): Frame =>
    typeof data === 'string' ? { direction, format: 'text', text: data } : { direction, format: 'binary', bytes: data instanceof Uint8Array ? data : new Uint8Array(data) };
  const rawSend = (data: string | Uint8Array) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(data);
    const f = toFrame('out', data);
    record(f);
    session?.sent?.(f);
  };
  const host: SessionHost = {
    send: rawSend,
    setTimer(ms, fn) {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
      return () => {
        clearTimeout(t);
        timers.delete(t);
      };
    },
    now: () => Date.now(),
    url: resolved.url,
    note: (level, text) => notes.push({ level, text }),
  };
  if (opts.session !== false && lens.session) session = lens.session(host, opts.options ?? {});

  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      session?.close();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      resolve({ code, reason: reason.toString() });
    });
  });
  ws.on('message', (data: ArrayBuffer | Buffer | string, isBinary: boolean) => {
    const frame = isBinary
      ? toFrame('in', data instanceof ArrayBuffer ? data : new Uint8Array(data as Buffer))
      : toFrame('in', typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8'));
    record(frame);
    session?.receive(frame);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  lens.opened?.(state, ws.protocol);
  session?.open(ws.protocol);

  const waitFor: NodeSession['waitFor'] = (pred, timeoutMs = 5000) =>
    new Promise((resolve, reject) => {
      let seen = 0;
      const check = () => {
        for (; seen < frames.length; seen++) {
          const r = frames[seen];
          if (r && r.messages.some((m) => pred(m, r))) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(r);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`waitFor: nothing matched within ${timeoutMs} ms; got ${frames.map((f) => f.messages.map((m) => m.type).join('+') || '(raw)').join(', ')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    ws,
    frames,
    notes,
    send: rawSend,
    waitFor,
    closed,
    close: (code, reason) => ws.close(code, reason),
  };
}
