import { useMemo } from 'react';
import { cn } from '../../../components/ui/cn';
import { formatCount, formatHex } from '../../../lib/codecs';
import { decodeUtf8Marked } from '../utils/utf8';
import { formatOffset } from '../utils/hex-dump';
import { visibleText } from '../utils/visible-text';
import { VisibleRun } from './visible-run';
import { maskSecretValues } from '../../../lib/secret-values';

/** Bytes decoded at most; the rest is a download away. */
export const UTF8_DISPLAY_LIMIT = 1 << 20;
/** Invalid sequences marked at most; the rest show as U+FFFD. */
const MAX_MARKS = 5000;

export type Utf8ViewProps = { bytes: Uint8Array; wrap: boolean };

/** The bytes read as UTF-8: valid text as text, each invalid sequence marked with its bytes and offset. */
export function Utf8View({ bytes, wrap }: Utf8ViewProps) {
  const shown = bytes.length > UTF8_DISPLAY_LIMIT ? bytes.subarray(0, UTF8_DISPLAY_LIMIT) : bytes;
  const decoded = useMemo(() => decodeUtf8Marked(shown), [shown]);
  let marks = 0;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <p className={cn('border-b border-zinc-800 px-3 py-1 text-xs', decoded.invalid ? 'text-rose-200' : 'text-emerald-200')}>
        {decoded.invalid
          ? `Not valid UTF-8: ${formatCount(decoded.invalid)} invalid ${decoded.invalid === 1 ? 'sequence' : 'sequences'}, marked in red.`
          : 'Valid UTF-8.'}
        {shown.length < bytes.length ? ` Showing the first ${formatCount(shown.length)} of ${formatCount(bytes.length)} bytes.` : ''}
      </p>
      <pre
        aria-label="UTF-8 decoding"
        tabIndex={0}
        className={cn(
          'min-h-0 flex-1 overflow-auto p-3 font-mono text-xs text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-400',
          wrap ? 'break-all whitespace-pre-wrap' : 'whitespace-pre',
        )}
      >
        {decoded.segments.map((s, i) => {
          if (s.kind === 'text') return <VisibleRun key={i} segments={visibleText(maskSecretValues(s.text)).segments} />;
          marks++;
          if (marks > MAX_MARKS) return '\ufffd';
          return (
            <mark
              key={i}
              title={`Invalid UTF-8 at offset ${formatOffset(s.offset)}: ${formatHex(s.bytes)}`}
              className="mx-px rounded-sm bg-rose-800 px-0.5 text-[10px] text-rose-50"
            >
              {`\ufffd${formatHex(s.bytes)}`}
            </mark>
          );
        })}
      </pre>
    </div>
  );
}
