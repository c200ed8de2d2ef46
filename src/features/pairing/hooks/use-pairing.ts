import { useCallback, useLayoutEffect, useSyncExternalStore } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { getLog, onConnectionRemoved, onFrame } from '../../../services/sockets/socket-service';
import { onDecoded } from '../../../services/decode/decode-service';
import { runSliced } from '../../../lib/slices';
import { useStore } from '../../../store/store';
import { pairingRuleOf } from '../../../store/view-actions';
import type { PairingIndex } from '../utils/pairing-index';
import { pairingIndexFor } from '../utils/registry';
import { decodeIndexOf, useDecodeVersion } from '../../../store/decode';

/**
 * Pairing indexes are stepped outside React render: when a log changes
 * (onFrame, before the frame's render), when a lens decoded more (its
 * correlation keys), and when a view starts showing one; a slice at once, a
 * backlog (a rule changed over a long capture) in further slices. Render
 * only reads them and redraws when one publishes a new version.
 */

/** How often a long catch-up redraws. */
const PROGRESS_MS = 150;

interface Driven {
  id: ConnectionId;
  /** views showing it */
  mounted: number;
  running: boolean;
  budget: { value: number };
  listeners: Set<() => void>;
  shown: number;
  timer: ReturnType<typeof setTimeout> | null;
}

const driven = new Map<PairingIndex, Driven>();

const identities = new WeakMap<PairingIndex, number>();
let nextIdentity = 1;
function identity(index: PairingIndex): number {
  let n = identities.get(index);
  if (n === undefined) {
    n = nextIdentity++;
    identities.set(index, n);
  }
  return n;
}

function stateOf(index: PairingIndex, id: ConnectionId): Driven {
  let d = driven.get(index);
  if (!d) {
    d = { id, mounted: 0, running: false, budget: { value: 5_000 }, listeners: new Set(), shown: 0, timer: null };
    driven.set(index, d);
  }
  return d;
}

function tell(d: Driven): void {
  if (d.timer !== null) clearTimeout(d.timer);
  d.timer = null;
  d.shown = performance.now();
  for (const l of d.listeners) l();
}

function tellSoon(d: Driven): void {
  const wait = d.shown + PROGRESS_MS - performance.now();
  if (wait <= 0) tell(d);
  else d.timer ??= setTimeout(() => tell(d), wait);
}

function catchUp(index: PairingIndex, d: Driven): void {
  if (d.running || d.mounted === 0 || index.pending() === 0) return;
  d.running = true;
  const before = index.version;
  const pendingBefore = index.pending();
  void runSliced(
    {
      step: (budget) => index.step(budget),
      onSlice: () => {
        if (index.version !== before) tellSoon(d);
      },
      cancelled: () => d.mounted === 0 || driven.get(index) !== d,
      learned: d.budget,
    },
    d.budget.value,
  ).finally(() => {
    d.running = false;
    if (index.version !== before) tell(d);
    // Again only if this run got somewhere (an index waiting on its decoder resumes on onDecoded).
    const left = index.pending();
    if (left > 0 && left < pendingBefore) catchUp(index, d);
  });
}

function catchUpConnection(id: ConnectionId): void {
  for (const [index, d] of driven) if (d.id === id && d.mounted > 0) catchUp(index, d);
}

/** Nobody shows it: forget it (a replaced or removed index must not stay reachable from here). */
function forgetIfUnused(d: Driven): void {
  if (d.mounted > 0 || d.listeners.size > 0) return;
  for (const [index, x] of driven) if (x === d) driven.delete(index);
  if (d.timer !== null) clearTimeout(d.timer);
}

onConnectionRemoved((id) => {
  for (const [index, d] of driven) if (d.id === id) driven.delete(index);
});

onFrame((changed) => {
  for (const id of changed.keys()) catchUpConnection(id);
});
onDecoded(catchUpConnection);

/**
 * The pairing indexes of these connections, kept up with their logs outside
 * render (see above); redraws when their pairs change.
 */
export function usePairing(ids: readonly ConnectionId[]): Map<ConnectionId, PairingIndex> {
  useStore((s) => ids.map((id) => JSON.stringify(pairingRuleOf(s, id))).join('|'));
  useDecodeVersion(ids);
  const map = new Map<ConnectionId, PairingIndex>();
  const state = useStore.getState();
  for (const id of ids) {
    const decoder = decodeIndexOf(id);
    const lens = decoder.status().lens;
    map.set(id, pairingIndexFor(getLog(id), pairingRuleOf(state, id), lens && lens !== 'json' && lens !== 'jsonrpc' ? decoder : null));
  }
  const indexes = [...map.entries()];
  const list = indexes.map(([, index]) => index);
  // Which indexes, by identity: the effects below re-run when any is replaced.
  const key = indexes.map(([id, index]) => `${id}:${identity(index)}`).join(',');

  const subscribe = useCallback(
    (changed: () => void) => {
      const states = indexes.map(([id, index]) => stateOf(index, id));
      for (const d of states) d.listeners.add(changed);
      return () => {
        for (const d of states) {
          d.listeners.delete(changed);
          forgetIfUnused(d);
        }
      };
    },
    // key names the indexes
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  useSyncExternalStore(subscribe, () => list.map((i) => i.version).join(','));

  useLayoutEffect(() => {
    const states = indexes.map(([id, index]) => [index, stateOf(index, id)] as const);
    for (const [index, d] of states) {
      d.mounted++;
      catchUp(index, d);
    }
    return () => {
      for (const [, d] of states) {
        d.mounted--;
        forgetIfUnused(d);
      }
    };
    // key names the indexes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return map;
}
