import { describe, expect, it } from 'vitest';
import { buildDeepLink, MAX_LINK_FIELD, parseDeepLink } from './deep-link';

describe('parseDeepLink', () => {
  it('reads url, protocols and message from the fragment', () => {
    expect(parseDeepLink('#url=ws%3A%2F%2F127.0.0.1%3A8787%2Fecho&protocols=json%2C%20sockpit.v1&message=hello%20world')).toEqual({
      url: 'ws://127.0.0.1:8787/echo',
      protocols: 'json, sockpit.v1',
      message: 'hello world',
    });
  });

  it('accepts unencoded URLs as people type them, and the optional name and binaryType', () => {
    expect(parseDeepLink('url=ws://h:1/chat?room=a&name=Room&binaryType=blob')).toEqual({ url: 'ws://h:1/chat?room=a', name: 'Room', binaryType: 'blob' });
  });

  it('keeps a URL query when it is encoded', () => {
    expect(parseDeepLink('#url=ws%3A%2F%2Fh%2Fchat%3Froom%3Da%26user%3Db')?.url).toBe('ws://h/chat?room=a&user=b');
  });

  it('is null for an empty or foreign fragment', () => {
    for (const h of ['', '#', '#section-2', '#foo=bar', '#binaryType=nonsense']) expect(parseDeepLink(h)).toBeNull();
  });

  it('ignores values over the size limit', () => {
    expect(parseDeepLink(`#url=ws://h/&message=${'x'.repeat(MAX_LINK_FIELD + 1)}`)).toEqual({ url: 'ws://h/' });
  });

  it('keeps a message with line breaks, quotes and emoji', () => {
    const message = '{"a": 1}\nsecond line 😀 & = #';
    const link = buildDeepLink('http://x/', { message }, { includeSecrets: false });
    expect(parseDeepLink(new URL(link).hash)).toEqual({ message });
  });
});

describe('buildDeepLink', () => {
  it('puts the fields in the fragment of the page address, replacing its own fragment', () => {
    const link = buildDeepLink('https://example.com/tools/sockpit/?x=1#old', { url: 'ws://h/echo', protocols: 'json', message: 'hi there' }, { includeSecrets: false });
    expect(link).toBe('https://example.com/tools/sockpit/?x=1#url=ws%3A%2F%2Fh%2Fecho&protocols=json&message=hi%20there');
  });

  it('empties secrets unless asked, and round-trips', () => {
    const url = 'wss://u:p@api.example.com/ws?room=1&token=abc';
    const without = buildDeepLink('https://x/', { url }, { includeSecrets: false });
    expect(parseDeepLink(new URL(without).hash)?.url).toBe('wss://api.example.com/ws?room=1&token=');
    expect(without).not.toContain('abc');
    const withSecrets = buildDeepLink('https://x/', { url }, { includeSecrets: true });
    expect(parseDeepLink(new URL(withSecrets).hash)?.url).toBe(url);
  });

  it('leaves out empty fields and the default binaryType', () => {
    expect(buildDeepLink('https://x/', { url: 'ws://h/', protocols: '', message: '', binaryType: 'arraybuffer' }, { includeSecrets: false })).toBe(
      'https://x/#url=ws%3A%2F%2Fh%2F',
    );
    expect(buildDeepLink('https://x/#a', {}, { includeSecrets: false })).toBe('https://x/');
  });
});

describe('a deep link never carries a script', () => {
  it('ignores script, scripts and decodeAs in a fragment', () => {
    const source = encodeURIComponent('function decode(f) { return { type: "x", summary: "y", fields: [] }; }');
    expect(parseDeepLink(`#url=ws://h/lp&script=${source}&scripts=${source}&decodeAs=script%3Aabc`)).toEqual({ url: 'ws://h/lp' });
  });

  it('writes none of a connection’s script fields, whatever it is given', () => {
    const connection = { url: 'ws://h/lp', protocols: '', name: 'LP', decodeAs: 'script:abc', scripts: [{ id: 'abc', source: 'decode' }] };
    const link = buildDeepLink('http://x/', connection as Parameters<typeof buildDeepLink>[1], { includeSecrets: true });
    expect(link).toBe('http://x/#url=ws%3A%2F%2Fh%2Flp&name=LP');
    expect(link).not.toMatch(/script|decode/i);
  });
});
