import { saveBlob } from '../../../components/ui/save-blob';
import { useState } from 'react';
import type { SockEvent } from '../../../core/events';
import { formatBase64, formatHex } from '../../../lib/codecs';
import { sendData, updateDraft } from '../../../store/actions';
import { useStore } from '../../../store/store';
import { Button } from '../../../components/ui/button';
import type { Payload } from '../hooks/use-payload';
import { CopyButton } from '../../../components/ui/copy-button';

/** Largest payload "Edit and send" loads into the composer (drafts are saved in localStorage). */
export const EDIT_LIMIT = 256 * 1024;
/** Largest payload copied as hex or base64 (the string is 1.3–3× the bytes). */
export const COPY_LIMIT = 16 * 1024 * 1024;

export type PayloadActionsProps = {
  event: Extract<SockEvent, { type: 'message' }>;
  payload: Payload;
  /** pretty-printed JSON, when the text is JSON */
  json: (() => string) | null;
  fileName: string;
};

function bytesOf(payload: Payload): Uint8Array | null {
  if (payload.kind === 'binary') return payload.bytes;
  if (payload.kind === 'text') return payload.bytes();
  return null;
}


/** Copy, download, resend and edit-and-send for the selected message. */
export function PayloadActions({ event, payload, json, fileName }: PayloadActionsProps) {
  const readyState = useStore((s) => s.runtime[event.connectionId]?.readyState ?? 'CLOSED');
  const [note, setNote] = useState('');
  const ready = payload.kind === 'text' || payload.kind === 'binary';
  const tooBig = event.size > COPY_LIMIT;
  const copyBytes = (format: (b: Uint8Array) => string) => () => {
    if (tooBig) return { error: 'Too large to copy; use Download' };
    const b = bytesOf(payload);
    return b ? format(b) : { error: 'Payload not loaded yet' };
  };
  const copyText = () => {
    if (payload.kind === 'text') return payload.text;
    if (payload.kind === 'binary') return tooBig ? { error: 'Too large to copy; use Download' } : new TextDecoder().decode(payload.bytes);
    return { error: 'Payload not loaded yet' };
  };

  const open = readyState === 'OPEN';
  const canEdit = ready && event.size <= EDIT_LIMIT;
  const resend = () => {
    if (payload.kind === 'text') sendData(event.connectionId, payload.text);
    else if (payload.kind === 'binary') sendData(event.connectionId, payload.bytes);
    setNote('Sent again');
  };
  const edit = () => {
    if (payload.kind === 'text') updateDraft(event.connectionId, { mode: 'text', text: payload.text });
    else if (payload.kind === 'binary') updateDraft(event.connectionId, { mode: 'binary', binaryFormat: 'hex', hex: formatHex(payload.bytes) });
    setNote('Loaded into the composer');
    // The composer's message box, if this connection's composer is on screen.
    document.getElementById(`composer-${event.connectionId}-message`)?.focus();
  };
  const save = () => {
    if (payload.kind === 'text') saveBlob(new Blob([payload.text], { type: 'text/plain;charset=utf-8' }), fileName);
    else if (payload.kind === 'binary') saveBlob(new Blob([payload.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), fileName);
  };

  return (
    <div className="flex flex-wrap items-center gap-1 border-t border-zinc-800 px-2 py-1.5">
      <CopyButton variant="ghost" label="Copy text" text={copyText} disabled={!ready} />
      {json ? <CopyButton variant="ghost" label="Copy JSON" text={json} /> : null}
      <CopyButton variant="ghost" label="Copy hex" text={copyBytes((b) => formatHex(b))} disabled={!ready} />
      <CopyButton variant="ghost" label="Copy base64" text={copyBytes(formatBase64)} disabled={!ready} />
      <Button size="sm" variant="ghost" onClick={save} disabled={!ready}>
        Download
      </Button>
      {event.direction === 'out' ? (
        <Button size="sm" variant="secondary" onClick={resend} disabled={!ready || !open} title={open ? 'Send this message again' : `Connection is ${readyState}`}>
          Resend
        </Button>
      ) : null}
      <Button size="sm" variant="secondary" onClick={edit} disabled={!canEdit} title={canEdit ? 'Load into the composer' : 'Over 256 KiB: too large to edit'}>
        Edit and send
      </Button>
      <span role="status" className="text-xs text-zinc-400">
        {note || (event.direction === 'out' && !open ? `Resend needs an OPEN connection (now ${readyState})` : '')}
      </span>
    </div>
  );
}
