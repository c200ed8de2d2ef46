import { describe, expect, it } from 'vitest';
import {
  BLOCKED_PORTS,
  EXAMPLE_WS_URL,
  MIXED_CONTENT_MESSAGE,
  checkWebSocketUrl,
  explainConstructorError,
  hostAsWritten,
  hostRewriteNote,
  hostSpace,
  isBlockedPort,
  isLoopbackHost,
  isMixedContentBlocked,
} from './ws-url';
import type { UrlCheck } from './ws-url';

const PAGE = 'http://127.0.0.1:5173/app/index.html';
const HTTPS_PAGE = 'https://sockpit.example/app/';

function ok(r: UrlCheck): { url: string; notes: string[] } {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return { url: r.url, notes: r.notes };
}

function err(r: UrlCheck): string {
  if (r.ok) throw new Error(`expected an error, got ${r.url}`);
  return r.error;
}

describe('checkWebSocketUrl: the effective URL', () => {
  it('keeps ws: and wss: URLs as the browser serializes them', () => {
    expect(checkWebSocketUrl('ws://127.0.0.1:8787/echo', PAGE)).toEqual({ ok: true, url: 'ws://127.0.0.1:8787/echo', notes: [] });
    expect(ok(checkWebSocketUrl('wss://echo.example/socket?x=1', PAGE)).url).toBe('wss://echo.example/socket?x=1');
  });

  it('normalizes like Chromium: case, default port, missing path', () => {
    // Chromium 156: ws.url for each input.
    expect(ok(checkWebSocketUrl('WS://Example.COM:80/A', PAGE)).url).toBe('ws://example.com/A');
    expect(ok(checkWebSocketUrl('wss://h:443/', PAGE)).url).toBe('wss://h/');
    expect(ok(checkWebSocketUrl('ws://h?x', PAGE)).url).toBe('ws://h/?x');
    expect(ok(checkWebSocketUrl('ws:///x', PAGE)).url).toBe('ws://x/');
    expect(ok(checkWebSocketUrl('ws:echo', PAGE)).url).toBe('ws://echo/');
  });

  it('maps http: to ws: and https: to wss:, keeping an explicit port', () => {
    expect(checkWebSocketUrl('http://127.0.0.1:1234/x', PAGE)).toEqual({
      ok: true,
      url: 'ws://127.0.0.1:1234/x',
      notes: ['http: becomes ws:'],
    });
    expect(checkWebSocketUrl('https://h/x', PAGE)).toEqual({ ok: true, url: 'wss://h/x', notes: ['https: becomes wss:'] });
    // Chromium 156: 'https://h:80/' → 'wss://h:80/', 'http://h:443/' → 'ws://h:443/'.
    expect(ok(checkWebSocketUrl('https://h:80/', PAGE)).url).toBe('wss://h:80/');
    expect(ok(checkWebSocketUrl('http://h:443/', PAGE)).url).toBe('ws://h:443/');
    expect(ok(checkWebSocketUrl('HTTP://h:80/', PAGE)).url).toBe('ws://h/');
  });

  it('resolves relative URLs against the page, as the constructor does', () => {
    expect(checkWebSocketUrl('echo', PAGE)).toEqual({
      ok: true,
      url: 'ws://127.0.0.1:5173/app/echo',
      notes: ['relative URL resolved against this page', 'http: becomes ws:'],
    });
    expect(ok(checkWebSocketUrl('/echo', PAGE)).url).toBe('ws://127.0.0.1:5173/echo');
    expect(ok(checkWebSocketUrl('//other:8080/x', PAGE)).url).toBe('ws://other:8080/x');
    expect(ok(checkWebSocketUrl('?room=1', PAGE)).url).toBe('ws://127.0.0.1:5173/app/index.html?room=1');
    expect(ok(checkWebSocketUrl('echo', 'https://sockpit.example/app/')).url).toBe('wss://sockpit.example/app/echo');
  });

  it('treats "http:echo" on an http page as relative, like Chromium', () => {
    // Chromium 156 on an http page: new WebSocket('http:echo').url === 'ws://<page host>/app/echo'.
    const r = ok(checkWebSocketUrl('http:echo', PAGE));
    expect(r.url).toBe('ws://127.0.0.1:5173/app/echo');
    expect(r.notes).toContain('relative URL resolved against this page');
  });

  it('ignores surrounding spaces and removes tabs and line breaks inside', () => {
    expect(checkWebSocketUrl('  ws://h/ \n', PAGE)).toEqual({ ok: true, url: 'ws://h/', notes: [] });
    expect(checkWebSocketUrl('ws://h/a\tb\nc', PAGE)).toEqual({
      ok: true,
      url: 'ws://h/abc',
      notes: ['tabs and line breaks inside the URL are removed'],
    });
  });

  it('sends a lone surrogate in the path as U+FFFD, percent-encoded', () => {
    expect(ok(checkWebSocketUrl('ws://h/\ud800', PAGE)).url).toBe('ws://h/%EF%BF%BD');
  });

  it('says when an international host name is sent in punycode', () => {
    expect(checkWebSocketUrl('ws://bücher.example/', PAGE)).toEqual({
      ok: true,
      url: 'ws://xn--bcher-kva.example/',
      notes: ['the host name is sent as xn--bcher-kva.example'],
    });
  });

  it('keeps credentials and says when they are used', () => {
    // Chromium 156 sent no Authorization header until the server answered 401.
    expect(checkWebSocketUrl('ws://user:pw@h/', PAGE)).toEqual({
      ok: true,
      url: 'ws://user:pw@h/',
      notes: ['the user name and password are sent only if the server asks for them (HTTP 401, Basic authentication)'],
    });
  });

  it('notes "host:port" without a scheme, which the browser reads as a path', () => {
    const r = ok(checkWebSocketUrl('127.0.0.1:8787', PAGE));
    expect(r.url).toBe('ws://127.0.0.1:5173/app/127.0.0.1:8787');
    expect(r.notes).toContain(
      '"127.0.0.1:8787" has no scheme, so it was read as a path on this page; for a server, write ws://127.0.0.1:8787',
    );
  });
});

