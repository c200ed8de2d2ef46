import { parseHex } from '../../../lib/codecs';
import type { Frame } from '../../../lib/decode/types';
import type { SockEvent } from '../../../lib/events';

/**
 * What Test runs a script's decode on: the selected timeline row, or sample
 * input the user types (text as typed, or hex bytes). Framework-free.
 */

export type SampleFormat = 'text' | 'hex';
export type FrameCheck = { ok: true; frame: Frame } | { ok: false; error: string };

/** The typed sample as a received frame; hex errors say where. */
export function sampleFrame(format: SampleFormat, text: string): FrameCheck {
  if (format === 'text') return { ok: true, frame: { direction: 'in', format: 'text', text } };
  const parsed = parseHex(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, frame: { direction: 'in', format: 'binary', bytes: parsed.bytes } };
}

/** A timeline event as a frame (a Blob is read first); anything but a message is refused with why. */
export async function eventFrame(event: SockEvent | undefined): Promise<FrameCheck> {
  if (!event) return { ok: false, error: 'The selected row is no longer in the capture' };
  if (event.type !== 'message') {
    const what = event.type === 'note' ? 'a note' : `${/^[aeiou]/.test(event.type) ? 'an' : 'a'} ${event.type} event`;
    return { ok: false, error: `The selected row is ${what}, not a message: select a message row` };
  }
  if (event.format === 'text') return { ok: true, frame: { direction: event.direction, format: 'text', text: event.text } };
  const buffer = event.data instanceof Blob ? await event.data.arrayBuffer() : event.data;
  return { ok: true, frame: { direction: event.direction, format: 'binary', bytes: new Uint8Array(buffer.slice(0)) } };
}
