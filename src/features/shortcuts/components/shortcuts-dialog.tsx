import { useCallback, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { useDialogOpener } from '../../../components/ui/dialog-openers';
import { listCommands, shortcutRows } from '../../../components/ui/command-items';
import { Keys } from '../../../components/ui/keys';

export type ShortcutsDialogProps = {
  /** render the "Shortcuts" button; without it, open the list with openDialog('shortcuts') or "?" */
  trigger?: boolean;
};

/**
 * The "?" list of keyboard shortcuts, made from the command registry
 * (src/app/commands.ts) when it opens. Its opener toggles: "?" shows and
 * hides it.
 */
export function ShortcutsDialog({ trigger = true }: ShortcutsDialogProps) {
  const dialog = useDialog();
  const [rows, setRows] = useState<ReturnType<typeof shortcutRows>>([]);
  const toggle = useCallback(() => {
    if (!dialog.isOpen()) setRows(shortcutRows(listCommands()));
    dialog.toggle();
  }, [dialog]);
  useDialogOpener('shortcuts', toggle);

  return (
    <>
      {trigger ? (
        <Button size="sm" variant="ghost" onClick={toggle} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
          Shortcuts
        </Button>
      ) : null}
      <Dialog handle={dialog} id="shortcuts" title="Keyboard shortcuts" footer={<Button onClick={dialog.close}>Close</Button>}>
        <p className="text-xs text-zinc-400">Single keys work when you are not typing in a field. Ctrl+K (⌘K) lists every command.</p>
        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
          {rows.map((r) => (
            <div key={r.keys.join('+')} className="contents">
              <dt className="flex gap-1">
                <Keys keys={r.keys} />
              </dt>
              <dd className="text-zinc-200">{r.text}</dd>
            </div>
          ))}
        </dl>
      </Dialog>
    </>
  );
}
