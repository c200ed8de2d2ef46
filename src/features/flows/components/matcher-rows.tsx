import { useEffect, useState } from 'react';
import type { Capture, JsonValue, Matcher } from '../../../lib/flows/types';
import { IconButton } from '../../../components/ui/icon-button';
import { Button } from '../../../components/ui/button';
import { captureKind, defaultMatcher, MATCHER_KINDS, matcherKind } from '../utils/flow-edit';
import type { MatcherKind } from '../utils/flow-edit';
import { Labelled, NumberInput, SelectInput, smallInput, TextInput } from '../../../components/ui/small-inputs';

/** A JSON value typed as text: JSON when it parses ("3", "true", "\"x\""), the text itself otherwise. */
export function jsonValueOf(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

const shownValue = (v: JsonValue | undefined) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

type PathTest = 'equals' | 'exists' | 'matches';
const PATH_TESTS: { value: PathTest; label: string }[] = [
  { value: 'equals', label: 'equals' },
  { value: 'exists', label: 'exists' },
  { value: 'matches', label: 'matches regex' },
];

function SchemaInput({ value, onChange }: { value: JsonValue; onChange: (v: JsonValue) => void }) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setText((t) => {
      try {
        return JSON.stringify(JSON.parse(t)) === JSON.stringify(value) ? t : JSON.stringify(value, null, 2);
      } catch {
        return t;
      }
    });
  }, [value]);
  return (
    <Labelled label="JSON Schema" error={error} className="col-span-full">
      {(id, desc) => (
        <textarea
          id={id}
          rows={3}
          spellCheck={false}
          className={`${smallInput} font-mono`}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={desc}
          onChange={(e) => {
            setText(e.target.value);
            try {
              onChange(JSON.parse(e.target.value) as JsonValue);
              setError(undefined);
            } catch (err) {
              setError(`Not JSON: ${err instanceof Error ? err.message : String(err)}`);
            }
          }}
        />
      )}
    </Labelled>
  );
}

function MatcherFields({ m, onChange }: { m: Matcher; onChange: (m: Matcher) => void }) {
  const dir = m.direction ? { direction: m.direction } : {};
  if ('path' in m) {
    const test: PathTest = m.exists !== undefined ? 'exists' : m.matches !== undefined ? 'matches' : 'equals';
    return (
      <>
        <TextInput label="JSON path" value={m.path} onChange={(path) => onChange({ ...m, path })} placeholder="$.type" />
        <SelectInput
          label="Test"
          value={test}
          options={PATH_TESTS}
          onChange={(t) => onChange(t === 'exists' ? { path: m.path, exists: true, ...dir } : t === 'matches' ? { path: m.path, matches: '', ...dir } : { path: m.path, equals: '', ...dir })}
        />
        {test === 'equals' ? <TextInput label="Equals (JSON value)" value={shownValue(m.equals)} onChange={(t) => onChange({ path: m.path, equals: jsonValueOf(t), ...dir })} /> : null}
        {test === 'matches' ? <TextInput label="Regex" value={m.matches ?? ''} onChange={(matches) => onChange({ path: m.path, matches, ...dir })} /> : null}
      </>
    );
  }
  if ('schema' in m) return <SchemaInput value={m.schema} onChange={(schema) => onChange({ schema, ...dir })} />;
  if ('script' in m) return <TextInput label="Script (its check(message, vars))" value={m.script} onChange={(script) => onChange({ script, ...dir })} className="col-span-3" placeholder="checks" />;
  if ('field' in m)
    return (
      <>
        <TextInput label="Field" value={m.field} onChange={(field) => onChange({ ...m, field })} placeholder="event" />
        <TextInput label="Equals" value={m.equals ?? ''} onChange={(equals) => onChange({ field: m.field, equals, ...dir })} />
      </>
    );
  if ('regex' in m)
    return (
      <>
        <TextInput label="Regex" value={m.regex} onChange={(regex) => onChange({ ...m, regex })} className="col-span-2" />
        <TextInput label="Flags" value={m.flags ?? ''} onChange={(flags) => onChange(flags === '' ? { regex: m.regex, ...dir } : { ...m, flags })} placeholder="i" />
      </>
    );
  if ('contains' in m) return <TextInput label="Text" value={m.contains} onChange={(contains) => onChange({ contains, ...dir })} className="col-span-3" />;
  return <TextInput label="Text" value={m.equals} onChange={(equals) => onChange({ equals, ...dir })} className="col-span-3" />;
}

