import { useMemo, useState } from 'react';
import type { Environment, FlowConnection, FlowDocument, FlowIssue, FlowStep, StepPath } from '../../../lib/flows/types';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { RadioGroup } from '../../../components/ui/radio-group';
import { cn } from '../../../components/ui/cn';
import { issueLine, parseFlowText, runVariables } from '../engine';
import type { SavedFlow } from '../flow-store';
import { setActiveEnv, setFlowText, useFlows } from '../flow-store';
import { EnvironmentsDialog } from './environments-dialog';
import { joinSecrets } from '../utils/environments';
import { startRun, useFlowRun } from '../run-state';
import { appendStep, flowText, moveStep, removeStep, replaceStep } from '../utils/flow-edit';
import { smallInput, TextInput } from '../../../components/ui/small-inputs';
import { useStore } from '../../../store/store';
import { activeEnvironmentOf } from '../../../store/environment-actions';
import { variablesOf } from '../../../lib/environments';
import { StepList } from './step-card';
import type { StepContext } from './step-card';
import { RunBar } from './run-bar';

type View = 'form' | 'json';
const VIEWS: { value: View; label: string }[] = [
  { value: 'form', label: 'Form' },
  { value: 'json', label: 'JSON' },
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A document the form can show: an object with lists of connections and steps (issues or not). */
function formable(doc: unknown): doc is FlowDocument {
  return isObject(doc) && Array.isArray(doc.connections) && Array.isArray(doc.steps) && doc.connections.every(isObject) && doc.steps.every(isObject);
}

const issueText = (i: FlowIssue, doc?: unknown) => issueLine(i, doc);

function EnvironmentSelect({ flowId, envs, active, onSave }: { flowId: string; envs: readonly Environment[]; active: string | null; onSave: ((envs: Environment[]) => void) | null }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <label htmlFor={`flow-env-${flowId}`} className="text-xs text-zinc-300">
        Environment
      </label>
      <select id={`flow-env-${flowId}`} className={cn(smallInput, 'w-auto min-w-32')} value={active ?? ''} onChange={(e) => setActiveEnv(flowId, e.target.value === '' ? null : e.target.value)}>
        <option value="">None (flow defaults)</option>
        {envs.map((e) => (
          <option key={e.name} value={e.name}>
            {e.name}
          </option>
        ))}
      </select>
      {onSave ? <EnvironmentsDialog environments={envs} onSave={onSave} /> : null}
    </div>
  );
}

function ConnectionsForm({ doc, onChange, issues }: { doc: FlowDocument; onChange: (d: FlowDocument) => void; issues: readonly FlowIssue[] }) {
  const set = (i: number, c: FlowConnection) => onChange({ ...doc, connections: doc.connections.map((x, j) => (j === i ? c : x)) });
  const err = (i: number, f: string) => issues.find((x) => !x.step && x.field === `connections[${i}].${f}`)?.message;
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-xs font-semibold text-zinc-200">Connections</legend>
      {doc.connections.map((c, i) => (
        <div key={i} role="group" aria-label={`Connection ${i + 1}`} className="grid grid-cols-[6.5rem_minmax(0,1fr)_7.5rem_auto] items-end gap-1.5">
          <TextInput label="Connection name" value={c.name} onChange={(name) => set(i, { ...c, name })} error={err(i, 'name')} />
          <TextInput label="Connection URL" value={c.url} onChange={(url) => set(i, { ...c, url })} placeholder="ws://127.0.0.1:8787/echo or {{base}}/echo" error={err(i, 'url')} />
          <TextInput label="Connection subprotocols" value={(c.protocols ?? []).join(', ')} onChange={(p) => set(i, { ...c, protocols: p.trim() === '' ? undefined : p.split(',').map((x) => x.trim()).filter(Boolean) })} />
          <IconButton label={`Remove connection ${i + 1}`} icon="remove" iconOnly disabled={doc.connections.length === 1} onClick={() => onChange({ ...doc, connections: doc.connections.filter((_, j) => j !== i) })} />
        </div>
      ))}
      <Button size="sm" variant="ghost" className="self-start" onClick={() => onChange({ ...doc, connections: [...doc.connections, { name: `user${doc.connections.length + 1}`, url: doc.connections[0]?.url ?? '' }] })}>
        + Connection
      </Button>
    </fieldset>
  );
}

