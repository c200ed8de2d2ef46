import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Environment } from '../../../lib/flows/types';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { Dialog, useDialog } from '../../../components/ui/dialog';
import { setRememberSecrets, useFlows } from '../flow-store';
import { variableNameError } from '../utils/environments';
import { CheckboxInput, Labelled, SelectInput, smallInput, TextInput } from './inputs';

type Row = { name: string; value: string; secret: boolean };
type Draft = { name: string; rows: Row[] };

const toDraft = (e: Environment): Draft => ({ name: e.name, rows: Object.entries(e.variables).map(([name, v]) => ({ name, value: v.value, secret: v.secret === true })) });
const fromDraft = (d: Draft): Environment => ({ name: d.name.trim(), variables: Object.fromEntries(d.rows.map((r) => [r.name, r.secret ? { value: r.value, secret: true } : { value: r.value }])) });

/** A secret value: a password field with a Reveal button. */
function SecretValue({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const [shown, setShown] = useState(false);
  return (
    <Labelled label={label}>
      {(id) => (
        <div className="flex items-center gap-1">
          <input id={id} type={shown ? 'text' : 'password'} autoComplete="off" spellCheck={false} className={smallInput} value={value} onChange={(e) => onChange(e.target.value)} />
          <Button size="sm" variant="ghost" aria-pressed={shown} aria-label={`${shown ? 'Hide' : 'Reveal'} ${label}`} onClick={() => setShown(!shown)}>
            {shown ? 'Hide' : 'Reveal'}
          </Button>
        </div>
      )}
    </Labelled>
  );
}

function problemsOf(drafts: Draft[]): string[] {
  const out: string[] = [];
  const names = new Set<string>();
  drafts.forEach((d, i) => {
    const n = d.name.trim();
    if (n === '') out.push(`Environment ${i + 1} needs a name`);
    else if (names.has(n)) out.push(`Two environments are named "${n}"`);
    names.add(n);
    const vars = new Set<string>();
    d.rows.forEach((r) => {
      const err = variableNameError(r.name);
      if (err) out.push(`${n || `Environment ${i + 1}`}: variable "${r.name}": ${err}`);
      else if (vars.has(r.name)) out.push(`${n}: variable "${r.name}" appears twice`);
      vars.add(r.name);
    });
  });
  return out;
}

/** A flow's named variable sets (local, staging, …), edited together and saved into the flow at once. */
export function EnvironmentsDialog({ environments, onSave }: { environments: readonly Environment[]; onSave: (envs: Environment[]) => void }) {
  const dialog = useDialog();
  const remember = useFlows((s) => s.rememberSecrets);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [at, setAt] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const open = () => {
    setDrafts(environments.map(toDraft));
    setAt(0);
    setError(undefined);
    dialog.open();
  };
  const draft = drafts[at];
  const setDraft = (d: Draft) => setDrafts((ds) => ds.map((x, i) => (i === at ? d : x)));
  const setRow = (j: number, r: Partial<Row>) => draft && setDraft({ ...draft, rows: draft.rows.map((x, k) => (k === j ? { ...x, ...r } : x)) });
  const problems = problemsOf(drafts);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problems.length > 0) return setError(problems[0]);
    onSave(drafts.map(fromDraft));
    dialog.close();
  };
  const addEnv = () => {
    const name = ['local', 'staging', 'production'].find((n) => !drafts.some((d) => d.name === n)) ?? `env${drafts.length + 1}`;
    setDrafts([...drafts, { name, rows: [{ name: 'base', value: 'ws://127.0.0.1:8787', secret: false }] }]);
    setAt(drafts.length);
  };
  return (
    <>
      <Button size="sm" variant="ghost" onClick={open}>
        Environments…
      </Button>
      <Dialog
        handle={dialog}
        id="flow-environments"
        title="Environments"
        size="lg"
        onSubmit={submit}
        footerStart={error ? <p className="max-w-72 text-xs text-rose-300" role="alert">{error}</p> : undefined}
        footer={
          <>
            <Button size="sm" variant="ghost" onClick={() => dialog.close()}>
              Cancel
            </Button>
            <Button size="sm" variant="primary" type="submit">
              Save
            </Button>
          </>
        }
      >
        <p className="text-xs text-zinc-400">Saved in the flow, so the CLI's --env NAME uses them too. Variables fill {'{{name}}'} in URLs and messages. Secret values are masked, emptied in exports unless you include them, and kept out of this browser's storage unless you remember them.</p>
        <div className="flex flex-wrap items-end gap-1.5">
          {drafts.length > 0 ? <SelectInput label="Edit environment" value={String(at)} options={drafts.map((d, i) => ({ value: String(i), label: d.name || `(unnamed ${i + 1})` }))} onChange={(v) => setAt(Number(v))} /> : null}
          <Button size="sm" onClick={addEnv}>
            + Environment
          </Button>
          {draft ? (
            <Button size="sm" variant="ghost" onClick={() => { setDrafts(drafts.filter((_, i) => i !== at)); setAt(0); }}>
              Delete environment
            </Button>
          ) : null}
        </div>
        {draft ? (
          <div className="flex flex-col gap-1.5">
            <TextInput label="Environment name" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
            {draft.rows.map((r, j) => (
              <div key={j} role="group" aria-label={`Variable ${j + 1}`} className="grid grid-cols-[8rem_minmax(0,1fr)_auto_auto] items-end gap-1.5">
                <TextInput label={`Variable ${j + 1} name`} value={r.name} onChange={(name) => setRow(j, { name })} error={variableNameError(r.name)} />
                {r.secret ? <SecretValue label={`Variable ${j + 1} value`} value={r.value} onChange={(value) => setRow(j, { value })} /> : <TextInput label={`Variable ${j + 1} value`} value={r.value} onChange={(value) => setRow(j, { value })} />}
                <CheckboxInput label="Secret" checked={r.secret} onChange={(secret) => setRow(j, { secret })} className="mb-1.5" />
                <IconButton label={`Remove variable ${j + 1}`} icon="remove" iconOnly className="mb-1" onClick={() => setDraft({ ...draft, rows: draft.rows.filter((_, k) => k !== j) })} />
              </div>
            ))}
            <Button size="sm" variant="ghost" className="self-start" onClick={() => setDraft({ ...draft, rows: [...draft.rows, { name: `var${draft.rows.length + 1}`, value: '', secret: false }] })}>
              + Variable
            </Button>
          </div>
        ) : (
          <p className="text-xs text-zinc-400">No environments yet.</p>
        )}
        <div className="flex flex-col gap-1.5 border-t border-zinc-800 pt-2">
          <CheckboxInput label="Remember secret values in this browser" checked={remember} onChange={setRememberSecrets} />
        </div>
      </Dialog>
    </>
  );
}
