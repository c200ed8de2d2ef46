import { useMemo } from 'react';
import { formatBase64, formatCount } from '../../../lib/codecs';

/** Bytes encoded for display at most (the copy button encodes all of them). */
export const BASE64_DISPLAY_LIMIT = 3 << 19;

export type Base64ViewProps = { bytes: Uint8Array };

export function Base64View({ bytes }: Base64ViewProps) {
  const shown = bytes.length > BASE64_DISPLAY_LIMIT ? bytes.subarray(0, BASE64_DISPLAY_LIMIT) : bytes;
  const text = useMemo(() => formatBase64(shown), [shown]);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {shown.length < bytes.length ? (
        <p className="border-b border-zinc-800 px-3 py-1 text-xs text-zinc-400">
          Showing the base64 of the first {formatCount(shown.length)} of {formatCount(bytes.length)} bytes; Copy base64 has all of it.
        </p>
      ) : null}
      <pre aria-label="Base64 of the payload" tabIndex={0} className="min-h-0 flex-1 overflow-auto p-3 font-mono text-xs break-all whitespace-pre-wrap text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-400">
        {text === '' ? <span className="text-zinc-400">(empty)</span> : text}
      </pre>
    </div>
  );
}
