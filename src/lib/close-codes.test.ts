import { describe, expect, it } from 'vitest';
import {
  MAX_CLOSE_REASON_BYTES,
  canSendCloseCode,
  checkCloseInput,
  closeArguments,
  closeCodeName,
  describeCloseCode,
} from './close-codes';

describe('closeCodeName', () => {
  it('names every code RFC 6455 and the IANA registry define', () => {
    const expected: [number, string][] = [
      [1000, 'Normal Closure'],
      [1001, 'Going Away'],
      [1002, 'Protocol Error'],
      [1003, 'Unsupported Data'],
      [1004, 'Reserved'],
      [1005, 'No Status Received'],
      [1006, 'Abnormal Closure'],
      [1007, 'Invalid Frame Payload Data'],
      [1008, 'Policy Violation'],
      [1009, 'Message Too Big'],
      [1010, 'Mandatory Extension'],
      [1011, 'Internal Error'],
      [1012, 'Service Restart'],
      [1013, 'Try Again Later'],
      [1014, 'Bad Gateway'],
      [1015, 'TLS Handshake'],
    ];
    for (const [code, name] of expected) expect(closeCodeName(code)).toBe(name);
  });

  it('names the ranges at their edges', () => {
    expect(closeCodeName(0)).toBe('Not used');
    expect(closeCodeName(999)).toBe('Not used');
    expect(closeCodeName(1016)).toBe('Reserved');
    expect(closeCodeName(2999)).toBe('Reserved');
    expect(closeCodeName(3000)).toBe('Registered (libraries, frameworks)');
    expect(closeCodeName(3999)).toBe('Registered (libraries, frameworks)');
    expect(closeCodeName(4000)).toBe('Private use');
    expect(closeCodeName(4999)).toBe('Private use');
  });

  it('calls anything else invalid', () => {
    expect(closeCodeName(5000)).toBe('Invalid');
    expect(closeCodeName(65535)).toBe('Invalid');
    expect(closeCodeName(-1)).toBe('Invalid');
    expect(closeCodeName(1000.5)).toBe('Invalid');
    expect(closeCodeName(Number.NaN)).toBe('Invalid');
  });
});

describe('describeCloseCode', () => {
  it('says which codes never appear in a close frame', () => {
    for (const code of [1005, 1006, 1015]) {
      expect(describeCloseCode(code).who).toMatch(/never sent in a close frame/i);
    }
    expect(describeCloseCode(1000).who).not.toMatch(/never/i);
  });

  it('says which codes a page may send', () => {
    expect(describeCloseCode(1000).who).toMatch(/a page may pass it to close\(\)/);
    expect(describeCloseCode(3500).who).toMatch(/a page may pass it to close\(\)/);
    expect(describeCloseCode(4000).who).toMatch(/a page may pass it to close\(\)/);
    expect(describeCloseCode(1001).who).toMatch(/a page cannot/);
    expect(describeCloseCode(2000).who).toMatch(/a page cannot/);
  });

  it('returns the code it was asked about with a non-empty meaning', () => {
    for (const code of [0, 1000, 1006, 1012, 2000, 3000, 4000, 5000]) {
      const info = describeCloseCode(code);
      expect(info.code).toBe(code);
      expect(info.name).toBe(closeCodeName(code));
      expect(info.meaning.length).toBeGreaterThan(10);
    }
    expect(describeCloseCode(1006).meaning).toMatch(/without a close frame/);
  });
});

