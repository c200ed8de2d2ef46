import { useEffect } from 'react';
import { Button } from '../../../components/ui/button';
import { Popover } from '../../../components/ui/popover';
import { showToast } from '../../../components/ui/toast';
import { cn } from '../../../components/ui/cn';
import { GALLERY, NEW_SCRIPT_SOURCE } from '../../../lib/script-gallery';
import { useStore } from '../../../store/store';
import { addScript } from '../../../store/scripts-actions';
import { scriptsAwaitingReview } from '../../../store/scripts-slice';
import { selectScript, setScriptsOpen, useScriptsUi } from '../scripts-ui';
import { ScriptDetails } from './script-details';

function add(name: string, source: string): void {
  const r = addScript({ name, source });
  if (r.ok) selectScript(r.id);
  else showToast(r.error, 'error');
}

function GalleryMenu() {
  return (
    <Popover trigger={<>Gallery ▾</>} title="Gallery of examples" panelClassName="flex w-80 flex-col gap-1 p-2">
      {(close) =>
        GALLERY.map((g) => (
          <button
            key={g.id}
            type="button"
            className="flex flex-col items-start rounded-md px-2 py-1 text-left hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-sky-400"
            onClick={() => {
              add(g.name, g.source);
              close();
            }}
          >
            <span className="text-sm text-zinc-100">{g.name}</span>
            <span className="text-xs text-zinc-400">{g.about}</span>
          </button>
        ))
      }
    </Popover>
  );
}

function ReviewNotice() {
  const scripts = useStore((s) => s.scripts);
  const waiting = scriptsAwaitingReview(scripts);
  if (waiting.length === 0) return null;
  const from = [...new Set(waiting.map((s) => s.importedFrom))].join(', ');
  return (
    <p role="status" className="rounded-md border border-amber-700 bg-amber-950/60 p-2 text-xs text-amber-100">
      {waiting.length} {waiting.length === 1 ? 'script' : 'scripts'} came with {from} and {waiting.length === 1 ? 'is' : 'are'} disabled. Read each one, then enable it to let it run.
    </p>
  );
}

function ScriptList() {
  const scripts = useStore((s) => s.scripts);
  const selectedId = useScriptsUi((s) => s.selectedId);
  if (scripts.length === 0) {
    return <p className="text-xs text-zinc-400">No scripts yet. Start with New, or take an example from the Gallery: a custom lens decodes frames no built-in lens reads, and encodes what you compose.</p>;
  }
  return (
    <ul aria-label="Your scripts" className="flex max-h-40 flex-col gap-0.5 overflow-y-auto">
      {scripts.map((s) => (
        <li key={s.id}>
          <button
            type="button"
            aria-current={s.id === selectedId ? 'true' : undefined}
            onClick={() => selectScript(s.id)}
            className={cn(
              'flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-sm focus-visible:outline-2 focus-visible:outline-sky-400',
              s.id === selectedId ? 'bg-zinc-800 text-zinc-50' : 'text-zinc-200 hover:bg-zinc-800/60',
            )}
          >
            <span className="truncate">{s.name}</span>
            <span className={cn('ml-auto shrink-0 text-xs', s.importedFrom ? 'text-amber-300' : s.enabled ? 'text-emerald-300' : 'text-zinc-400')}>
              {s.importedFrom ? 'to review' : s.enabled ? 'on' : 'off'}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The Scripts panel: the user's scripts, the gallery, the editor with the engine's errors, and Test. */
export function ScriptsPanel() {
  const scripts = useStore((s) => s.scripts);
  const selectedId = useScriptsUi((s) => s.selectedId);
  const script = scripts.find((s) => s.id === selectedId);
  // Nothing chosen (or the chosen one deleted): show the first.
  useEffect(() => {
    if (!script && scripts[0]) selectScript(scripts[0].id);
  }, [script, scripts]);
  return (
    <aside aria-label="Scripts" className="flex w-[22rem] max-w-[40vw] shrink-0 flex-col gap-3 overflow-y-auto border-l border-zinc-800 bg-zinc-900/40 p-3 xl:w-[30rem] 2xl:w-[38rem] [&>*]:shrink-0">
      <div className="flex items-center gap-2">
        <h2 className="text-base font-semibold text-zinc-100">Scripts</h2>
        <span className="text-xs text-zinc-400">run in a sandbox: no network, storage or page</span>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={() => setScriptsOpen(false)}>
          Hide
        </Button>
      </div>
      <ReviewNotice />
      <div className="flex flex-wrap items-center gap-1">
        <Button size="sm" onClick={() => add('New script', NEW_SCRIPT_SOURCE)}>
          New
        </Button>
        <GalleryMenu />
      </div>
      <ScriptList />
      {script ? <ScriptDetails key={script.id} script={script} /> : null}
    </aside>
  );
}
