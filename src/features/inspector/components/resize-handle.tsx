import type { KeyboardEvent, PointerEvent } from 'react';

export type ResizeHandleProps = {
  width: number;
  min: number;
  max: number;
  onResize: (width: number) => void;
};

/** The inspector's left edge: drag it, or focus it and use ←/→ (Shift for bigger steps). */
export function ResizeHandle({ width, min, max, onResize }: ResizeHandleProps) {
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startX = e.clientX;
    const startWidth = width;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => onResize(Math.max(min, Math.min(max, startWidth + (startX - ev.clientX))));
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
    if (e.key === 'ArrowLeft') onResize(Math.min(max, width + step));
    else if (e.key === 'ArrowRight') onResize(Math.max(min, width - step));
    else return;
    e.preventDefault();
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize inspector"
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      className="w-1.5 shrink-0 cursor-col-resize bg-zinc-800 hover:bg-sky-700 focus-visible:bg-sky-500 focus-visible:outline-none"
    />
  );
}
