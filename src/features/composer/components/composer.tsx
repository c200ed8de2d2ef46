import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { EMPTY_DRAFT } from '../../../store/defaults';
import { sendData, updateDraft } from '../../../store/actions';
import { recordSent } from '../../../store/automate-actions';
import type { SentEntry } from '../../../store/automate-slice';
import type { BinaryFormat, ComposerMode } from '../../../store/types';
import { Button } from '../../../components/ui/button';
import { fieldDescribedBy, inputClass } from '../../../components/ui/field';
import { cn } from '../../../components/ui/cn';
import { buildPayload, byteCount } from '../utils/payload';
import { stepHistory } from '../utils/history-walk';
import { FileDrop } from './file-drop';
import { RadioGroup } from '../../../components/ui/radio-group';

export type ComposerProps = {
  connectionId: ConnectionId;
  /** the merged view's broadcast: send with this instead (the draft stays `connectionId`'s) */
  broadcast?: { open: boolean; label: string; send: (data: string | Uint8Array | Blob) => void } | undefined;
};

const MODES: { value: ComposerMode; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'binary', label: 'Binary' },
];
const FORMATS: { value: BinaryFormat; label: string }[] = [
  { value: 'hex', label: 'Hex' },
  { value: 'base64', label: 'Base64' },
  { value: 'file', label: 'File' },
];

/** Files chosen per connection for this page's life (a File cannot be persisted). */
const chosenFiles = new Map<ConnectionId, File>();

const NO_HISTORY: readonly SentEntry[] = [];

/** The draft fields that show a history entry. */
function draftOfEntry(entry: SentEntry) {
  if (entry.format === 'text') return { mode: 'text' as const, text: entry.body };
  return entry.format === 'hex' ? { mode: 'binary' as const, binaryFormat: 'hex' as const, hex: entry.body } : { mode: 'binary' as const, binaryFormat: 'base64' as const, base64: entry.body };
}

/** Text and binary frames, validated as typed; what is shown as bytes is what goes on the wire. */
export function Composer({ connectionId, broadcast }: ComposerProps) {
  const draft = useStore((s) => s.drafts[connectionId] ?? EMPTY_DRAFT);
  const readyState = useStore((s) => s.runtime[connectionId]?.readyState ?? 'CLOSED');
  const [file, setFile] = useState<File | null>(() => chosenFiles.get(connectionId) ?? null);
  const history = useStore((s) => s.sentHistory[connectionId] ?? NO_HISTORY);
  // Up/Down in an empty composer: which history entry is shown, and its text (editing it ends the walk).
  const [walk, setWalk] = useState<{ index: number; shown: string } | null>(null);
  const payload = buildPayload(draft, file);
  const open = broadcast ? broadcast.open : readyState === 'OPEN';
  const canSend = open && payload.ok;
  const id = `composer-${connectionId}`;

  const chooseFile = (f: File | null) => {
    if (f) chosenFiles.set(connectionId, f);
    else chosenFiles.delete(connectionId);
    setFile(f);
  };

  const textKey = draft.mode === 'text' ? 'text' : draft.binaryFormat === 'hex' ? 'hex' : 'base64';

  const send = () => {
    if (!canSend) return;
    if (broadcast) broadcast.send(payload.data);
    else sendData(connectionId, payload.data);
    if (textKey === 'text' || draft.binaryFormat !== 'file') recordSent(connectionId, { format: textKey, body: draft[textKey] });
    setWalk(null);
  };

  const walkHistory = (e: KeyboardEvent<HTMLTextAreaElement>, key: 'up' | 'down') => {
    const walking = walk !== null && walk.shown === draft[textKey];
    if (!walking && draft[textKey] !== '') return;
    const next = stepHistory(history.length, walking ? walk.index : null, key);
    if (next === undefined) return;
    e.preventDefault();
    const entry = next === null ? undefined : history[history.length - 1 - next];
    if (next === null || !entry) {
      updateDraft(connectionId, { [textKey]: '' });
      setWalk(null);
      return;
    }
    updateDraft(connectionId, draftOfEntry(entry));
    setWalk({ index: next, shown: entry.body });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      walkHistory(e, e.key === 'ArrowUp' ? 'up' : 'down');
    }
  };
  const showTextbox = draft.mode === 'text' || draft.binaryFormat !== 'file';
  const placeholder =
    draft.mode === 'text' ? 'Type a message · Ctrl+Enter sends · ↑ earlier messages' : draft.binaryFormat === 'hex' ? '00 ff 10 · whitespace allowed' : 'AP8Q';

  return (
    <section aria-label="Composer" className="flex min-w-[16rem] flex-1 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-4">
        <RadioGroup legend="Frame type" name={`${id}-mode`} options={MODES} value={draft.mode} onChange={(mode) => updateDraft(connectionId, { mode })} />
        {draft.mode === 'binary' ? (
          <RadioGroup
            legend="Binary input"
            name={`${id}-format`}
            options={FORMATS}
            value={draft.binaryFormat}
            onChange={(binaryFormat) => updateDraft(connectionId, { binaryFormat })}
          />
        ) : null}
      </div>
      {showTextbox ? (
        <>
          <label htmlFor={`${id}-message`} className="sr-only">
            Message
          </label>
          <textarea
            id={`${id}-message`}
            className={cn(inputClass, 'h-24 resize-y font-mono')}
            value={draft[textKey]}
            onChange={(e) => updateDraft(connectionId, { [textKey]: e.target.value })}
            onKeyDown={onKeyDown}
            placeholder={placeholder}
            aria-invalid={payload.ok ? undefined : true}
            aria-describedby={fieldDescribedBy(`${id}-message`)}
            spellCheck={draft.mode === 'text'}
          />
        </>
      ) : (
        <FileDrop id={`${id}-file`} file={file} onFile={chooseFile} />
      )}
      <div className="flex items-center gap-3">
        <Button variant="primary" onClick={send} disabled={!canSend} aria-describedby={`${id}-send-why`}>
          Send
        </Button>
        <span id={fieldDescribedBy(`${id}-message`)} className={cn('text-xs', payload.ok ? 'text-zinc-400' : 'text-rose-300')}>
          {payload.ok ? byteCount(payload.size) : payload.error}
        </span>
        <span id={`${id}-send-why`} className="text-xs text-amber-200">
          {broadcast ? (open ? `Sends to ${broadcast.label}` : 'Send is disabled: no connection is OPEN') : open ? '' : `Send is disabled: connection is ${readyState}`}
        </span>
      </div>
    </section>
  );
}
