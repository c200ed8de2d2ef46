import { useState } from 'react';
import { Button } from '../../../components/ui/button';

export type CopyButtonProps = {
  label: string;
  /** computed on click (hex of a large payload is not built until asked) */
  text: () => string | { error: string };
  disabled?: boolean;
};

/** Copies to the clipboard and says whether it worked, next to the button. */
export function CopyButton({ label, text, disabled }: CopyButtonProps) {
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const copy = async () => {
    const value = text();
    if (typeof value !== 'string') {
      setStatus({ ok: false, message: value.error });
      return;
    }
    try {
      await navigator.clipboard.writeText(value);
      setStatus({ ok: true, message: 'Copied' });
    } catch (e) {
      setStatus({ ok: false, message: `Copy failed: ${e instanceof Error ? e.message : String(e)}` });
    }
    setTimeout(() => setStatus(null), 2500);
  };
  return (
    <span className="inline-flex items-center gap-1">
      <Button size="sm" variant="ghost" onClick={() => void copy()} disabled={disabled}>
        {label}
      </Button>
      <span role="status" className={status?.ok === false ? 'text-xs text-rose-300' : 'text-xs text-emerald-300'}>
        {status?.message ?? ''}
      </span>
    </span>
  );
}
