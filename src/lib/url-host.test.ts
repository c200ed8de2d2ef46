import { describe, expect, it } from 'vitest';
import {
  decodePunycode,
  endsInANumber,
  isForbiddenDomainCodePoint,
  isForbiddenHostCodePoint,
  parseHost,
  parseIPv4,
  parseIPv6,
  serializeIPv4,
  serializeIPv6,
} from './url-host';
import type { DomainToAscii } from './url-host';

function host(raw: string, toAscii?: DomainToAscii): string {
  const r = parseHost(raw, toAscii);
  if (!r.ok) throw new Error(`expected a host for ${JSON.stringify(raw)}, got: ${r.error}`);
  return r.host;
}

function error(raw: string, toAscii?: DomainToAscii): string {
  const r = parseHost(raw, toAscii);
  if (r.ok) throw new Error(`expected ${JSON.stringify(raw)} to fail, got ${r.host}`);
  return r.error;
}

/** A runtime that accepts anything, as a lax browser might: the checks of our own must still fail. */
const lax: DomainToAscii = (d) => d.toLowerCase();

describe('forbidden code points (URL Standard)', () => {
  it('lists exactly the forbidden host code points', () => {
    const host = [0x00, 0x09, 0x0a, 0x0d, 0x20, ...'#/:<>?@[\\]^|'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0)));
    for (let cp = 0; cp < 0x80; cp++) expect(isForbiddenHostCodePoint(cp), `U+${cp.toString(16)}`).toBe(host.includes(cp));
  });

  it('adds C0 controls, "%" and U+007F for domains', () => {
    for (let cp = 0; cp <= 0x1f; cp++) expect(isForbiddenDomainCodePoint(cp)).toBe(true);
    expect(isForbiddenDomainCodePoint(0x25)).toBe(true);
    expect(isForbiddenDomainCodePoint(0x7f)).toBe(true);
    for (const ch of '!"$&\'()*+,-.;=_`{}~azAZ09') expect(isForbiddenDomainCodePoint(ch.charCodeAt(0)), ch).toBe(false);
  });
});

