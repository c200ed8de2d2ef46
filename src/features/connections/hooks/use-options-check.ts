import { useEffect, useMemo, useState } from 'react';
import { isLensId, loadLens } from '../../../lib/decode/registry';
import type { DecodeAs, Lens, LensId } from '../../../lib/decode/types';

export type OptionsError = { error: string; field?: string | undefined };

/**
 * What the chosen lens makes of its options before there is a connection (a
 * .proto that does not parse, a message type it does not have): the same
 * check, and the same message, the connection's decode index runs once
 * connected. The lens's code is loaded only when a lens is chosen, so
 * protobufjs stays out of the first screen's bundle.
 */
export function useOptionsCheck(decodeAs: DecodeAs, options: Record<string, string>): OptionsError | undefined {
  const current = useLens(isLensId(decodeAs) ? decodeAs : null);
  return useMemo(() => {
    if (!current?.configure) return undefined;
    const r = current.configure(options);
    return r.ok ? undefined : { error: r.error, field: r.field };
  }, [current, options]);
}

/** A lens's code, loaded when it is chosen (null until it is here, or when none is). */
export function useLens(id: LensId | null): Lens | null {
  const [lens, setLens] = useState<Lens | null>(null);
  useEffect(() => {
    if (!id) return undefined;
    let live = true;
    loadLens(id).then(
      (l) => {
        if (live) setLens(l);
      },
      () => {
        if (live) setLens(null);
      },
    );
    return () => {
      live = false;
    };
  }, [id]);
  return id && lens?.id === id ? lens : null;
}
