import { useMemo, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { EMPTY_DRAFT } from '../../../store/defaults';
import { sendData, updateDraft } from '../../../store/actions';
import { peekCounter, recordSent, takeCounter } from '../../../store/automate-actions';
import { activeEnvironmentOf } from '../../../store/environment-actions';
import { expandWithEnvironment } from '../../../lib/environments';
import type { Environment } from '../../../lib/environments';
import { fieldDescribedBy } from '../../../components/ui/field';
import { formatJson, minifyJson } from '../../../lib/json-format';
import { buildPayload, byteCount } from '../utils/payload';
import { jsonStateOf, surrogateWarningOf } from '../utils/message-check';
import { confirmThresholdMiB, needsSendConfirmation } from '../utils/large-send';
import { useHistoryWalk } from '../hooks/use-history-walk';
import { FileDrop } from './file-drop';
import { MessageEditor } from './message-editor';
import type { MessageEditorProps } from './message-editor';
import { ComposerToolbar } from './composer-toolbar';
import { ComposerFooter } from './composer-footer';
import { ConfirmSendDialog } from './confirm-send-dialog';
import { chosenFile, setChosenFile } from '../utils/chosen-files';

export type ComposerProps = {
  connectionId: ConnectionId;
  /** the merged view's broadcast: send with this instead (the draft stays `connectionId`'s) */
  broadcast?: { open: boolean; label: string; send: (data: string | Uint8Array | Blob) => void } | undefined;
};


/** The message with its variables filled in (a fresh uuid, timestamp… each call). */
function expandMessage(text: string, env: Environment | undefined, id: ConnectionId) {
  return expandWithEnvironment(text, env, { extra: { counter: String(peekCounter(id)) } });
}

const PLACEHOLDERS = { text: 'Type a message · Ctrl+Enter sends · ↑ earlier messages', hex: '00 ff 10 · whitespace allowed', base64: 'AP8Q' } as const;

/** Text and binary frames, checked as typed; what is shown as bytes is what goes on the wire. Fills its parent: controls, editor, one footer line. */
export function Composer({ connectionId, broadcast }: ComposerProps) {
  const draft = useStore((s) => s.drafts[connectionId] ?? EMPTY_DRAFT);
  const readyState = useStore((s) => s.runtime[connectionId]?.readyState ?? 'CLOSED');
  const thresholdMiB = useStore((s) => confirmThresholdMiB(s.preferences));
  const [file, setFile] = useState<File | null>(() => chosenFile(connectionId));
  const [asking, setAsking] = useState<number | null>(null);
  const textKey = draft.mode === 'text' ? 'text' : draft.binaryFormat === 'hex' ? 'hex' : 'base64';
  const walk = useHistoryWalk(connectionId, textKey, draft[textKey]);
  const env = useStore((s) => activeEnvironmentOf(s));
  const isText = draft.mode === 'text';
  // {{variables}} of the environment in use (and the templates' counter, timestamp, uuid…) fill in at send time; an unknown one is the field's error.
  const variableError = useMemo(() => (isText ? expandMessage(draft.text, env, connectionId) : null), [isText, draft.text, env, connectionId]);
  const built = buildPayload(draft, file);
  const payload = variableError && !variableError.ok ? { ok: false as const, error: variableError.error } : built;
  const json = useMemo(() => (isText ? jsonStateOf(draft.text) : null), [isText, draft.text]);
  const surrogate = useMemo(() => (isText ? surrogateWarningOf(draft.text) : null), [isText, draft.text]);
  const open = broadcast ? broadcast.open : readyState === 'OPEN';
  const canSend = open && payload.ok;
  const id = `composer-${connectionId}`;
  const messageId = `${id}-message`;

  const chooseFile = (f: File | null) => {
    setChosenFile(connectionId, f);
    setFile(f);
  };

  const sendNow = () => {
    if (!canSend) return;
    let data = payload.data;
    if (isText && draft.text.includes('{{')) {
      const e = expandMessage(draft.text, env, connectionId);
      if (!e.ok) return;
      if (e.used.includes('counter') && !(env && 'counter' in env.variables)) takeCounter(connectionId);
      data = e.text;
    }
    if (broadcast) broadcast.send(data);
    else sendData(connectionId, data);
    if (textKey === 'text' || draft.binaryFormat !== 'file') recordSent(connectionId, { format: textKey, body: draft[textKey] });
    walk.reset();
  };
  const send = () => {
    if (!canSend) return;
    if (needsSendConfirmation(payload.size, thresholdMiB)) setAsking(payload.size);
    else sendNow();
  };

  const onKey: MessageEditorProps['onKey'] = (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      send();
      return true;
    }
    if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) return walk.step(e.key === 'ArrowUp' ? 'up' : 'down');
    return false;
  };

  const rewrite = (how: typeof formatJson) => {
    const r = how(draft.text);
    if (r.ok) updateDraft(connectionId, { text: r.text });
  };

  const why = broadcast ? (open ? `Sends to ${broadcast.label}` : 'Send is disabled: no connection is OPEN') : open ? '' : `Send is disabled: connection is ${readyState}`;
  const showTextbox = isText || draft.binaryFormat !== 'file';

  return (
    <section aria-label="Composer" className="flex min-h-0 min-w-[16rem] flex-1 flex-col gap-1.5">
      <ComposerToolbar
        id={id}
        mode={draft.mode}
        binaryFormat={draft.binaryFormat}
        onMode={(mode) => updateDraft(connectionId, { mode })}
        onBinaryFormat={(binaryFormat) => updateDraft(connectionId, { binaryFormat })}
        jsonValid={json?.kind === 'json'}
        onFormat={() => rewrite(formatJson)}
        onMinify={() => rewrite(minifyJson)}
      />
      {showTextbox ? (
        <MessageEditor
          key={isText ? 'text' : 'binary'}
          id={messageId}
          value={draft[textKey]}
          onChange={(text) => updateDraft(connectionId, { [textKey]: text })}
          onKey={onKey}
          invalid={!payload.ok || json?.kind === 'invalid'}
          describedBy={`${fieldDescribedBy(messageId)} ${id}-json ${id}-surrogate`}
          placeholder={PLACEHOLDERS[textKey]}
          code={isText}
          json={json?.kind === 'json' || json?.kind === 'invalid'}
          marks={{ error: json?.kind === 'invalid' ? json.offset : null, surrogate: surrogate?.offset ?? null }}
        />
      ) : (
        <FileDrop id={`${id}-file`} file={file} onFile={chooseFile} />
      )}
      <ComposerFooter
        id={id}
        canSend={canSend}
        onSend={send}
        size={payload.ok ? { ok: true, text: byteCount(payload.size) } : { ok: false, text: payload.error }}
        sizeId={fieldDescribedBy(messageId)}
        jsonError={json?.kind === 'invalid' ? json.message : null}
        surrogateWarning={surrogate?.message ?? null}
        why={why}
      />
      <ConfirmSendDialog
        id={`${id}-confirm`}
        size={asking}
        thresholdMiB={thresholdMiB}
        target={broadcast ? broadcast.label : 'this connection'}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          setAsking(null);
          sendNow();
        }}
      />
    </section>
  );
}