describe('parseHost: domains', () => {
  it('names a space and where it is', () => {
    expect(error('foo bar')).toBe('The host "foo bar" contains a space (position 4): a URL host cannot contain spaces.');
  });

  it('percent-decodes before the check, and says how the character was written', () => {
    expect(error('foo%20bar')).toBe(
      'The host "foo%20bar" contains a space, written %20 (position 4): a URL host cannot contain spaces, even percent-encoded.',
    );
    expect(error('a%40b')).toBe('The host "a%40b" contains "@", written %40 (position 2): a URL host cannot contain "@", even percent-encoded.');
    expect(error('a%25b')).toBe('The host "a%25b" contains "%", written %25 (position 2): a URL host cannot contain "%", even percent-encoded.');
    expect(error('ho%01st')).toBe(
      'The host "ho%01st" contains control character U+0001, written %01 (position 3): a URL host cannot contain control characters, even percent-encoded.',
    );
    expect(error('ho%09st')).toBe('The host "ho%09st" contains a tab, written %09 (position 3): a URL host cannot contain tabs, even percent-encoded.');
  });

  it('refuses a "%" that starts no escape', () => {
    expect(error('a%b')).toBe('The host "a%b" contains "%" (position 2) that does not start a percent-escape such as %41: a URL host cannot contain "%" otherwise.');
    expect(error('%zz')).toMatch(/^The host "%zz" contains "%" \(position 1\)/);
  });

  it('refuses each forbidden code point, typed or percent-encoded (WPT urltestdata "http://a<b", "http://ho%3Cst/", ...)', () => {
    for (const ch of ['<', '>', '[', ']', '^', '|', '\u0000', '\u0001', '\u001f', '\u007f']) {
      expect(parseHost(`a${ch}b`).ok, JSON.stringify(ch)).toBe(false);
    }
    expect(error('a<b')).toBe('The host "a<b" contains "<" (position 2): a URL host cannot contain "<".');
    expect(error('a\u007fb')).toBe('The host "a\u007fb" contains control character U+007F (position 2): a URL host cannot contain control characters.');
    const encoded = [...Array.from({ length: 0x20 }, (_, i) => i), 0x20, 0x23, 0x25, 0x2f, 0x3a, 0x3c, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x7c, 0x7f];
    for (const b of encoded) {
      const raw = `ho%${b.toString(16).padStart(2, '0').toUpperCase()}st`;
      expect(parseHost(raw).ok, raw).toBe(false);
    }
  });

  it('accepts every other ASCII character (WPT "Allowed host/domain code points")', () => {
    expect(host('!"$&\'()*+,-.;=_`{}~')).toBe('!"$&\'()*+,-.;=_`{}~');
    expect(host('a*b')).toBe('a*b'); // Chromium 156 writes it "a%2Ab"; Firefox 153 refuses it
  });

  it('lower-cases ASCII and decodes escapes of allowed characters', () => {
    expect(host('Example.COM')).toBe('example.com');
    expect(host('a%41b')).toBe('aab');
    expect(host('-x.com')).toBe('-x.com');
    expect(host('x..y')).toBe('x..y');
  });

  it('refuses bytes that are not UTF-8 (they would become U+FFFD)', () => {
    expect(error('%ff')).toBe('The host "%ff" has %FF (position 1), which does not decode as UTF-8: a URL host must be valid UTF-8 after percent-decoding.');
    expect(error('a%c3')).toMatch(/^The host "a%c3" has %C3 \(position 2\)/);
    expect(error('\ufffd.com')).toBe('The host "\ufffd.com" contains U+FFFD, the replacement character (position 1): no domain name may contain it.');
  });

  it('refuses non-ASCII characters that IDNA maps to forbidden ones (WPT "http://％４１.com")', () => {
    expect(error('\uff05\uff14\uff11.com', lax)).toBe(
      'The host "\uff05\uff14\uff11.com" contains "\uff05" (U+FF05, position 1), which a URL host reads as "%": a URL host cannot contain "%".',
    );
    expect(error('%ef%bc%85%ef%bc%94%ef%bc%91.com', lax)).toMatch(/contains "\uff05" \(U\+FF05, position 1\), which a URL host reads as "%"/);
    expect(error('a\u3000b', lax)).toBe('The host "a\u3000b" contains U+3000 (position 2), which a URL host reads as a space: a URL host cannot contain spaces.');
    expect(error('a\uff0fb', lax)).toMatch(/reads as "\/"/);
    expect(error('\u2100', lax)).toMatch(/reads as "\/"/); // ℀ is "a/c"
  });

  it('does not mistake characters whose decomposition holds "<" or "=" (WPT toascii "≠", "≮")', () => {
    expect(host('\u2260')).toBe('xn--1ch');
    expect(host('\u226e')).toBe('xn--gdh');
    expect(host('\u226f')).toBe('xn--hdh');
  });

  it('maps international names with the runtime and checks the result again', () => {
    expect(host('B\u00fccher.example')).toBe('xn--bcher-kva.example');
    expect(host('www.foo\u3002bar.com')).toBe('www.foo.bar.com'); // WPT
    expect(host('GOO\u200b\u2060\ufeffgoo.com')).toBe('googoo.com'); // WPT: ignored code points
    expect(host('a\u00adb')).toBe('ab'); // WPT toascii
    expect(error('x\u00e9', () => null)).toBe('The host "x\u00e9" is not a valid international domain name (IDNA).');
    expect(error('x\u00e9', () => 'x%y')).toBe(
      'The host "x\u00e9" becomes "x%y" as an international domain name, which contains "%": a URL host cannot contain "%".',
    );
  });

  it('checks "xn--" labels without Unicode tables (WPT toascii.json)', () => {
    expect(host('xn--zca.xn--zca', lax)).toBe('xn--zca.xn--zca');
    expect(host('ab--c.xn--zca', lax)).toBe('ab--c.xn--zca');
    expect(host('aa--', lax)).toBe('aa--');
    expect(error('xn--a', lax)).toBe('The host "xn--a" has the label "xn--a" (position 1), which decodes to control character U+0080: it is not a valid domain name.');
    expect(error('xn--a.xn--zca', lax)).toMatch(/label "xn--a"/);
    expect(error('x.xn--a', lax)).toMatch(/label "xn--a" \(position 3\)/);
    expect(error('xn--ls8h=', lax)).toMatch(/label "xn--ls8h=" \(position 1\), which is not valid Punycode/);
    expect(error('xn--zn7c.com', lax)).toMatch(/decodes to U\+FFFD/);
    expect(error('xn--1ug.example', lax)).toMatch(/zero-width joiner \(U\+200D\)/);
    expect(error('xn--', lax)).toMatch(/decodes to nothing but ASCII/);
    expect(error('xn--te\u0161la', lax)).toMatch(/starts with "xn--" but is not ASCII/);
  });

  it('asks the runtime about "xn--" labels too, for the rules that need tables (WPT toascii "xn--a-yoc")', () => {
    expect(error('xn--a-yoc', () => null)).toBe('The host "xn--a-yoc" is not a valid international domain name (IDNA).');
  });
});