describe('checkWebSocketUrl: errors', () => {
  it('asks for a URL when the field is empty', () => {
    // The browser would resolve "" to the page itself; that is never meant.
    const error = `Enter a WebSocket URL, such as ${EXAMPLE_WS_URL}`;
    expect(error).toBe('Enter a WebSocket URL, such as ws://127.0.0.1:8787/echo');
    expect(checkWebSocketUrl('', PAGE)).toEqual({ ok: false, error });
    expect(checkWebSocketUrl(' \t\n ', PAGE)).toEqual({ ok: false, error });
  });

  it('refuses other schemes, naming the scheme (Chromium: SyntaxError)', () => {
    expect(checkWebSocketUrl('ftp://h/', PAGE)).toEqual({ ok: false, error: 'Unsupported scheme "ftp:": use ws:, wss:, http: or https:' });
    for (const url of ['file:///x', 'about:blank', 'javascript:1', 'data:,x', 'blob:http://h/x']) {
      expect(err(checkWebSocketUrl(url, PAGE))).toBe(`Unsupported scheme "${url.slice(0, url.indexOf(':') + 1)}": use ws:, wss:, http: or https:`);
    }
  });

  it('checks the scheme before the fragment, like Chromium', () => {
    expect(err(checkWebSocketUrl('ftp://h/#x', PAGE))).toBe('Unsupported scheme "ftp:": use ws:, wss:, http: or https:');
  });

  it('explains a relative URL that took an unusable scheme from the page', () => {
    expect(err(checkWebSocketUrl('echo', 'file:///home/me/index.html'))).toBe(
      'Unsupported scheme "file:": use ws:, wss:, http: or https: (a relative URL takes this page\'s scheme)',
    );
  });

  it('suggests ws:// for "host:port/path", which parses as a scheme', () => {
    expect(err(checkWebSocketUrl('localhost:8787/echo', PAGE))).toBe(
      'Unsupported scheme "localhost:": use ws:, wss:, http: or https: (for a server, write ws://localhost:8787/echo)',
    );
  });

  it('refuses any fragment, even an empty one (Chromium: SyntaxError)', () => {
    expect(checkWebSocketUrl('ws://h/#x', PAGE)).toEqual({ ok: false, error: 'Remove the fragment "#x": WebSocket URLs cannot have one' });
    expect(err(checkWebSocketUrl('ws://h/#', PAGE))).toBe('Remove the fragment "#": WebSocket URLs cannot have one');
    expect(err(checkWebSocketUrl('ws://h/?a#', PAGE))).toBe('Remove the fragment "#": WebSocket URLs cannot have one');
    expect(err(checkWebSocketUrl('http://h/#top', PAGE))).toBe('Remove the fragment "#top": WebSocket URLs cannot have one');
    expect(err(checkWebSocketUrl('#x', PAGE))).toBe('Remove the fragment "#x": WebSocket URLs cannot have one');
  });

  it('says what is wrong with a URL that does not parse', () => {
    const cases: [string, string][] = [
      ['ws://', 'Not a valid URL: the host name is missing'], // Chromium: "The URL 'ws://' is invalid."
      ['ws://:80/', 'Not a valid URL: the host name is missing'],
      ['//', 'Not a valid URL: the host name is missing'],
      ['ws://h:65536/', 'Not a valid URL: port 65536 is out of range (0–65535)'],
      ['ws://h:8o8o/', 'Not a valid URL: the port "8o8o" is not a number'],
      ['ws://[::1/', 'Not a valid URL: the IPv6 address has no closing "]"'],
      ['ws://[zz]/', 'Not a valid URL: "[zz]" is not a valid IPv6 address'],
      ['ws://256.0.0.1/', 'Not a valid URL: "256.0.0.1" is not a valid IPv4 address'],
      ['ws://a<b/', 'The host "a<b" contains "<" (position 2): a URL host cannot contain "<".'],
    ];
    for (const [input, error] of cases) expect(checkWebSocketUrl(input, PAGE)).toEqual({ ok: false, error });
  });

  it('refuses a host the URL Standard refuses, even where Chromium accepts it (issue 9)', () => {
    // Chromium 156: new WebSocket('ws://foo bar/').url === 'ws://foo%20bar/', no error.
    const space = 'The host "foo bar" contains a space (position 4): a URL host cannot contain spaces.';
    expect(checkWebSocketUrl('ws://foo bar/', PAGE)).toEqual({ ok: false, error: space });
    expect(err(checkWebSocketUrl('wss://foo bar:8080/x', PAGE))).toBe(space);
    expect(err(checkWebSocketUrl('ws://user:pw@foo bar/', PAGE))).toBe(space);
    expect(err(checkWebSocketUrl('http://foo bar/', PAGE))).toBe(space);
    expect(err(checkWebSocketUrl('//foo bar/', PAGE))).toBe(space);
    expect(err(checkWebSocketUrl('ws:foo bar', PAGE))).toBe(space);
    expect(err(checkWebSocketUrl('ws://foo%20bar/', PAGE))).toBe(
      'The host "foo%20bar" contains a space, written %20 (position 4): a URL host cannot contain spaces, even percent-encoded.',
    );
    // Chromium 156 accepts these too (as "a%20b" and "a.com").
    expect(err(checkWebSocketUrl('ws://a\u3000b/', PAGE))).toMatch(/^The host "a\u3000b" contains U\+3000 \(position 2\), which a URL host reads as a space/);
    expect(err(checkWebSocketUrl('ws://\uff05\uff14\uff11.com/', PAGE))).toMatch(/reads as "%"/);
    expect(err(checkWebSocketUrl('ws://xn--a.com/', PAGE))).toMatch(/label "xn--a"/);
    expect(err(checkWebSocketUrl('ws://[::1.2.3.04]/', PAGE))).toBe('Not a valid URL: "[::1.2.3.04]" is not a valid IPv6 address');
  });

  it('reports the host before the port, as the URL parser reaches it first', () => {
    expect(err(checkWebSocketUrl('ws://foo bar:99999/', PAGE))).toMatch(/^The host "foo bar" contains a space/);
  });

  it('removes tabs and line breaks before looking at the host, as the parser does', () => {
    expect(ok(checkWebSocketUrl('ws://fo\to\n.example/', PAGE)).url).toBe('ws://foo.example/');
  });

  it('leaves a space in the path alone: only the host has these rules', () => {
    expect(ok(checkWebSocketUrl('ws://h/a b', PAGE)).url).toBe('ws://h/a%20b');
    expect(ok(checkWebSocketUrl('http:a b', PAGE)).url).toBe('ws://127.0.0.1:5173/app/a%20b');
  });

  it('cannot resolve a relative URL without a usable base', () => {
    const error = 'Not a valid URL: "echo" has no scheme and this page has no base URL to resolve it against: start it with ws:// or wss://';
    expect(err(checkWebSocketUrl('echo', 'about:blank'))).toBe(error);
    expect(err(checkWebSocketUrl('echo', 'not a url'))).toBe(error);
    // An absolute URL does not need the base.
    expect(ok(checkWebSocketUrl('ws://h/', 'not a url')).url).toBe('ws://h/');
  });

  it('refuses ws:// from an https page, as Chromium throws SecurityError', () => {
    expect(checkWebSocketUrl('ws://example.com/', HTTPS_PAGE)).toEqual({ ok: false, error: MIXED_CONTENT_MESSAGE });
    expect(err(checkWebSocketUrl('http://example.com/', HTTPS_PAGE))).toBe(MIXED_CONTENT_MESSAGE);
    expect(err(checkWebSocketUrl('ws://8.8.8.8/', HTTPS_PAGE))).toBe(MIXED_CONTENT_MESSAGE);
    expect(MIXED_CONTENT_MESSAGE).toBe(
      'This page is served over https, so the browser blocks insecure ws:// connections (mixed content). Use wss://, or run Sockpit locally with npm start.',
    );
    // wss:// and relative URLs (which become wss://) are fine.
    expect(ok(checkWebSocketUrl('wss://example.com/', HTTPS_PAGE)).url).toBe('wss://example.com/');
    expect(ok(checkWebSocketUrl('/socket', HTTPS_PAGE)).url).toBe('wss://sockpit.example/socket');
  });
});