describe('canSendCloseCode', () => {
  it('allows exactly 1000 and 3000–4999', () => {
    expect([999, 1000, 1001, 2999, 3000, 4999, 5000].map(canSendCloseCode)).toEqual([
      false,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(canSendCloseCode(3000.5)).toBe(false);
  });
});

describe('checkCloseInput', () => {
  it('treats an empty code as no code (Chromium then sends no status: 1005 on both sides)', () => {
    expect(checkCloseInput('', '')).toEqual({ ok: true, code: undefined, reason: '' });
    expect(checkCloseInput('   ', '')).toEqual({ ok: true, code: undefined, reason: '' });
  });

  it('refuses a reason without a code, which Chromium rejects as code 0', () => {
    // Confirmed in Chromium 156: ws.close(undefined, 'bye') throws InvalidAccessError
    // "... The close code must be either 1000, or between 3000 and 4999. 0 is neither."
    expect(checkCloseInput('', 'bye')).toEqual({
      ok: false,
      field: 'code',
      error: 'Enter a close code to send a reason: use 1000 or 3000–4999',
    });
  });

  it('accepts the codes Chromium accepts, at the edges', () => {
    expect(checkCloseInput('1000', '')).toEqual({ ok: true, code: 1000, reason: '' });
    expect(checkCloseInput('3000', 'x')).toEqual({ ok: true, code: 3000, reason: 'x' });
    expect(checkCloseInput(' 4999 ', '')).toEqual({ ok: true, code: 4999, reason: '' });
    expect(checkCloseInput('01000', '')).toEqual({ ok: true, code: 1000, reason: '' });
  });

  it('requires a whole number', () => {
    const error = { ok: false, field: 'code', error: 'Close code must be a whole number' };
    expect(checkCloseInput('abc', '')).toEqual(error);
    expect(checkCloseInput('1000.5', '')).toEqual(error);
    expect(checkCloseInput('1e3', '')).toEqual(error);
    expect(checkCloseInput('0x3e8', '')).toEqual(error);
    expect(checkCloseInput('10 00', '')).toEqual(error);
  });

  it('explains why each code Chromium rejects cannot be used', () => {
    // Chromium 156 throws InvalidAccessError for every one of these.
    const cases: [string, string][] = [
      ['1001', '1001 (Going Away) is reserved for the browser: use 1000 or 3000–4999'],
      ['1011', '1011 (Internal Error) is reserved for the browser: use 1000 or 3000–4999'],
      ['1005', '1005 (No Status Received) is never sent in a close frame: use 1000 or 3000–4999'],
      ['1006', '1006 (Abnormal Closure) is never sent in a close frame: use 1000 or 3000–4999'],
      ['1015', '1015 (TLS Handshake) is never sent in a close frame: use 1000 or 3000–4999'],
      ['1004', '1004 (Reserved) is reserved for the WebSocket protocol: use 1000 or 3000–4999'],
      ['2999', '2999 (Reserved) is reserved for the WebSocket protocol: use 1000 or 3000–4999'],
      ['999', '999 is not a close code (0–999 are not used): use 1000 or 3000–4999'],
      ['0', '0 is not a close code (0–999 are not used): use 1000 or 3000–4999'],
      ['5000', '5000 is out of range: use 1000 or 3000–4999'],
      ['65535', '65535 is out of range: use 1000 or 3000–4999'],
      ['65536', '65536 is out of range: use 1000 or 3000–4999'],
      ['-1', '-1 is out of range: use 1000 or 3000–4999'],
    ];
    for (const [text, error] of cases) expect(checkCloseInput(text, '')).toEqual({ ok: false, field: 'code', error });
  });

  it('checks the code before the reason, like Chromium', () => {
    // Chromium: close(1001, 'a'.repeat(200)) throws InvalidAccessError, not SyntaxError.
    const r = checkCloseInput('1001', 'a'.repeat(200));
    expect(r.ok === false && r.field).toBe('code');
  });

  it('allows a 123-byte reason and refuses 124 bytes', () => {
    expect(MAX_CLOSE_REASON_BYTES).toBe(123);
    expect(checkCloseInput('1000', 'a'.repeat(123)).ok).toBe(true);
    expect(checkCloseInput('1000', 'a'.repeat(124))).toEqual({
      ok: false,
      field: 'reason',
      error: 'Reason is 124 bytes in UTF-8; the limit is 123',
    });
    expect(checkCloseInput('4000', 'a'.repeat(130))).toEqual({
      ok: false,
      field: 'reason',
      error: 'Reason is 130 bytes in UTF-8; the limit is 123',
    });
  });

  it('counts UTF-8 bytes, not characters, as Chromium does', () => {
    // Each of these was sent (or refused) by Chromium 156 and seen by a ws server.
    expect(checkCloseInput('1000', '€'.repeat(41)).ok).toBe(true); // 123 bytes, 41 chars
    expect(checkCloseInput('1000', '😀'.repeat(30) + 'abc').ok).toBe(true); // 123 bytes
    expect(checkCloseInput('1000', '😀'.repeat(30) + 'abcd')).toMatchObject({ ok: false, field: 'reason' }); // 124
    expect(checkCloseInput('1000', '😀'.repeat(31))).toMatchObject({
      error: 'Reason is 124 bytes in UTF-8; the limit is 123',
    });
  });

  it('counts a lone surrogate as the 3 bytes of U+FFFD', () => {
    // Chromium sent 41 lone surrogates as 123 bytes of U+FFFD and refused 42.
    expect(checkCloseInput('1000', '\ud800'.repeat(41)).ok).toBe(true);
    expect(checkCloseInput('1000', '\ud800'.repeat(42))).toEqual({
      ok: false,
      field: 'reason',
      error: 'Reason is 126 bytes in UTF-8; the limit is 123',
    });
  });

  it('returns the reason unchanged, whitespace included', () => {
    expect(checkCloseInput('3001', '  bye  ')).toEqual({ ok: true, code: 3001, reason: '  bye  ' });
  });
});

describe('closeArguments', () => {
  it('never passes an undefined code before a reason', () => {
    expect(closeArguments({ code: undefined, reason: '' })).toEqual([]);
    expect(closeArguments({ code: 1000, reason: '' })).toEqual([1000]);
    expect(closeArguments({ code: 4000, reason: 'done' })).toEqual([4000, 'done']);
  });
});
