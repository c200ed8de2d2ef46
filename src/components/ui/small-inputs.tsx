import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import { cn } from './cn';
import { inputClass } from './field';

/** Small labelled controls for the step forms: each error sits under its own field and is its description. */

export const smallInput = cn(inputClass, 'py-1 text-xs');

type LabelledProps = { label: string; error?: string | undefined; hint?: string | undefined; className?: string; children: (id: string, describedBy: string | undefined) => ReactNode };

export function Labelled({ label, error, hint, className, children }: LabelledProps) {
  const id = useId();
  const desc = error || hint ? `${id}-desc` : undefined;
  return (
    <div className={cn('flex min-w-0 flex-col gap-0.5', className)}>
      <label htmlFor={id} className="text-[11px] font-medium text-zinc-300">
        {label}
      </label>
      {children(id, desc)}
      {error || hint ? (
        <p id={desc} className={cn('text-[11px] break-words', error ? 'text-rose-300' : 'text-zinc-400')}>
          {error ?? hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextInput({ label, value, onChange, placeholder, error, hint, className, type = 'text' }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; error?: string | undefined; hint?: string; className?: string; type?: 'text' | 'password' }) {
  return (
    <Labelled label={label} error={error} hint={hint} className={className}>
      {(id, desc) => <input id={id} type={type} className={smallInput} value={value} placeholder={placeholder} spellCheck={false} aria-invalid={error ? true : undefined} aria-describedby={desc} onChange={(e) => onChange(e.target.value)} />}
    </Labelled>
  );
}

/**
 * A whole number typed as text: the text is kept as typed, a bad value says
 * why under the field and leaves the document as it was; empty means "not set"
 * when `optional`.
 */
export function NumberInput({ label, value, onChange, min, max, optional = false, className, hint, onValidity }: { label: string; value: number | undefined; onChange: (v: number | undefined) => void; min: number; max: number; optional?: boolean; className?: string; hint?: string; onValidity?: (valid: boolean) => void }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    // The document changed elsewhere (the JSON view): show its value unless the text already means it.
    setText((t) => (t.trim() !== '' && Number(t) === value ? t : value === undefined ? '' : String(value)));
    setError(undefined);
  }, [value]);
  useEffect(() => onValidity?.(error === undefined), [error, onValidity]);
  const change = (t: string) => {
    setText(t);
    const s = t.trim();
    if (s === '') {
      if (optional) {
        setError(undefined);
        onChange(undefined);
      } else setError('Required');
      return;
    }
    if (!/^\d+$/.test(s)) return setError(`A whole number from ${min} to ${max}`);
    const n = Number(s);
    if (n < min || n > max) return setError(`From ${min} to ${max}; got ${n}`);
    setError(undefined);
    onChange(n);
  };
  return (
    <Labelled label={label} error={error} hint={hint} className={className}>
      {(id, desc) => <input id={id} type="text" inputMode="numeric" className={smallInput} value={text} aria-invalid={error ? true : undefined} aria-describedby={desc} onChange={(e) => change(e.target.value)} />}
    </Labelled>
  );
}

export function SelectInput<T extends string>({ label, value, options, onChange, className }: { label: string; value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void; className?: string }) {
  return (
    <Labelled label={label} className={className}>
      {(id) => (
        <select id={id} className={smallInput} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

export function CheckboxInput({ label, checked, onChange, className }: { label: string; checked: boolean; onChange: (v: boolean) => void; className?: string }) {
  return (
    <label className={cn('inline-flex items-center gap-1.5 text-xs text-zinc-300', className)}>
      <input type="checkbox" className="h-3.5 w-3.5 accent-sky-600 focus-visible:outline-2 focus-visible:outline-sky-400" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