describe('parseHost: IPv4', () => {
  it('reads decimal, hex and octal parts, and fewer than four parts (WPT)', () => {
    expect(host('192.168.0.1')).toBe('192.168.0.1');
    expect(host('0xc0.0250.01')).toBe('192.168.0.1');
    expect(host('%30%78%63%30%2e%30%32%35%30.01')).toBe('192.168.0.1');
    expect(host('%30%78%63%30%2e%30%32%35%30.01%2e')).toBe('192.168.0.1');
    expect(host('\uff10\uff38\uff43\uff10\uff0e\uff10\uff12\uff15\uff10\uff0e\uff10\uff11')).toBe('192.168.0.1'); // fullwidth
    expect(host('0x7f.1')).toBe('127.0.0.1');
    expect(host('4294967295')).toBe('255.255.255.255');
    expect(host('0xffffffff')).toBe('255.255.255.255');
    expect(host('0x.0x.0')).toBe('0.0.0.0');
    expect(host('1.2.3.4.')).toBe('1.2.3.4');
  });

  it('refuses what the IPv4 parser refuses (WPT)', () => {
    for (const raw of ['4294967296', '0xffffffff1', '256.256.256.256', '256.0.0.1', '0x100000000', '1.2.3.4.5', '1.2.3.4.5.', '1.2.3.09', '09.2.3.4', '0x100.2.3.4', 'foo.09', 'foo.0x', 'foo.0x4', 'foo.1.2.3.4', '0..0x300', '192.168.0.257', '0999999999999999999']) {
      expect(parseHost(raw), raw).toEqual({ ok: false, kind: 'ipv4', error: `"${raw}" is not a valid IPv4 address` });
    }
  });

  it('leaves a host to the domain rules when its last label is not a number (WPT "0x7f.0.0.0x7g")', () => {
    expect(host('0x7f.0.0.0x7g')).toBe('0x7f.0.0.0x7g');
    expect(host('0X7F.0.0.0X7G')).toBe('0x7f.0.0.0x7g');
    expect(host('1.2.3.4..')).toBe('1.2.3.4..');
  });

  it('implements the ends-in-a-number checker', () => {
    expect(endsInANumber('a.1')).toBe(true);
    expect(endsInANumber('a.0x')).toBe(true);
    expect(endsInANumber('a.0x1f.')).toBe(true);
    expect(endsInANumber('a.0x1g')).toBe(false);
    expect(endsInANumber('.')).toBe(false);
    expect(endsInANumber('example.com')).toBe(false);
  });

  it('parses and serializes addresses', () => {
    expect(parseIPv4('127.1')).toBe(0x7f000001);
    expect(parseIPv4('x')).toBeNull();
    expect(serializeIPv4(0xc0a80001)).toBe('192.168.0.1');
  });
});

