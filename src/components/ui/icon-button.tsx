import type { ButtonHTMLAttributes } from 'react';
import { cn } from './cn';

export type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> & {
  /** the accessible name, also shown as a tooltip and next to the icon */
  label: string;
  icon: string;
};

/** A compact button: an icon and a short visible label; its accessible name is the label. */
export function IconButton({ label, icon, className, type = 'button', ...props }: IconButtonProps) {
  return (
    <button
      type={type}
      title={label}
      aria-label={label}
      className={cn(
        'inline-flex h-6 items-center gap-1 rounded px-1.5 text-[11px] text-zinc-300 hover:bg-zinc-700 hover:text-zinc-50 focus-visible:outline-2 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:text-zinc-600 disabled:hover:bg-transparent',
        className,
      )}
      {...props}
    >
      <span aria-hidden="true">{icon}</span>
      <span>{label.replace(' connection', '')}</span>
    </button>
  );
}
