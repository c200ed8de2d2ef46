import { useEffect, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { formatHex } from '../../../lib/codecs';
import { usesVariables } from '../../../lib/template-vars';
import { previewTemplate } from '../../../store/automate-actions';
import type { TemplateFormat } from '../../../store/automate-slice';
import { cn } from '../../../components/ui/cn';

export type PayloadPreviewProps = { id: string; connectionId: ConnectionId; format: TemplateFormat; body: string };

const PREVIEW_CHARS = 2000;

/** Refreshes every second while the body holds variables, so {{timestamp}} and friends read as they would now. */
function useTick(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
}

/** Exactly what Send would put on the wire now: variables expanded (with the next counter), or the bytes. Text only. */
export function PayloadPreview({ id, connectionId, format, body }: PayloadPreviewProps) {
  useTick(format === 'text' && usesVariables(body));
  const p = previewTemplate(connectionId, { format, body });
  return (
    <div className="flex flex-col gap-1">
      <span id={`${id}-label`} className="text-xs font-medium text-zinc-300">
        What will go out
      </span>
      {p.ok ? (
        <>
          <div
            id={id}
            data-testid="payload-preview"
            className={cn('max-h-24 overflow-auto rounded border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-xs break-all whitespace-pre-wrap text-zinc-100')}
          >
            {format === 'text'
              ? p.text.length > PREVIEW_CHARS
                ? `${p.text.slice(0, PREVIEW_CHARS)}…`
                : p.text || '(empty text frame)'
              : typeof p.data === 'string'
                ? p.data
                : formatHex(p.data, 256) || '(empty binary frame)'}
          </div>
          <span className="text-xs text-zinc-400">
            {format === 'text' ? 'text' : 'binary'} frame, {p.size.toLocaleString('en-US')} {p.size === 1 ? 'byte' : 'bytes'}
            {p.used.length > 0 ? ` · expands ${p.used.map((v) => `{{${v}}}`).join(', ')} when sent` : ''}
            {p.unknown.length > 0 ? ` · not variables, sent as typed: ${p.unknown.map((v) => `{{${v}}}`).join(', ')}` : ''}
          </span>
        </>
      ) : (
        <p id={id} className="text-xs text-rose-300">
          Cannot be sent: {p.error}
        </p>
      )}
    </div>
  );
}
