import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { EventLog } from '../../../core/event-log';
import { Kind } from '../../../core/events';
import { bytesExpression, closeCall, generateCode, sendArgument } from './generate-code';
import type { CodeInput } from './generate-code';
import { latestSession } from './session';
import { sessionCodeInput } from './session-code';

/** What the generated program did to a fake WebSocket when run in a fresh VM context. */
interface Run {
  constructed: unknown[][];
  binaryType: string | undefined;
  calls: Array<{ op: 'send' | 'close'; args: unknown[]; delay: number | null }>;
  logs: unknown[][];
}

/** Runs the code in a Node VM context (never in the app): open fires, timers run in order. */
function run(code: string): Run {
  const result: Run = { constructed: [], binaryType: undefined, calls: [], logs: [] };
  const timers: Array<{ delay: number; fn: () => void }> = [];
  let currentDelay: number | null = null;
  class FakeWebSocket {
    binaryType = 'blob';
    protocol = '';
    extensions = '';
    onopen: (() => void) | null = null;
    onmessage: ((e: { data: unknown }) => void) | null = null;
    onerror: (() => void) | null = null;
    onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
    constructor(...args: unknown[]) {
      result.constructed.push(args);
      sockets.push(this);
    }
    send(...args: unknown[]) {
      result.calls.push({ op: 'send', args, delay: currentDelay });
    }
    close(...args: unknown[]) {
      result.calls.push({ op: 'close', args, delay: currentDelay });
    }
  }
  const sockets: FakeWebSocket[] = [];
  const context = {
    WebSocket: FakeWebSocket,
    Uint8Array,
    Blob,
    parseInt,
    setTimeout: (fn: () => void, delay: number) => timers.push({ fn, delay }),
    console: { log: (...args: unknown[]) => result.logs.push(args) },
  };
  runInNewContext(code, context);
  const ws = sockets[0];
  if (!ws) throw new Error('no WebSocket was constructed');
  result.binaryType = ws.binaryType;
  ws.onopen?.();
  for (const t of [...timers].sort((a, b) => a.delay - b.delay)) {
    currentDelay = t.delay;
    t.fn();
  }
  ws.onmessage?.({ data: 'echo' });
  ws.onclose?.({ code: 1000, reason: '', wasClean: true });
  return result;
}

const base: CodeInput = { url: 'ws://127.0.0.1:8787/echo', protocols: [], binaryType: 'arraybuffer', sends: [], close: null, timing: true };

describe('bytesExpression', () => {
  it('writes short payloads as an array literal and long ones as hex, both exact', () => {
    expect(bytesExpression(new Uint8Array([0xde, 0xad, 0, 255]))).toBe('new Uint8Array([0xde, 0xad, 0x00, 0xff])');
    expect(bytesExpression(new Uint8Array(0))).toBe('new Uint8Array(0)');
    const long = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
    const back = runInNewContext(bytesExpression(long), { Uint8Array, parseInt }) as Uint8Array;
    expect(Array.from(back)).toEqual(Array.from(long));
  });
});

describe('sendArgument', () => {
  it('keeps text exact, quotes, line breaks, emoji and all', () => {
    const text = 'a "quoted"\n\ttab \\ back 😀 \u2028';
    const { expr } = sendArgument({ kind: 'text', text });
    expect(runInNewContext(expr)).toBe(text);
  });

  it('writes a Blob with its type', () => {
    expect(sendArgument({ kind: 'blob', bytes: new Uint8Array([104, 105]), type: 'text/plain' }).expr).toBe(
      'new Blob([new Uint8Array([0x68, 0x69])], { type: "text/plain" })',
    );
    expect(sendArgument({ kind: 'blob', bytes: new Uint8Array([1]), type: '' }).expr).toBe('new Blob([new Uint8Array([0x01])])');
  });

  it('says when a payload was too large to write out', () => {
    expect(sendArgument({ kind: 'omitted', format: 'binary', size: 5_000_000 })).toMatchObject({ expr: 'new Uint8Array(5000000)' });
  });
});

describe('closeCall', () => {
  it('passes only the arguments that were given', () => {
    expect(closeCall({ code: undefined, reason: undefined })).toBe('ws.close()');
    expect(closeCall({ code: 4000, reason: '' })).toBe('ws.close(4000)');
    expect(closeCall({ code: 1000, reason: 'bye "now"' })).toBe('ws.close(1000, "bye \\"now\\"")');
  });
});

