import { Suspense, useEffect, useMemo, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { lazyNamed } from '../../../components/ui/lazy-named';
import { showToast } from '../../../components/ui/toast';
import { getSandbox } from '../../../services/sandbox/sandbox-client';
import { deleteScript, duplicateScript, renameScript, setScriptEnabled, setScriptFunctions, setScriptSource } from '../../../store/scripts-actions';
import type { UserScriptEntry } from '../../../store/scripts-slice';
import { selectScript } from '../scripts-ui';
import { checkScript, describeError } from '../utils/script-runner';
import type { ScriptCheck } from '../utils/script-runner';
import type { ScriptMark } from './script-editor';
import { ScriptTest } from './script-test';

const ScriptEditor = lazyNamed(() => import('./script-editor').then((m) => m.ScriptEditor));

/** How long the source rests before the engine checks it. */
const CHECK_DELAY_MS = 400;

function useScriptCheck(script: UserScriptEntry): ScriptCheck | null {
  const [check, setCheck] = useState<{ source: string; result: ScriptCheck } | null>(null);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      void checkScript(getSandbox(), script.id, script.name, script.source).then((result) => {
        if (!live) return;
        setCheck({ source: script.source, result });
        setScriptFunctions(script.id, result.ok ? result.functions : []);
      });
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [script.id, script.name, script.source]);
  return check && check.source === script.source ? check.result : null;
}

function NameField({ script }: { script: UserScriptEntry }) {
  const [name, setName] = useState(script.name);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setName(script.name), [script.name]);
  const commit = () => {
    if (name === script.name) return setError(undefined);
    const r = renameScript(script.id, name);
    setError(r.ok ? undefined : r.error);
  };
  const id = `script-name-${script.id}`;
  return (
    <Field id={id} label="Script name" error={error}>
      <input
        id={id}
        className={inputClass}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescribedBy(id)}
      />
    </Field>
  );
}

/** One script: its name, whether it runs, its source in the editor with the engine's errors, and Test. */
export function ScriptDetails({ script }: { script: UserScriptEntry }) {
  const check = useScriptCheck(script);
  const [testMarks, setTestMarks] = useState<ScriptMark[]>([]);
  const [sourceError, setSourceError] = useState<string | undefined>();
  const marks = useMemo<ScriptMark[]>(() => {
    const own = check && !check.ok && check.error.line !== undefined ? [{ line: check.error.line, column: check.error.column, message: check.error.message }] : [];
    return [...own, ...testMarks];
  }, [check, testMarks]);
  const editorId = `script-source-${script.id}`;
  const statusId = `${editorId}-status`;
  const imported = script.importedFrom !== undefined;
  const onSource = (text: string) => {
    const r = setScriptSource(script.id, text);
    setSourceError(r.ok ? undefined : r.error);
    setTestMarks([]);
  };
  const status = sourceError ? (
    <span className="text-rose-300">{sourceError}</span>
  ) : check === null ? (
    <span className="text-zinc-400">Checking in the sandbox…</span>
  ) : check.ok ? (
    <span className="text-zinc-300">{check.functions.length > 0 ? `Defines ${check.functions.join(', ')}.` : 'Defines none of decode, encode, check, compute, next.'}</span>
  ) : (
    <span className="text-rose-300">{describeError(check.error)}</span>
  );
  return (
    <section aria-label={`Script ${script.name}`} className="flex min-h-0 flex-col gap-2">
      <NameField script={script} />
      {imported ? (
        <p className="rounded-md border border-amber-700 bg-amber-950/60 p-2 text-xs text-amber-100">
          From {script.importedFrom}. It stays disabled until you have read it and enable it. It can only reach what the sandbox gives it, but read it anyway: it decides what your rows say.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2 text-sm text-zinc-200">
          <input type="checkbox" className="accent-sky-500" checked={script.enabled} onChange={(e) => setScriptEnabled(script.id, e.target.checked)} />
          {imported ? 'I have read it: enable' : 'Enabled'}
        </label>
        <span className="text-xs text-zinc-400">{script.enabled ? 'Connections can decode with it (Options ▸ Decode as).' : 'Off: nothing runs it but Test.'}</span>
        <div className="ml-auto flex gap-1">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              const r = duplicateScript(script.id);
              if (r.ok) selectScript(r.id);
              else showToast(r.error, 'error');
            }}
          >
            Duplicate
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              deleteScript(script.id);
              selectScript(null);
              showToast(`Deleted script "${script.name}"`);
            }}
          >
            Delete
          </Button>
        </div>
      </div>
      <label htmlFor={editorId} className="text-xs font-medium text-zinc-300">
        Source
      </label>
      <div className="h-72 min-h-40 resize-y overflow-hidden 2xl:h-96">
        <Suspense
          fallback={
            <textarea
              id={editorId}
              aria-label="Source"
              className={`${inputClass} h-full font-mono`}
              value={script.source}
              onChange={(e) => onSource(e.target.value)}
              aria-describedby={statusId}
              spellCheck={false}
            />
          }
        >
          <ScriptEditor id={editorId} label="Source" value={script.source} onChange={onSource} describedBy={statusId} marks={marks} />
        </Suspense>
      </div>
      <p id={statusId} className="min-h-4 text-xs break-words" aria-live="polite">
        {status}
      </p>
      <ScriptTest script={script} onMarks={setTestMarks} />
    </section>
  );
}
