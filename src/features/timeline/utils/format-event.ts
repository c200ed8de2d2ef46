import type { SockEvent } from '../../../core/events';
import { closeCodeName, closeFailed } from '../../../lib/close-codes';
import { formatBytes, formatHex } from '../../../lib/codecs';
import { assertNever } from '../../../lib/assert-never';
import { maskUrl } from '../../../lib/secrets';
import { previewText } from '../../../lib/preview-text';
import { longestSecretBytes, maskSecretValues, secretByteMask } from '../../../lib/secret-values';

/** Secret environment values as •••• (the text's head only: a preview never shows more). */
const masked = (text: string) => maskSecretValues(text.length > 4096 ? text.slice(0, 4096) : text);

export type RowTone = 'in' | 'out' | 'open' | 'close' | 'error' | 'note' | 'neutral';

export interface RowText {
  /** the event's word: open, received, sent, error, close, note, connecting */
  label: string;
  tone: RowTone;
  /** one-line details after the label */
  detail: string;
  /** where the payload preview starts in `detail` (search matches are marked from there) */
  previewAt?: number;
  /** messages: the frame type and size, for their own columns */
  format?: 'text' | 'binary';
  size?: string;
  /** a close that means the connection failed (1006, 1015, not clean) */
  failed?: boolean;
}

const PREVIEW_BYTES = 24;

export { previewText } from '../../../lib/preview-text';

export function previewBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return '(empty)';
  // A secret that starts inside the preview may end after it: look that much further.
  const look = bytes.subarray(0, PREVIEW_BYTES + longestSecretBytes());
  return formatHex(bytes, PREVIEW_BYTES, secretByteMask(look));
}

/** The text of a row; binary previews of Blobs are filled in by the row itself. */
export function describeEvent(e: SockEvent): RowText {
  switch (e.type) {
    case 'connecting':
      return { label: 'connecting', tone: 'neutral', detail: masked(`${maskUrl(e.url)}${e.protocols.length ? ` protocols: ${e.protocols.join(', ')}` : ''}`) };
    case 'open':
      return {
        label: 'open',
        tone: 'open',
        detail: [e.protocol ? `protocol: ${e.protocol}` : 'no subprotocol', e.extensions ? `extensions: ${e.extensions}` : ''].filter(Boolean).join(' · '),
      };
    case 'message': {
      const label = e.direction === 'in' ? 'received' : 'sent';
      const tone = e.direction;
      if (e.format === 'text') {
        const head = `text ${formatBytes(e.size)} `;
        return { label, tone, detail: `${head}${previewText(masked(e.text))}`, previewAt: head.length, format: 'text', size: formatBytes(e.size) };
      }
      const preview = e.data instanceof ArrayBuffer ? previewBytes(new Uint8Array(e.data, 0, Math.min(e.data.byteLength, PREVIEW_BYTES + 1))) : 'Blob';
      const head = `binary ${formatBytes(e.size)} `;
      return { label, tone, detail: `${head}${preview}`, previewAt: head.length, format: 'binary', size: formatBytes(e.size) };
    }
    case 'error':
      return { label: 'error', tone: 'error', detail: 'the browser gives no detail; the close event that follows says more' };
    case 'close':
      return {
        label: 'close',
        tone: 'close',
        detail: `${e.code} ${closeCodeName(e.code)} · reason: ${e.reason ? previewText(e.reason) : '(none)'} · wasClean: ${e.wasClean}`,
        ...(closeFailed(e.code, e.wasClean, false) ? { failed: true } : {}),
      };
    case 'note':
      return { label: 'note', tone: e.level === 'info' ? 'note' : 'error', detail: masked(e.text) };
    default:
      return assertNever(e, 'event');
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Wall-clock time with milliseconds, e.g. 14:03:07.125. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Time since the socket opened, e.g. +1.234 s. */
export function formatSince(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  return `${sign}${(Math.abs(ms) / 1000).toFixed(3)} s`;
}

/** Time since the previous row, e.g. Δ +0.012 s. */
export function formatDelta(ms: number): string {
  return `Δ ${formatSince(ms)}`;
}

export type TimeFormatName = 'clock' | 'since-open' | 'since-previous';

export interface TimeCell {
  /** the <time> element's text */
  primary: string;
  /** the column after it: time since open, shown next to the wall clock */
  secondary: string;
}

/**
 * A row's time as the chosen format shows it. The wall clock also shows the
 * time since open beside it; the other formats show their one figure.
 */
export function timeCell(format: TimeFormatName, time: number, openTime: number | undefined, previousTime: number | undefined): TimeCell {
  const sinceOpen = openTime === undefined ? '' : formatSince(time - openTime);
  switch (format) {
    case 'clock':
      return { primary: formatClock(time), secondary: sinceOpen };
    case 'since-open':
      return { primary: sinceOpen || formatClock(time), secondary: '' };
    case 'since-previous':
      return { primary: previousTime === undefined ? formatDelta(0) : formatDelta(time - previousTime), secondary: '' };
  }
}
