import { useMemo } from 'react';
import { cn } from '../../../components/ui/cn';
import { formatCount } from '../../../lib/codecs';
import { visibleText } from '../utils/visible-text';
import { VisibleRun } from './visible-run';

/** Characters shown at most; the rest is a download away. */
export const TEXT_DISPLAY_LIMIT = 2_000_000;

export type TextViewProps = {
  text: string;
  wrap: boolean;
  label: string;
};

/**
 * The full text, with control and invisible characters marked. Wrapped or
 * not, it scrolls inside the panel: a 1 MB line never widens the layout.
 */
export function TextView({ text, wrap, label }: TextViewProps) {
  const shown = text.length > TEXT_DISPLAY_LIMIT ? text.slice(0, TEXT_DISPLAY_LIMIT) : text;
  const visible = useMemo(() => visibleText(shown), [shown]);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {visible.specials > 0 ? (
        <p className="border-b border-zinc-800 px-3 py-1 text-xs text-amber-200">
          {formatCount(visible.specials)} control or invisible {visible.specials === 1 ? 'character is' : 'characters are'} marked.
        </p>
      ) : null}
      {shown.length < text.length ? (
        <p className="border-b border-zinc-800 px-3 py-1 text-xs text-zinc-400">
          Showing the first {formatCount(shown.length)} of {formatCount(text.length)} characters; Download has all of it.
        </p>
      ) : null}
      <pre
        aria-label={label}
        tabIndex={0}
        className={cn(
          'min-h-0 flex-1 overflow-auto p-3 font-mono text-xs text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-400',
          wrap ? 'break-all whitespace-pre-wrap' : 'whitespace-pre',
        )}
      >
        {shown === '' ? <span className="text-zinc-400">(empty)</span> : <VisibleRun segments={visible.segments} />}
      </pre>
    </div>
  );
}
