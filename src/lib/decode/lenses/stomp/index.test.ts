import { Parser } from '@stomp/stompjs';
import { describe, expect, it } from 'vitest';
import type { DecodedMessage, Frame, SessionHost } from '../../types';
import { parseStomp, serializeStomp, unescapeHeader } from './codec';
import { detectStomp } from './detect';
import { encodeStomp, stompLens, stompSession, type StompState } from './index';

const text = (t: string, direction: 'in' | 'out' = 'in'): Frame => ({ direction, format: 'text', text: t });

function decodeAll(frames: Frame[], protocol = 'v12.stomp'): DecodedMessage[] {
  const state: StompState = stompLens.createState();
  stompLens.opened?.(state, protocol);
  return frames.flatMap((f) => stompLens.decode(f, state).messages);
}
function one(t: string, direction: 'in' | 'out' = 'in', protocol = 'v12.stomp'): DecodedMessage {
  const ms = decodeAll([text(t, direction)], protocol);
  expect(ms).toHaveLength(1);
  return ms[0] as DecodedMessage;
}
const keysOf = (m: DecodedMessage) => Object.fromEntries(m.keys ?? []);
const headersOf = (m: DecodedMessage) => m.fields.find((f) => f.name === 'headers')?.children ?? [];

/** stompjs's parser as the oracle: what a real client library reads from our bytes. */
function oracle(wire: string | Uint8Array) {
  const frames: Array<{ command?: string; headers: Array<[string, string]>; body: string }> = [];
  let pings = 0;
  const p = new Parser(
    (f) => frames.push({ command: f.command, headers: f.headers, body: new TextDecoder().decode(f.binaryBody) }),
    () => pings++,
  );
  p.parseChunk(typeof wire === 'string' ? wire : (wire.buffer.slice(wire.byteOffset, wire.byteOffset + wire.byteLength) as ArrayBuffer));
  return { frames, pings };
}

