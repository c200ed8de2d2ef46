import { useMatchParts } from '../hooks/use-match-parts';

export type MarkedTextProps = { text: string; highlight: RegExp | null };

/** Text with what the filter found in <mark>s (rendered as text, never HTML). */
export function MarkedText({ text, highlight }: MarkedTextProps) {
  const parts = useMatchParts(text, highlight);
  return (
    <>
      {parts.map((part, i) =>
        part.match ? (
          <mark key={i} className="rounded-sm bg-amber-300 text-zinc-950">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
