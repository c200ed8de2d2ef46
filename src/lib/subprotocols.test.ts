import { describe, expect, it } from 'vitest';
import { formatSubprotocols, isValidSubprotocol, parseSubprotocols } from './subprotocols';

describe('parseSubprotocols', () => {
  it('is an empty list for an empty or blank field', () => {
    expect(parseSubprotocols('')).toEqual({ ok: true, protocols: [] });
    expect(parseSubprotocols('  \t ')).toEqual({ ok: true, protocols: [] });
  });

  it('splits on commas and trims each item', () => {
    expect(parseSubprotocols('chat')).toEqual({ ok: true, protocols: ['chat'] });
    expect(parseSubprotocols(' chat ,v2.json,  mqtt\t')).toEqual({ ok: true, protocols: ['chat', 'v2.json', 'mqtt'] });
  });

  it('accepts every token character (Chromium 156 accepted this value)', () => {
    expect(parseSubprotocols("!#$%&'*+-.^_`|~")).toEqual({ ok: true, protocols: ["!#$%&'*+-.^_`|~"] });
    expect(parseSubprotocols('AZaz09')).toEqual({ ok: true, protocols: ['AZaz09'] });
  });

  it('refuses values that differ only in ASCII case, as the standard does (Chromium sends both)', () => {
    // WHATWG WebSockets compares for duplicates ASCII case-insensitively; WPT
    // Create-protocols-repeated-case-insensitive expects SyntaxError for
    // ['echo', 'eCho']. Chromium 156 and Firefox 153 throw nothing and send
    // "Sec-WebSocket-Protocol: chat, Chat".
    expect(parseSubprotocols('a,A')).toEqual({
      ok: false,
      error: '"a" and "A" are the same subprotocol: the WebSockets standard compares them ignoring ASCII case (Chromium and Firefox would send both).',
    });
    expect(parseSubprotocols('echo, eCho')).toEqual({
      ok: false,
      error: '"echo" and "eCho" are the same subprotocol: the WebSockets standard compares them ignoring ASCII case (Chromium and Firefox would send both).',
    });
    expect(parseSubprotocols('x, Chat, y, chat')).toEqual({
      ok: false,
      error: '"Chat" and "chat" are the same subprotocol: the WebSockets standard compares them ignoring ASCII case (Chromium and Firefox would send both).',
    });
  });

  it('keeps distinct values whatever their case', () => {
    expect(parseSubprotocols('Chat, v2.JSON, mqtt')).toEqual({ ok: true, protocols: ['Chat', 'v2.JSON', 'mqtt'] });
  });

  it('compares only ASCII letters without case: non-ASCII never gets that far', () => {
    // "K" (U+212A KELVIN SIGN) lowercases to "k" in Unicode, but is not a token.
    expect(parseSubprotocols('k, \u212a')).toEqual({ ok: false, error: '"\u212a" is not a valid subprotocol: "\u212a" (U+212A) is not allowed' });
  });

  it('passes the WPT constructor cases', () => {
    // websockets/Create-protocol-with-space, -asciiSep-protocol-string, -nonAscii-protocol-string,
    // -protocols-repeated, -protocols-repeated-case-insensitive: each must throw SyntaxError.
    for (const bad of ['ec ho', '/echo', '\u0080echo', 'echo, echo', 'echo, eCho', '']) {
      if (bad === '') expect(isValidSubprotocol(bad)).toBe(false);
      else expect(parseSubprotocols(bad).ok, bad).toBe(false);
    }
    // Create-valid-url-protocol-string / -array: accepted.
    expect(parseSubprotocols('echo')).toEqual({ ok: true, protocols: ['echo'] });
    expect(parseSubprotocols('echo, chat')).toEqual({ ok: true, protocols: ['echo', 'chat'] });
  });

  it('refuses a duplicate', () => {
    // Chromium 156: SyntaxError "The subprotocol 'chat' is duplicated."
    expect(parseSubprotocols('chat, chat')).toEqual({ ok: false, error: '"chat" is listed twice' });
    expect(parseSubprotocols('a, b,a')).toEqual({ ok: false, error: '"a" is listed twice' });
  });

  it('names the offending item and character', () => {
    // Chromium 156: SyntaxError "The subprotocol 'chat v1' is invalid."
    expect(parseSubprotocols('chat v1')).toEqual({ ok: false, error: '"chat v1" is not a valid subprotocol: space is not allowed' });
    expect(parseSubprotocols('ok, v2/json')).toEqual({
      ok: false,
      error: '"v2/json" is not a valid subprotocol: "/" is not allowed',
    });
    expect(parseSubprotocols('a\tb')).toEqual({ ok: false, error: '"a\\tb" is not a valid subprotocol: a tab is not allowed' });
  });

  it('refuses every separator RFC 7230 excludes from tokens', () => {
    for (const sep of ['(', ')', '<', '>', '@', ';', ':', '\\', '/', '[', ']', '?', '=', '{', '}']) {
      const r = parseSubprotocols(`a${sep}b`);
      expect(r.ok, sep).toBe(false);
      expect(!r.ok && r.error).toContain(`"${sep}" is not allowed`);
    }
    expect(parseSubprotocols('a"b')).toEqual({
      ok: false,
      error: '"a\\"b" is not a valid subprotocol: a double quote (") is not allowed',
    });
  });

  it('refuses non-ASCII and control characters, showing the code point', () => {
    // Chromium 156 refused 'é', 'a\u0000' and 'a\u007f'.
    expect(parseSubprotocols('café')).toEqual({
      ok: false,
      error: '"café" is not a valid subprotocol: "é" (U+00E9) is not allowed',
    });
    expect(parseSubprotocols('a\u0000')).toEqual({
      ok: false,
      error: '"a\\u0000" is not a valid subprotocol: control character U+0000 is not allowed',
    });
    expect(parseSubprotocols('a\u007f')).toEqual({
      ok: false,
      error: '"a\u007f" is not a valid subprotocol: control character U+007F is not allowed',
    });
    expect(parseSubprotocols('x😀')).toEqual({
      ok: false,
      error: '"x😀" is not a valid subprotocol: "😀" (U+1F600) is not allowed',
    });
  });

  it('does not trim invisible non-ASCII spaces: the browser would refuse them', () => {
    expect(parseSubprotocols('chat\u00a0')).toEqual({ ok: false, error: '"chat\u00a0" is not a valid subprotocol: U+00A0 is not allowed' });
    expect(parseSubprotocols('\u200bchat')).toEqual({ ok: false, error: '"\u200bchat" is not a valid subprotocol: U+200B is not allowed' });
  });

  it('says where an empty item is', () => {
    expect(parseSubprotocols('chat,')).toEqual({ ok: false, error: 'The list ends with a comma: remove it, or add a subprotocol after it' });
    expect(parseSubprotocols(',chat')).toEqual({ ok: false, error: 'The list starts with a comma: remove it, or add a subprotocol before it' });
    expect(parseSubprotocols('a,,b')).toEqual({ ok: false, error: 'Subprotocol 2 is empty: remove the extra comma' });
    expect(parseSubprotocols('a, ,b')).toEqual({ ok: false, error: 'Subprotocol 2 is empty: remove the extra comma' });
    expect(parseSubprotocols(',')).toEqual({ ok: false, error: 'The list starts with a comma: remove it, or add a subprotocol before it' });
  });

  it('reports an invalid item before a duplicate, as Chromium does', () => {
    // Chromium 156: new WebSocket(url, ['x', 'x', 'a b']) → "The subprotocol 'a b' is invalid."
    expect(parseSubprotocols('x, x, a b')).toEqual({ ok: false, error: '"a b" is not a valid subprotocol: space is not allowed' });
  });

  it('reports the first of several bad items', () => {
    expect(parseSubprotocols('ok, a b, c/d')).toEqual({ ok: false, error: '"a b" is not a valid subprotocol: space is not allowed' });
  });
});

describe('isValidSubprotocol', () => {
  it('matches the browser on single values', () => {
    expect(isValidSubprotocol('chat')).toBe(true);
    expect(isValidSubprotocol('')).toBe(false); // Chromium: "The subprotocol '' is invalid."
    expect(isValidSubprotocol('a,b')).toBe(false); // Chromium: "The subprotocol 'a,b' is invalid."
    expect(isValidSubprotocol('a b')).toBe(false);
  });
});

describe('formatSubprotocols', () => {
  it('joins with ", " so it parses back to the same list', () => {
    const list = ['chat', 'Mqtt', 'v2.json'];
    expect(formatSubprotocols(list)).toBe('chat, Mqtt, v2.json');
    expect(parseSubprotocols(formatSubprotocols(list))).toEqual({ ok: true, protocols: list });
    expect(formatSubprotocols([])).toBe('');
  });
});
