import { useEffect } from 'react';

/**
 * Dialogs that can be opened from elsewhere (the File menu, the command
 * palette) register how to open themselves under a name. A dialog that is not
 * mounted has no opener, and `openDialog` says so by returning false.
 */
export type DialogName = 'import' | 'export' | 'workspace' | 'settings' | 'shortcuts' | 'merge' | 'copy-link' | 'commands';

const openers = new Map<DialogName, () => void>();

export function openDialog(name: DialogName): boolean {
  const open = openers.get(name);
  if (!open) return false;
  open();
  return true;
}

export function canOpenDialog(name: DialogName): boolean {
  return openers.has(name);
}

/** Registers `open` under `name` until the returned function is called. */
export function registerDialogOpener(name: DialogName, open: () => void): () => void {
  openers.set(name, open);
  return () => {
    if (openers.get(name) === open) openers.delete(name);
  };
}

/**
 * Registers `open` under `name` while the calling component is mounted;
 * `null` registers nothing (a second copy of a dialog, such as the Workspace
 * dialog's own Export, leaves the name to the first). Pass a memoized `open`.
 */
export function useDialogOpener(name: DialogName | null, open: () => void): void {
  useEffect(() => {
    if (name === null) return undefined;
    return registerDialogOpener(name, open);
  }, [name, open]);
}
