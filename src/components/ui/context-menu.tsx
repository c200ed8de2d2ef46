import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';

export interface MenuAction {
  label: string;
  run: () => void;
  disabled?: boolean;
}

export type ContextMenuProps = {
  label: string;
  actions: readonly MenuAction[];
  /** where it opens, relative to its positioned parent */
  at: { x: number; y: number };
  onClose: () => void;
};

/**
 * A small menu (right click, the context-menu key or Shift+F10): ↑/↓ move,
 * Enter runs, Escape or a click elsewhere closes. Focus goes to the first
 * item, and back to where it was on close.
 */
export function ContextMenu({ label, actions, at, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (menu.current && e.target instanceof Node && !menu.current.contains(e.target)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      back?.focus();
    };
  }, [onClose]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };
  return (
    <div ref={menu} role="menu" aria-label={label} onKeyDown={onKeyDown} style={{ left: at.x, top: at.y }} className="absolute z-40 flex min-w-44 flex-col rounded-md border border-zinc-700 bg-zinc-900 p-1 text-sm shadow-xl">
      {actions.map((a) => (
        <button
          key={a.label}
          type="button"
          role="menuitem"
          disabled={a.disabled}
          onClick={() => {
            onClose();
            a.run();
          }}
          className="rounded px-2 py-1 text-left text-zinc-100 hover:bg-zinc-800 focus-visible:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-sky-400 disabled:text-zinc-500"
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}
