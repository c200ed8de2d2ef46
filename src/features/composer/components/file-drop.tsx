import { useState } from 'react';
import type { DragEvent } from 'react';
import { cn } from '../../../components/ui/cn';
import { formatBytes } from '../../../lib/codecs';

export type FileDropProps = { id: string; file: File | null; onFile: (file: File | null) => void };

/** A file picker that also takes a file dropped on it. */
export function FileDrop({ id, file, onFile }: FileDropProps) {
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={cn(
        'flex min-h-[4.75rem] flex-1 flex-col items-center justify-center gap-1 rounded-md border border-dashed text-sm',
        over ? 'border-sky-400 bg-sky-950/40' : 'border-zinc-600 bg-zinc-900',
      )}
    >
      <label htmlFor={id} className="cursor-pointer text-sky-300 underline-offset-2 hover:underline">
        Choose file
      </label>
      <input id={id} type="file" className="sr-only" onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
      <span className="text-xs text-zinc-400">{file ? `${file.name} · ${formatBytes(file.size)}` : 'or drop a file here'}</span>
    </div>
  );
}