describe('checkWebSocketUrl: notes on URLs the browser accepts but cannot use', () => {
  it('warns about blocked ports instead of refusing them: Chromium does not throw', () => {
    // Chromium 156: new WebSocket('ws://127.0.0.1:6000/') returns a socket that fires
    // error and close 1006 within a few ms, console "net::ERR_UNSAFE_PORT".
    expect(checkWebSocketUrl('ws://127.0.0.1:6000/', PAGE)).toEqual({
      ok: true,
      url: 'ws://127.0.0.1:6000/',
      notes: ['port 6000 is blocked by browsers (X11): the connection fails at once with net::ERR_UNSAFE_PORT'],
    });
    expect(ok(checkWebSocketUrl('ws://h:6667/', PAGE)).notes).toEqual([
      'port 6667 is blocked by browsers (IRC): the connection fails at once with net::ERR_UNSAFE_PORT',
    ]);
    expect(ok(checkWebSocketUrl('ws://h:0/', PAGE)).notes[0]).toMatch(/^port 0 is blocked by browsers/);
    expect(ok(checkWebSocketUrl('http://h:10080/', PAGE)).notes).toContain(
      'port 10080 is blocked by browsers (Amanda backup): the connection fails at once with net::ERR_UNSAFE_PORT',
    );
  });

  it('does not warn about the neighbours of blocked ports or default ports', () => {
    for (const url of ['ws://h:6001/', 'ws://h:10081/', 'ws://h:8787/', 'ws://h:80/', 'wss://h/']) {
      expect(ok(checkWebSocketUrl(url, PAGE)).notes, url).toEqual([]);
    }
  });

  it('mentions ports only the Fetch standard blocks', () => {
    // Chromium 156 connected to 4190 and 6679 (ERR_CONNECTION_REFUSED, not ERR_UNSAFE_PORT).
    expect(ok(checkWebSocketUrl('ws://h:4190/', PAGE)).notes).toEqual([
      "port 4190 (ManageSieve) is on the Fetch standard's blocked list: Chromium allows it, other browsers may not",
    ]);
  });

  it('warns that a public page needs permission to reach this computer or the local network', () => {
    // Chromium 156 on https://example.test: ws://127.0.0.1 and ws://10.0.0.1 do not throw,
    // then fail with net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS when not permitted.
    expect(checkWebSocketUrl('ws://127.0.0.1:8787/echo', HTTPS_PAGE)).toEqual({
      ok: true,
      url: 'ws://127.0.0.1:8787/echo',
      notes: [
        '127.0.0.1:8787 is on this computer: Chromium asks for permission first (Local Network Access), and the connection fails with 1006 if it is refused',
      ],
    });
    expect(ok(checkWebSocketUrl('ws://192.168.1.20/', HTTPS_PAGE)).notes).toEqual([
      '192.168.1.20 is on your local network: Chromium asks for permission first (Local Network Access), and the connection fails with 1006 if it is refused',
    ]);
  });

  it('does not warn when the page itself is on this computer', () => {
    expect(ok(checkWebSocketUrl('ws://127.0.0.1:8787/echo', PAGE)).notes).toEqual([]);
    expect(ok(checkWebSocketUrl('ws://10.0.0.5:9000/', PAGE)).notes).toEqual([]);
    expect(ok(checkWebSocketUrl('ws://localhost:8787/', 'http://localhost:4173/')).notes).toEqual([]);
  });
});

