import { create } from 'zustand';
import { cn } from './cn';

/**
 * Results of long actions (import, export) as short notes in one status
 * region at the bottom corner: never squeezed into a header, read out by
 * screen readers, gone after a while or when dismissed.
 */
interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

const useToasts = create<{ toasts: Toast[] }>(() => ({ toasts: [] }));
let next = 1;
const LIFETIME_MS = 10_000;

export function dismissToast(id: number): void {
  useToasts.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

export function showToast(text: string, tone: Toast['tone'] = 'info'): void {
  if (!text) return;
  const id = next++;
  useToasts.setState((s) => ({ toasts: [...s.toasts.slice(-3), { id, text, tone }] }));
  setTimeout(() => dismissToast(id), LIFETIME_MS);
}

export function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div role="status" aria-live="polite" aria-label="Notifications" className="pointer-events-none fixed right-4 bottom-4 z-40 flex max-w-md flex-col items-end gap-2">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={cn(
            'pointer-events-auto flex items-start gap-2 rounded-md border px-3 py-2 text-sm shadow-lg',
            t.tone === 'error' ? 'border-rose-700 bg-rose-950 text-rose-100' : 'border-zinc-700 bg-zinc-900 text-zinc-100',
          )}
        >
          <p className="min-w-0 break-words">{t.text}</p>
          <button type="button" aria-label="Dismiss" className="shrink-0 rounded px-1 text-zinc-400 hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-400" onClick={() => dismissToast(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
