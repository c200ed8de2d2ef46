import type { EventLog, LogCounters, RetentionLimits } from '../../../core/event-log';
import type { ImportedData, ImportedTimeline } from './import-types';

/**
 * The messages between the page and the import Worker (import.worker.ts).
 * The Worker reads the file (with progress), parses it and checks it with the
 * same importers the page would use, then hands the built timelines over in
 * column parts that the page appends one task at a time: no main-thread task
 * grows with the file.
 */

/** What the page asks: import this file with these settings; then 'next' after each part it appended. */
export type ImportRequest = { type: 'import'; file: File; limits: RetentionLimits; readOnly: boolean } | { type: 'next' };

export type ImportPhase =
  | { phase: 'reading'; bytes: number; total: number }
  | { phase: 'parsing'; total: number }
  | { phase: 'checking'; events: number }
  | { phase: 'opening'; events: number; total: number };

/** A timeline without its log: the log follows in parts. */
export type TimelineHead = Omit<ImportedTimeline, 'log'> & { start: number; counters: LogCounters };

export type ImportReply =
  | ({ type: 'progress' } & ImportPhase)
  | { type: 'failed'; error: string }
  | { type: 'head'; data: Omit<ImportedData, 'timelines'> & { timelines: TimelineHead[] } }
  | { type: 'events'; timeline: number; n: number; kinds: Uint8Array; times: Float64Array; sizes: Float64Array; data: unknown[] }
  | { type: 'done' };

/**
 * Events per part handed to the page: one part is one task there (its
 * deserialization and appends, a few ms). The Worker sends the next part only
 * when the page asks, so the page is idle between parts and its garbage
 * collector can work then rather than in one long pause.
 */
export const PART_EVENTS = 8192;

/** The head of a built timeline. */
export function timelineHead(t: ImportedTimeline): TimelineHead {
  const { log, ...rest } = t;
  return { ...rest, start: log.start, counters: { ...log.counters } };
}

/** Binary payloads of a part, to transfer rather than copy. */
export function transferablesOf(data: readonly unknown[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const d of data) if (d instanceof ArrayBuffer) out.push(d);
  return out;
}

/** Reads a whole text file in parts, telling how many bytes are in so far. */
export async function readWithProgress(file: Blob, onBytes: (bytes: number) => void): Promise<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    onBytes(bytes);
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** A log's retained events as parts for the page. */
export function* logParts(log: EventLog, timeline: number): Generator<Extract<ImportReply, { type: 'events' }>> {
  for (let from = log.start; from < log.end; from += PART_EVENTS) {
    const c = log.columns(from, from + PART_EVENTS);
    yield { type: 'events', timeline, ...c };
  }
}
