import { useEffect, useRef } from 'react';
import type { FlowDocument, FlowIssue, FlowStep, Payload, StepPath, StepResult } from '../../../lib/flows/types';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { cn } from '../../../components/ui/cn';
import { defaultStep, pathLabel, samePath, STEP_TYPES, stepLabel } from '../utils/flow-edit';
import { CaptureRows, MatcherRows } from './matcher-rows';
import { CheckboxInput, Labelled, NumberInput, SelectInput, smallInput, TextInput } from '../../../components/ui/small-inputs';
import { ResultDetail, StatusBadge } from './run-view';

export type StepActions = {
  change: (path: StepPath, step: FlowStep) => void;
  remove: (path: StepPath) => void;
  move: (path: StepPath, delta: -1 | 1) => void;
  add: (step: FlowStep, into?: StepPath) => void;
  runOne: (path: StepPath) => void;
};

export type StepContext = {
  doc: FlowDocument;
  issues: readonly FlowIssue[];
  results: Record<string, StepResult>;
  canRun: boolean;
  focused: StepPath | null;
  actions: StepActions;
};

type PayloadFormat = 'text' | 'hex' | 'base64';
function payloadParts(p: Payload): { format: PayloadFormat | 'lens'; body: string } {
  if ('text' in p) return { format: 'text', body: p.text };
  if ('hex' in p) return { format: 'hex', body: p.hex };
  if ('base64' in p) return { format: 'base64', body: p.base64 };
  return { format: 'lens', body: '' };
}
function payloadOf(format: PayloadFormat, body: string): Payload {
  return format === 'hex' ? { hex: body } : format === 'base64' ? { base64: body } : { text: body };
}

function SendFields({ step, set }: { step: Extract<FlowStep, { type: 'send' }>; set: (s: FlowStep) => void }) {
  const { format, body } = payloadParts(step.payload);
  if (format === 'lens') return <p className="text-xs text-zinc-400">A {'lens' in step.payload ? step.payload.lens : ''} message: edit it in the JSON view.</p>;
  return (
    <div className="grid grid-cols-[6rem_1fr] items-start gap-1.5">
      <SelectInput
        label="Format"
        value={format}
        options={[
          { value: 'text', label: 'Text' },
          { value: 'hex', label: 'Hex' },
          { value: 'base64', label: 'Base64' },
        ]}
        onChange={(f) => set({ ...step, payload: payloadOf(f, body) })}
      />
      <Labelled label="Message to send" hint="{{name}} takes a variable">
        {(id, desc) => <textarea id={id} rows={2} spellCheck={false} className={cn(smallInput, 'font-mono')} value={body} aria-describedby={desc} onChange={(e) => set({ ...step, payload: payloadOf(format, e.target.value) })} />}
      </Labelled>
    </div>
  );
}

