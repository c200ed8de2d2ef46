import { formatBytes } from '../codecs';
import type { DecodedMessage, Frame } from './types';

/**
 * A frame the connection's lens cannot read, as a note on its row: the raw
 * frame stays as it was, and the row says why it is shown raw (issue 10: "falls
 * back to raw with a note, never to silence"). An error, so filters and the
 * decode status count it with the other frames the lens could not read.
 */
export function rawNote(protocol: string, why: string): DecodedMessage {
  return { protocol, type: 'raw', summary: `${why} · shown raw`, fields: [], error: why };
}

/** The note for a binary frame on a lens that reads text frames only (JSON, JSON-RPC, SignalR JSON, Phoenix, Action Cable, WAMP JSON). */
export function binaryOnTextLens(protocol: string, frame: Frame & { format: 'binary' }): DecodedMessage {
  return rawNote(protocol, `a binary frame (${formatBytes(frame.bytes.byteLength)}): ${protocol} is read from text frames`);
}

/** The note for a text too long to decode on the timeline (the inspector still reads it whole). */
export function tooLongNote(protocol: string, chars: number, max: number): DecodedMessage {
  const n = (x: number) => x.toLocaleString('en-US');
  return rawNote(protocol, `${n(chars)} characters: longer than the ${n(max)} decoded on the timeline (the inspector reads it whole)`);
}