describe('decode: spec vectors (STOMP 1.2 text)', () => {
  it('CONNECT / CONNECTED pair; the passcode is masked; the version carries over', () => {
    const ms = decodeAll([
      text('CONNECT\naccept-version:1.2\nhost:stomp.github.org\nlogin:guest\npasscode:s3cret\nheart-beat:10000,10000\n\n\0', 'out'),
      text('CONNECTED\nversion:1.2\nheart-beat:10000,10000\n\n\0'),
    ]);
    expect(ms.map((m) => m.summary)).toEqual(['CONNECT accept-version 1.2 host stomp.github.org login guest heart-beat 10000,10000', 'CONNECTED 1.2 heart-beat 10000,10000']);
    expect(ms[0]?.correlation).toEqual({ key: 'stomp:connect:out', role: 'request' });
    expect(ms[1]?.correlation).toEqual({ key: 'stomp:connect:out', role: 'reply' });
    expect(headersOf(ms[0] as DecodedMessage).find((f) => f.name === 'passcode')).toEqual({ name: 'passcode', value: '••••••', note: 'masked' });
    // Shown nowhere; `secrets` hands it to the page's mask (lib/decode/secrets.ts).
    expect(ms[0]?.secrets).toEqual(['s3cret']);
    expect(JSON.stringify({ ...ms[0], secrets: undefined })).not.toContain('s3cret');
  });

  it('SEND with content-length and a receipt; RECEIPT closes the pair', () => {
    const ms = decodeAll([text('SEND\ndestination:/queue/a\ncontent-type:text/plain\ncontent-length:12\nreceipt:77\n\nhello queue!\0', 'out'), text('RECEIPT\nreceipt-id:77\n\n\0')]);
    expect(ms[0]?.summary).toBe('SEND /queue/a · 12 B · receipt 77');
    expect(keysOf(ms[0] as DecodedMessage)).toEqual({ command: 'SEND', destination: '/queue/a', receipt: '77' });
    expect(ms[0]?.fields.find((f) => f.name === 'body')).toEqual({ name: 'body', value: 'hello queue!', note: '12 B' });
    expect(ms[1]?.summary).toBe('RECEIPT 77');
    expect(ms[0]?.correlation).toEqual({ key: 'stomp:receipt:out:77', role: 'request' });
    expect(ms[1]?.correlation).toEqual({ key: 'stomp:receipt:out:77', role: 'reply' });
  });

  it('SUBSCRIBE ↔ MESSAGE (partial) ↔ UNSUBSCRIBE; a JSON body is a field tree', () => {
    const ms = decodeAll([
      text('SUBSCRIBE\nid:0\ndestination:/topic/t\nack:client\n\n\0', 'out'),
      text('MESSAGE\nsubscription:0\nmessage-id:007\ndestination:/topic/t\ncontent-type:application/json\n\n{"tick":1}\0'),
      text('UNSUBSCRIBE\nid:0\n\n\0', 'out'),
    ]);
    expect(ms.map((m) => m.summary)).toEqual(['SUBSCRIBE /topic/t id 0 ack client', 'MESSAGE /topic/t sub 0 · {"tick":1}', 'UNSUBSCRIBE 0']);
    expect(ms.map((m) => m.correlation)).toEqual([
      { key: 'stomp:sub:out:0', role: 'request' },
      { key: 'stomp:sub:out:0', role: 'partial' },
      { key: 'stomp:sub:out:0', role: 'reply' },
    ]);
    expect(keysOf(ms[1] as DecodedMessage)).toEqual({ command: 'MESSAGE', destination: '/topic/t', subscription: '0', 'message-id': '007' });
    expect(ms[1]?.fields.find((f) => f.name === 'body')?.children).toEqual([{ name: 'tick', value: 1 }]);
  });

  it('ERROR with receipt-id, ACK/NACK, transactions, DISCONNECT', () => {
    const ms = decodeAll([
      text('BEGIN\ntransaction:tx1\n\n\0', 'out'),
      text('ACK\nid:12345\ntransaction:tx1\n\n\0', 'out'),
      text('NACK\nid:12346\n\n\0', 'out'),
      text('COMMIT\ntransaction:tx1\n\n\0', 'out'),
      text('ABORT\ntransaction:tx2\n\n\0', 'out'),
      text('DISCONNECT\nreceipt:77\n\n\0', 'out'),
      text('ERROR\nreceipt-id:77\ncontent-type:text/plain\ncontent-length:19\nmessage:malformed frame received\n\nThe message:\n-----\n\0'),
    ]);
    expect(ms.map((m) => m.summary)).toEqual([
      'BEGIN tx1',
      'ACK 12345 tx tx1',
      'NACK 12346',
      'COMMIT tx1',
      'ABORT tx2',
      'DISCONNECT · receipt 77',
      'ERROR malformed frame received · "The message:\\n-----\\n"',
    ]);
    expect(ms[6]?.correlation).toEqual({ key: 'stomp:receipt:out:77', role: 'reply' });
    expect(ms.every((m) => m.error === undefined)).toBe(true);
  });

  it('1.2 escapes \\r \\n \\c \\\\ in headers; not in CONNECTED; 1.0 never', () => {
    const m = one('MESSAGE\ndestination:/topic/a\\cb\nx:1\\n2\\r3\\\\4\nsubscription:0\n\n\0');
    expect(headersOf(m).map((f) => [f.name, f.value])).toEqual([
      ['destination', '/topic/a:b'],
      ['x', '1\n2\r3\\4'],
      ['subscription', '0'],
    ]);
    expect(headersOf(m)[0]?.note).toBe('sent as destination:/topic/a\\cb');
    const c = one('CONNECTED\nversion:1.2\nserver:a\\cb\n\n\0');
    expect(headersOf(c).find((f) => f.name === 'server')?.value).toBe('a\\cb');
    const old = one('MESSAGE\ndestination:/a\\cb\n\n\0', 'in', 'v10.stomp');
    expect(headersOf(old)[0]?.value).toBe('/a\\cb');
    expect(old.error).toBeUndefined();
  });

  it('repeated headers: the first wins, the repeat is shown', () => {
    const m = one('MESSAGE\ndestination:/topic/first\ndestination:/topic/second\nsubscription:0\n\n\0');
    expect(keysOf(m).destination).toBe('/topic/first');
    expect(headersOf(m)[1]).toMatchObject({ name: 'destination', value: '/topic/second', note: 'repeated: the first one counts' });
  });

  it('heart-beat EOLs, several frames in one message, CRLF line ends', () => {
    expect(one('\n')).toMatchObject({ type: 'heartbeat', summary: 'heart-beat', heartbeat: true });
    expect(one('\r\n')).toMatchObject({ type: 'heartbeat', heartbeat: true });
    const ms = decodeAll([text('\nMESSAGE\r\ndestination:/topic/a\r\nsubscription:1\r\n\r\nx\0\nRECEIPT\nreceipt-id:9\n\n\0\n\n')]);
    expect(ms.map((m) => m.type)).toEqual(['heartbeat', 'MESSAGE', 'RECEIPT']);
    expect(ms[1]?.summary).toBe('MESSAGE /topic/a sub 1 · "x"');
  });

  it('a binary body in a binary frame, with a NUL inside by content-length', () => {
    const head = new TextEncoder().encode('MESSAGE\ndestination:/topic/bin\nsubscription:0\ncontent-length:4\n\n');
    const bytes = new Uint8Array([...head, 0xde, 0x00, 0xbe, 0xef, 0x00]);
    const [m] = stompLens.decode({ direction: 'in', format: 'binary', bytes }, stompLens.createState()).messages;
    expect(m?.summary).toBe('MESSAGE /topic/bin sub 0 · 4 B binary');
    expect(m?.fields.find((f) => f.name === 'body')?.value).toEqual(new Uint8Array([0xde, 0x00, 0xbe, 0xef]));
    expect(m?.error).toBeUndefined();
  });
});

