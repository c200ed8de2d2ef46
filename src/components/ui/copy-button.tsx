import { useEffect, useRef, useState } from 'react';
import { Button } from './button';
import type { ButtonProps } from './button';

export type CopyButtonProps = {
  label: string;
  /** the text to copy, or a function that computes it on click (hex of a large payload is not built until asked) and may say why there is none */
  text: string | (() => string | { error: string });
  /** selected instead when the clipboard is not available (plain http pages); without one, the failure is reported */
  fallbackTarget?: () => HTMLElement | null;
  disabled?: boolean;
  variant?: ButtonProps['variant'];
};

type Status = { tone: 'ok' | 'info' | 'error'; message: string };
const TONES: Record<Status['tone'], string> = { ok: 'text-emerald-300', info: 'text-zinc-400', error: 'text-rose-300' };

/**
 * Copies to the clipboard and says whether it worked, next to the button.
 * Where the page may not use the clipboard, it selects the text and says to
 * press Ctrl+C.
 */
export function CopyButton({ label, text, fallbackTarget, disabled, variant = 'secondary' }: CopyButtonProps) {
  const [status, setStatus] = useState<Status | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const show = (next: Status, clearAfterMs?: number) => {
    clearTimeout(timer.current);
    setStatus(next);
    if (clearAfterMs) timer.current = setTimeout(() => setStatus(null), clearAfterMs);
  };

  const copy = async () => {
    const value = typeof text === 'string' ? text : text();
    if (typeof value !== 'string') {
      show({ tone: 'error', message: value.error }, 4000);
      return;
    }
    try {
      await navigator.clipboard.writeText(value);
      show({ tone: 'ok', message: 'Copied' }, 4000);
    } catch (e) {
      const el = fallbackTarget?.();
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
      else if (el) window.getSelection()?.selectAllChildren(el);
      if (el) show({ tone: 'info', message: 'Selected: press Ctrl+C (or ⌘C) to copy' });
      else show({ tone: 'error', message: `Copy failed: ${e instanceof Error ? e.message : String(e)}` }, 4000);
    }
  };

  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant={variant} onClick={() => void copy()} disabled={disabled}>
        {label}
      </Button>
      <span role="status" className={`text-xs ${TONES[status?.tone ?? 'info']}`}>
        {status?.message ?? ''}
      </span>
    </span>
  );
}
