import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { cn } from './cn';

export type PopoverProps = {
  /** the trigger's content; `label` is its accessible name when this is only an icon */
  trigger: ReactNode;
  label?: string;
  /** the panel's accessible name */
  title: string;
  children: ReactNode | ((close: () => void) => ReactNode);
  align?: 'left' | 'right';
  /** extra classes for the trigger button */
  className?: string;
  panelClassName?: string;
  /** aria-keyshortcuts of the trigger */
  keyshortcuts?: string;
};

/**
 * A button that shows a small panel under itself: Escape or a click outside
 * closes it and focus returns to the button. The panel stays in the DOM
 * (hidden) so what it holds keeps its state.
 */
export function Popover({ trigger, label, title, children, align = 'left', className, panelClassName, keyshortcuts }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  const close = () => setOpen(false);

  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      // A dialog opened from the panel closes itself on Escape: leave that key to it.
      if (e.key !== 'Escape' || e.defaultPrevented || (e.target instanceof Element && e.target.closest('dialog[open]'))) return;
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    root.current?.addEventListener('keydown', onKey);
    const el = root.current;
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      el?.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={id}
        aria-keyshortcuts={keyshortcuts}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          'inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs font-medium whitespace-nowrap text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 aria-expanded:bg-zinc-800',
          className,
        )}
      >
        {trigger}
      </button>
      <div
        id={id}
        role="group"
        aria-label={title}
        hidden={!open}
        className={cn('absolute top-full z-30 mt-1 min-w-56 rounded-md border border-zinc-700 bg-zinc-900 p-3 text-sm shadow-xl', align === 'right' ? 'right-0' : 'left-0', panelClassName)}
      >
        {typeof children === 'function' ? children(close) : children}
      </div>
    </div>
  );
}
