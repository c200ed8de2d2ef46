import { useEffect, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import { formatBytes } from '../../../lib/codecs';
import { describeSize } from '../utils/large-send';

export type ConfirmSendDialogProps = {
  id: string;
  /** the size waiting for an answer; null = no question */
  size: number | null;
  thresholdMiB: number;
  /** where it goes: "this connection", "3 connections" */
  target: string;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Asks before a send larger than the threshold in Settings. Escape and Cancel send nothing. */
export function ConfirmSendDialog({ id, size, thresholdMiB, target, onConfirm, onCancel }: ConfirmSendDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (size !== null && !d.open) d.showModal();
    if (size === null && d.open) d.close();
  }, [size]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onClose={onCancel}
      className="m-auto w-96 max-w-[calc(100vw-2rem)] rounded-lg border border-zinc-700 bg-zinc-900 p-0 text-zinc-100 backdrop:bg-black/60"
    >
      {size !== null ? (
        <div className="flex flex-col gap-3 p-4">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            Send {formatBytes(size)}?
          </h2>
          <p id={`${id}-text`} className="text-sm text-zinc-300">
            This message is {describeSize(size)}, more than {thresholdMiB} MiB (the limit set in Settings to ask first). It goes to {target}.
          </p>
          <div className="flex justify-end gap-2">
            <Button autoFocus onClick={onCancel}>
              Cancel
            </Button>
            <Button variant="primary" onClick={onConfirm}>
              Send {formatBytes(size)}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
