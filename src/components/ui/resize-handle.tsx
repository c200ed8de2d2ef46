import type { KeyboardEvent, PointerEvent } from 'react';
import { cn } from './cn';

export type ResizeHandleProps = {
  /** 'vertical': a bar between side-by-side panes (sizes a width); 'horizontal': between stacked panes (a height) */
  orientation: 'vertical' | 'horizontal';
  /** the size of the pane after the handle (right of it, or below it) */
  size: number;
  min: number;
  max: number;
  onResize: (size: number) => void;
  label: string;
};

/**
 * The edge of a pane: drag it, or focus it and use the arrow keys (Shift for
 * bigger steps), Home and End for the smallest and largest size.
 */
export function ResizeHandle({ orientation, size, min, max, onResize, label }: ResizeHandleProps) {
  const vertical = orientation === 'vertical';
  const clamp = (n: number) => Math.max(min, Math.min(max, n));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const start = vertical ? e.clientX : e.clientY;
    const startSize = size;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => onResize(clamp(startSize + (start - (vertical ? ev.clientX : ev.clientY))));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 80 : 16;
    const grow = vertical ? 'ArrowLeft' : 'ArrowUp';
    const shrink = vertical ? 'ArrowRight' : 'ArrowDown';
    if (e.key === grow) onResize(clamp(size + step));
    else if (e.key === shrink) onResize(clamp(size - step));
    else if (e.key === 'Home') onResize(min);
    else if (e.key === 'End') onResize(max);
    else return;
    e.preventDefault();
  };
  return (
    <div
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(size)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={Math.round(max)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      className={cn(
        'shrink-0 bg-zinc-800 hover:bg-sky-700 focus-visible:bg-sky-500 focus-visible:outline-none',
        vertical ? 'w-1.5 cursor-col-resize' : 'h-1.5 cursor-row-resize',
      )}
    />
  );
}
