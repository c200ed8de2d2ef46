import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor, looksLikeProtocolName, redactSubprotocols, redactUrl, urlSecrets } from './redact';

describe('redactUrl', () => {
  it.each([
    ['wss://x.example/s?token=SECRET', 'wss://x.example/s?token=REDACTED'],
    ['wss://x.example/s?room=7&access_token=abc.def&x=1', 'wss://x.example/s?room=7&access_token=REDACTED&x=1'],
    ['ws://x/?api_key=k1&key=k2&auth=a&password=p', 'ws://x/?api_key=REDACTED&key=REDACTED&auth=REDACTED&password=REDACTED'],
    ['wss://user:pa55@x.example/', 'wss://REDACTED@x.example/'],
    ['wss://user@x.example/?Token=T#frag', 'wss://REDACTED@x.example/?Token=REDACTED#frag'],
    ['wss://x.example/?X-Amz-Signature=abcd&X-Amz-Date=2026', 'wss://x.example/?X-Amz-Signature=REDACTED&X-Amz-Date=2026'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it('leaves a URL without secrets byte for byte', () => {
    for (const url of ['ws://127.0.0.1:8787/echo', 'wss://x/?room=1&page=2', 'wss://x/?token=', 'wss://x/path?q=a%20b#h']) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});

describe('urlSecrets', () => {
  it('finds query values raw and decoded, and userinfo parts', () => {
    const found = urlSecrets('wss://u:p%40ss@x/?token=a%2Bb&room=1');
    expect([...found].sort()).toEqual(['a%2Bb', 'a+b', 'p%40ss', 'p@ss', 'u', 'u:p%40ss']);
    // longest first, so a secret is replaced before a part of it
    expect(found[0]).toBe('u:p%40ss');
  });
});

describe('subprotocols', () => {
  it('keeps protocol names', () => {
    for (const p of ['graphql-ws', 'graphql-transport-ws', 'v12.stomp', 'mqtt', 'wamp.2.json', 'soap', 'chat', 'access_token', 'Authorization']) {
      expect(looksLikeProtocolName(p), p).toBe(true);
    }
  });

  it('treats tokens as secrets', () => {
    for (const p of [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
      'a1b2c3d4e5f6',
      'base64url.bearer.authorization.k8s.io.ZXlKaGJH',
      '12345678',
      'x'.repeat(33),
      'with space',
      'tok=en',
    ]) {
      expect(looksLikeProtocolName(p), p).toBe(false);
    }
  });

  it('redacts the value after a credential-like name', () => {
    expect(redactSubprotocols(['graphql-ws', 'access_token', 'short'])).toEqual(['graphql-ws', 'access_token', REDACTED]);
    expect(redactSubprotocols(['Authorization', 'abc'])).toEqual(['Authorization', REDACTED]);
    expect(redactSubprotocols(['chat', 'superchat'])).toEqual(['chat', 'superchat']);
  });
});

describe('Redactor', () => {
  it('redacts URLs, subprotocols and the same secrets quoted in text', () => {
    const r = new Redactor(true);
    const url = 'wss://u:hunter22@x.example/s?token=SECRET123';
    expect(r.url(url)).toBe('wss://REDACTED@x.example/s?token=REDACTED');
    expect(r.protocols(['chat', 'access_token', 'tok1'])).toEqual(['chat', 'access_token', REDACTED]);
    expect(r.protocolList('chat, eyJabc123def456')).toBe('chat, REDACTED');
    expect(r.text(`not connected: ${url} refused`)).toBe('not connected: wss://REDACTED@x.example/s?token=REDACTED refused');
    expect(r.text('echo SECRET123 and hunter22 and tok1 and eyJabc123def456')).toBe('echo REDACTED and REDACTED and REDACTED and REDACTED');
    expect(r.redactedAnything).toBe(true);
  });

  it('does not search text for very short secrets', () => {
    const r = new Redactor(true);
    expect(r.url('wss://x/?key=ab')).toBe('wss://x/?key=REDACTED');
    expect(r.text('about a table')).toBe('about a table');
  });

  it('passes everything through when disabled', () => {
    const r = new Redactor(false);
    const url = 'wss://u:p@x/?token=SECRET';
    expect(r.url(url)).toBe(url);
    expect(r.protocols(['eyJabc123def456'])).toEqual(['eyJabc123def456']);
    expect(r.protocolList('a, eyJabc123def456')).toBe('a, eyJabc123def456');
    expect(r.text('SECRET')).toBe('SECRET');
    expect(r.redactedAnything).toBe(false);
  });

  it('reports nothing redacted for clean input', () => {
    const r = new Redactor(true);
    r.url('ws://127.0.0.1/echo?room=1');
    r.protocols(['chat']);
    expect(r.redactedAnything).toBe(false);
  });
});

describe('Redactor with the secret values of environments', () => {
  it('replaces them in URLs (any part), subprotocols, free text and text payloads', () => {
    const r = new Redactor(true);
    r.secretValues(['tok-9f8e7d', 'ab', 'tok-9f8e7d']);
    expect(r.url('ws://x/rooms/tok-9f8e7d/ws?room=1')).toBe('ws://x/rooms/REDACTED/ws?room=1');
    expect(r.protocols(['chat', 'v.tok-9f8e7d'])).toEqual(['chat', 'v.REDACTED']);
    expect(r.text('note tok-9f8e7d')).toBe('note REDACTED');
    expect(r.payload('{"auth":"tok-9f8e7d","ab":1}')).toBe('{"auth":"REDACTED","ab":1}');
    expect(r.redactedAnything).toBe(true);
  });

  it('leaves payloads alone without such values, or when secrets are included', () => {
    const none = new Redactor(true);
    expect(none.payload('{"token":"x"}')).toBe('{"token":"x"}');
    expect(none.redactedAnything).toBe(false);
    const off = new Redactor(false);
    off.secretValues(['tok-9f8e7d']);
    expect(off.payload('tok-9f8e7d')).toBe('tok-9f8e7d');
    expect(off.url('ws://x/tok-9f8e7d')).toBe('ws://x/tok-9f8e7d');
  });
});