describe('generateCode', () => {
  it('constructs the socket with the URL and subprotocols, sets binaryType and the four handlers', () => {
    const code = generateCode({ ...base, protocols: ['sockpit.v1', 'json'], binaryType: 'blob' });
    for (const handler of ['ws.onopen', 'ws.onmessage', 'ws.onerror', 'ws.onclose']) expect(code).toContain(handler);
    const r = run(code);
    expect(r.constructed).toEqual([['ws://127.0.0.1:8787/echo', ['sockpit.v1', 'json']]]);
    expect(r.binaryType).toBe('blob');
    expect(r.logs.map((l) => l[0])).toEqual(['open', 'received', 'close']);
  });

  it('omits the protocols argument when there are none', () => {
    expect(run(generateCode(base)).constructed).toEqual([['ws://127.0.0.1:8787/echo']]);
  });

  it('replays sends and close at their times, with the exact data', () => {
    const r = run(
      generateCode({
        ...base,
        sends: [
          { at: 120.4, data: { kind: 'text', text: 'hello' } },
          { at: 900, data: { kind: 'bytes', bytes: new Uint8Array([1, 2, 3]) } },
        ],
        close: { at: 1500, code: 4001, reason: 'done' },
      }),
    );
    expect(r.calls.map((c) => [c.op, c.delay])).toEqual([
      ['send', 120],
      ['send', 900],
      ['close', 1500],
    ]);
    expect(r.calls[0]?.args).toEqual(['hello']);
    expect(Array.from(r.calls[1]?.args[0] as Uint8Array)).toEqual([1, 2, 3]);
    expect(r.calls[2]?.args).toEqual([4001, 'done']);
  });

  it('without timing, runs them one after the other on open', () => {
    const r = run(generateCode({ ...base, timing: false, sends: [{ at: 5000, data: { kind: 'text', text: 'a' } }], close: { at: 9000, code: undefined, reason: undefined } }));
    expect(r.calls.map((c) => [c.op, c.delay, c.args])).toEqual([
      ['send', null, ['a']],
      ['close', null, []],
    ]);
  });

  it('calls close() before open when that is what the user did', () => {
    const code = generateCode({ ...base, close: { at: null, code: 1000, reason: '' } });
    expect(code).toMatch(/^ws\.close\(1000\);/m);
  });

  it('keeps notes on one comment line each', () => {
    const code = generateCode({ ...base, notes: ['line one\nline two'] });
    expect(code).toContain('// line one line two\n');
    expect(() => run(code)).not.toThrow();
  });
});

describe('from a log', () => {
  const id = asConnectionId('c');
  function log(): EventLog {
    const l = new EventLog(id);
    l.append(Kind.Connecting, 1000, 0, { url: 'ws://old/', protocols: [] });
    l.append(Kind.Close, 1001, 0, { code: 1006, reason: '', wasClean: false });
    l.append(Kind.Connecting, 2000, 0, { url: 'ws://h/echo', protocols: ['json'] });
    l.append(Kind.Open, 2010, 0, { protocol: 'json', extensions: '' });
    l.append(Kind.OutText, 2510, 2, 'hi');
    l.append(Kind.InText, 2511, 2, 'hi');
    l.append(Kind.OutBinary, 3010, 2, new Uint8Array([9, 8]).buffer);
    l.append(Kind.Note, 3011, 0, { level: 'warn', text: 'not sent' });
    l.append(Kind.OutBinary, 3500, 2, new Blob([new Uint8Array([7, 6])], { type: 'application/octet-stream' }));
    l.append(Kind.Close, 4020, 0, { code: 1000, reason: 'bye', wasClean: true });
    return l;
  }

  it('reads the latest session: its URL, sends, open and close rows', () => {
    const s = latestSession(log());
    expect(s).toMatchObject({ connectingSeq: 2, url: 'ws://h/echo', protocols: ['json'], openSeq: 3, closeSeq: 9, earlierSessions: 1, evicted: false });
    expect(s.sends.map((x) => [x.seq, x.at])).toEqual([
      [4, 500],
      [6, 1000],
      [8, 1490],
    ]);
    expect(s.close).toEqual({ code: 1000, reason: 'bye', wasClean: true });
    expect(s.connectingTime).toBe(2000);
  });

  it('ignores a close asked before the latest socket was made', () => {
    const input = sessionCodeInput(latestSession(log()), {
      fallbackUrl: 'ws://typed/',
      fallbackProtocols: [],
      binaryType: 'arraybuffer',
      closeRequest: { code: 4000, reason: '', time: 1500 },
      blobBytes: new Map(),
      timing: true,
    });
    expect(input.close).toBeNull();
  });

  it('turns the session and the close request into runnable code', () => {
    const s = latestSession(log());
    const input = sessionCodeInput(s, {
      fallbackUrl: 'ws://typed/',
      fallbackProtocols: [],
      binaryType: 'arraybuffer',
      closeRequest: { code: 1000, reason: 'bye', time: 4010 },
      blobBytes: new Map([[8, new Uint8Array([7, 6])]]),
      timing: true,
    });
    expect(input.notes).toHaveLength(1);
    const r = run(generateCode(input));
    expect(r.constructed).toEqual([['ws://h/echo', ['json']]]);
    expect(r.calls.map((c) => [c.op, c.delay])).toEqual([
      ['send', 500],
      ['send', 1000],
      ['send', 1490],
      ['close', 2000],
    ]);
    const blob = r.calls[2]?.args[0];
    expect(blob).toBeInstanceOf(Blob);
    expect((blob as Blob).type).toBe('application/octet-stream');
  });

  it('marks a Blob still being read, and falls back to the typed URL when the connecting row is gone', () => {
    const l = new EventLog(id, { maxEvents: 2, maxBytes: 1e9 });
    l.append(Kind.Connecting, 1, 0, { url: 'ws://h/', protocols: [] });
    l.append(Kind.Open, 2, 0, { protocol: '', extensions: '' });
    l.append(Kind.OutBinary, 3, 1, new Blob([new Uint8Array([1])]));
    const s = latestSession(l);
    expect(s.evicted).toBe(true);
    const input = sessionCodeInput(s, { fallbackUrl: 'ws://typed/', fallbackProtocols: ['p'], binaryType: 'blob', closeRequest: null, blobBytes: new Map(), timing: false });
    expect(input.url).toBe('ws://typed/');
    expect(input.protocols).toEqual(['p']);
    expect(input.sends[0]?.data).toEqual({ kind: 'pending-blob', size: 1 });
  });
});
