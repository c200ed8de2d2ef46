import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { EMPTY_DRAFT } from '../../../store/defaults';
import { closeConnection, updateDraft } from '../../../store/actions';
import { checkCloseInput, MAX_CLOSE_REASON_BYTES } from '../../../lib/close-codes';
import { utf8ByteLength } from '../../../lib/codecs';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { fieldDescribedBy, inputClass } from '../../../components/ui/field';

export type ClosePanelProps = { connectionId: ConnectionId };

const small = cn(inputClass, 'h-7 py-0.5 text-xs');

/**
 * close(code, reason) on one line, with the browser's own rules checked
 * before it is called. An error shows in a bubble under the field, so the
 * layout never moves.
 */
export function ClosePanel({ connectionId }: ClosePanelProps) {
  const draft = useStore((s) => s.drafts[connectionId] ?? EMPTY_DRAFT);
  const readyState = useStore((s) => s.runtime[connectionId]?.readyState ?? 'CLOSED');
  const [tried, setTried] = useState(false);
  const check = checkCloseInput(draft.closeCode, draft.closeReason);
  const reasonBytes = utf8ByteLength(draft.closeReason);
  // Errors show as soon as the input is wrong; a failed attempt keeps them in view.
  const codeError = !check.ok && check.field === 'code' ? check.error : undefined;
  const reasonError = !check.ok && check.field === 'reason' ? check.error : undefined;
  const error = codeError ?? reasonError;
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
    <form aria-label="Close connection" onSubmit={onSubmit} noValidate className="relative flex items-center gap-1.5">
      <label htmlFor={`${id}-code`} className="text-xs text-zinc-400">
        Close code
      </label>
      <input
        id={`${id}-code`}
        className={cn(small, 'w-16 font-mono')}
        inputMode="numeric"
        value={draft.closeCode}
        placeholder="1000"
        title="1000 or 3000–4999"
        onChange={(e) => updateDraft(connectionId, { closeCode: e.target.value })}
        aria-invalid={codeError ? true : undefined}
        aria-describedby={fieldDescribedBy(`${id}-code`)}
      />
      <label htmlFor={`${id}-reason`} className="sr-only">
        Close reason
      </label>
      <input
        id={`${id}-reason`}
        className={cn(small, 'w-28 xl:w-40')}
        value={draft.closeReason}
        placeholder="reason"
        onChange={(e) => updateDraft(connectionId, { closeReason: e.target.value })}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={fieldDescribedBy(`${id}-reason`)}
      />
      {draft.closeReason ? (
        <span className={cn('text-[11px] whitespace-nowrap tabular-nums', reasonBytes > MAX_CLOSE_REASON_BYTES ? 'text-rose-300' : 'text-zinc-400')} aria-live="polite">
          {reasonBytes} / {MAX_CLOSE_REASON_BYTES} bytes
        </span>
      ) : null}
      <Button type="submit" size="sm" variant="danger" disabled={!closable}>
        Close
      </Button>
      <span id={fieldDescribedBy(`${id}-code`)} className="sr-only">
        {codeError ?? '1000 or 3000–4999'}
      </span>
      <span id={fieldDescribedBy(`${id}-reason`)} className="sr-only">
        {reasonError ?? 'Optional, at most 123 bytes of UTF-8'}
      </span>
      {error ? (
        <p role="alert" className="absolute top-full right-0 z-20 mt-1 w-80 rounded border border-rose-800 bg-rose-950 px-2 py-1 text-xs text-rose-100 shadow-lg">
          {error}
          {tried ? ' Not closed: fix the field; the socket stays open.' : ''}
        </p>
      ) : null}
    </form>
  );
}
