import type { BinaryType } from '../../../core/events';
import type { CodeData, CodeInput } from './generate-code';
import { MAX_LITERAL_BYTES } from './generate-code';
import type { SentPayload, Session } from './session';
import type { CloseRequest } from '../../../store/close-requests';


export interface SessionCodeOptions {
  /** the connection's URL and subprotocols as typed, used when the log no longer has the connecting event */
  fallbackUrl: string;
  fallbackProtocols: string[];
  binaryType: BinaryType;
  /** the user's last close() on this connection; ignored if it was before this socket's connect */
  closeRequest: CloseRequest | null;
  /** bytes of sent Blobs (files), by seq, once read */
  blobBytes: ReadonlyMap<number, Uint8Array>;
  timing: boolean;
}

function codeData(seq: number, payload: SentPayload, blobBytes: ReadonlyMap<number, Uint8Array>): CodeData {
  if (payload.kind === 'too-large') return { kind: 'omitted', format: payload.format, size: payload.size };
  if (payload.kind === 'text') {
    return payload.text.length > MAX_LITERAL_BYTES ? { kind: 'omitted', format: 'text', size: payload.text.length } : { kind: 'text', text: payload.text };
  }
  const data = payload.data;
  if (data instanceof ArrayBuffer) {
    return data.byteLength > MAX_LITERAL_BYTES ? { kind: 'omitted', format: 'binary', size: data.byteLength } : { kind: 'bytes', bytes: new Uint8Array(data) };
  }
  if (data.size > MAX_LITERAL_BYTES) return { kind: 'omitted', format: 'binary', size: data.size };
  const bytes = blobBytes.get(seq);
  return bytes ? { kind: 'blob', bytes, type: data.type } : { kind: 'pending-blob', size: data.size };
}

/** What generateCode needs, from the latest session of a connection's log. */
export function sessionCodeInput(session: Session, o: SessionCodeOptions): CodeInput {
  const notes: string[] = [];
  if (session.earlierSessions > 0) {
    notes.push(`This is the latest of ${session.earlierSessions + 1} sockets on this connection; the earlier ones are not shown.`);
  }
  if (session.evicted) notes.push('Older events were dropped by the capture limit: what you did among them is missing.');
  // A close asked before this socket was made belongs to an earlier one.
  const req = o.closeRequest !== null && (session.connectingTime === null || o.closeRequest.time >= session.connectingTime) ? o.closeRequest : null;
  const close =
    req === null
      ? null
      : {
          code: req.code,
          reason: req.reason,
          at: session.openTime === null || req.time < session.openTime ? null : req.time - session.openTime,
        };
  return {
    url: session.url ?? o.fallbackUrl,
    protocols: session.url === null ? o.fallbackProtocols : session.protocols,
    binaryType: o.binaryType,
    sends: session.sends.map((s) => ({ at: s.at, data: codeData(s.seq, s.payload, o.blobBytes) })),
    close,
    timing: o.timing,
    notes,
  };
}
