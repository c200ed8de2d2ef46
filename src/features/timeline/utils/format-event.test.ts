import { describe, expect, it } from 'vitest';
import { asConnectionId } from '../../../lib/ids';
import { describeEvent, formatClock, formatSince, previewBytes, previewText, timeCell } from './format-event';
import { setSecretValues } from '../../../lib/secret-values';

const base = { seq: 0, time: 0, connectionId: asConnectionId('c') };

describe('previewText', () => {
  it('shows line breaks, tabs and invisible characters visibly on one line', () => {
    expect(previewText('a\nb\tc\u202ed\u0000')).toBe('a⏎b⇥c\\u{202e}d\\u{0000}');
  });
  it('cuts long text with an ellipsis', () => {
    expect(previewText('x'.repeat(300), 10)).toBe(`${'x'.repeat(10)}…`);
  });
  it('leaves markup as literal text', () => {
    expect(previewText('<img src=x onerror="window.__pwned=1">')).toBe('<img src=x onerror="window.__pwned=1">');
  });
});

describe('describeEvent', () => {
  it('describes a close with its RFC 6455 name', () => {
    expect(describeEvent({ ...base, type: 'close', code: 4000, reason: 'bye', wasClean: true })).toEqual({
      label: 'close',
      tone: 'close',
      detail: '4000 Private use · reason: bye · wasClean: true',
    });
    const abnormal = describeEvent({ ...base, type: 'close', code: 1006, reason: '', wasClean: false });
    expect(abnormal.detail).toBe('1006 Abnormal Closure · reason: (none) · wasClean: false');
    expect(abnormal.failed).toBe(true);
  });
  it('describes binary messages with their size and hex', () => {
    const d = describeEvent({ ...base, type: 'message', direction: 'in', format: 'binary', size: 3, data: new Uint8Array([0, 255, 16]).buffer });
    expect(d).toEqual({ label: 'received', tone: 'in', detail: 'binary 3 B 00 ff 10', previewAt: 11, format: 'binary', size: '3 B' });
  });
  it('describes text sent with size and preview', () => {
    const d = describeEvent({ ...base, type: 'message', direction: 'out', format: 'text', size: 5, text: 'hello' });
    expect(d).toEqual({ label: 'sent', tone: 'out', detail: 'text 5 B hello', previewAt: 9, format: 'text', size: '5 B' });
  });
  it('describes the open with protocol and extensions', () => {
    expect(describeEvent({ ...base, type: 'open', protocol: 'json', extensions: 'permessage-deflate' }).detail).toBe(
      'protocol: json · extensions: permessage-deflate',
    );
  });
});

describe('time formats', () => {
  it('formats time since open with milliseconds', () => {
    expect(formatSince(1234.4)).toBe('+1.234 s');
    expect(formatSince(0)).toBe('+0.000 s');
  });
  it('formats wall-clock time with milliseconds', () => {
    const t = new Date(2026, 0, 2, 3, 4, 5, 67).getTime();
    expect(formatClock(t)).toBe('03:04:05.067');
  });
});

describe('timeCell', () => {
  const t = new Date(2026, 10, 24, 14, 3, 7, 125).getTime();
  it('wall clock with ms, and the time since open beside it', () => {
    expect(timeCell('clock', t, t - 1234, undefined)).toEqual({ primary: '14:03:07.125', secondary: '+1.234 s' });
    expect(timeCell('clock', t, undefined, undefined)).toEqual({ primary: '14:03:07.125', secondary: '' });
  });
  it('time since open alone; the clock before any open', () => {
    expect(timeCell('since-open', t, t - 2000.5, undefined)).toEqual({ primary: '+2.001 s', secondary: '' });
    expect(timeCell('since-open', t, undefined, undefined).primary).toBe('14:03:07.125');
  });
  it('time since the previous row', () => {
    expect(timeCell('since-previous', t, undefined, t - 12)).toEqual({ primary: 'Δ +0.012 s', secondary: '' });
    expect(timeCell('since-previous', t, undefined, undefined).primary).toBe('Δ +0.000 s');
  });
});

describe('previewAt', () => {
  it('points at the payload preview of a message row', () => {
    const text = describeEvent({ ...base, type: 'message', direction: 'in', format: 'text', size: 5, text: 'hello' });
    expect(text.detail.slice(text.previewAt)).toBe('hello');
    const bin = describeEvent({ ...base, type: 'message', direction: 'out', format: 'binary', size: 2, data: new Uint8Array([0xde, 0xad]).buffer });
    expect(bin.detail.slice(bin.previewAt)).toBe('de ad');
  });
});

describe('secret environment values in rows', () => {
  it('masks them in messages, connecting URLs and notes', async () => {
    const { setSecretValues } = await import('../../../lib/secret-values');
    setSecretValues(['tok-abc-123']);
    try {
      expect(describeEvent({ ...base, type: 'message', direction: 'out', format: 'text', size: 20, text: '{"auth":"tok-abc-123"}' }).detail).toContain('{"auth":"••••"}');
      expect(describeEvent({ ...base, type: 'connecting', url: 'ws://x/rooms/tok-abc-123', protocols: [] }).detail).toBe('ws://x/rooms/••••');
      expect(describeEvent({ ...base, type: 'note', level: 'info', text: 'used tok-abc-123' }).detail).toBe('used ••••');
    } finally {
      setSecretValues([]);
    }
    expect(describeEvent({ ...base, type: 'note', level: 'info', text: 'used tok-abc-123' }).detail).toBe('used tok-abc-123');
  });
});

describe('binary previews and secrets', () => {
  it('a secret in the bytes shows as ••, also when it starts inside the preview and ends after it', () => {
    setSecretValues(['secret-value']);
    try {
      const enc = new TextEncoder();
      const bytes = new Uint8Array([...new Uint8Array(20), ...enc.encode('secret-value')]);
      expect(previewBytes(bytes)).toBe(`${Array(20).fill('00').join(' ')} •• •• •• •• …`);
    } finally {
      setSecretValues([]);
    }
  });
});
