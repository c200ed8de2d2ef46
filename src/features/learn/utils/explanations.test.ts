import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import type { SockEvent } from '../../../core/events';
import { explainEvent, handshakeExample, rowHint, TOPICS } from './explanations';

const base = { seq: 0, connectionId: asConnectionId('c'), time: 0 };
const ctx = { binaryType: 'arraybuffer' as const, origin: 'https://sockpit.example' };

describe('handshakeExample', () => {
  it('uses the path, query, host and subprotocols of the URL, with secrets masked', () => {
    const text = handshakeExample('wss://api.example.com:8443/ws?room=1&token=abc', ['json', 'v2'], 'https://sockpit.example');
    expect(text).toContain('GET /ws?room=1&token=xxx HTTP/1.1');
    expect(text).toContain('Host: api.example.com:8443');
    expect(text).toContain('Sec-WebSocket-Protocol: json, v2');
    expect(text).toContain('Origin: https://sockpit.example');
    expect(text).toContain('101 Switching Protocols');
    expect(text).not.toContain('abc');
  });
});

describe('explainEvent', () => {
  const events: SockEvent[] = [
    { ...base, type: 'connecting', url: 'ws://h/echo', protocols: [] },
    { ...base, type: 'open', protocol: '', extensions: 'permessage-deflate' },
    { ...base, type: 'message', direction: 'in', format: 'binary', size: 2, data: new ArrayBuffer(2) },
    { ...base, type: 'message', direction: 'out', format: 'text', size: 2, text: 'hi' },
    { ...base, type: 'error' },
    { ...base, type: 'close', code: 1006, reason: '', wasClean: false },
    { ...base, type: 'close', code: 4000, reason: 'bye', wasClean: true },
    { ...base, type: 'note', level: 'warn', text: 'not sent' },
  ];

  it('has something to say about every kind of event', () => {
    for (const e of events) expect(explainEvent(e, ctx).length).toBeGreaterThan(0);
  });

  it('explains 1006 with its possible causes, without picking one', () => {
    const text = JSON.stringify(explainEvent({ ...base, type: 'close', code: 1006, reason: '', wasClean: false }, ctx));
    for (const cause of ['refused', 'DNS', 'TLS', 'not a WebSocket endpoint', 'subprotocol']) expect(text).toContain(cause);
    expect(text).toContain('cannot tell which');
  });

  it('names the close code, its meaning and who may send it', () => {
    const [first] = explainEvent({ ...base, type: 'close', code: 1001, reason: '', wasClean: true }, ctx);
    expect(first?.paragraphs.join(' ')).toMatch(/1001 Going Away.*Who sends it/);
  });

  it('tells binaryType apart for received binary', () => {
    expect(JSON.stringify(explainEvent(events[2] as SockEvent, ctx))).toContain('an ArrayBuffer');
    expect(JSON.stringify(explainEvent(events[2] as SockEvent, { ...ctx, binaryType: 'blob' }))).toContain('a Blob');
  });
});

describe('TOPICS', () => {
  it('covers headers, bufferedAmount, binaryType, errors, close codes and the handshake', () => {
    expect(TOPICS.map((t) => t.id)).toEqual(['handshake', 'headers', 'buffered-amount', 'binary-type', 'error-1006', 'close-codes']);
    expect(JSON.stringify(TOPICS)).toMatch(/subprotocol.*query.*cookie|query.*cookie.*subprotocol/s);
  });
});

describe('rowHint', () => {
  it('labels lifecycle rows briefly and leaves messages alone', () => {
    expect(rowHint({ ...base, type: 'close', code: 1006, reason: '', wasClean: false })).toBe('no close frame; cause not told');
    expect(rowHint({ ...base, type: 'close', code: 4001, reason: '', wasClean: true })).toBe('app-defined code');
    expect(rowHint({ ...base, type: 'close', code: 1011, reason: '', wasClean: true })).toBe('Internal Error');
    expect(rowHint({ ...base, type: 'error' })).toBe('no detail, by design');
    expect(rowHint({ ...base, type: 'message', direction: 'in', format: 'text', size: 1, text: 'x' })).toBeUndefined();
  });
});
