import { useEffect, useMemo, useState } from 'react';
import type { SockEvent } from '../../../core/events';
import { encodeUtf8 } from '../../../lib/codecs';

export type Payload =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'text'; text: string; bytes: () => Uint8Array }
  | { kind: 'binary'; bytes: Uint8Array };

/**
 * The selected event's payload: text as is (its UTF-8 bytes computed on
 * demand), binary as bytes; a Blob (binaryType 'blob') is read once, async.
 */
export function usePayload(event: SockEvent): Payload {
  const blob = event.type === 'message' && event.format === 'binary' && event.data instanceof Blob ? event.data : null;
  const [read, setRead] = useState<{ blob: Blob; payload: Payload } | null>(null);
  useEffect(() => {
    if (!blob) return;
    let live = true;
    blob.arrayBuffer().then(
      (buf) => live && setRead({ blob, payload: { kind: 'binary', bytes: new Uint8Array(buf) } }),
      (e: unknown) => live && setRead({ blob, payload: { kind: 'error', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
  }, [blob]);

  const direct = useMemo((): Payload | null => {
    if (event.type !== 'message') return { kind: 'none' };
    if (event.format === 'text') {
      const text = event.text;
      let bytes: Uint8Array | null = null;
      return { kind: 'text', text, bytes: () => (bytes ??= encodeUtf8(text)) };
    }
    return event.data instanceof Blob ? null : { kind: 'binary', bytes: new Uint8Array(event.data) };
  }, [event]);
  if (direct) return direct;
  return blob && read?.blob === blob ? read.payload : { kind: 'loading' };
}
