import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { useDialogOpener } from '../../../components/ui/dialog-openers';
import { ResetWorkspace } from './reset-workspace';

export type WorkspaceMenuProps = {
  /** the export control, preset to the whole workspace (composed in src/app) */
  exportControl: ReactNode;
  /** the control that replaces the workspace from a file (composed in src/app) */
  importControl: ReactNode;
  /** render the "Workspace…" button; without it, open the dialog with openDialog('workspace') */
  trigger?: boolean;
};

/**
 * The workspace as one thing: connections, saved messages and settings. It
 * persists in this browser by itself; here it is exported, replaced from a
 * file, or reset.
 */
export function WorkspaceMenu({ exportControl, importControl, trigger = true }: WorkspaceMenuProps) {
  const dialog = useDialog();
  useDialogOpener('workspace', dialog.open);
  return (
    <>
      {trigger ? (
        <Button size="sm" variant="ghost" onClick={dialog.open}>
          Workspace…
        </Button>
      ) : null}
      <Dialog handle={dialog} id="workspace" title="Workspace" footer={<Button onClick={dialog.close}>Close</Button>}>
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
      </Dialog>
    </>
  );
}
