import type { ReactNode } from 'react';
import { cn } from './cn';

export type FieldProps = {
  id: string;
  label: string;
  /** shown under the field in red and read as the field's description */
  error?: string | undefined;
  /** shown under the field when there is no error */
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
};

/** A label, a control and the message that belongs to it. The control must use `fieldDescribedBy(id)`. */
export function Field({ id, label, error, hint, className, children }: FieldProps) {
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={id} className="text-xs font-medium text-zinc-300">
        {label}
      </label>
      {children}
      <div id={`${id}-desc`} className={cn('min-h-4 text-xs break-words', error ? 'text-rose-300' : 'text-zinc-400')}>
        {error ?? hint}
      </div>
    </div>
  );
}

export function fieldDescribedBy(id: string): string {
  return `${id}-desc`;
}

export const inputClass =
  'w-full rounded-md border border-zinc-600 bg-zinc-900 px-2 py-1.5 text-sm text-zinc-100 placeholder:text-zinc-500 focus:border-sky-400 focus:outline-none aria-[invalid=true]:border-rose-400';