describe('hostAsWritten', () => {
  const base = new URL(PAGE);

  it('finds the host of an absolute ws:, wss:, http: or https: URL', () => {
    expect(hostAsWritten('ws://Foo.example:80/x', base)).toBe('Foo.example');
    expect(hostAsWritten('wss://u:p@h/x', base)).toBe('h');
    expect(hostAsWritten('ws://a@b@h?x', base)).toBe('h');
    expect(hostAsWritten('ws://h#x', base)).toBe('h');
    expect(hostAsWritten('ws://[::1]:80/', base)).toBe('[::1]');
    expect(hostAsWritten('ws://[::1/', base)).toBe('[::1');
    expect(hostAsWritten('ws:\\\\h\\x', base)).toBe('h');
    expect(hostAsWritten('ws:///h/', base)).toBe('h');
    expect(hostAsWritten('ws:h', base)).toBe('h');
    expect(hostAsWritten('ws://', base)).toBe('');
  });

  it('finds the host of a scheme-relative URL', () => {
    expect(hostAsWritten('//h:1/x', base)).toBe('h');
    expect(hostAsWritten('\\\\h/x', base)).toBe('h');
  });

  it('is null when the host comes from the page or the scheme is another one', () => {
    expect(hostAsWritten('echo', base)).toBeNull();
    expect(hostAsWritten('/echo', base)).toBeNull();
    expect(hostAsWritten('?x', base)).toBeNull();
    expect(hostAsWritten('http:a b', base)).toBeNull(); // same scheme as the page, no "//": a path
    expect(hostAsWritten('http:/h', base)).toBeNull();
    expect(hostAsWritten('http://h', base)).toBe('h');
    expect(hostAsWritten('ftp://h', base)).toBeNull();
    expect(hostAsWritten('localhost:8787', base)).toBeNull();
    expect(hostAsWritten('//h', null)).toBeNull();
    expect(hostAsWritten('//h', new URL('about:blank'))).toBeNull();
  });
});