function StepFields({ step, path, ctx }: { step: FlowStep; path: StepPath; ctx: StepContext }) {
  const set = (s: FlowStep) => ctx.actions.change(path, s);
  const issueAt = (field: string) => ctx.issues.find((i) => samePath(i.step, path) && i.field === field)?.message;
  switch (step.type) {
    case 'connect':
      return (
        <div className="grid grid-cols-2 gap-1.5">
          <TextInput label="URL (empty: the connection's)" value={step.url ?? ''} onChange={(url) => set(url === '' ? { ...step, url: undefined } : { ...step, url })} placeholder="ws://…" />
          <NumberInput label="Timeout (ms)" value={step.timeoutMs} optional min={1} max={600_000} onChange={(timeoutMs) => set({ ...step, timeoutMs })} />
        </div>
      );
    case 'send':
      return <SendFields step={step} set={set} />;
    case 'expect':
      return (
        <div className="flex flex-col gap-2">
          <MatcherRows matchers={step.match} onChange={(match) => set({ ...step, match })} error={(i) => ctx.issues.find((x) => samePath(x.step, path) && x.field.startsWith(`match[${i}]`))?.message} />
          <div className="flex flex-wrap items-end gap-3">
            <NumberInput label="Within (ms)" value={step.timeoutMs} optional min={1} max={600_000} hint="default 5000" onChange={(timeoutMs) => set({ ...step, timeoutMs })} className="w-28" />
            <CheckboxInput label="The very next message" checked={step.next === true} onChange={(next) => set({ ...step, next: next || undefined })} />
          </div>
          <CaptureRows captures={step.capture ?? []} onChange={(capture) => set({ ...step, capture: capture.length > 0 ? capture : undefined })} />
        </div>
      );
    case 'capture':
      return <CaptureRows captures={step.capture} onChange={(capture) => set({ ...step, capture })} />;
    case 'wait':
      return <NumberInput label="Wait (ms)" value={step.ms} min={0} max={3_600_000} onChange={(ms) => set({ ...step, ms: ms ?? 0 })} className="w-32" />;
    case 'repeat': {
      const byTime = step.durationMs !== undefined;
      return (
        <div className="flex flex-col gap-2">
          <div className="grid grid-cols-3 items-end gap-1.5">
            <SelectInput
              label="Repeat"
              value={byTime ? 'duration' : 'times'}
              options={[
                { value: 'times', label: 'n times' },
                { value: 'duration', label: 'for a duration' },
              ]}
              onChange={(v) => set(v === 'duration' ? { ...step, times: undefined, durationMs: 1000 } : { ...step, durationMs: undefined, times: 3 })}
            />
            {byTime ? (
              <NumberInput label="Duration (ms)" value={step.durationMs} min={1} max={3_600_000} onChange={(durationMs) => set({ ...step, durationMs })} />
            ) : (
              <NumberInput label="Times" value={step.times} min={1} max={100_000} onChange={(times) => set({ ...step, times })} />
            )}
            <TextInput label="Counter variable" value={step.counter ?? ''} placeholder="i" onChange={(counter) => set({ ...step, counter: counter === '' ? undefined : counter })} />
          </div>
          <StepList steps={step.steps} at={path} ctx={ctx} />
        </div>
      );
    }
    case 'expectClose':
      return (
        <div className="grid grid-cols-4 items-end gap-1.5">
          <NumberInput label="Code" value={step.code} optional min={1000} max={4999} onChange={(code) => set({ ...step, code })} />
          <TextInput label="Reason" value={step.reason ?? ''} onChange={(reason) => set({ ...step, reason: reason === '' ? undefined : reason })} />
          <SelectInput
            label="Clean"
            value={step.wasClean === undefined ? 'any' : step.wasClean ? 'yes' : 'no'}
            options={[
              { value: 'any', label: 'any' },
              { value: 'yes', label: 'wasClean' },
              { value: 'no', label: 'not clean' },
            ]}
            onChange={(v) => set({ ...step, wasClean: v === 'any' ? undefined : v === 'yes' })}
          />
          <NumberInput label="Within (ms)" value={step.timeoutMs} optional min={1} max={600_000} onChange={(timeoutMs) => set({ ...step, timeoutMs })} />
        </div>
      );
    case 'close':
      return (
        <div className="grid grid-cols-2 items-end gap-1.5">
          <NumberInput label="Code" value={step.code} optional min={1000} max={4999} onChange={(code) => set({ ...step, code })} />
          <TextInput label="Reason" value={step.reason ?? ''} onChange={(reason) => set({ ...step, reason: reason === '' ? undefined : reason })} error={issueAt('reason')} />
        </div>
      );
    case 'compute':
      return <TextInput label="Script (its compute(vars) sets variables)" value={step.script} onChange={(script) => set({ ...step, script })} error={issueAt('script')} placeholder="compute" />;
  }
}

