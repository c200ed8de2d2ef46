import { useCallback, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { formatBytes } from '../../../lib/codecs';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { showToast } from '../../../components/ui/toast';
import { useDialogOpener } from '../../../components/ui/dialog-openers';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import type { ImportedData } from '../utils/import-types';
import { MAX_IMPORT_BYTES } from '../utils/schema';
import { applyImport, readImport } from '../import-actions';
import type { ImportMode } from '../import-actions';
import { ImportConfirm } from './import-confirm';

export type ImportDialogProps = {
  /** 'timelines': files open as read-only timelines; 'workspace': a Sockpit JSON file replaces the workspace */
  mode: ImportMode;
  triggerLabel?: string;
  triggerVariant?: 'ghost' | 'secondary';
  /** render the trigger button; without it, open the dialog with openDialog('import') (mode 'timelines') */
  trigger?: boolean;
};

type Phase = { kind: 'idle' } | { kind: 'reading' } | { kind: 'error'; message: string } | { kind: 'confirm'; data: ImportedData; fileName: string };

/**
 * Opens a Sockpit JSON or HAR file. The file is read and checked in full
 * before anything appears; a problem is one error under the file field, and
 * the choice stays. Imported data is only ever shown as text.
 */
export function ImportDialog({ mode, triggerLabel = mode === 'workspace' ? 'Replace from file…' : 'Import…', triggerVariant = 'ghost', trigger = true }: ImportDialogProps) {
  const dialog = useDialog();
  const fileInput = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const uid = `import-${mode}`;

  const open = useCallback(() => {
    setPhase({ kind: 'idle' });
    dialog.open();
  }, [dialog]);
  // The workspace dialog's "Replace from file…" is a second copy: 'import' names the capture import.
  useDialogOpener(mode === 'timelines' ? 'import' : null, open);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (phase.kind === 'confirm') {
      showToast(applyImport(mode, phase.data, phase.fileName));
      dialog.close();
      return;
    }
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setPhase({ kind: 'error', message: 'Choose a file to import' });
      fileInput.current?.focus();
      return;
    }
    setPhase({ kind: 'reading' });
    const result = await readImport(file, mode);
    if (!result.ok) {
      setPhase({ kind: 'error', message: result.error });
      fileInput.current?.focus();
    } else if (mode === 'workspace') {
      setPhase({ kind: 'confirm', data: result.data, fileName: file.name });
    } else {
      showToast(applyImport(mode, result.data, file.name));
      dialog.close();
    }
  };

  const error = phase.kind === 'error' ? phase.message : undefined;
  const hint =
    mode === 'workspace'
      ? 'A Sockpit JSON export (best: “The whole workspace”).'
      : `Sockpit JSON or HAR (Chrome or Firefox DevTools, or Sockpit), up to ${formatBytes(MAX_IMPORT_BYTES)}. Opens as read-only timelines.`;

  return (
    <>
      {trigger ? (
        <Button size="sm" variant={triggerVariant} className="whitespace-nowrap" onClick={open}>
          {triggerLabel}
        </Button>
      ) : null}
      <Dialog
        handle={dialog}
        id={uid}
        title={mode === 'workspace' ? 'Replace the workspace from a file' : 'Import a capture'}
        onSubmit={(e) => void onSubmit(e)}
        footer={
          <>
            <Button onClick={dialog.close}>Cancel</Button>
            <Button type="submit" variant={phase.kind === 'confirm' ? 'danger' : 'primary'} disabled={phase.kind === 'reading'}>
              {phase.kind === 'confirm' ? 'Replace workspace' : 'Import'}
            </Button>
          </>
        }
      >
        <Field id={`${uid}-file`} label="File" error={error} hint={hint}>
          <input
            id={`${uid}-file`}
            ref={fileInput}
            type="file"
            accept=".json,.har,application/json"
            className={inputClass}
            onChange={() => setPhase({ kind: 'idle' })}
            aria-invalid={error ? true : undefined}
            aria-describedby={fieldDescribedBy(`${uid}-file`)}
          />
        </Field>
        {phase.kind === 'reading' ? (
          <p role="status" className="text-xs text-zinc-300">
            Reading and checking the file…
          </p>
        ) : null}
        {phase.kind === 'confirm' ? <ImportConfirm data={phase.data} /> : null}
      </Dialog>
    </>
  );
}
