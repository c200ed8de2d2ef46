/**
 * Hex dump lines, as `hexdump -C` and DevTools draw them: an offset, 16 bytes
 * of hex (a wider gap after the eighth), and the printable ASCII of those bytes
 * with a dot for anything else. One line at a time, so a view of a large
 * payload only formats the lines it shows.
 */

export const BYTES_PER_LINE = 16;

export interface HexLine {
  /** 8 hex digits, e.g. "00000010" */
  offset: string;
  /** "00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f" (shorter on the last line) */
  hex: string;
  /** "................", printable ASCII as itself */
  ascii: string;
}

const HEX = '0123456789abcdef';

export function hexLineCount(byteLength: number): number {
  return Math.ceil(byteLength / BYTES_PER_LINE);
}

export function formatOffset(offset: number): string {
  return offset.toString(16).padStart(8, '0');
}

/** Printable ASCII (0x20–0x7e) as itself, anything else as ".". */
export function asciiOf(byte: number): string {
  return byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : '.';
}

/** Line `line` (0-based) of the dump of `bytes`; bytes flagged in `mask` (a secret's) show as •• and •. */
export function hexLine(bytes: Uint8Array, line: number, mask?: Uint8Array | null): HexLine {
  const start = line * BYTES_PER_LINE;
  const end = Math.min(bytes.length, start + BYTES_PER_LINE);
  let hex = '';
  let ascii = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (i > start) hex += i - start === 8 ? '  ' : ' ';
    if (mask?.[i]) {
      hex += '••';
      ascii += '•';
      continue;
    }
    hex += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
    ascii += asciiOf(b);
  }
  return { offset: formatOffset(start), hex, ascii };
}

/** The whole dump as text (for copying), columns padded so the ASCII column lines up. */
export function formatHexDump(bytes: Uint8Array, maxLines = Infinity, mask?: Uint8Array | null): string {
  const lines = Math.min(hexLineCount(bytes.length), maxLines);
  const width = BYTES_PER_LINE * 3; // 47 characters of hex plus the extra gap
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const { offset, hex, ascii } = hexLine(bytes, l, mask);
    out.push(`${offset}  ${hex.padEnd(width)}  |${ascii}|`);
  }
  return out.join('\n');
}
