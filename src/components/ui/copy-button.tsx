import { useState } from 'react';
import { Button } from './button';

export type CopyButtonProps = {
  label: string;
  /** the text to copy */
  text: string;
  /** selected instead when the clipboard is not available (plain http pages) */
  fallbackTarget: () => HTMLElement | null;
};

/** Copies to the clipboard; where the page may not, selects the text and says to press Ctrl+C. */
export function CopyButton({ label, text, fallbackTarget }: CopyButtonProps) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied');
    } catch {
      const el = fallbackTarget();
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
      else if (el) window.getSelection()?.selectAllChildren(el);
      setStatus('Selected: press Ctrl+C (or ⌘C) to copy');
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className="text-xs text-zinc-400">
        {status}
      </span>
    </span>
  );
}