function VariablesForm({ doc, onChange }: { doc: FlowDocument; onChange: (d: FlowDocument) => void }) {
  const entries = Object.entries(doc.variables ?? {});
  const write = (list: [string, string][]) => onChange({ ...doc, variables: list.length > 0 ? Object.fromEntries(list) : undefined });
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-xs font-semibold text-zinc-200">Variables (defaults; the environment overrides them)</legend>
      {entries.map(([k, v], i) => (
        <div key={i} role="group" aria-label={`Variable ${i + 1}`} className="grid grid-cols-[8rem_minmax(0,1fr)_auto] items-end gap-1.5">
          <TextInput label="Variable name" value={k} onChange={(name) => write(entries.map((e, j) => (j === i ? [name, e[1]] : e)))} />
          <TextInput label="Variable value" value={v} onChange={(value) => write(entries.map((e, j) => (j === i ? [e[0], value] : e)))} />
          <IconButton label={`Remove variable ${k}`} icon="remove" iconOnly onClick={() => write(entries.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button size="sm" variant="ghost" className="self-start" onClick={() => write([...entries, [`var${entries.length + 1}`, '']])}>
        + Variable
      </Button>
    </fieldset>
  );
}

function JsonView({ flow, issues, doc }: { flow: SavedFlow; issues: readonly FlowIssue[]; doc: unknown }) {
  const id = `flow-json-${flow.id}`;
  const invalid = issues.length > 0;
  return (
    <div className="flex min-h-0 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-300">
        Flow JSON
      </label>
      <textarea
        id={id}
        spellCheck={false}
        rows={18}
        className={cn(smallInput, 'min-h-48 font-mono leading-4')}
        value={flow.text}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={`${id}-desc`}
        onChange={(e) => {
          const text = e.target.value;
          let name: string | undefined;
          try {
            const v: unknown = JSON.parse(text);
            if (isObject(v) && typeof v.name === 'string') name = v.name;
          } catch {
            // Not JSON yet: the text is kept, the error shows under it.
          }
          setFlowText(flow.id, text, name);
        }}
      />
      <div id={`${id}-desc`} className={cn('text-xs', invalid ? 'text-rose-300' : 'text-zinc-400')}>
        {invalid ? (
          <ul>
            {issues.map((i, n) => (
              <li key={n}>{issueText(i, doc)}</li>
            ))}
          </ul>
        ) : (
          'A sockpit-flow/1 document; the form shows the same flow.'
        )}
      </div>
    </div>
  );
}

/** The selected flow: its form or its JSON (both edit the same text), and the run controls. */
export function FlowEditor({ flow }: { flow: SavedFlow }) {
  const [view, setView] = useState<View>('form');
  const chosen = useFlows((s) => s.activeEnv[flow.id] ?? null);
  const first = useMemo(() => parseFlowText(flow.text), [flow.text]);
  const secretValues = useFlows((s) => s.secrets[flow.id]);
  // Secret values live apart from the text (the JSON view never shows them); the dialog and the run get them back.
  const full = useMemo(() => joinSecrets(first.doc, secretValues), [first.doc, secretValues]);
  const envs: Environment[] = isObject(full) && Array.isArray(full.environments) ? (full.environments as Environment[]) : [];
  const env = envs.find((e) => isObject(e) && e.name === chosen);
  // The environment's names are known variables: a flow that uses {{base}} from it is valid with it chosen.
  // So are the app's environment's (Env ▾ in the header): the flow's own environment goes over it.
  const appEnv = useStore((s) => activeEnvironmentOf(s));
  const app = useMemo(() => variablesOf(appEnv), [appEnv]);
  const parsed = useMemo(() => {
    const known = [...Object.keys(app.variables), ...(env && isObject(env.variables) ? Object.keys(env.variables) : [])];
    return known.length > 0 ? parseFlowText(flow.text, known) : first;
  }, [first, env, flow.text, app]);
  const resolved = parsed.ok ? runVariables(joinSecrets(parsed.doc, secretValues), env ? env.name : null, app) : null;
  const variables = resolved && resolved.ok ? resolved.variables : {};
  const run = useFlowRun();
  const mine = run.flowId === flow.id;
  const focused = run.focusStep && run.focusStep.flowId === flow.id ? run.focusStep.path : null;
  const doc = formable(parsed.doc) ? parsed.doc : null;
  const write = (next: FlowDocument) => setFlowText(flow.id, flowText(next), next.name);

  const ctx: StepContext | null = doc
    ? {
        doc,
        issues: parsed.issues,
        results: mine ? run.results : {},
        canRun: parsed.ok && run.status !== 'running',
        focused,
        actions: {
          change: (path: StepPath, step: FlowStep) => write(replaceStep(doc, path, step)),
          remove: (path) => write(removeStep(doc, path)),
          move: (path, delta) => write(moveStep(doc, path, delta)),
          add: (step, into) => write(appendStep(doc, step, into)),
          runOne: (path) => {
            if (parsed.ok) void startRun(flow.id, parsed.doc, variables, path, resolved?.ok ? resolved.secrets : []);
          },
        },
      }
    : null;

  return (
    <section aria-label={`Flow ${flow.name}`} className="flex min-h-0 flex-col gap-3">
      <EnvironmentSelect flowId={flow.id} envs={envs} active={env ? env.name : null} onSave={doc ? (e) => write({ ...doc, environments: e.length > 0 ? e : undefined }) : null} />
      <RunBar flow={flow} parsed={parsed} variables={variables} secrets={resolved?.ok ? resolved.secrets : []} />
      <RadioGroup legend="Flow view" name={`flow-view-${flow.id}`} options={VIEWS} value={view} onChange={setView} />
      {view === 'json' ? (
        <JsonView flow={flow} issues={parsed.issues} doc={parsed.doc} />
      ) : doc && ctx ? (
        <div className="flex flex-col gap-3">
          {parsed.issues.some((i) => !i.step) ? (
            <ul className="text-xs text-rose-300" aria-label="Problems in the flow">
              {parsed.issues.filter((i) => !i.step).map((i, n) => (
                <li key={n}>{issueText(i, parsed.doc)}</li>
              ))}
            </ul>
          ) : null}
          <TextInput label="Flow name" value={typeof doc.name === 'string' ? doc.name : ''} onChange={(name) => write({ ...doc, name })} error={parsed.issues.find((i) => !i.step && i.field === 'name')?.message} />
          <ConnectionsForm doc={doc} onChange={write} issues={parsed.issues} />
          <VariablesForm doc={doc} onChange={write} />
          <StepList steps={doc.steps} ctx={ctx} />
        </div>
      ) : (
        <p className="rounded border border-rose-800 p-2 text-xs text-rose-200" role="alert">
          The form cannot show this flow: {parsed.issues.map((i) => issueText(i, parsed.doc)).join('; ')}. Fix it in the JSON view.
        </p>
      )}
    </section>
  );
}
