import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { newConnectionId } from '../../../lib/ids';
import { formatBytes, formatCount } from '../../../lib/codecs';
import { retentionLimits } from '../../../services/sockets/socket-service';
import { useStore } from '../../../store/store';
import { addImportedTimelines, newTemplateId, replaceWorkspace } from '../../../store/automate-actions';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { pause } from '../utils/check';
import { importFile } from '../utils/import-file';
import type { ImportedData } from '../utils/import-types';
import { MAX_IMPORT_BYTES } from '../utils/schema';

export type ImportDialogProps = {
  /** 'timelines': files open as read-only timelines; 'workspace': a Sockpit JSON file replaces the workspace */
  mode: 'timelines' | 'workspace';
  triggerLabel?: string;
  triggerVariant?: 'ghost' | 'secondary';
};

type Phase = { kind: 'idle' } | { kind: 'reading' } | { kind: 'error'; message: string } | { kind: 'confirm'; data: ImportedData; fileName: string };

function summary(data: ImportedData): string {
  const events = data.timelines.reduce((n, t) => n + t.events, 0);
  const c = data.timelines.length;
  return `${c} ${c === 1 ? 'connection' : 'connections'}, ${formatCount(events)} ${data.kind === 'har' ? 'messages' : 'events'}`;
}

/**
 * Opens a Sockpit JSON or HAR file. The file is read and checked in full
 * before anything appears; a problem is one error under the file field, and
 * the choice stays. Imported data is only ever shown as text.
 */
export function ImportDialog({ mode, triggerLabel = mode === 'workspace' ? 'Replace from file…' : 'Import…', triggerVariant = 'ghost' }: ImportDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [done, setDone] = useState('');
  const connectionCount = useStore((s) => s.connections.length);
  const templateCount = useStore((s) => s.templates.length);
  const uid = `import-${mode}`;

  // The result line is a passing remark in a crowded header: it clears itself.
  useEffect(() => {
    if (!done) return undefined;
    const timer = setTimeout(() => setDone(''), 12_000);
    return () => clearTimeout(timer);
  }, [done]);

  const open = () => {
    setPhase({ kind: 'idle' });
    setDone('');
    dialog.current?.showModal();
  };

  const finish = (message: string) => {
    setDone(message);
    dialog.current?.close();
  };

  const apply = (data: ImportedData, fileName: string) => {
    if (mode === 'workspace') {
      replaceWorkspace({ connections: data.timelines.map((t) => ({ config: t.config, log: t.log })), templates: data.templates, preferences: data.settings });
      finish(`Workspace replaced from ${fileName}: ${summary(data)}, ${data.templates.length} saved messages.`);
      return;
    }
    addImportedTimelines(data.timelines.map((t) => ({ config: t.config, log: t.log })));
    const extra = data.warnings.length > 0 ? ` (${data.warnings.join('; ')})` : '';
    finish(`Imported ${summary(data)} from ${fileName} (${data.description}), read-only${extra}.`);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (phase.kind === 'confirm') {
      apply(phase.data, phase.fileName);
      return;
    }
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setPhase({ kind: 'error', message: 'Choose a file to import' });
      fileInput.current?.focus();
      return;
    }
    setPhase({ kind: 'reading' });
    const result = await importFile(file, {
      limits: retentionLimits(),
      readOnly: mode === 'timelines',
      newConnectionId,
      newTemplateId,
      pause,
    });
    if (!result.ok) {
      setPhase({ kind: 'error', message: result.error });
      fileInput.current?.focus();
      return;
    }
    if (mode === 'workspace') {
      if (result.data.kind !== 'sockpit') {
        setPhase({ kind: 'error', message: `Cannot use ${file.name} as a workspace: it is a ${result.data.description}; a workspace file is a Sockpit JSON export.` });
        return;
      }
      setPhase({ kind: 'confirm', data: result.data, fileName: file.name });
      return;
    }
    apply(result.data, file.name);
  };

  const error = phase.kind === 'error' ? phase.message : undefined;
  const hint =
    mode === 'workspace'
      ? 'A Sockpit JSON export (best: “The whole workspace”).'
      : `Sockpit JSON or HAR (Chrome or Firefox DevTools, or Sockpit), up to ${formatBytes(MAX_IMPORT_BYTES)}. Opens as read-only timelines.`;

  return (
    <>
      <Button size="sm" variant={triggerVariant} className="whitespace-nowrap" onClick={open}>
        {triggerLabel}
      </Button>
      <span role="status" title={done} className="max-w-64 truncate text-xs text-zinc-400">
        {done}
      </span>
      <dialog ref={dialog} aria-labelledby={`${uid}-title`} className="m-auto w-[32rem] max-w-[95vw] rounded-lg border border-zinc-700 bg-zinc-900 p-0 text-zinc-100 backdrop:bg-black/60">
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex flex-col gap-3 p-4">
          <h2 id={`${uid}-title`} className="text-base font-semibold">
            {mode === 'workspace' ? 'Replace the workspace from a file' : 'Import a capture'}
          </h2>
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
          {phase.kind === 'confirm' ? (
            <p role="alert" className="rounded border border-amber-700 bg-amber-950/60 p-2 text-sm text-amber-100">
              This replaces your {connectionCount} {connectionCount === 1 ? 'connection' : 'connections'} (their sockets close), {templateCount} saved{' '}
              {templateCount === 1 ? 'message' : 'messages'} and settings with the file’s {summary(phase.data)}, {phase.data.templates.length} saved messages
              {phase.data.settings ? ' and settings' : ''}.{phase.data.redacted ? ' Its secrets were redacted: URLs hold REDACTED where tokens were.' : ''}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" variant={phase.kind === 'confirm' ? 'danger' : 'primary'} disabled={phase.kind === 'reading'}>
              {phase.kind === 'confirm' ? 'Replace workspace' : 'Import'}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
