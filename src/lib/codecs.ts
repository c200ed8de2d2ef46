/**
 * Text and binary codecs for the composer and the timeline: UTF-8, hex and
 * base64, plus byte and count formatting.
 *
 * Plain TypeScript on purpose: it runs the same in the page, in a Worker and in
 * Node (tests, bench), using only TextEncoder/TextDecoder. The base64 and hex
 * codecs are written here rather than with atob/btoa or Buffer, so that tens
 * of megabytes go through without building strings one call-stack-sized chunk
 * at a time: output is written as ASCII bytes and decoded to a string once.
 */

export type BytesParse = { ok: true; bytes: Uint8Array } | { ok: false; error: string; position: number };

const encoder = new TextEncoder();
// ignoreBOM: keep a leading U+FEFF in the text instead of silently eating it;
// a console shows what was received.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
// Only ever fed ASCII bytes, for which UTF-8 decoding is exact and fast.
const asciiDecoder = new TextDecoder('utf-8');

// ---------------------------------------------------------------------------
// UTF-8

/** Where utf8ByteLength has TextEncoder write, made on first use and never read. */
let scratch: Uint8Array | null = null;
const SCRATCH_BYTES = 64 * 1024;

/**
 * Number of bytes `s` takes in UTF-8, as TextEncoder and the WebSocket API
 * would encode it: a lone surrogate becomes U+FFFD and counts as 3 bytes.
 * TextEncoder counts them, into a scratch buffer of 64 KiB, a stretch at a
 * time (it stops before a character that does not fit, never inside one):
 * several times faster than a loop over the UTF-16 code units, and it runs
 * for every text message the socket Worker receives.
 */
export function utf8ByteLength(s: string): number {
  scratch ??= new Uint8Array(SCRATCH_BYTES);
  let bytes = 0;
  let at = 0;
  while (at < s.length) {
    const { read, written } = encoder.encodeInto(at === 0 ? s : s.substring(at), scratch);
    bytes += written;
    at += read;
  }
  return bytes;
}

/** UTF-8 bytes of `s`; lone surrogates become U+FFFD (EF BF BD). */
export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * Text from UTF-8 bytes. Invalid sequences become U+FFFD (never throws);
 * a leading byte order mark is kept as U+FEFF.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

// ---------------------------------------------------------------------------
// Characters in error messages

/**
 * A character as an error message should show it: printable ASCII in quotes
 * (`"g"`), anything else with its code point so invisible characters can be
 * found (`"é" (U+00E9)`, `U+200B`, `a tab`).
 */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0);
  if (cp === undefined) return 'nothing';
  if (cp === 0x20) return 'space';
  if (cp === 0x09) return 'a tab';
  if (cp === 0x0a || cp === 0x0d) return 'a line break';
  if (cp === 0x22) return 'a double quote (")';
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp > 0x20 && cp < 0x7f) return `"${ch}"`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `${hex} (half of a surrogate pair)`;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `control character ${hex}`;
  if (isInvisible(cp)) return hex;
  return `"${String.fromCodePoint(cp)}" (${hex})`;
}

function isInvisible(cp: number): boolean {
  return (
    cp === 0xa0 ||
    cp === 0xad ||
    cp === 0x180e ||
    (cp >= 0x2000 && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202f) ||
    (cp >= 0x205f && cp <= 0x206f) ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}

/** The whole character (both halves of a surrogate pair) starting at index i. */
function charAt(s: string, i: number): string {
  const cp = s.codePointAt(i) ?? 0;
  return cp > 0xffff ? s.slice(i, i + 2) : s.charAt(i);
}

// Whitespace the codecs skip: the ASCII whitespace of the WHATWG Infra
// standard (space, tab, LF, FF, CR), as atob does.
function isAsciiWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

// ---------------------------------------------------------------------------
// Hex

// 0-15 for a hex digit, -1 otherwise; indexed by char code < 128.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUE[0x41 + i] = 10 + i;
  HEX_VALUE[0x61 + i] = 10 + i;
}

function hexValue(c: number): number {
  return c < 128 ? (HEX_VALUE[c] ?? -1) : -1;
}

function isHexSeparator(c: number): boolean {
  return isAsciiWhitespace(c) || c === 0x2c /* , */ || c === 0x3a /* : */;
}

/**
 * Bytes from hex text, as people paste it.
 *
 * Accepted:
 * - digits in either case: `00ff10`, `00 FF 10`;
 * - separators between bytes: any run of spaces, tabs, line breaks, `,` or `:`
 *   (`de:ad:be:ef`, `0x01, 0x02`, a multi-line dump);
 * - a `0x`/`0X` prefix at the start of each group (`0x00 0xff`, `0xdeadbeef`).
 *
 * A byte's two digits must be next to each other: `0 0` is an error rather
 * than a guess. Empty or separator-only input is 0 bytes. Positions in errors
 * are 0-based indexes into `input` (UTF-16 code units, like String#indexOf).
 */
