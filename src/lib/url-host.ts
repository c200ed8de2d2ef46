/**
 * The host of a ws:, wss:, http: or https: URL, parsed by the WHATWG URL
 * Standard's host parser (https://url.spec.whatwg.org/#host-parsing) rather
 * than by whatever URL class the runtime has. Chromium's parser accepts hosts
 * the standard refuses (see docs/url-rules.md); the standard is what every
 * browser is meant to do, and what Node follows, so that is the rule here.
 *
 * For a special scheme the host parser:
 * 1. "[...]" → the IPv6 parser (failure if the "]" is missing);
 * 2. otherwise percent-decodes the input and decodes the bytes as UTF-8;
 * 3. runs "domain to ASCII": UTS #46 ToASCII (non-transitional, CheckBidi and
 *    CheckJoiners on, UseSTD3ASCIIRules off), then fails if the result has a
 *    forbidden domain code point (U+0000–U+001F, space, # % / : < > ? @ [ \ ] ^ |,
 *    U+007F);
 * 4. if the last label is a number ("ends in a number"), the IPv4 parser
 *    decides: "0x" hex and leading-zero octal parts, at most four parts.
 *
 * What is ours and what is borrowed: steps 1, 2, 4 and every forbidden code
 * point check are written out here, and so are the checks on "xn--" labels
 * that need no Unicode tables (Punycode syntax, controls, U+FFFD, joiners,
 * NFC). The UTS #46 mapping of non-ASCII labels (ü → xn--tda, fullwidth
 * letters → ASCII) needs Unicode's mapping table, so it is delegated to the
 * runtime (`toAscii`), and its result is checked again for forbidden code
 * points. Positions in messages count code points from 1 within the host as
 * written.
 */
import { describeChar } from './codecs';

export type HostKind = 'domain' | 'ipv4' | 'ipv6';

/**
 * A parsed host, serialized as a URL would write it, or why it is not one.
 * `kind` on a failure says which parser refused it: 'domain' errors are whole
 * sentences naming the character and its position; 'ipv4' and 'ipv6' errors
 * are short phrases (`"256.0.0.1" is not a valid IPv4 address`).
 */
export type HostResult = { ok: true; host: string; kind: HostKind } | { ok: false; error: string; kind: HostKind };

/** UTS #46 ToASCII of a domain with non-ASCII code points, or null on failure. */
export type DomainToAscii = (domain: string) => string | null;

// ---------------------------------------------------------------------------
// Code point sets (URL Standard, "Hosts (domains and IP addresses)")

const FORBIDDEN_HOST = new Set([0x00, 0x09, 0x0a, 0x0d, 0x20, 0x23, 0x2f, 0x3a, 0x3c, 0x3e, 0x3f, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x7c]);

/** U+0000 NULL, TAB, LF, CR, space, # / : < > ? @ [ \ ] ^ | */
export function isForbiddenHostCodePoint(cp: number): boolean {
  return FORBIDDEN_HOST.has(cp);
}

/** A forbidden host code point, a C0 control, "%" or U+007F DELETE. */
export function isForbiddenDomainCodePoint(cp: number): boolean {
  return FORBIDDEN_HOST.has(cp) || cp <= 0x1f || cp === 0x25 || cp === 0x7f;
}

// ---------------------------------------------------------------------------
// Messages

/** "a space", "control character U+0001", "\"<\"", "\"é\" (U+00E9)". */
function nameOf(cp: number): string {
  if (cp === 0x20) return 'a space';
  return describeChar(String.fromCodePoint(cp));
}

/** What a host cannot contain, for the end of a message: "spaces", "\"<\"". */
function pluralOf(cp: number): string {
  if (cp === 0x20) return 'spaces';
  if (cp === 0x09) return 'tabs';
  if (cp === 0x0a || cp === 0x0d) return 'line breaks';
  if (cp <= 0x1f || cp === 0x7f) return 'control characters';
  return `"${String.fromCodePoint(cp)}"`;
}

