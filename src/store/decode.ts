import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ConnectionId } from '../lib/ids';
import type { DecodeIndex, DecodeStatus } from '../lib/decode/decode-index';
import type { DecodeAs, DecodedMessage } from '../lib/decode/types';
import { maskSecretValues } from '../lib/secret-values';
import { ScriptDecodeIndex } from '../lib/decode/script-index';
import type { ScriptProgress } from '../lib/decode/script-index';
import { decodeIndexFor, onDecoded } from '../services/decode/decode-service';
import type { LensOptions } from '../services/decode/decode-service';
import { getLog } from '../services/sockets/socket-service';
import { useStore } from './store';

/** What a connection decodes as (its config; Auto when unset). */
export function decodeAsOf(id: ConnectionId): DecodeAs {
  return useStore.getState().connections.find((c) => c.id === id)?.decodeAs ?? 'auto';
}

/** The decode index of a connection's current log under its Decode as. */
export function decodeIndexOf(id: ConnectionId): DecodeIndex {
  const config = useStore.getState().connections.find((c) => c.id === id);
  const as = config?.decodeAs ?? 'auto';
  // Lens options (protobuf's .proto, MQTT's payload encoding) shape how a lens decodes.
  return decodeIndexFor(getLog(id), as, (config?.sessionOptions as LensOptions | undefined) ?? undefined);
}

/** The decoded messages of an event, or null (raw, not decoded yet, not a frame). */
export function decodedAt(id: ConnectionId, seq: number): DecodedMessage[] | null {
  return decodeIndexOf(id).messagesAt(seq);
}

/**
 * Redraws when the decoded view of any of these connections changes (a
 * lens loaded, a backlog decoded); returns a number that changes with them.
 */
export function useDecodeVersion(ids: readonly ConnectionId[]): number {
  const key = ids.join(',');
  // Decode as changes replace the index: redraw for those too.
  useStore((s) =>
    ids
      .map((id) => {
        const c = s.connections.find((x) => x.id === id);
        return `${c?.decodeAs ?? 'auto'}:${JSON.stringify(c?.sessionOptions ?? {})}`;
      })
      .join(','),
  );
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const wanted = new Set(key.split(','));
    let frame: number | null = null;
    return onDecoded((id) => {
      if (!wanted.has(String(id)) || frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        setTick((t) => t + 1);
      });
    });
  }, [key]);
  return tick;
}

function statusKey(s: DecodeStatus): string {
  return `${s.lens ?? ''}|${s.detecting}|${s.how}|${s.loading}|${s.optionsError?.field ?? ''}:${s.optionsError?.error ?? ''}|${s.script?.name ?? ''}:${s.script?.error ?? ''}`;
}

/**
 * How far a user script has decoded a connection (decoded / total events),
 * or null when it does not decode with a script. Read it with
 * useDecodeVersion, which redraws as batches come back from the sandbox.
 */
export function decodeProgressOf(id: ConnectionId): ScriptProgress | null {
  const index = decodeIndexOf(id);
  return index instanceof ScriptDecodeIndex ? index.progress() : null;
}

/**
 * How a connection decodes now (the lens in use, detecting, loading), redrawn
 * only when that changes: not per frame or per decoded slice, so the
 * connection bar and the composer stay still during a flood.
 */
export function useDecodeStatus(id: ConnectionId): DecodeStatus {
  // Decode as or options changed: a new index.
  useStore((s) => {
    const c = s.connections.find((x) => x.id === id);
    return `${c?.decodeAs ?? 'auto'}:${JSON.stringify(c?.sessionOptions ?? {})}`;
  });
  const subscribe = useCallback(
    (changed: () => void) => {
      let frame: number | null = null;
      const stop = onDecoded((x) => {
        if (x !== id || frame !== null) return;
        // Told while some component renders (an index made on first read): redraw after it.
        frame = requestAnimationFrame(() => {
          frame = null;
          changed();
        });
      });
      return () => {
        stop();
        if (frame !== null) cancelAnimationFrame(frame);
      };
    },
    [id],
  );
  useSyncExternalStore(subscribe, () => statusKey(decodeIndexOf(id).status()));
  return decodeIndexOf(id).status();
}

/** One line for a row: the summaries of a frame's decoded messages. */
export function decodedLine(messages: readonly DecodedMessage[]): { protocol: string; text: string; error: boolean } {
  const first = messages[0];
  const error = messages.some((m) => m.error !== undefined);
  if (!first) return { protocol: '', text: '', error: false };
  const text = messages.length === 1 ? first.summary : `${messages.length} messages: ${messages.map((m) => m.summary).join(' ‖ ')}`;
  // A summary may quote a credential (a Socket.IO CONNECT's auth): masked like the raw preview beside it.
  return { protocol: first.protocol, text: maskSecretValues(text), error };
}
