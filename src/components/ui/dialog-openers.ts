import { useEffect } from 'react';

/**
 * Dialogs that can be opened from elsewhere (the File menu, the command
 * palette) register how to open themselves under a name. A dialog that is not
 * mounted has no opener, and `openDialog` says so by returning false.
 */
export type DialogName = 'import' | 'export' | 'workspace' | 'settings' | 'shortcuts' | 'merge' | 'copy-link' | 'commands' | 'environments';

const openers = new Map<DialogName, () => void>();
/** Asked to open while their code was still on the way: opened when they register. */
const pending = new Set<DialogName>();

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
  if (pending.delete(name)) open();
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

/**
 * For a dialog whose code loads lazily: until it registers its own opener, an
 * open request (its key, a menu) is kept and honoured once it does, so a key
 * pressed right after the page loads is not lost.
 */
export function useDialogPlaceholder(name: DialogName): void {
  useEffect(() => {
    if (openers.has(name)) return undefined;
    const placeholder = () => {
      pending.add(name);
    };
    const unregister = registerDialogOpener(name, placeholder);
    return () => {
      pending.delete(name);
      unregister();
    };
  }, [name]);
}
