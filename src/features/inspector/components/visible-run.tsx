import type { VisibleSegment } from '../utils/visible-text';
import { codeLabel } from '../utils/visible-text';

export type VisibleRunProps = { segments: VisibleSegment[] };

/** Text with invisible and control characters drawn as marked symbols (their name on hover). */
export function VisibleRun({ segments }: VisibleRunProps) {
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          s.text
        ) : (
          <abbr
            key={i}
            title={`${codeLabel(s.code)} ${s.name}`}
            className="mx-px rounded-sm border border-amber-600/70 bg-amber-950 px-0.5 text-[10px] text-amber-200 no-underline"
          >
            {s.mark}
          </abbr>
        ),
      )}
    </>
  );
}
