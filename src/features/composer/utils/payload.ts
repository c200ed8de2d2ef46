import { formatCount, parseBase64, parseHex, utf8ByteLength } from '../../../lib/codecs';
import type { Draft } from '../../../store/types';

export type PayloadCheck = { ok: true; data: string | Uint8Array | Blob; size: number } | { ok: false; error: string };

/** The exact frame the composer would send: text as typed, or the bytes the hex/base64/file stands for. */
export function buildPayload(draft: Draft, file: File | null): PayloadCheck {
  if (draft.mode === 'text') return { ok: true, data: draft.text, size: utf8ByteLength(draft.text) };
  switch (draft.binaryFormat) {
    case 'hex': {
      const r = parseHex(draft.hex);
      return r.ok ? { ok: true, data: r.bytes, size: r.bytes.length } : { ok: false, error: r.error };
    }
    case 'base64': {
      const r = parseBase64(draft.base64);
      return r.ok ? { ok: true, data: r.bytes, size: r.bytes.length } : { ok: false, error: r.error };
    }
    case 'file':
      return file ? { ok: true, data: file, size: file.size } : { ok: false, error: 'Choose a file, or drop one here' };
  }
}

/** "1 byte", "3 bytes", "1,024 bytes". */
export function byteCount(n: number): string {
  // formatCount, not toLocaleString: the first Intl call of a page loads locale data (~30 ms, in the
  // render that opens the first connection).
  return `${formatCount(n)} ${n === 1 ? 'byte' : 'bytes'}`;
}
