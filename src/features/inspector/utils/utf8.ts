/**
 * UTF-8 decoding that says where the bytes were not UTF-8, for the binary
 * inspector. Valid runs are decoded as text; each invalid sequence (the
 * "maximal subpart" of the Encoding Standard, the same unit TextDecoder turns
 * into one U+FFFD) is kept as its bytes so the view can mark it.
 */

export type Utf8Segment = { kind: 'text'; text: string } | { kind: 'invalid'; bytes: Uint8Array; offset: number };

export interface Utf8Decode {
  segments: Utf8Segment[];
  /** number of invalid sequences */
  invalid: number;
}

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** Length of the well-formed sequence at `i`, or -(length of the maximal invalid subpart). */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i] ?? 0;
  if (b < 0x80) return 1;
  let need: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b === 0xe0) {
    need = 2;
    lower = 0xa0;
  } else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) need = 2;
  else if (b === 0xed) {
    need = 2;
    upper = 0x9f;
  } else if (b === 0xf0) {
    need = 3;
    lower = 0x90;
  } else if (b >= 0xf1 && b <= 0xf3) need = 3;
  else if (b === 0xf4) {
    need = 3;
    upper = 0x8f;
  } else return -1;
  let j = i + 1;
  for (let k = 0; k < need; k++, j++) {
    const c = bytes[j];
    if (c === undefined || c < lower || c > upper) return -(j - i);
    lower = 0x80;
    upper = 0xbf;
  }
  return j - i;
}

/** Whether `bytes` are entirely well-formed UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes `bytes`, keeping every invalid sequence apart with its offset. */
export function decodeUtf8Marked(bytes: Uint8Array): Utf8Decode {
  if (isValidUtf8(bytes)) return { segments: bytes.length ? [{ kind: 'text', text: lenient.decode(bytes) }] : [], invalid: 0 };
  const segments: Utf8Segment[] = [];
  let invalid = 0;
  let runStart = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const len = sequenceAt(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    if (i > runStart) segments.push({ kind: 'text', text: lenient.decode(bytes.subarray(runStart, i)) });
    const bad = -len;
    segments.push({ kind: 'invalid', bytes: bytes.slice(i, i + bad), offset: i });
    invalid++;
    i += bad;
    runStart = i;
  }
  if (runStart < n) segments.push({ kind: 'text', text: lenient.decode(bytes.subarray(runStart, n)) });
  return { segments, invalid };
}
