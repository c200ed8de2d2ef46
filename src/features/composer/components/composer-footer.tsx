import { Button } from '../../../components/ui/button';

export type ComposerFooterProps = {
  id: string;
  canSend: boolean;
  onSend: () => void;
  /** "12 bytes", or why the hex/base64/file cannot be sent */
  size: { ok: true; text: string } | { ok: false; text: string };
  /** the id the byte count carries (the Message box's description) */
  sizeId: string;
  jsonError: string | null;
  surrogateWarning: string | null;
  /** why Send is disabled, or where a broadcast goes */
  why: string;
};

/** One line under the editor: Send, the byte count or error, warnings, and why Send is disabled. Long text is cut, with the whole in a tooltip. */
export function ComposerFooter({ id, canSend, onSend, size, sizeId, jsonError, surrogateWarning, why }: ComposerFooterProps) {
  const parts = [
    { id: sizeId, text: size.text, className: size.ok ? 'text-zinc-400' : 'text-rose-300' },
    { id: `${id}-json`, text: jsonError ?? '', className: 'text-rose-300' },
    { id: `${id}-surrogate`, text: surrogateWarning ?? '', className: 'text-amber-200' },
    { id: `${id}-send-why`, text: why, className: why.startsWith('Sends to') ? 'text-zinc-400' : 'text-amber-200' },
  ];
  let shown = 0;
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Button variant="primary" size="sm" className="shrink-0 px-3" onClick={onSend} disabled={!canSend} aria-describedby={`${id}-send-why`}>
        Send
      </Button>
      <p className="min-w-0 flex-1 truncate text-xs" title={parts.map((p) => p.text).filter(Boolean).join(' · ')}>
        {parts.map((p) => (
          <span key={p.id}>
            {p.text && shown++ > 0 ? (
              <span aria-hidden="true" className="text-zinc-500">
                {' · '}
              </span>
            ) : null}
            <span id={p.id} className={p.className}>
              {p.text}
            </span>
          </span>
        ))}
      </p>
    </div>
  );
}