function StepCard({ step, path, count, ctx }: { step: FlowStep; path: StepPath; count: number; ctx: StepContext }) {
  const label = pathLabel(path);
  const result = ctx.results[path.join('.')];
  const issues = ctx.issues.filter((i) => samePath(i.step, path));
  const own = issues.filter((i) => !i.field.startsWith('match['));
  const focused = samePath(ctx.focused ?? undefined, path);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [focused]);
  const known = STEP_TYPES.some((t) => t.type === step.type);
  const title = `Step ${label}: ${step.name ?? stepLabel(step.type)}`;
  return (
    <li ref={ref} aria-label={title} aria-current={focused ? 'step' : undefined} className={cn('flex flex-col gap-2 rounded-md border bg-zinc-900/60 p-2', focused ? 'border-sky-500' : issues.length > 0 ? 'border-rose-700' : 'border-zinc-700')}>
      <div className="flex items-center gap-1">
        <span className="text-xs font-semibold text-zinc-100">
          {label}. {stepLabel(step.type)}
        </span>
        {result ? <StatusBadge status={result.status} iteration={result.iteration} /> : null}
        <div className="ml-auto flex items-center">
          <IconButton label={`Move step ${label} up`} icon="chevron-up" iconOnly disabled={path[path.length - 1] === 0} onClick={() => ctx.actions.move(path, -1)} />
          <IconButton label={`Move step ${label} down`} icon="chevron-down" iconOnly disabled={path[path.length - 1] === count - 1} onClick={() => ctx.actions.move(path, 1)} />
          <Button size="sm" variant="ghost" disabled={!ctx.canRun} onClick={() => ctx.actions.runOne(path)} aria-label={`Run step ${label} only`}>
            Run step
          </Button>
          <IconButton label={`Remove step ${label}`} icon="remove" iconOnly onClick={() => ctx.actions.remove(path)} />
        </div>
      </div>
      {own.length > 0 ? (
        <ul className="text-xs text-rose-300" aria-label={`Problems in step ${label}`}>
          {own.map((i, n) => (
            <li key={n}>
              {i.field}: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      {known ? (
        <>
          <div className="grid grid-cols-2 gap-1.5">
            <TextInput label="Label" value={step.name ?? ''} onChange={(name) => ctx.actions.change(path, { ...step, name: name === '' ? undefined : name })} />
            <SelectInput
              label="Connection"
              value={step.connection ?? ''}
              options={[{ value: '', label: `default (${ctx.doc.connections[0]?.name ?? 'none'})` }, ...ctx.doc.connections.map((c) => ({ value: c.name, label: c.name }))]}
              onChange={(c) => ctx.actions.change(path, { ...step, connection: c === '' ? undefined : c })}
            />
          </div>
          <StepFields step={step} path={path} ctx={ctx} />
        </>
      ) : null}
      {result && (result.status === 'failed' || result.expected) ? <ResultDetail result={result} /> : null}
    </li>
  );
}

function AddStep({ into, ctx }: { into?: StepPath; ctx: StepContext }) {
  const id = `add-step-${into ? pathLabel(into) : 'top'}`;
  const select = useRef<HTMLSelectElement>(null);
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="sr-only">
        {into ? `Type of the step to add to step ${pathLabel(into)}` : 'Type of the step to add'}
      </label>
      <select id={id} ref={select} className={cn(smallInput, 'w-auto')} defaultValue="send">
        {STEP_TYPES.map((t) => (
          <option key={t.type} value={t.type}>
            {t.label}
          </option>
        ))}
      </select>
      <Button size="sm" onClick={() => ctx.actions.add(defaultStep((select.current?.value ?? 'send') as FlowStep['type']), into)}>
        {into ? `Add to step ${pathLabel(into)}` : 'Add step'}
      </Button>
    </div>
  );
}

export function StepList({ steps, at = [], ctx }: { steps: FlowStep[]; at?: StepPath; ctx: StepContext }) {
  return (
    <div className="flex flex-col gap-2">
      <ol className="flex flex-col gap-2" aria-label={at.length === 0 ? 'Steps' : `Steps of step ${pathLabel(at)}`}>
        {steps.map((s, i) => (
          <StepCard key={i} step={s} path={[...at, i]} count={steps.length} ctx={ctx} />
        ))}
      </ol>
      <AddStep into={at.length === 0 ? undefined : at} ctx={ctx} />
    </div>
  );
}