export function parseHex(input: string): BytesParse {
  const n = input.length;
  let digits = 0;
  let lastDigitAt = -1;
  // First pass: validate, count digits, find the first half byte.
  let groupDigits = 0;
  let loneDigitAt = -1;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (isHexSeparator(c)) {
      if (groupDigits % 2 === 1 && loneDigitAt < 0) loneDigitAt = lastDigitAt;
      groupDigits = 0;
      i++;
      continue;
    }
    if (groupDigits === 0 && c === 0x30 && (input.charCodeAt(i + 1) | 0x20) === 0x78 && startsGroup(input, i)) {
      // "0x" prefix; it needs at least one digit after it.
      const next = i + 2 < n ? input.charCodeAt(i + 2) : -1;
      if (next < 0 || isHexSeparator(next)) {
        return { ok: false, error: `"${input.slice(i, i + 2)}" at position ${i} has no hex digits after it`, position: i };
      }
      i += 2;
      continue;
    }
    if (hexValue(c) < 0) {
      return { ok: false, error: `${describeChar(charAt(input, i))} at position ${i} is not a hex digit`, position: i };
    }
    digits++;
    groupDigits++;
    lastDigitAt = i;
    i++;
  }
  if (groupDigits % 2 === 1 && loneDigitAt < 0) loneDigitAt = lastDigitAt;
  if (digits % 2 === 1) {
    return { ok: false, error: `Odd number of hex digits (${digits}): every byte needs two`, position: lastDigitAt };
  }
  if (loneDigitAt >= 0) {
    const d = input.charAt(loneDigitAt);
    return {
      ok: false,
      error: `"${d}" at position ${loneDigitAt} is half a byte: write each byte as two digits, such as 0${d}`,
      position: loneDigitAt,
    };
  }
  // Second pass: decode. Validation guarantees digits pair up within groups.
  const out = new Uint8Array(digits / 2);
  let o = 0;
  let hi = -1;
  for (let j = 0; j < n; j++) {
    const c = input.charCodeAt(j);
    if (hi < 0 && c === 0x30 && (input.charCodeAt(j + 1) | 0x20) === 0x78 && startsGroup(input, j)) {
      j++;
      continue;
    }
    const v = hexValue(c);
    if (v < 0) continue;
    if (hi < 0) hi = v;
    else {
      out[o++] = (hi << 4) | v;
      hi = -1;
    }
  }
  return { ok: true, bytes: out };
}

function startsGroup(s: string, i: number): boolean {
  return i === 0 || isHexSeparator(s.charCodeAt(i - 1));
}

const HEX_CHARS = '0123456789abcdef';

/**
 * "00 ff 10": lower case, one space between bytes. With `max`, only the first
 * `max` bytes are written, followed by " …" when bytes were left out.
 */
export function formatHex(bytes: Uint8Array, max?: number, mask?: Uint8Array | null): string {
  const limit = max === undefined ? bytes.length : Math.max(0, Math.min(bytes.length, Math.floor(max)));
  const cut = limit < bytes.length;
  if (limit === 0) return cut ? '…' : '';
  if (mask) {
    // Bytes flagged in `mask` (a secret's) show as ••.
    const parts: string[] = [];
    for (let i = 0; i < limit; i++) {
      const b = bytes[i] ?? 0;
      parts.push(mask[i] ? '••' : HEX_CHARS.charAt(b >> 4) + HEX_CHARS.charAt(b & 15));
    }
    return cut ? `${parts.join(' ')} …` : parts.join(' ');
  }
  const out = new Uint8Array(limit * 3 - 1);
  let o = 0;
  for (let i = 0; i < limit; i++) {
    const b = bytes[i] ?? 0;
    if (i > 0) out[o++] = 0x20;
    out[o++] = HEX_CHARS.charCodeAt(b >> 4);
    out[o++] = HEX_CHARS.charCodeAt(b & 15);
  }
  const text = asciiDecoder.decode(out);
  return cut ? `${text} …` : text;
}

// ---------------------------------------------------------------------------
// Base64

const B64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_ENCODE = new Uint8Array(64);
for (let i = 0; i < 64; i++) B64_ENCODE[i] = B64_CHARS.charCodeAt(i);

// 0-63 for a character of either alphabet, -1 otherwise.
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64_CHARS.charCodeAt(i)] = i;
B64_VALUE[0x2d] = 62; // '-' (base64url)
B64_VALUE[0x5f] = 63; // '_' (base64url)

function b64Value(c: number): number {
  return c < 128 ? (B64_VALUE[c] ?? -1) : -1;
}

/**
 * Bytes from base64 text.
 *
 * - Standard (`+/`) and URL-safe (`-_`) alphabets are both accepted, even
 *   mixed: each character has one meaning in either.
 * - ASCII whitespace anywhere is ignored (pasted, line-wrapped base64).
 * - `=` padding is optional, but if present it must be exactly what the last
 *   group needs and come only at the end.
 * - Like atob and Node, unused low bits in the last character are ignored.
 *
 * Positions in errors are 0-based indexes into `input`.
 */
