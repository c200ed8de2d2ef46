import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { cn } from './cn';

export interface ChipOption<K extends string> {
  key: K;
  label: string;
}

export type ChipGroupProps<K extends string> = {
  legend: string;
  options: readonly ChipOption<K>[];
  checked: Record<K, boolean>;
  onChange: (key: K, checked: boolean) => void;
};

/**
 * Checkboxes drawn as chips, one tab stop for the group (roving focus):
 * ←/→ (or ↑/↓), Home and End move between chips, Space ticks.
 */
export function ChipGroup<K extends string>({ legend, options, checked, onChange }: ChipGroupProps<K>) {
  const [active, setActive] = useState(0);
  const boxes = useRef<(HTMLInputElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLFieldSetElement>) => {
    const n = options.length;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? (active + 1) % n : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? (active + n - 1) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : null;
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    boxes.current[next]?.focus();
  };
  return (
    <fieldset className="flex flex-wrap items-center gap-1" onKeyDown={onKeyDown}>
      <legend className="mb-1 text-[11px] font-medium text-zinc-400">{legend}</legend>
      {options.map((o, i) => (
        <label
          key={o.key}
          className={cn(
            'cursor-pointer rounded border px-1.5 py-0.5 text-[11px] font-medium select-none has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-sky-400',
            checked[o.key] ? 'border-sky-700 bg-sky-900/70 text-sky-100' : 'border-zinc-700 bg-zinc-900 text-zinc-400 line-through',
          )}
        >
          <input
            ref={(el) => {
              boxes.current[i] = el;
            }}
            type="checkbox"
            className="sr-only"
            tabIndex={i === active ? 0 : -1}
            checked={checked[o.key]}
            onFocus={() => setActive(i)}
            onChange={(e) => onChange(o.key, e.target.checked)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export type ToggleChipProps = { label: string; text: string; checked: boolean; onChange: (checked: boolean) => void; title?: string };

/** One option drawn as a small toggle: `label` is its name, `text` what it shows (".*", "Aa"). */
export function ToggleChip({ label, text, checked, onChange, title }: ToggleChipProps) {
  return (
    <label
      title={title ?? label}
      className={cn(
        'inline-flex h-7 cursor-pointer items-center rounded border px-1.5 font-mono text-[11px] font-semibold select-none has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-sky-400',
        checked ? 'border-sky-600 bg-sky-900/70 text-sky-100' : 'border-zinc-700 bg-zinc-900 text-zinc-400 hover:text-zinc-200',
      )}
    >
      <input type="checkbox" className="sr-only" aria-label={label} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span aria-hidden="true">{text}</span>
    </label>
  );
}