export function MatcherRows({ matchers, onChange, error }: { matchers: Matcher[]; onChange: (m: Matcher[]) => void; error?: (i: number) => string | undefined }) {
  const set = (i: number, m: Matcher) => onChange(matchers.map((x, j) => (j === i ? m : x)));
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-[11px] font-semibold text-zinc-300">Matchers (all must hold)</legend>
      {matchers.map((m, i) => {
        const err = error?.(i);
        return (
          <div key={i} className="grid grid-cols-[7rem_repeat(3,minmax(0,1fr))_auto] items-end gap-1.5 rounded border border-zinc-800 p-1.5" role="group" aria-label={`Matcher ${i + 1}`}>
            <SelectInput<MatcherKind> label="Kind" value={matcherKind(m)} options={MATCHER_KINDS.map((k) => ({ value: k.kind, label: k.label }))} onChange={(k) => set(i, { ...defaultMatcher(k), ...(m.direction ? { direction: m.direction } : {}) })} />
            <MatcherFields m={m} onChange={(next) => set(i, next)} />
            <IconButton label={`Remove matcher ${i + 1}`} icon="remove" iconOnly onClick={() => onChange(matchers.filter((_, j) => j !== i))} />
            {err ? <p className="col-span-full text-[11px] text-rose-300">{err}</p> : null}
          </div>
        );
      })}
      <Button size="sm" variant="ghost" className="self-start" onClick={() => onChange([...matchers, { contains: '' }])}>
        + Matcher
      </Button>
    </fieldset>
  );
}

export function CaptureRows({ captures, onChange }: { captures: Capture[]; onChange: (c: Capture[]) => void }) {
  const set = (i: number, c: Capture) => onChange(captures.map((x, j) => (j === i ? c : x)));
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-[11px] font-semibold text-zinc-300">Captures (into variables)</legend>
      {captures.map((c, i) => (
        <div key={i} className="grid grid-cols-[minmax(0,1fr)_6rem_minmax(0,1.5fr)_auto] items-end gap-1.5 rounded border border-zinc-800 p-1.5" role="group" aria-label={`Capture ${i + 1}`}>
          <TextInput label="Variable" value={c.var} onChange={(v) => set(i, { ...c, var: v })} />
          <SelectInput label="From" value={captureKind(c)} options={[{ value: 'path', label: 'JSON path' }, { value: 'regex', label: 'regex' }]} onChange={(k) => set(i, k === 'path' ? { var: c.var, path: '$.id' } : { var: c.var, regex: '(.*)', group: 1 })} />
          {'path' in c ? (
            <TextInput label="JSON path" value={c.path} onChange={(path) => set(i, { var: c.var, path })} />
          ) : (
            <div className="grid grid-cols-[1fr_4rem] gap-1.5">
              <TextInput label="Regex" value={c.regex} onChange={(regex) => set(i, { ...c, regex })} />
              <NumberInput label="Group" value={typeof c.group === 'number' ? c.group : undefined} min={0} max={99} optional onChange={(group) => set(i, group === undefined ? { var: c.var, regex: c.regex } : { var: c.var, regex: c.regex, group })} />
            </div>
          )}
          <IconButton label={`Remove capture ${i + 1}`} icon="remove" iconOnly onClick={() => onChange(captures.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button size="sm" variant="ghost" className="self-start" onClick={() => onChange([...captures, { var: `v${captures.length + 1}`, path: '$.id' }])}>
        + Capture
      </Button>
    </fieldset>
  );
}