/** `name (position 3)`, or `"é" (U+00E9, position 3)` when the name already ends in parentheses. */
function located(name: string, at: number): string {
  return name.endsWith(')') ? `${name.slice(0, -1)}, position ${at})` : `${name} (position ${at})`;
}

const hex2 = (b: number): string => b.toString(16).toUpperCase().padStart(2, '0');

// ---------------------------------------------------------------------------
// Percent-decoding and UTF-8, keeping track of where each code point was written

type Decoded = {
  /** The decoded code points. */
  cps: number[];
  /** For each, its position in the host as written (1-based, in code points). */
  at: number[];
  /** For each, how it was written when percent-encoded ("%20"), else "". */
  written: string[];
};

type DecodeResult = { ok: true; value: Decoded } | { ok: false; error: string; kind: 'domain' };

const isHex = (cp: number | undefined): boolean =>
  cp !== undefined && ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x46) || (cp >= 0x61 && cp <= 0x66));

/** Percent-decode, then UTF-8 decode; invalid UTF-8 is a failure (it would become U+FFFD, which no domain may contain). */
function decodeHost(raw: string): DecodeResult {
  const input = Array.from(raw, (ch) => ch.codePointAt(0) ?? 0);
  // Bytes, each with the position and spelling of its source.
  const bytes: number[] = [];
  const byteAt: number[] = [];
  const byteWritten: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const cp = input[i] ?? 0;
    if (cp === 0x25 && isHex(input[i + 1]) && isHex(input[i + 2])) {
      const text = String.fromCodePoint(cp, input[i + 1] ?? 0, input[i + 2] ?? 0);
      bytes.push(parseInt(text.slice(1), 16));
      byteAt.push(i + 1);
      byteWritten.push(text.toUpperCase());
      i += 2;
      continue;
    }
    for (const b of new TextEncoder().encode(String.fromCodePoint(cp))) {
      bytes.push(b);
      byteAt.push(i + 1);
      byteWritten.push('');
    }
  }
  const out: Decoded = { cps: [], at: [], written: [] };
  for (let j = 0; j < bytes.length; ) {
    const b = bytes[j] ?? 0;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let cp = len === 1 ? b : len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
    let valid = len > 0 && j + len <= bytes.length;
    for (let k = 1; valid && k < len; k++) {
      const c = bytes[j + k] ?? 0;
      if ((c & 0xc0) !== 0x80) valid = false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (valid && ((len === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len === 4 && (cp < 0x10000 || cp > 0x10ffff)))) {
      valid = false;
    }
    if (!valid) {
      const spelled = byteWritten[j] || `byte 0x${hex2(b)}`;
      return {
        ok: false,
        kind: 'domain',
        error: `The host "${raw}" has ${spelled} (position ${byteAt[j] ?? 1}), which does not decode as UTF-8: a URL host must be valid UTF-8 after percent-decoding.`,
      };
    }
    const written = byteWritten.slice(j, j + len).join('');
    out.cps.push(cp);
    out.at.push(byteAt[j] ?? 1);
    out.written.push(byteWritten[j] ? written : '');
    j += len;
  }
  return { ok: true, value: out };
}

// ---------------------------------------------------------------------------
// Forbidden code points, before and after the UTS #46 mapping

