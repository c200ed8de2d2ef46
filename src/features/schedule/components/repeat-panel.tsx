import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { parseBase64, parseHex } from '../../../lib/codecs';
import { useStore } from '../../../store/store';
import { EMPTY_DRAFT } from '../../../store/defaults';
import { templatesFor } from '../../../store/automate-actions';
import type { Draft } from '../../../store/types';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import { startRepeat, stopRepeat } from '../utils/automation';
import type { RepeatSource } from '../utils/automation';
import { checkRepeat } from '../utils/forms';

export type RepeatPanelProps = { connectionId: ConnectionId };

type SourceChoice = 'composer' | 'template' | 'script';

/** The composer's message as it would be sent (literally: no variables), or why it cannot be repeated. */
function composerSource(draft: Draft): RepeatSource | string {
  const label = 'the composer’s message';
  if (draft.mode === 'text') return { kind: 'payload', data: draft.text, label };
  if (draft.binaryFormat === 'file') return 'A file cannot be repeated: choose Text, Hex or Base64 in the composer';
  const r = draft.binaryFormat === 'hex' ? parseHex(draft.hex) : parseBase64(draft.base64);
  return r.ok ? { kind: 'payload', data: r.bytes, label } : `The composer’s bytes are not valid: ${r.error}`;
}

/** Send a message every N ms, a number of times or until stopped. */
export function RepeatPanel({ connectionId }: RepeatPanelProps) {
  const readyState = useStore((s) => s.runtime[connectionId]?.readyState ?? 'CLOSED');
  const running = useStore((s) => s.repeats[connectionId]);
  const all = useStore((s) => s.templates);
  const templates = useMemo(() => templatesFor(all, connectionId), [all, connectionId]);
  const [choice, setChoice] = useState<SourceChoice>('composer');
  const [templateId, setTemplateId] = useState('');
  const [scriptId, setScriptId] = useState('');
  const allScripts = useStore((s) => s.scripts);
  const functions = useStore((s) => s.scriptFunctions);
  // Enabled scripts whose source defines next(i, vars): generators.
  const generators = useMemo(() => allScripts.filter((x) => x.enabled && x.importedFrom === undefined && functions[x.id]?.includes('next')), [allScripts, functions]);
  const generator = generators.find((x) => x.id === scriptId) ?? generators[0];
  const [every, setEvery] = useState('1000');
  const [times, setTimes] = useState('10');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState('');
  const id = `rep-${connectionId}`;
  const check = checkRepeat(every, times);
  const fieldError = (f: 'every' | 'count') => (tried && !check.ok && check.field === f ? check.error : undefined);
  const template = templates.find((t) => t.id === templateId) ?? templates[0];
  const open = readyState === 'OPEN';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setError('');
    if (!check.ok) {
      document.getElementById(`${id}-${check.field}`)?.focus();
      return;
    }
    let source: RepeatSource | string;
    if (choice === 'script') {
      source = generator ? { kind: 'script', scriptId: generator.id, name: generator.name, source: generator.source, label: `${generator.name}’s next()` } : 'No enabled script defines next(i, vars): write one in Scripts';
    } else if (choice === 'template') {
      source = template ? { kind: 'template', format: template.format, body: template.body, label: `“${template.name}”` } : 'Save a message first, or repeat the composer’s message';
    } else {
      source = composerSource(useStore.getState().drafts[connectionId] ?? EMPTY_DRAFT);
    }
    if (typeof source === 'string') {
      setError(source);
      return;
    }
    const failed = startRepeat(connectionId, source, check.everyMs, check.count);
    if (failed) setError(failed);
  };

  return (
    <form aria-label="Repeat a message" onSubmit={onSubmit} noValidate className="flex min-w-0 flex-1 flex-col gap-2">
      <div className="flex flex-wrap items-start gap-4">
        <div className="flex flex-col gap-1">
          <span aria-hidden="true" className="text-xs font-medium text-zinc-300">
            Repeat
          </span>
          <RadioGroup
            legend="Repeat"
            name={`${id}-source`}
            options={[
              { value: 'composer', label: 'Composer’s message' },
              { value: 'template', label: 'Saved message' },
              ...(generators.length > 0 || choice === 'script' ? [{ value: 'script' as const, label: 'Script' }] : []),
            ]}
            value={choice}
            onChange={setChoice}
          />
        </div>
        {choice === 'template' ? (
          <Field id={`${id}-template`} label="Saved message" hint={templates.length === 0 ? 'None saved yet (Templates tab)' : 'Variables are filled in for each send'}>
            <select
              id={`${id}-template`}
              className={inputClass}
              value={template?.id ?? ''}
              onChange={(e) => setTemplateId(e.target.value)}
              disabled={templates.length === 0}
              aria-describedby={fieldDescribedBy(`${id}-template`)}
            >
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {choice === 'script' ? (
          <Field id={`${id}-script`} label="Script" hint={generators.length === 0 ? 'No enabled script defines next(i, vars)' : 'next(i, vars) makes message i (from 0)'}>
            <select
              id={`${id}-script`}
              className={inputClass}
              value={generator?.id ?? ''}
              onChange={(e) => setScriptId(e.target.value)}
              disabled={generators.length === 0}
              aria-describedby={fieldDescribedBy(`${id}-script`)}
            >
              {generators.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id={`${id}-every`} label="Every (ms)" error={fieldError('every')} hint="10 ms or more" className="w-32">
          <input
            id={`${id}-every`}
            className={inputClass}
            inputMode="numeric"
            value={every}
            onChange={(e) => setEvery(e.target.value)}
            aria-invalid={fieldError('every') ? true : undefined}
            aria-describedby={fieldDescribedBy(`${id}-every`)}
          />
        </Field>
        <Field id={`${id}-count`} label="Times" error={fieldError('count')} hint="empty: until stopped" className="w-36">
          <input
            id={`${id}-count`}
            className={inputClass}
            inputMode="numeric"
            value={times}
            onChange={(e) => setTimes(e.target.value)}
            aria-invalid={fieldError('count') ? true : undefined}
            aria-describedby={fieldDescribedBy(`${id}-count`)}
          />
        </Field>
      </div>
      <div className="flex items-center gap-3">
        {running ? (
          <Button variant="danger" size="sm" onClick={() => stopRepeat(connectionId)}>
            Stop repeat
          </Button>
        ) : (
          <Button type="submit" variant="primary" size="sm" disabled={!open} aria-describedby={`${id}-why`}>
            Start repeat
          </Button>
        )}
        <span id={`${id}-why`} className="text-xs text-amber-200">
          {running
            ? `Sending ${running.label}: ${running.sent.toLocaleString('en-US')}${running.count === null ? '' : ` of ${running.count.toLocaleString('en-US')}`} sent, every ${running.everyMs.toLocaleString('en-US')} ms`
            : open
              ? 'Stops by itself after the count, when you press Stop, or when the connection closes.'
              : `Start is disabled: connection is ${readyState}`}
        </span>
      </div>
      <p role="alert" className="min-h-4 text-xs text-rose-300">
        {error}
      </p>
    </form>
  );
}
