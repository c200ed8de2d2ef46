import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { RadioGroup } from '../../../components/ui/radio-group';
import { getSandbox } from '../../../services/sandbox/sandbox-client';
import { getLog } from '../../../services/sockets/socket-service';
import { useStore } from '../../../store/store';
import type { UserScriptEntry } from '../../../store/scripts-slice';
import { eventFrame, sampleFrame } from '../utils/test-input';
import type { SampleFormat } from '../utils/test-input';
import { describeError, testDecode } from '../utils/script-runner';
import type { TestOutcome } from '../utils/script-runner';
import type { ScriptMark } from './script-editor';
import { DecodedView } from './decoded-view';

type Source = 'row' | 'sample';

export type ScriptTestProps = {
  script: UserScriptEntry;
  /** the error's place in the source, for the editor */
  onMarks: (marks: ScriptMark[]) => void;
};

/** Test: the script's decode on the selected timeline row or on typed sample input, and what it gave. */
export function ScriptTest({ script, onMarks }: ScriptTestProps) {
  const selected = useStore((s) => s.selectedEvent);
  const connectionName = useStore((s) => (s.selectedEvent ? s.connections.find((c) => c.id === s.selectedEvent?.connectionId)?.name : undefined));
  const [source, setSource] = useState<Source>('row');
  const [format, setFormat] = useState<SampleFormat>('hex');
  const [sample, setSample] = useState('');
  const [inputError, setInputError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const p = `script-test-${script.id}`;
  const blocked = script.importedFrom !== undefined;

  const run = async () => {
    setInputError(undefined);
    let frame;
    if (source === 'row') {
      if (!selected) return setInputError('Select a message row in the timeline first, or test on sample input');
      frame = await eventFrame(getLog(selected.connectionId).get(selected.seq));
    } else {
      frame = sampleFrame(format, sample);
    }
    if (!frame.ok) return setInputError(frame.error);
    setBusy(true);
    const r = await testDecode(getSandbox(), script.id, script.name, script.source, frame.frame);
    setBusy(false);
    setOutcome(r);
    onMarks(!r.ok && r.error.line !== undefined ? [{ line: r.error.line, column: r.error.column, message: r.error.message }] : []);
  };

  return (
    <fieldset className="flex flex-col gap-2 border-t border-zinc-800 pt-2">
      <legend className="pt-2 text-xs font-medium text-zinc-300">Test decode</legend>
      <div className="flex flex-wrap items-center gap-2">
        <RadioGroup
          legend="Test on"
          name={`${p}-on`}
          value={source}
          onChange={setSource}
          options={[
            { value: 'row', label: 'Selected row' },
            { value: 'sample', label: 'Sample input' },
          ]}
        />
        {source === 'sample' ? (
          <RadioGroup
            legend="Sample format"
            name={`${p}-format`}
            value={format}
            onChange={setFormat}
            options={[
              { value: 'hex', label: 'Hex' },
              { value: 'text', label: 'Text' },
            ]}
          />
        ) : null}
        <Button size="sm" variant="primary" className="ml-auto" disabled={busy || blocked} onClick={() => void run()} aria-describedby={fieldDescribedBy(p)}>
          {busy ? 'Testing…' : 'Test'}
        </Button>
      </div>
      {source === 'sample' ? (
        <>
          <label htmlFor={`${p}-sample`} className="text-xs font-medium text-zinc-300">
            Sample input ({format === 'hex' ? 'hex bytes' : 'text'})
          </label>
          <textarea
            id={`${p}-sample`}
            className={`${inputClass} h-16 font-mono`}
            value={sample}
            spellCheck={false}
            placeholder={format === 'hex' ? '00 09 02 00 00 00 07 41 ac 00 00' : '{"v":1,…}'}
            onChange={(e) => setSample(e.target.value)}
            aria-invalid={inputError ? true : undefined}
            aria-describedby={fieldDescribedBy(p)}
          />
        </>
      ) : null}
      <p id={fieldDescribedBy(p)} className={inputError ? 'text-xs text-rose-300' : 'text-xs text-zinc-400'}>
        {inputError ??
          (blocked
            ? 'Enable it (after reading it) to test it.'
            : source === 'row'
              ? selected
                ? `On row #${selected.seq} of ${connectionName ?? 'the selected connection'}.`
                : 'Select a message row in the timeline.'
              : 'As a received frame.')}
      </p>
      {outcome ? (
        <section aria-label="Test output" className="flex flex-col gap-1 rounded-md border border-zinc-800 bg-zinc-950/40 p-2">
          {outcome.ok ? <DecodedView messages={outcome.messages} /> : <p className="text-xs text-rose-300">{`${outcome.error.kind === 'timeout' ? 'Stopped: ' : ''}${describeError(outcome.error)}`}</p>}
          {outcome.notes.length > 0 ? (
            <ul aria-label="Notes from the script" className="text-xs text-zinc-400">
              {outcome.notes.map((n, i) => (
                <li key={i} className="font-mono break-all">
                  {n}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </fieldset>
  );
}
