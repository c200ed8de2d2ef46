import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { EMPTY_DRAFT } from '../../../store/defaults';
import { closeConnection, updateDraft } from '../../../store/actions';
import { checkCloseInput, MAX_CLOSE_REASON_BYTES } from '../../../lib/close-codes';
import { utf8ByteLength } from '../../../lib/codecs';
import { Button } from '../../../components/ui/button';
import { Field, fieldDescribedBy, inputClass } from '../../../components/ui/field';

export type ClosePanelProps = { connectionId: ConnectionId };

/** close(code, reason), with the browser's own rules checked before it is called. */
export function ClosePanel({ connectionId }: ClosePanelProps) {
  const draft = useStore((s) => s.drafts[connectionId] ?? EMPTY_DRAFT);
  const readyState = useStore((s) => s.runtime[connectionId]?.readyState ?? 'CLOSED');
  const [tried, setTried] = useState(false);
  const check = checkCloseInput(draft.closeCode, draft.closeReason);
  const reasonBytes = utf8ByteLength(draft.closeReason);
  // Errors show as soon as the input is wrong; a failed attempt keeps them in view.
  const codeError = !check.ok && check.field === 'code' ? check.error : undefined;
  const reasonError = !check.ok && check.field === 'reason' ? check.error : undefined;
  const closable = readyState === 'OPEN' || readyState === 'CONNECTING';
  const id = `close-${connectionId}`;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!check.ok) {
      document.getElementById(`${id}-${check.field}`)?.focus();
      return;
    }
    closeConnection(connectionId, check.code, check.reason === '' && check.code === undefined ? undefined : check.reason);
  };

  return (
    <form aria-label="Close connection" onSubmit={onSubmit} noValidate className="flex w-72 shrink-0 flex-col gap-1">
      <div className="grid grid-cols-[6rem_1fr] gap-2">
        <Field id={`${id}-code`} label="Close code" error={codeError} hint="1000 or 3000–4999">
          <input
            id={`${id}-code`}
            className={inputClass}
            inputMode="numeric"
            value={draft.closeCode}
            onChange={(e) => updateDraft(connectionId, { closeCode: e.target.value })}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={fieldDescribedBy(`${id}-code`)}
          />
        </Field>
        <Field
          id={`${id}-reason`}
          label="Close reason"
          error={reasonError}
          hint="Optional"
        >
          <input
            id={`${id}-reason`}
            className={inputClass}
            value={draft.closeReason}
            onChange={(e) => updateDraft(connectionId, { closeReason: e.target.value })}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={fieldDescribedBy(`${id}-reason`)}
          />
        </Field>
      </div>
      <div className="flex items-center gap-2">
        <Button type="submit" variant="danger" disabled={!closable}>
          Close
        </Button>
        <span className="text-xs text-zinc-400" aria-live="polite">
          <span className={reasonBytes > MAX_CLOSE_REASON_BYTES ? 'text-rose-300' : undefined}>
            {reasonBytes} / {MAX_CLOSE_REASON_BYTES} bytes
          </span>
          {tried && !check.ok ? ' · Not closed: fix the field above; the socket stays open.' : ''}
        </span>
      </div>
    </form>
  );
}