describe('decode: bad input never throws, says what is wrong', () => {
  it('a frame without NUL', () => {
    const m = one('SEND\ndestination:/queue/a\n\nhello', 'out');
    expect(m.error).toBe('the frame does not end with a NUL');
    expect(m.summary).toBe('SEND /queue/a · 5 B · the frame does not end with a NUL');
  });
  it('a header line without a colon', () => {
    const m = one('SEND\ndestination:/queue/a\nbroken header\n\nx\0', 'out');
    expect(m.error).toContain('header line without a colon: "broken header"');
    expect(keysOf(m).destination).toBe('/queue/a');
  });
  it('an unknown command', () => {
    const m = one('PUBLISH\ndestination:/a\n\n\0', 'out');
    expect(m).toMatchObject({ type: 'PUBLISH', error: 'unknown command "PUBLISH"' });
  });
  it('an invalid escape in 1.2 (and \\r in 1.1)', () => {
    expect(one('MESSAGE\ndestination:/a\\tb\n\n\0').error).toContain('invalid escape "\\t"');
    expect(one('MESSAGE\ndestination:/a\\rb\n\n\0', 'in', 'v11.stomp').error).toContain('invalid escape "\\r"');
    expect(one('MESSAGE\ndestination:/a\\rb\n\n\0', 'in', 'v12.stomp').error).toBeUndefined();
  });
  it('content-length longer than the body, not a number, no NUL after it', () => {
    expect(one('SEND\ndestination:/a\ncontent-length:50\n\nshort\0', 'out').error).toBe('content-length 50 is longer than the body (6 B left)');
    expect(one('SEND\ndestination:/a\ncontent-length:x\n\nab\0', 'out').error).toContain('not a number');
    expect(one('SEND\ndestination:/a\ncontent-length:1\n\nab\0', 'out').error).toContain('no NUL after');
  });
  it('cut off in the headers or the command line', () => {
    expect(one('SEND\ndestination:/a', 'out').error).toContain('ends inside its headers');
    expect(one('SEND', 'out').error).toContain('no end of line');
    expect(one('SEND\ndestination:/a\n', 'out').error).toContain('blank line');
  });
  it('__proto__ headers and JSON keys stay data', () => {
    const m = one('MESSAGE\n__proto__:x\ndestination:/a\ncontent-type:application/json\n\n{"__proto__":{"p":1}}\0');
    expect(headersOf(m)[0]).toEqual({ name: '__proto__', value: 'x' });
    expect(m.fields.find((f) => f.name === 'body')?.children?.[0]?.name).toBe('__proto__');
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});

describe('encode', () => {
  const enc = (kind: string, values: Record<string, string>) => {
    const r = encodeStomp(kind, values);
    if (!r.ok) throw new Error(r.error);
    return r.frames[0] as string;
  };

  it('every kind: exact bytes, read back by stompjs (the oracle) and by our decoder', () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['CONNECT', { 'accept-version': '1.2,1.1', host: 'h', login: 'u', passcode: 'p', 'heart-beat': '5000,0' }, 'CONNECT\naccept-version:1.2,1.1\nhost:h\nlogin:u\npasscode:p\nheart-beat:5000,0\n\n\0'],
      ['STOMP', { host: 'h' }, 'STOMP\naccept-version:1.2,1.1,1.0\nhost:h\n\n\0'],
      ['SUBSCRIBE', { destination: '/topic/t', id: '7', ack: 'client-individual', receipt: 'r1' }, 'SUBSCRIBE\ndestination:/topic/t\nid:7\nack:client-individual\nreceipt:r1\n\n\0'],
      ['UNSUBSCRIBE', { id: '7' }, 'UNSUBSCRIBE\nid:7\n\n\0'],
      ['SEND', { destination: '/queue/a', 'content-type': 'text/plain', body: 'héllo', headers: 'priority:9\nx-a:b:c' }, 'SEND\ndestination:/queue/a\ncontent-type:text/plain\ncontent-length:6\npriority:9\nx-a:b\\cc\n\nhéllo\0'],
      ['ACK', { id: 'm-1', transaction: 'tx' }, 'ACK\nid:m-1\ntransaction:tx\n\n\0'],
      ['NACK', { id: 'm-2', version: '1.1', subscription: '0' }, 'NACK\nmessage-id:m-2\nsubscription:0\n\n\0'],
      ['BEGIN', { transaction: 'tx' }, 'BEGIN\ntransaction:tx\n\n\0'],
      ['COMMIT', { transaction: 'tx', receipt: 'c' }, 'COMMIT\ntransaction:tx\nreceipt:c\n\n\0'],
      ['ABORT', { transaction: 'tx' }, 'ABORT\ntransaction:tx\n\n\0'],
      ['DISCONNECT', { receipt: 'bye' }, 'DISCONNECT\nreceipt:bye\n\n\0'],
    ];
    for (const [kind, values, wire] of cases) {
      expect(enc(kind, values)).toBe(wire);
      const o = oracle(wire);
      expect(o.frames).toHaveLength(1);
      expect(o.frames[0]?.command).toBe(kind);
      const back = one(wire, 'out');
      expect(back.type).toBe(kind);
      expect(back.error).toBeUndefined();
    }
    const send = oracle(enc('SEND', { destination: '/queue/a', body: 'a\0b' }));
    expect(send.frames[0]?.body).toBe('a\0b');
  });

  it('SUBSCRIBE numbers its ids; values with line breaks and colons are escaped', () => {
    const a = enc('SUBSCRIBE', { destination: '/topic/a' });
    const b = enc('SUBSCRIBE', { destination: '/topic/a' });
    const ida = /\nid:sub-(\d+)\n/.exec(a)?.[1];
    const idb = /\nid:sub-(\d+)\n/.exec(b)?.[1];
    expect(Number(idb)).toBe(Number(ida) + 1);
    const wire = enc('SEND', { destination: '/queue/a:b', headers: 'x:1\\2' });
    expect(wire).toContain('destination:/queue/a\\cb\n');
    expect(wire).toContain('x:1\\\\2\n');
    expect(keysOf(one(wire, 'out')).destination).toBe('/queue/a:b');
  });

  it('bad values name their field', () => {
    expect(encodeStomp('SEND', {})).toMatchObject({ ok: false, field: 'destination' });
    expect(encodeStomp('SUBSCRIBE', { destination: '/a', ack: 'sometimes' })).toMatchObject({ ok: false, field: 'ack' });
    expect(encodeStomp('CONNECT', { 'heart-beat': '10' })).toMatchObject({ ok: false, field: 'heart-beat' });
    expect(encodeStomp('CONNECT', { 'accept-version': '2.0' })).toMatchObject({ ok: false, field: 'accept-version' });
    expect(encodeStomp('CONNECT', { login: 'a', passcode: 'x\ny' })).toMatchObject({ ok: false, field: 'headers' });
    expect(encodeStomp('SEND', { destination: '/a', headers: 'no colon here' })).toMatchObject({ ok: false, field: 'headers' });
    expect(encodeStomp('ACK', {})).toMatchObject({ ok: false, field: 'id' });
    expect(encodeStomp('ACK', { id: '1', version: '1.1' })).toMatchObject({ ok: false, field: 'subscription' });
    expect(encodeStomp('BEGIN', {})).toMatchObject({ ok: false, field: 'transaction' });
    expect(encodeStomp('UNSUBSCRIBE', {})).toMatchObject({ ok: false, field: 'id' });
    expect(encodeStomp('PUBLISH', {})).toMatchObject({ ok: false });
  });
});

