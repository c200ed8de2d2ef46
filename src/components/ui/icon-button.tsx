import type { ButtonHTMLAttributes } from 'react';
import { cn } from './cn';

export type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> & {
  /** the accessible name, also shown as a tooltip and next to the icon */
  label: string;
  icon: IconName;
  /** show only the icon (the label stays the accessible name and tooltip) */
  iconOnly?: boolean;
};

/** Small stroke icons drawn in SVG, so they look the same whatever fonts the machine has. */
const ICONS = {
  reconnect: 'M13 3v4H9 M12.5 7A5 5 0 1 0 13 10',
  stop: 'M5 5h6v6H5z',
  duplicate: 'M6 6h7v7H6z M3 10V3h7',
  remove: 'M4 4l8 8 M12 4l-8 8',
  plus: 'M8 3v10 M3 8h10',
  'chevron-down': 'M4 6l4 4 4-4',
  'chevron-up': 'M4 10l4-4 4 4',
  link: 'M6.5 9.5l3-3 M7 11.5l-1 1a2.5 2.5 0 0 1-3.5-3.5l1.5-1.5a2.5 2.5 0 0 1 3.5 0 M9 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5L12 8.5a2.5 2.5 0 0 1-3.5 0',
} as const;
export type IconName = keyof typeof ICONS;

/** A compact button: an icon and a short visible label; its accessible name is the label. */
export function IconButton({ label, icon, iconOnly = false, className, type = 'button', ...props }: IconButtonProps) {
  return (
    <button
      type={type}
      title={label}
      aria-label={label}
      className={cn(
        'inline-flex h-6 items-center gap-0.5 rounded px-1 text-[11px] text-zinc-300 hover:bg-zinc-700 hover:text-zinc-50 focus-visible:outline-2 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:text-zinc-600 disabled:hover:bg-transparent',
        className,
      )}
      {...props}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round">
        <path d={ICONS[icon]} />
      </svg>
      {iconOnly ? null : <span>{label.replace(' connection', '')}</span>}
    </button>
  );
}
