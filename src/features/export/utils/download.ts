import type { ExportPart } from './exporters';

/** Parts are gathered into Blobs of about this many characters, so the strings can be let go as the export goes on. */
const BLOB_CHUNK_CHARS = 4_000_000;

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled');
    this.name = 'ExportCancelled';
  }
}

/**
 * Turns an exporter's parts into one Blob, yielding to the page between
 * parts (so a million-event export never freezes it) and reporting progress.
 * Cancelling stops the exporter, which releases the logs it held.
 */
export async function buildBlob(parts: AsyncIterable<ExportPart>, type: string, onProgress?: (events: number) => void, signal?: AbortSignal): Promise<Blob> {
  const blobs: Blob[] = [];
  let pending: string[] = [];
  let pendingChars = 0;
  for await (const part of parts) {
    if (signal?.aborted) throw new ExportCancelled();
    pending.push(part.text);
    pendingChars += part.text.length;
    if (pendingChars >= BLOB_CHUNK_CHARS) {
      blobs.push(new Blob(pending));
      pending = [];
      pendingChars = 0;
    }
    onProgress?.(part.events);
    await nextTask();
  }
  if (signal?.aborted) throw new ExportCancelled();
  blobs.push(new Blob(pending));
  return new Blob(blobs, { type });
}

export { saveBlob } from '../../../components/ui/save-blob';
