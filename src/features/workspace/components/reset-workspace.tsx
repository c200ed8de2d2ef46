import { useRef } from 'react';
import { useStore } from '../../../store/store';
import { resetWorkspace } from '../../../store/automate-actions';
import { Button } from '../../../components/ui/button';

/** "Reset workspace" behind a native <dialog> that says what will be lost; Cancel is the default. */
export function ResetWorkspace() {
  const dialog = useRef<HTMLDialogElement>(null);
  const connections = useStore((s) => s.connections.length);
  const templates = useStore((s) => s.templates.length);
  const confirm = () => {
    resetWorkspace();
    dialog.current?.close();
  };
  return (
    <>
      <Button size="sm" variant="danger" onClick={() => dialog.current?.showModal()}>
        Reset workspace…
      </Button>
      <dialog ref={dialog} aria-labelledby="reset-title" aria-describedby="reset-what" className="m-auto w-96 rounded-lg border border-rose-800 bg-zinc-900 p-0 text-zinc-100 backdrop:bg-black/60">
        <div className="flex flex-col gap-3 p-4">
          <h2 id="reset-title" className="text-base font-semibold">
            Reset the workspace?
          </h2>
          <p id="reset-what" className="text-sm text-zinc-300">
            This closes and forgets all {connections} {connections === 1 ? 'connection' : 'connections'} with everything they captured, deletes {templates} saved{' '}
            {templates === 1 ? 'message' : 'messages'}, the sent history and drafts, and puts every setting back to its default. Export the workspace first to keep a copy.
          </p>
          <div className="flex justify-end gap-2">
            <Button autoFocus onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirm}>
              Reset workspace
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
