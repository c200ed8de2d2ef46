import { useMemo } from 'react';
import { Button } from '../../../components/ui/button';
import { parseFlowJson } from '../../../lib/flows/parse';
import { enableFlowScripts } from '../flow-store';
import type { SavedFlow } from '../flow-store';

export type ScriptsReviewProps = { flow: SavedFlow };

/** The scripts of a flow file's text, as far as they can be read (the editor reports the rest). */
function scriptsOf(text: string): { name: string; source: string }[] {
  const parsed = parseFlowJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return [];
  const list = (parsed.value as { scripts?: unknown }).scripts;
  if (!Array.isArray(list)) return [];
  return list.flatMap((s: unknown) => {
    if (typeof s !== 'object' || s === null) return [];
    const { name, source } = s as { name?: unknown; source?: unknown };
    return typeof source === 'string' ? [{ name: typeof name === 'string' ? name : '(no name)', source }] : [];
  });
}

/**
 * An imported flow's scripts are code: they stay off until the user has read
 * them (shown here as text, never run) and enabled them; Run says so until then.
 */
export function ScriptsReview({ flow }: ScriptsReviewProps) {
  const scripts = useMemo(() => scriptsOf(flow.text), [flow.text]);
  if (!flow.scriptsToReview || scripts.length === 0) return null;
  const one = scripts.length === 1;
  return (
    <section aria-label="Scripts to review" className="flex flex-col gap-2 rounded-md border border-amber-700 bg-amber-950/60 p-2 text-xs text-amber-100">
      <p>
        This flow came from a file and carries {one ? 'a script' : `${scripts.length} scripts`} ({scripts.map((s) => s.name).join(', ')}). {one ? 'It runs' : 'They run'} in the sandbox, but only once you have read {one ? 'it' : 'them'} and enabled {one ? 'it' : 'them'}: until then the flow does not run.
      </p>
      {scripts.map((s, i) => (
        // By position: a file that is not valid yet may repeat a name.
        <details key={i} className="rounded border border-amber-800/60 bg-zinc-950/60">
          <summary className="cursor-pointer px-2 py-1 font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">Read script {s.name}</summary>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-words px-2 py-1 font-mono text-zinc-200">{s.source}</pre>
        </details>
      ))}
      <div>
        <Button size="sm" variant="secondary" onClick={() => enableFlowScripts(flow.id)}>
          I have read {one ? 'it' : 'them'}: enable
        </Button>
      </div>
    </section>
  );
}
