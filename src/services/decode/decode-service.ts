import type { ConnectionId } from '../../lib/ids';
import { DecodeIndex } from '../../lib/decode/decode-index';
import type { DecodeAs, LensId, SessionOptions } from '../../lib/decode/types';
import { runSliced } from '../../lib/slices';
import type { EventLog } from '../../core/event-log';
import { onConnectionRemoved, onFrame } from '../sockets/socket-service';

/**
 * The decode index of each connection (lib/decode/decode-index.ts), kept up
 * with its log outside React render: a few new frames at once when the
 * socket service says a log changed, a backlog in time slices. Views read
 * `decodeIndexFor(log, decodeAs)` and redraw when `onDecoded` tells them.
 */

const indexes = new Map<ConnectionId, DecodeIndex>();
const listeners = new Set<(id: ConnectionId) => void>();
const running = new Set<DecodeIndex>();
/** The slice budget each index settled on (frames a slice), so a catch-up starts at about SLICE_MS. */
const budgets = new WeakMap<DecodeIndex, { value: number }>();

function tell(id: ConnectionId): void {
  for (const l of listeners) l(id);
}

/** Hears that a connection's decoded view changed (redraw its rows). */
export function onDecoded(listener: (id: ConnectionId) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Decodes what is pending in time slices (lib/slices.ts): the first one now
 * (the socket service's frame, before its render), the rest yielding to the
 * page in between. Never called inside React render: a new index catches up
 * in a microtask.
 */
function catchUp(id: ConnectionId, index: DecodeIndex): void {
  if (index.pending() === 0 || running.has(index)) return;
  running.add(index);
  let budget = budgets.get(index);
  if (!budget) {
    budget = { value: 2_000 };
    budgets.set(index, budget);
  }
  const before = `${index.version}|${JSON.stringify(index.status())}`;
  const pendingBefore = index.pending();
  let shown = performance.now();
  void runSliced(
    {
      step: (b) => index.step(b) || index.status().loading,
      onSlice: () => {
        const t = performance.now();
        if (t - shown < 100) return;
        shown = t;
        tell(id);
      },
      cancelled: () => indexes.get(id) !== index,
      learned: budget,
    },
    budget.value,
  ).finally(() => {
    running.delete(index);
    if (`${index.version}|${JSON.stringify(index.status())}` !== before) tell(id);
    // A lens still loading leaves work pending: its onReady steps again.
    // Again only if this run got somewhere: work that waits (a lens loading) resumes when it is ready.
    const left = index.pending();
    if (indexes.get(id) === index && left > 0 && left < pendingBefore && !index.status().loading) catchUp(id, index);
  });
}

/** The connection's decode index for this log and choice, made (and caught up) on first use. */
export type LensOptions = Readonly<Partial<Record<LensId, SessionOptions>>>;

export function decodeIndexFor(log: EventLog, decodeAs: DecodeAs, options: LensOptions = NO_OPTIONS): DecodeIndex {
  const id = log.connectionId;
  const current = indexes.get(id);
  if (current && current.source === log && current.decodeAs === decodeAs && sameOptions(current.options, options)) return current;
  const index: DecodeIndex = new DecodeIndex(
    log,
    decodeAs,
    () => {
      if (indexes.get(id) === index) catchUp(id, index);
      tell(id);
    },
    options,
  );
  indexes.set(id, index);
  // Made while a component renders (a view's first read): decode after it.
  queueMicrotask(() => {
    if (indexes.get(id) === index) catchUp(id, index);
  });
  return index;
}

const NO_OPTIONS: LensOptions = {};

function sameOptions(a: LensOptions, b: LensOptions): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The index if one was made for this connection (filters ask without making one). */
export function existingDecodeIndex(id: ConnectionId): DecodeIndex | undefined {
  return indexes.get(id);
}

/** Forgets a removed connection's decoded view. */
export function forgetDecode(id: ConnectionId): void {
  indexes.delete(id);
}

onConnectionRemoved(forgetDecode);

onFrame((changed) => {
  for (const id of changed.keys()) {
    const index = indexes.get(id);
    if (index) catchUp(id, index);
  }
});
