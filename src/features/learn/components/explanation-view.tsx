import type { Explanation } from '../utils/explanations';

export type ExplanationViewProps = { explanation: Explanation; headingLevel?: 3 | 4 };

/** One explanation as plain text: paragraphs, points and an example. */
export function ExplanationView({ explanation: x, headingLevel = 4 }: ExplanationViewProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article className="flex flex-col gap-2 text-sm text-zinc-200">
      {x.title ? <Heading className="font-semibold text-zinc-100">{x.title}</Heading> : null}
      {x.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {x.points ? (
        <ul className="list-disc space-y-1 pl-5">
          {x.points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {x.example ? (
        <pre tabIndex={0} aria-label={`${x.title}: example`} className="overflow-x-auto rounded-md border border-zinc-700 bg-zinc-900 p-2 font-mono text-[11px] leading-relaxed text-zinc-200 focus-visible:outline-2 focus-visible:outline-sky-400">
          {x.example}
        </pre>
      ) : null}
    </article>
  );
}
