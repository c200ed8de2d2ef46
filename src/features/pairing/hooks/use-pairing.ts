import { useEffect, useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { getLog } from '../../../services/sockets/socket-service';
import { useStore } from '../../../store/store';
import { pairingRuleOf } from '../../../store/view-actions';
import type { PairingIndex } from '../utils/pairing-index';
import { pairingIndexFor } from '../utils/registry';
import { decodeIndexOf, useDecodeVersion } from '../../../store/decode';

/** New events up to this many are paired at once while rendering; more in slices. */
const SYNC_BUDGET = 5_000;
const SLICE_BUDGET = 20_000;

const catchingUp = new Set<PairingIndex>();

/**
 * The pairing indexes of these connections, caught up with their logs: a
 * small backlog at once, a large one (a rule changed over a long capture)
 * in slices between frames.
 */
export function usePairing(ids: readonly ConnectionId[]): Map<ConnectionId, PairingIndex> {
  useStore((s) => ids.map((id) => s.runtime[id]?.version ?? 0).join(','));
  const rules = useStore((s) => ids.map((id) => JSON.stringify(pairingRuleOf(s, id))).join('|'));
  const [, setTick] = useState(0);
  useDecodeVersion(ids);
  const map = new Map<ConnectionId, PairingIndex>();
  const state = useStore.getState();
  let behind = false;
  for (const id of ids) {
    const decoder = decodeIndexOf(id);
    const lens = decoder.status().lens;
    const index = pairingIndexFor(getLog(id), pairingRuleOf(state, id), lens && lens !== 'json' && lens !== 'jsonrpc' ? decoder : null);
    map.set(id, index);
    const pending = index.pending();
    if (pending > 0 && pending <= SYNC_BUDGET && !catchingUp.has(index)) index.step(pending);
    else if (pending > SYNC_BUDGET) behind = true;
  }

  useEffect(() => {
    if (!behind) return;
    for (const index of map.values()) {
      if (index.pending() <= SYNC_BUDGET || catchingUp.has(index)) continue;
      catchingUp.add(index);
      const run = () => {
        const done = index.step(SLICE_BUDGET);
        setTick((t) => t + 1);
        if (done) catchingUp.delete(index);
        else setTimeout(run, 0);
      };
      setTimeout(run, 0);
    }
    // map is rebuilt each render from ids and rules
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [behind, rules]);

  return map;
}