describe('hostRewriteNote', () => {
  it('says when the browser writes the host differently from the standard', () => {
    // Chromium 156: new URL('ws://a*b/').hostname === 'a%2Ab'; the standard keeps "a*b".
    expect(hostRewriteNote('a%2Ab', 'a*b')).toBe('this browser sends the host as a%2Ab; by the URL standard it is a*b');
    expect(hostRewriteNote('a*b', 'a*b')).toBeNull();
  });
});

describe('hostSpace and the mixed-content exemption', () => {
  // Each host below was tried as new WebSocket('ws://<host>/x') on an https
  // page in Chromium 156: "exempt" did not throw, "blocked" threw SecurityError.
  const exempt = [
    '127.0.0.1',
    '127.255.255.255',
    'localhost',
    'LOCALHOST',
    'localhost.',
    'a.b.localhost',
    '[::1]',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '0.255.255.255',
    '[::]',
    '[fc00::1]',
    '[fd00::1]',
    '[fe80::1]',
    '[febf::1]',
    '[fec0::1]',
    '[feff::1]',
    '[2001:db8::1]',
    '[::ffff:127.0.0.1]',
    '[::ffff:10.0.0.1]',
    '[::ffff:0:1]',
    'foo.local',
    'x.LOCAL',
    'printer.local.',
    'local',
  ];
  const blocked = [
    '8.8.8.8',
    '11.0.0.1',
    '9.255.255.255',
    '172.15.255.255',
    '172.32.0.1',
    '169.253.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '192.0.2.1',
    '198.18.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '[2001:4860:4860::8888]',
    '[2001:db7::1]',
    '[fbff::1]',
    '[fe7f::1]',
    '[ff02::1]',
    '[::2]',
    '[::127.0.0.1]',
    '[::ffff:8.8.8.8]',
    '[64:ff9b::808:808]',
    'example.com',
    'intranet',
    'localhost.localdomain',
    'xlocalhost',
    'xlocal',
  ];

  it('lets through every host Chromium lets through', () => {
    for (const host of exempt) expect(isMixedContentBlocked(`ws://${host}/x`, 'https:'), host).toBe(false);
  });

  it('blocks every host Chromium blocks', () => {
    for (const host of blocked) expect(isMixedContentBlocked(`ws://${host}/x`, 'https:'), host).toBe(true);
  });

  it('only applies to ws: (or http:) URLs on https pages', () => {
    expect(isMixedContentBlocked('ws://example.com/', 'http:')).toBe(false);
    expect(isMixedContentBlocked('wss://example.com/', 'https:')).toBe(false);
    expect(isMixedContentBlocked('http://example.com/', 'https')).toBe(true);
    expect(isMixedContentBlocked('not a url', 'https:')).toBe(false);
  });

  it('classifies hosts', () => {
    expect(hostSpace('127.0.0.1')).toBe('loopback');
    expect(hostSpace('0x7f.1')).toBe('loopback'); // the URL parser reads it as 127.0.0.1
    expect(hostSpace('::1')).toBe('loopback');
    expect(hostSpace('10.1.2.3')).toBe('private');
    expect(hostSpace('printer.local')).toBe('private');
    expect(hostSpace('93.184.215.14')).toBe('public');
    expect(hostSpace('example.com')).toBe('unknown');
    expect(hostSpace('')).toBe('unknown');
  });

  it('is not fooled by text that is not a host name', () => {
    expect(hostSpace('evil.example@127.0.0.1')).toBe('unknown');
    expect(hostSpace('evil.example/127.0.0.1')).toBe('unknown');
  });
});

