import { useRef } from 'react';
import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/button';
import { ResetWorkspace } from './reset-workspace';

export type WorkspaceMenuProps = {
  /** the export control, preset to the whole workspace (composed in src/app) */
  exportControl: ReactNode;
  /** the control that replaces the workspace from a file (composed in src/app) */
  importControl: ReactNode;
};

/**
 * The workspace as one thing: connections, saved messages and settings. It
 * persists in this browser by itself; here it is exported, replaced from a
 * file, or reset.
 */
export function WorkspaceMenu({ exportControl, importControl }: WorkspaceMenuProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => dialog.current?.showModal()}>
        Workspace…
      </Button>
      <dialog ref={dialog} aria-labelledby="workspace-title" className="m-auto w-[30rem] max-w-[95vw] rounded-lg border border-zinc-700 bg-zinc-900 p-0 text-zinc-100 backdrop:bg-black/60">
        <div className="flex flex-col gap-3 p-4">
          <h2 id="workspace-title" className="text-base font-semibold">
            Workspace
          </h2>
          <p className="text-sm text-zinc-300">
            Your connections, saved messages, sent history and settings are kept in this browser and come back after a reload. Captured traffic is not kept; export it to save it.
          </p>
          <div className="flex flex-col gap-2">
            <div className="flex items-center gap-2">
              {exportControl}
              <span className="text-xs text-zinc-400">one file with everything, secrets redacted unless you ask</span>
            </div>
            <div className="flex items-center gap-2">
              {importControl}
              <span className="text-xs text-zinc-400">connections, saved messages and settings from an exported Sockpit JSON file</span>
            </div>
            <div className="flex items-center gap-2">
              <ResetWorkspace />
            </div>
          </div>
          <div className="flex justify-end">
            <Button onClick={() => dialog.current?.close()}>Close</Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
