import { cn } from './cn';

export type KeysProps = { keys: readonly string[]; className?: string };

/** Keys as keycaps: ['Ctrl', 'K'] → [Ctrl] [K]. */
export function Keys({ keys, className }: KeysProps) {
  return (
    <span className={cn('inline-flex gap-1', className)}>
      {keys.map((k) => (
        <kbd key={k} className="rounded border border-zinc-600 bg-zinc-800 px-1.5 py-0.5 font-mono text-xs text-zinc-100">
          {k}
        </kbd>
      ))}
    </span>
  );
}
