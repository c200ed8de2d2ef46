import { useCallback, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Environment } from '../../lib/environments';
import { variableNameError } from '../../lib/environments';
import { Button } from './button';
import type { ButtonProps } from './button';
import { IconButton } from './icon-button';
import { Dialog, useDialog } from './dialog';
import { useDialogOpener } from './dialog-openers';
import type { DialogName } from './dialog-openers';
import { CheckboxInput, Labelled, SelectInput, smallInput, TextInput } from './small-inputs';

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

export type EnvironmentsDialogProps = {
  environments: readonly Environment[];
  onSave: (envs: Environment[]) => void;
  /** "Remember secret values in this browser" */
  remember: boolean;
  onRemember: (remember: boolean) => void;
  /** what the dialog says first: where the environments are kept and what they fill */
  description: ReactNode;
  /** the dialog's id (unique in the page) */
  id: string;
  triggerLabel?: string;
  triggerVariant?: ButtonProps['variant'];
  /** no trigger button: opened by name only (the header's Env ▾, the palette) */
  noTrigger?: boolean;
  /** register under this name, so the palette and menus can open it */
  openerName?: DialogName | null;
  /** the value the first new environment's first variable gets (the playground's URL) */
  exampleBase?: string;
};

/**
 * Named variable sets (local, staging, …) edited together and saved at once:
 * a name per environment, variables as rows, each with a Secret box (a secret
 * value is a password field with Reveal). Used for the app's environments
 * (the header's Env ▾) and a flow file's own ones (the Flows panel).
 */
export function EnvironmentsDialog({ environments, onSave, remember, onRemember, description, id, triggerLabel = 'Environments…', triggerVariant = 'ghost', noTrigger, openerName = null, exampleBase = 'ws://127.0.0.1:8787' }: EnvironmentsDialogProps) {
  const dialog = useDialog();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [at, setAt] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const open = useCallback(() => {
    setDrafts(environments.map(toDraft));
    setAt(0);
    setError(undefined);
    dialog.open();
  }, [dialog, environments]);
  useDialogOpener(openerName, open);
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
    setDrafts([...drafts, { name, rows: [{ name: 'base', value: exampleBase, secret: false }] }]);
    setAt(drafts.length);
  };
  return (
    <>
      {noTrigger ? null : (
        <Button size="sm" variant={triggerVariant} onClick={open}>
          {triggerLabel}
        </Button>
      )}
      <Dialog
        handle={dialog}
        id={id}
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
        <p className="text-xs text-zinc-400">{description}</p>
        <div className="flex flex-wrap items-end gap-1.5">
          {drafts.length > 0 ? <SelectInput label="Edit environment" value={String(at)} options={drafts.map((d, i) => ({ value: String(i), label: d.name || `(unnamed ${i + 1})` }))} onChange={(v) => setAt(Number(v))} /> : null}
          <Button size="sm" onClick={addEnv}>
            + Environment
          </Button>
          {draft ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setDrafts(drafts.filter((_, i) => i !== at));
                setAt(0);
              }}
            >
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
          <CheckboxInput label="Remember secret values in this browser" checked={remember} onChange={onRemember} />
        </div>
      </Dialog>
    </>
  );
}
