import { useEffect, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { isTypingTarget, SHORTCUTS, shortcutFor } from '../utils/shortcuts';
import { runShortcut } from '../actions';

/**
 * The one keydown listener for Sockpit's shortcuts, and the "?" list of them
 * (a native <dialog>: Escape closes it and focus returns where it was).
 */
export function ShortcutsDialog() {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const toggle = () => {
      const d = dialog.current;
      if (!d) return;
      if (d.open) d.close();
      else d.showModal();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || e.isComposing) return;
      const id = shortcutFor(e, isTypingTarget(document.activeElement));
      if (!id) return;
      // Behind another open dialog (Settings …) only "?" does anything: it is this list.
      const otherDialogOpen = [...document.querySelectorAll('dialog[open]')].some((d) => d !== dialog.current);
      if (otherDialogOpen || (dialog.current?.open && id !== 'help')) return;
      e.preventDefault();
      runShortcut(id, toggle);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => dialog.current?.showModal()} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
        Shortcuts
      </Button>
      <dialog ref={dialog} aria-labelledby="shortcuts-title" className="m-auto w-[28rem] max-w-[90vw] rounded-lg border border-zinc-700 bg-zinc-900 p-0 text-zinc-100 backdrop:bg-black/60">
        <div className="flex flex-col gap-3 p-4">
          <h2 id="shortcuts-title" className="text-base font-semibold">
            Keyboard shortcuts
          </h2>
          <p className="text-xs text-zinc-400">Single keys work when you are not typing in a field.</p>
          <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
            {SHORTCUTS.map((s) => (
              <div key={s.id} className="contents">
                <dt className="flex gap-1">
                  {s.keys.map((k) => (
                    <kbd key={k} className="rounded border border-zinc-600 bg-zinc-800 px-1.5 py-0.5 font-mono text-xs text-zinc-100">
                      {k}
                    </kbd>
                  ))}
                </dt>
                <dd className="text-zinc-200">{s.description}</dd>
              </div>
            ))}
          </dl>
          <div className="flex justify-end">
            <Button onClick={() => dialog.current?.close()}>Close</Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