describe('codec', () => {
  it('escaping round-trips through the oracle', () => {
    const s = serializeStomp('SEND', [['k:e\\y', 'v\nal:ue\r']], 'b', '1.2');
    if (!s.ok) throw new Error(s.error);
    const o = oracle(s.text);
    expect(o.frames[0]?.headers).toEqual([['k\\ce\\\\y', 'v\\nal\\cue\\r']]); // stompjs leaves unescaping to its frame class
    const [part] = parseStomp(new TextEncoder().encode(s.text), '1.2');
    expect(part?.kind === 'frame' && part.frame.headers[0]).toMatchObject({ name: 'k:e\\y', value: 'v\nal:ue\r' });
    expect(unescapeHeader('a\\x', '1.2').ok).toBe(false);
  });
  it('the oracle counts the same heart-beats', () => {
    expect(oracle('\n').pings).toBe(1);
    expect(parseStomp(new TextEncoder().encode('\n'), '1.2')).toEqual([{ kind: 'heartbeat', eols: 1 }]);
  });
});

describe('session', () => {
  function fakeHost(url = 'ws://broker.example:61614/stomp') {
    let now = 0;
    const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
    const sent: string[] = [];
    const notes: string[] = [];
    const host: SessionHost = {
      send: (d) => sent.push(typeof d === 'string' ? d : '<bytes>'),
      setTimer(ms, fn) {
        const t = { at: now + ms, fn, live: true };
        timers.push(t);
        return () => {
          t.live = false;
        };
      },
      now: () => now,
      note: (level, t) => notes.push(`${level}: ${t}`),
      url,
    };
    const advance = (ms: number) => {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        now = next.at;
        next.live = false;
        next.fn();
      }
      now = end;
    };
    return { host, sent, notes, advance, live: () => timers.filter((t) => t.live).length };
  }

  it('CONNECT on open with host from the URL, login, passcode, heart-beat', () => {
    const { host, sent } = fakeHost();
    stompSession(host, { login: 'guest', passcode: 'pw', 'heart-beat': '500,0' }).open('v12.stomp');
    expect(sent).toEqual(['CONNECT\naccept-version:1.2,1.1,1.0\nhost:broker.example\nlogin:guest\npasscode:pw\nheart-beat:500,0\n\n\0']);
    const f = fakeHost('ws://[::1]:1/x');
    stompSession(f.host, { host: 'vhost' }).open('v11.stomp');
    expect(f.sent[0]).toBe('CONNECT\naccept-version:1.1,1.0\nhost:vhost\nheart-beat:10000,10000\n\n\0');
  });

  it('after CONNECTED: an EOL after max(cx, sy) ms of silence, none while other frames go out; close cancels', () => {
    const { host, sent, notes, advance, live } = fakeHost();
    const s = stompSession(host, { 'heart-beat': '500,0' });
    s.open('v12.stomp');
    s.receive(text('CONNECTED\nversion:1.2\nheart-beat:0,1000\n\n\0'));
    expect(notes).toEqual(['info: STOMP 1.2 connected; heart-beats: sending an EOL after 1000 ms of silence, none expected']);
    advance(999);
    expect(sent).toHaveLength(1);
    advance(1);
    expect(sent).toEqual([expect.stringMatching(/^CONNECT/), '\n']);
    advance(500);
    s.sent?.(text('SEND\ndestination:/a\n\n\0', 'out'));
    advance(999);
    expect(sent).toHaveLength(2);
    advance(1);
    expect(sent).toHaveLength(3);
    s.receive(text('CONNECTED\nversion:1.2\nheart-beat:0,10\n\n\0'));
    expect(notes).toHaveLength(1);
    s.close();
    expect(live()).toBe(0);
    advance(5000);
    expect(sent).toHaveLength(3);
  });

  it('no heart-beats when either side says 0; a bad option is noted', () => {
    const a = fakeHost();
    const s = stompSession(a.host, { 'heart-beat': '0,0' });
    s.open('');
    s.receive(text('CONNECTED\nversion:1.2\nheart-beat:1000,1000\n\n\0'));
    a.advance(10_000);
    expect(a.sent).toHaveLength(1);
    const b = fakeHost();
    stompSession(b.host, { 'heart-beat': 'often' }).open('');
    expect(b.notes[0]).toMatch(/^warn: /);
    expect(b.sent[0]).toContain('heart-beat:0,0');
  });
});

describe('detect', () => {
  const hint = (over: Partial<Parameters<typeof detectStomp>[0]>) => ({ url: 'ws://h/', offered: [], protocol: '', frames: [], ...over });
  it('scores subprotocol 3, URL 2, first frames 1, else 0', () => {
    for (const p of ['v10.stomp', 'v11.stomp', 'v12.stomp']) expect(detectStomp(hint({ protocol: p }))).toBe(3);
    expect(detectStomp(hint({ offered: ['v12.stomp'] }))).toBe(3);
    expect(detectStomp(hint({ url: 'ws://h:15674/ws/stomp?x' }))).toBe(2);
    expect(detectStomp(hint({ frames: [text('CONNECTED\nversion:1.2\n\n\0')] }))).toBe(1);
    expect(detectStomp(hint({ frames: [text('STOMP\r\nhost:a\n\n\0', 'out')] }))).toBe(1);
    expect(detectStomp(hint({ frames: [text('CONNECTING to server')] }))).toBe(0);
    expect(detectStomp(hint({ url: 'ws://h/?p=/stomp' }))).toBe(0);
  });
});