export function parseBase64(input: string): BytesParse {
  const n = input.length;
  let data = 0;
  let pad = 0;
  let firstPadAt = -1;
  let lastDataAt = -1;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (b64Value(c) >= 0) {
      if (pad > 0) {
        return {
          ok: false,
          error: `${describeChar(charAt(input, i))} at position ${i} comes after "=" padding, which may only end the data`,
          position: i,
        };
      }
      data++;
      lastDataAt = i;
    } else if (c === 0x3d /* = */) {
      if (pad === 0) firstPadAt = i;
      pad++;
    } else if (!isAsciiWhitespace(c)) {
      return { ok: false, error: `${describeChar(charAt(input, i))} at position ${i} is not a base64 character`, position: i };
    }
  }
  const rest = data % 4;
  if (rest === 1) {
    return {
      ok: false,
      error: `Base64 length ${data} is not valid (a final group cannot be 1 character)`,
      position: lastDataAt,
    };
  }
  if (pad > 0) {
    const need = rest === 0 ? 0 : 4 - rest;
    if (pad !== need) {
      const error =
        need === 0
          ? `"=" at position ${firstPadAt} is not needed: the data already ends on a whole group of 4 characters`
          : `Wrong padding at position ${firstPadAt}: a final group of ${rest} characters needs "${'='.repeat(need)}", not "${'='.repeat(pad)}"`;
      return { ok: false, error, position: firstPadAt };
    }
  }

  const out = new Uint8Array(Math.floor((data * 3) / 4));
  let o = 0;
  let acc = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = b64Value(input.charCodeAt(i));
    if (v < 0) continue;
    acc = (acc << 6) | v;
    if (++k === 4) {
      out[o++] = acc >> 16;
      out[o++] = (acc >> 8) & 0xff;
      out[o++] = acc & 0xff;
      acc = 0;
      k = 0;
    }
  }
  if (k === 2) {
    out[o++] = acc >> 4;
  } else if (k === 3) {
    out[o++] = acc >> 10;
    out[o++] = (acc >> 2) & 0xff;
  }
  return { ok: true, bytes: out };
}

/** Standard base64 with `=` padding, no line breaks. Linear, fine for 50 MB. */
export function formatBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n === 0) return '';
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  const full = n - (n % 3);
  let o = 0;
  for (let i = 0; i < full; i += 3) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = B64_ENCODE[v >> 18] ?? 0;
    out[o++] = B64_ENCODE[(v >> 12) & 63] ?? 0;
    out[o++] = B64_ENCODE[(v >> 6) & 63] ?? 0;
    out[o++] = B64_ENCODE[v & 63] ?? 0;
  }
  if (n - full === 1) {
    const v = bytes[full] ?? 0;
    out[o++] = B64_ENCODE[v >> 2] ?? 0;
    out[o++] = B64_ENCODE[(v & 3) << 4] ?? 0;
    out[o++] = 0x3d;
    out[o++] = 0x3d;
  } else if (n - full === 2) {
    const v = ((bytes[full] ?? 0) << 8) | (bytes[full + 1] ?? 0);
    out[o++] = B64_ENCODE[v >> 10] ?? 0;
    out[o++] = B64_ENCODE[(v >> 4) & 63] ?? 0;
    out[o++] = B64_ENCODE[(v & 15) << 2] ?? 0;
    out[o++] = 0x3d;
  }
  return asciiDecoder.decode(out);
}

// ---------------------------------------------------------------------------
// Numbers

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/**
 * Binary units with one decimal: "0 B", "1023 B", "1.0 KiB", "1.5 MiB",
 * "2.0 GiB". Values that would round to 1024 of a unit move up a unit
 * ("1.0 MiB", never "1024.0 KiB"). Negative sizes keep their sign; a value
 * that is not a finite number is shown as "? B".
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '? B';
  if (n < 0) return `-${formatBytes(-n)}`;
  if (Math.round(n) < 1024) return `${Math.round(n)} B`;
  let value = n / 1024;
  let unit = 0;
  while (unit < BYTE_UNITS.length - 1 && Number(value.toFixed(1)) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${BYTE_UNITS[unit] ?? 'EiB'}`;
}

/**
 * Thousands separators, fixed to "," whatever the locale: "312,000",
 * "-1,234". Fractions are kept as written ("1,234.5"). Non-finite numbers
 * and numbers too large for plain notation are returned as String(n).
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Math.abs(n));
  if (s.includes('e')) return String(n);
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot);
  let grouped = '';
  for (let end = int.length; end > 0; end -= 3) {
    const part = int.slice(Math.max(0, end - 3), end);
    grouped = grouped ? `${part},${grouped}` : part;
  }
  return `${n < 0 ? '-' : ''}${grouped}${frac}`;
}