function forbiddenError(raw: string, d: Decoded): string | null {
  for (let i = 0; i < d.cps.length; i++) {
    const cp = d.cps[i] ?? 0;
    const at = d.at[i] ?? 1;
    const written = d.written[i] ?? '';
    if (cp === 0x25 && written === '') {
      return `The host "${raw}" contains "%" (position ${at}) that does not start a percent-escape such as %41: a URL host cannot contain "%" otherwise.`;
    }
    if (isForbiddenDomainCodePoint(cp)) {
      if (written) {
        return `The host "${raw}" contains ${nameOf(cp)}, written ${written} (position ${at}): a URL host cannot contain ${pluralOf(cp)}, even percent-encoded.`;
      }
      return `The host "${raw}" contains ${located(nameOf(cp), at)}: a URL host cannot contain ${pluralOf(cp)}.`;
    }
    if (cp === 0xfffd) {
      return `The host "${raw}" contains U+FFFD, the replacement character (position ${at}): no domain name may contain it.`;
    }
    if (cp >= 0x80) {
      // UTS #46 maps by NFKC with case folding: a fullwidth "％" or an
      // ideographic space becomes "%" or a space, which step 3 then refuses.
      const mapped = String.fromCodePoint(cp).normalize('NFKC');
      for (const ch of mapped) {
        const m = ch.codePointAt(0) ?? 0;
        if (isForbiddenDomainCodePoint(m)) {
          const shown = m === 0x20 ? 'a space' : `"${ch}"`;
          return `The host "${raw}" contains ${located(nameOf(cp), at)}, which a URL host reads as ${shown}: a URL host cannot contain ${pluralOf(m)}.`;
        }
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Punycode (RFC 3492) decoding, for "xn--" labels

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;

function adapt(delta: number, numPoints: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitOf(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 26;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  return BASE;
}

/** The code points a Punycode string (without "xn--") stands for, or null if it is not Punycode. */
export function decodePunycode(input: string): number[] | null {
  if (!/^[\x20-\x7e]*$/.test(input)) return null;
  const delim = input.lastIndexOf('-');
  const output: number[] = [];
  for (let i = 0; i < Math.max(delim, 0); i++) output.push(input.charCodeAt(i));
  let n = 0x80;
  let bias = 72;
  let i = 0;
  for (let p = delim > 0 ? delim + 1 : 0; p < input.length; ) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (p >= input.length) return null;
      const digit = digitOf(input.charCodeAt(p++));
      if (digit >= BASE) return null;
      i += digit * w;
      if (i > 0x7fffffff) return null;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (w > 0x7fffffff) return null;
    }
    bias = adapt(i - oldi, output.length + 1, oldi === 0);
    n += Math.floor(i / (output.length + 1));
    if (n > 0x10ffff) return null;
    i %= output.length + 1;
    output.splice(i, 0, n);
    i++;
  }
  return output;
}

/**
 * Why an "xn--" label fails UTS #46 processing, for the failures that need no
 * Unicode tables, or null. Bidi and the per-code-point validity table are
 * left to the runtime.
 */
function punycodeLabelError(label: string): string | null {
  const body = label.slice(4);
  const cps = decodePunycode(body);
  if (cps === null) return 'is not valid Punycode';
  if (cps.length === 0 || cps.every((c) => c < 0x80)) return 'decodes to nothing but ASCII, which is never written in Punycode';
  const text = String.fromCodePoint(...cps);
  for (const cp of cps) {
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `decodes to control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    if (cp === 0xfffd) return 'decodes to U+FFFD, the replacement character';
    if (cp === 0x200c || cp === 0x200d) return `decodes to a zero-width joiner (U+${cp.toString(16).toUpperCase()}) outside the contexts that allow one`;
    if (isForbiddenDomainCodePoint(cp) || cp === 0x2e) return `decodes to ${nameOf(cp)}`;
  }
  if (text.normalize('NFC') !== text) return 'decodes to text that is not in Unicode normalization form C';
  if (/^\p{M}/u.test(text)) return 'decodes to text that starts with a combining mark';
  return null;
}

/**
 * The first "xn--" label of `text` that is not valid Punycode. `at` gives the
 * position of each code point of `text` in the host as written, when known.
 */
function labelErrors(raw: string, text: string, at?: readonly number[]): string | null {
  let index = 0;
  for (const label of text.split('.')) {
    if (label.slice(0, 4).toLowerCase() === 'xn--') {
      const why = punycodeLabelError(label);
      const where = at?.[index] === undefined ? '' : ` (position ${at[index]})`;
      if (why !== null) return `The host "${raw}" has the label "${label}"${where}, which ${why}: it is not a valid domain name.`;
    }
    index += Array.from(label).length + 1;
  }
  return null;
}

// ---------------------------------------------------------------------------
// IPv4 (URL Standard, "IPv4 parser")

/** The IPv4 number parser: decimal, "0x" hex, or leading-"0" octal; null on failure. */
function ipv4Number(part: string): number | null {
  if (part === '') return null;
  let s = part;
  let radix = 10;
  if (/^0x/i.test(s)) {
    s = s.slice(2);
    radix = 16;
  } else if (s.length >= 2 && s.startsWith('0')) {
    s = s.slice(1);
    radix = 8;
  }
  if (s === '') return 0;
  const digits = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(s)) return null;
  // Anything past 2^32 fails anyway, so precision beyond that does not matter.
  return parseInt(s, radix);
}

/** The "ends in a number" checker: whether the IPv4 parser, not the domain rules, decides this host. */
export function endsInANumber(host: string): boolean {
  const parts = host.split('.');
  if (parts[parts.length - 1] === '') {
    if (parts.length === 1) return false;
    parts.pop();
  }
  const last = parts[parts.length - 1] ?? '';
  if (/^[0-9]+$/.test(last)) return true;
  return ipv4Number(last) !== null;
}

/** The IPv4 address as a 32-bit number, or null. */
export function parseIPv4(host: string): number | null {
  const parts = host.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  if (parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = ipv4Number(part);
    if (n === null) return null;
    numbers.push(n);
  }
  const last = numbers.pop() ?? 0;
  if (numbers.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - numbers.length)) return null;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), last);
}

export function serializeIPv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

// ---------------------------------------------------------------------------
// IPv6 (URL Standard, "IPv6 parser" and "IPv6 serializer")

/** Eight 16-bit pieces, or null. `input` is what is between the brackets. */
export function parseIPv6(input: string): number[] | null {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  const c = (i: number): number | undefined => (i < input.length ? input.charCodeAt(i) : undefined);
  const isDigit = (x: number | undefined): boolean => x !== undefined && x >= 0x30 && x <= 0x39;
  let pieceIndex = 0;
  let compress: number | null = null;
  let p = 0;
  if (c(p) === 0x3a) {
    if (c(p + 1) !== 0x3a) return null;
    p += 2;
    pieceIndex++;
    compress = pieceIndex;
  }
  while (c(p) !== undefined) {
    if (pieceIndex === 8) return null;
    if (c(p) === 0x3a) {
      if (compress !== null) return null;
      p++;
      pieceIndex++;
      compress = pieceIndex;
      continue;
    }
    let value = 0;
    let length = 0;
    while (length < 4 && isHex(c(p))) {
      value = value * 0x10 + parseInt(input.charAt(p), 16);
      p++;
      length++;
    }
    if (c(p) === 0x2e) {
      if (length === 0) return null;
      p -= length;
      if (pieceIndex > 6) return null;
      let numbersSeen = 0;
      while (c(p) !== undefined) {
        let piece: number | null = null;
        if (numbersSeen > 0) {
          if (c(p) === 0x2e && numbersSeen < 4) p++;
          else return null;
        }
        if (!isDigit(c(p))) return null;
        while (isDigit(c(p))) {
          const n = (c(p) ?? 0x30) - 0x30;
          if (piece === null) piece = n;
          else if (piece === 0) return null; // a leading zero
          else piece = piece * 10 + n;
          if (piece > 255) return null;
          p++;
        }
        address[pieceIndex] = (address[pieceIndex] ?? 0) * 0x100 + (piece ?? 0);
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
      }
      if (numbersSeen !== 4) return null;
      break;
    } else if (c(p) === 0x3a) {
      p++;
      if (c(p) === undefined) return null;
    } else if (c(p) !== undefined) {
      return null;
    }
    address[pieceIndex] = value;
    pieceIndex++;
  }
  if (compress !== null) {
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const other = compress + swaps - 1;
      const tmp = address[pieceIndex] ?? 0;
      address[pieceIndex] = address[other] ?? 0;
      address[other] = tmp;
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) {
    return null;
  }
  return address;
}

/** "[2001:db8::1]": lower-case hex, the first longest run of two or more zero pieces as "::". */
export function serializeIPv6(address: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (address[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    out += (address[i] ?? 0).toString(16);
    if (i !== 7) out += ':';
  }
  return `[${out}]`;
}

// ---------------------------------------------------------------------------
// The host parser

/** The runtime's UTS #46 ToASCII, through its URL class. */
export function runtimeDomainToAscii(domain: string): string | null {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * Parses the host of a special URL (ws:, wss:, http:, https:) as written
 * between "//" (and any user info) and the port, path, query or fragment.
 * `raw` must not be empty: a missing host is the caller's error to report.
 */
export function parseHost(raw: string, toAscii: DomainToAscii = runtimeDomainToAscii): HostResult {
  if (raw.startsWith('[')) {
    const close = raw.indexOf(']');
    if (close < 0) return { ok: false, kind: 'ipv6', error: 'the IPv6 address has no closing "]"' };
    if (close !== raw.length - 1) return { ok: false, kind: 'ipv6', error: `unexpected text "${raw.slice(close + 1)}" after the IPv6 address` };
    const address = parseIPv6(raw.slice(1, -1));
    if (address === null) return { ok: false, kind: 'ipv6', error: `"${raw}" is not a valid IPv6 address` };
    return { ok: true, host: serializeIPv6(address), kind: 'ipv6' };
  }

  const decoded = decodeHost(raw);
  if (!decoded.ok) return decoded;
  const forbidden = forbiddenError(raw, decoded.value);
  if (forbidden !== null) return { ok: false, kind: 'domain', error: forbidden };

  const domain = String.fromCodePoint(...decoded.value.cps);
  const isAscii = decoded.value.cps.every((cp) => cp < 0x80);
  let ascii: string;
  if (isAscii) {
    const label = labelErrors(raw, domain, decoded.value.at);
    if (label !== null) return { ok: false, kind: 'domain', error: label };
    ascii = domain.toLowerCase();
    // An "xn--" label that passed the table-free checks may still fail the
    // Bidi rule or the validity table: ask the runtime too (Node follows
    // UTS #46 there; Chromium is laxer, so this only ever adds failures).
    if (/(?:^|\.)xn--/.test(ascii) && toAscii(ascii) === null) {
      return { ok: false, kind: 'domain', error: `The host "${raw}" is not a valid international domain name (IDNA).` };
    }
  } else {
    // "xn--" followed by non-ASCII text is never Punycode (UTS #46 4.1).
    let index = 0;
    for (const label of domain.split(/[.\u3002\uff0e\uff61]/)) {
      if (label.slice(0, 4).toLowerCase() === 'xn--' && Array.from(label).some((ch) => (ch.codePointAt(0) ?? 0) >= 0x80)) {
        const at = decoded.value.at[index] ?? 1;
        return {
          ok: false,
          kind: 'domain',
          error: `The host "${raw}" has the label "${label}" (position ${at}), which starts with "xn--" but is not ASCII: it is not valid Punycode.`,
        };
      }
      index += Array.from(label).length + 1;
    }
    const mapped = toAscii(domain);
    if (mapped === null) return { ok: false, kind: 'domain', error: `The host "${raw}" is not a valid international domain name (IDNA).` };
    const bad = Array.from(mapped).find((ch) => isForbiddenDomainCodePoint(ch.codePointAt(0) ?? 0));
    if (bad !== undefined) {
      const cp = bad.codePointAt(0) ?? 0;
      return {
        ok: false,
        kind: 'domain',
        error: `The host "${raw}" becomes "${mapped}" as an international domain name, which contains ${nameOf(cp)}: a URL host cannot contain ${pluralOf(cp)}.`,
      };
    }
    const label = labelErrors(raw, mapped);
    if (label !== null) return { ok: false, kind: 'domain', error: label };
    ascii = mapped;
  }

  if (endsInANumber(ascii)) {
    const v4 = parseIPv4(ascii);
    if (v4 === null) return { ok: false, kind: 'ipv4', error: `"${raw}" is not a valid IPv4 address` };
    return { ok: true, host: serializeIPv4(v4), kind: 'ipv4' };
  }
  return { ok: true, host: ascii, kind: 'domain' };
}
