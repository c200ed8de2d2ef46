import { useMemo, useRef } from 'react';
import type { FormEvent, ReactNode, RefObject } from 'react';
import { cn } from './cn';

/**
 * How a dialog is opened and closed from code. Stable for the component's
 * life, so an `open` built on it can be registered once (dialog-openers.ts).
 */
export interface DialogHandle {
  ref: RefObject<HTMLDialogElement | null>;
  /** showModal(), remembering where focus was so closing can return it there */
  open(): void;
  close(): void;
  /** open when closed, close when open */
  toggle(): void;
  isOpen(): boolean;
  /** where focus was when the dialog opened (read when it closes) */
  returnTo: RefObject<Element | null>;
}

export function useDialog(): DialogHandle {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  return useMemo<DialogHandle>(() => {
    const isOpen = () => ref.current?.open === true;
    const open = () => {
      const d = ref.current;
      if (!d || d.open) return;
      returnTo.current = document.activeElement;
      d.showModal();
    };
    const close = () => ref.current?.close();
    return { ref, returnTo, isOpen, open, close, toggle: () => (isOpen() ? close() : open()) };
  }, []);
}

const SIZES = { sm: 'w-96', md: 'w-[32rem]', lg: 'w-[36rem]' } as const;
export type DialogSize = keyof typeof SIZES;

export type DialogProps = {
  handle: DialogHandle;
  /** the title's id is `${id}-title`; the dialog is labelled by it */
  id: string;
  title: ReactNode;
  /** ids of the elements that describe the dialog */
  describedBy?: string;
  size?: DialogSize;
  /** 'danger': a red frame, for dialogs that destroy something */
  tone?: 'default' | 'danger';
  /** 'top': near the top of the window, like a command palette */
  placement?: 'center' | 'top';
  /** when given, the body is a form (Enter submits; the browser's own validation is off) */
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  /** Escape was pressed (the dialog closes by itself after) */
  onCancel?: () => void;
  onClose?: () => void;
  /** buttons at the bottom right */
  footer?: ReactNode;
  /** at the bottom left, across from the buttons */
  footerStart?: ReactNode;
  /** hides the visible title (it still names the dialog) */
  hideTitle?: boolean;
  children?: ReactNode;
};

/**
 * A native modal <dialog> in Sockpit's frame: a title that names it, the body,
 * a footer. The browser traps focus and closes it on Escape; focus goes back
 * where it was unless whatever closed it put focus somewhere else.
 */
export function Dialog({ handle, id, title, describedBy, size = 'md', tone = 'default', placement = 'center', onSubmit, onCancel, onClose, footer, footerStart, hideTitle, children }: DialogProps) {
  const restoreFocus = () => {
    const active = document.activeElement;
    const lost = !active || active === document.body || handle.ref.current?.contains(active) === true;
    const back = handle.returnTo.current;
    if (lost && back instanceof HTMLElement && back.isConnected) back.focus();
    onClose?.();
  };
  const body = (
    <>
      <h2 id={`${id}-title`} className={cn('text-base font-semibold', hideTitle && 'sr-only')}>
        {title}
      </h2>
      {children}
      {footer || footerStart ? (
        <div className={cn('flex items-center gap-2', footerStart ? 'justify-between' : 'justify-end')}>
          {footerStart}
          <div className="flex items-center gap-2">{footer}</div>
        </div>
      ) : null}
    </>
  );
  const bodyClass = 'flex flex-col gap-3 p-4';
  return (
    <dialog
      ref={handle.ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={describedBy}
      onCancel={onCancel}
      onClose={restoreFocus}
      className={cn(
        'max-w-[95vw] rounded-lg border bg-zinc-900 p-0 text-zinc-100 backdrop:bg-black/60',
        placement === 'top' ? 'mx-auto mt-[12vh] mb-auto' : 'm-auto',
        tone === 'danger' ? 'border-rose-800' : 'border-zinc-700',
        SIZES[size],
      )}
    >
      {onSubmit ? (
        <form onSubmit={onSubmit} noValidate className={bodyClass}>
          {body}
        </form>
      ) : (
        <div className={bodyClass}>{body}</div>
      )}
    </dialog>
  );
}