describe('isLoopbackHost', () => {
  it('accepts 127.0.0.0/8, localhost, *.localhost and [::1]', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '127.255.255.255', 'localhost', 'LocalHost', 'localhost.', 'app.localhost', '[::1]', '::1', '[0:0:0:0:0:0:0:1]']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
  });

  it('refuses everything else', () => {
    for (const h of ['128.0.0.1', '126.255.255.255', '10.0.0.1', '0.0.0.0', '[::]', '[::2]', 'localhost.example', 'mylocalhost', 'example.com', '', 'evil@127.0.0.1', '127.0.0.1:80']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});

describe('isBlockedPort / BLOCKED_PORTS', () => {
  it('holds exactly the 81 ports Chromium 156 refused with net::ERR_UNSAFE_PORT', () => {
    expect([...BLOCKED_PORTS.keys()]).toEqual([
      0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113,
      115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563,
      587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669,
      6697, 10080,
    ]);
    expect(isBlockedPort(6000)).toBe(true);
    expect(isBlockedPort(6667)).toBe(true);
    expect(isBlockedPort(4190)).toBe(false);
    expect(isBlockedPort(6679)).toBe(false);
    expect(isBlockedPort(8787)).toBe(false);
  });
});

describe('explainConstructorError', () => {
  const chromeMixed = new DOMException(
    "Failed to construct 'WebSocket': An insecure WebSocket connection may not be initiated from a page loaded over HTTPS.",
    'SecurityError',
  );

  it('explains mixed content on an https page', () => {
    expect(explainConstructorError(chromeMixed, 'ws://example.com/', 'https:')).toBe(MIXED_CONTENT_MESSAGE);
    expect(explainConstructorError(chromeMixed, 'http://example.com/', 'https')).toBe(MIXED_CONTENT_MESSAGE);
  });

  it('explains a blocked port when a browser throws for one', () => {
    // Firefox throws SecurityError for blocked ports; Chromium fails the socket instead.
    const firefox = new DOMException('The operation is insecure.', 'SecurityError');
    expect(explainConstructorError(firefox, 'ws://127.0.0.1:6000/', 'http:')).toBe(
      'Port 6000 is blocked by browsers because it belongs to another protocol (X11). Serve the WebSocket on another port.',
    );
    expect(explainConstructorError(firefox, 'ws://127.0.0.1:4190/', 'http:')).toMatch(/^Port 4190 is blocked by browsers .*ManageSieve/);
  });

  it('passes other security errors on with a lead-in', () => {
    const e = new DOMException('Something else.', 'SecurityError');
    expect(explainConstructorError(e, 'wss://example.com/', 'https:')).toBe('The browser refused this connection for security reasons: Something else.');
  });

  it("strips Chromium's prefix from syntax errors and says which part was refused", () => {
    const url = new DOMException(
      "Failed to construct 'WebSocket': The URL contains a fragment identifier (''). Fragment identifiers are not allowed in WebSocket URLs.",
      'SyntaxError',
    );
    expect(explainConstructorError(url, 'ws://h/#', 'http:')).toBe(
      "The browser refused the URL: The URL contains a fragment identifier (''). Fragment identifiers are not allowed in WebSocket URLs.",
    );
    const proto = new DOMException("Failed to construct 'WebSocket': The subprotocol 'chat' is duplicated.", 'SyntaxError');
    expect(explainConstructorError(proto, 'ws://h/', 'http:')).toBe("The browser refused the subprotocol list: The subprotocol 'chat' is duplicated.");
  });

  it('gives name and message for anything else', () => {
    expect(explainConstructorError(new TypeError('Failed to construct: 1 argument required'), 'ws://h/', 'http:')).toBe(
      'TypeError: Failed to construct: 1 argument required',
    );
    expect(explainConstructorError(new DOMException('', 'NotSupportedError'), 'ws://h/', 'http:')).toBe('NotSupportedError');
    expect(explainConstructorError('boom', 'ws://h/', 'http:')).toBe('boom');
    expect(explainConstructorError(undefined, 'ws://h/', 'http:')).toBe('undefined');
  });
});
