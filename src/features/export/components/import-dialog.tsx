import { useCallback, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { formatBytes, formatCount } from '../../../lib/codecs';
import { Button } from '../../../components/ui/button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { showToast } from '../../../components/ui/toast';
import { useDialogOpener } from '../../../components/ui/dialog-openers';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import type { ImportedData } from '../utils/import-types';
import { MAX_IMPORT_BYTES } from '../utils/schema';
import { applyImport, readImport } from '../import-actions';
import type { ImportMode } from '../import-actions';
import type { ImportPhase } from '../utils/import-wire';
import { ImportConfirm } from './import-confirm';

export type ImportDialogProps = {
  /** 'timelines': files open as read-only timelines; 'workspace': a Sockpit JSON file replaces the workspace */
  mode: ImportMode;
  triggerLabel?: string;
  triggerVariant?: 'ghost' | 'secondary';
  /** render the trigger button; without it, open the dialog with openDialog('import') (mode 'timelines') */
  trigger?: boolean;
};

type Phase = { kind: 'idle' } | { kind: 'reading'; progress: ImportPhase | null } | { kind: 'error'; message: string } | { kind: 'confirm'; data: ImportedData; fileName: string };

/** The progress line: what is happening, and how far along (0–1) when that is known. */
function describeProgress(p: ImportPhase | null): { text: string; fraction: number | null } {
  if (!p) return { text: 'Starting…', fraction: null };
  switch (p.phase) {
    case 'reading':
      return { text: `Reading ${formatBytes(p.bytes)} of ${formatBytes(p.total)}…`, fraction: p.total > 0 ? p.bytes / p.total : null };
    case 'parsing':
      return { text: `Parsing ${formatBytes(p.total)} of JSON…`, fraction: null };
    case 'checking':
      return { text: `Checking events: ${formatCount(p.events)} so far…`, fraction: null };
    case 'opening':
      return { text: `Opening ${formatCount(p.total)} events: ${formatCount(p.events)}…`, fraction: p.total > 0 ? p.events / p.total : 1 };
  }
}

/**
 * Opens a Sockpit JSON or HAR file. The file is read and checked in full
 * (in a Worker, with progress, and Cancel stops it) before anything appears;
 * a problem is one error under the file field, and the choice stays.
 * Imported data is only ever shown as text.
 */
export function ImportDialog({ mode, triggerLabel = mode === 'workspace' ? 'Replace from file…' : 'Import…', triggerVariant = 'ghost', trigger = true }: ImportDialogProps) {
  const dialog = useDialog();
  const fileInput = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const running = useRef<AbortController | null>(null);
  const uid = `import-${mode}`;

  /** Stops a running import (Cancel, Escape, Stop). */
  const stop = useCallback(() => {
    running.current?.abort();
    running.current = null;
  }, []);

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
    stop();
    const controller = new AbortController();
    running.current = controller;
    setPhase({ kind: 'reading', progress: null });
    const result = await readImport(file, mode, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (running.current === controller) setPhase({ kind: 'reading', progress });
      },
    });
    if (running.current !== controller) return; // cancelled, or another import started
    running.current = null;
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
        onClose={stop}
        footer={
          <>
            <Button
              onClick={() => {
                stop();
                dialog.close();
              }}
            >
              Cancel
            </Button>
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
        {phase.kind === 'reading' ? <ImportProgress progress={phase.progress} onStop={() => { stop(); setPhase({ kind: 'idle' }); }} /> : null}
        {phase.kind === 'confirm' ? <ImportConfirm data={phase.data} /> : null}
      </Dialog>
    </>
  );
}

function ImportProgress({ progress, onStop }: { progress: ImportPhase | null; onStop: () => void }) {
  const { text, fraction } = describeProgress(progress);
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1">
      <progress className="block h-2 w-full accent-sky-500" aria-label="Import progress" max={1} {...(fraction === null ? {} : { value: fraction })} />
      <Button size="sm" className="row-span-2 w-auto" onClick={onStop}>
        Stop
      </Button>
      <p role="status" className="text-xs text-zinc-300">
        {text}
      </p>
    </div>
  );
}