describe('parseHost: IPv6', () => {
  it('compresses the first longest run of zeros (WPT)', () => {
    expect(host('[1:0::]')).toBe('[1::]');
    expect(host('[0:0:0:0:0:0:0:1]')).toBe('[::1]');
    expect(host('[1:0:0:2:0:0:0:3]')).toBe('[1:0:0:2::3]');
    expect(host('[0:0:0:0:1:0:0:0]')).toBe('[::1:0:0:0]');
    expect(host('[1:2:3:4:5:6:7:8]')).toBe('[1:2:3:4:5:6:7:8]');
    expect(host('[::]')).toBe('[::]');
    expect(host('[ABCD::]')).toBe('[abcd::]');
  });

  it('reads an embedded IPv4 address (WPT "[::127.0.0.1]", "[0:0:0:0:0:0:13.1.68.3]")', () => {
    expect(host('[::127.0.0.1]')).toBe('[::7f00:1]');
    expect(host('[0:0:0:0:0:0:13.1.68.3]')).toBe('[::d01:4403]');
    expect(host('[::ffff:192.168.0.1]')).toBe('[::ffff:c0a8:1]');
  });

  it('refuses malformed addresses', () => {
    for (const raw of ['[1::2::3]', '[1:2:3:4:5:6:7:8:9]', '[1:2:3:4:5:6:7]', '[:1]', '[1:]', '[12345::]', '[::1.2.3.]', '[::1.2.]', '[::1.]', '[::127.0.0.0.1]', '[::1.2.3.4x]', '[::256.0.0.1]', '[zz]', '[google.com]', '[1:2:3:4:5:6:7:1.2.3.4]']) {
      expect(parseHost(raw), raw).toEqual({ ok: false, kind: 'ipv6', error: `"${raw}" is not a valid IPv6 address` });
    }
  });

  it('refuses a leading zero in an embedded IPv4 part (Chromium 156 accepts "[::1.2.3.04]")', () => {
    expect(parseHost('[::1.2.3.04]').ok).toBe(false);
    expect(parseHost('[::01.2.3.4]').ok).toBe(false);
    expect(host('[::0.2.3.4]')).toBe('[::2:304]');
  });

  it('says when the brackets are wrong', () => {
    expect(parseHost('[::1')).toEqual({ ok: false, kind: 'ipv6', error: 'the IPv6 address has no closing "]"' });
    expect(parseHost('[::1]x')).toEqual({ ok: false, kind: 'ipv6', error: 'unexpected text "x" after the IPv6 address' });
    expect(error('a[b]')).toBe('The host "a[b]" contains "[" (position 2): a URL host cannot contain "[".');
  });

  it('round-trips pieces', () => {
    expect(parseIPv6('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(serializeIPv6([0, 0, 1, 0, 0, 0, 0, 0])).toBe('[0:0:1::]');
    expect(serializeIPv6([1, 0, 1, 0, 1, 0, 1, 0])).toBe('[1:0:1:0:1:0:1:0]');
  });
});

describe('decodePunycode (RFC 3492)', () => {
  it('decodes the RFC samples and refuses what is not Punycode', () => {
    expect(decodePunycode('zca')).toEqual([0xdf]); // ß
    expect(decodePunycode('bcher-kva')).toEqual([...'bücher'].map((c) => c.codePointAt(0)));
    expect(String.fromCodePoint(...(decodePunycode('ihqwcrb4cv8a8dqg056pqjye') ?? []))).toBe('\u4ed6\u4eec\u4e3a\u4ec0\u4e48\u4e0d\u8bf4\u4e2d\u6587');
    expect(decodePunycode('ls8h=')).toBeNull();
    expect(decodePunycode('tešla')).toBeNull();
    expect(decodePunycode('99999999999')).toBeNull();
  });
});
