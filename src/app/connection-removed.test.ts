import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionId } from '../lib/ids';
import { FakeSocket } from '../core/testing/fakes';
import { getLog, pageCore, setHostMode } from '../services/sockets/socket-service';
import { existingDecodeIndex } from '../services/decode/decode-service';
import { useStore } from '../store/store';
import { actionsKeep, closeConnection, startApp, openConnection, removeConnection, sampleRates, togglePause, updateDraft } from '../store/actions';
import { lastCloseRequest } from '../store/close-requests';
import { hasSendCounter, sendTemplate } from '../store/automate-actions';
import { setPairingRule, selectEvent } from '../store/view-actions';
import { decodeIndexOf } from '../store/decode';
import { hasPairingIndex, pairingIndexFor } from '../features/pairing/utils/registry';
import { hasTracker, sessionOf } from '../features/learn/trackers';
import { hasAutomation, startRepeat } from '../features/schedule/utils/automation';
import { chosenFile, setChosenFile } from '../features/composer/utils/chosen-files';
import { hasTypedValues, keepTypedValues, typedKey } from '../features/composer/utils/typed-values';
import { cachedViewIndex, hasCachedView } from '../features/search/hooks/use-timeline-view';
import { bufferedSamplesOf, recordBuffered } from '../features/charts/buffered-samples';

// Every per-connection table, filled for one connection, then the
// connection removed: each must have forgotten it (the core's onRemoved).

beforeEach(() => {
  // Timers only: performance stays real, so the host's report pacing never waits on another test's clock.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  vi.stubGlobal('WebSocket', FakeSocket);
  FakeSocket.reset();
  setHostMode('main');
  startApp(); // the store hears the core's frames
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function openLive(): ConnectionId {
  const created = openConnection({ url: 'ws://127.0.0.1:1/echo', name: 'tables', decodeAs: 'raw' });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const ws = FakeSocket.instances.at(-1);
  if (!ws) throw new Error('no socket');
  ws.open();
  vi.advanceTimersByTime(20); // the host's report
  vi.advanceTimersByTime(20); // the frame
  return created.id;
}

/** What each table keeps of the connection, by table. */
function kept(id: ConnectionId): Record<string, boolean> {
  const s = useStore.getState();
  return {
    'core log': pageCore().log(id) !== undefined,
    'decode index': existingDecodeIndex(id) !== undefined,
    'pairing index': hasPairingIndex(id),
    'learn tracker': hasTracker(id),
    'close request': lastCloseRequest(id) !== undefined,
    'send counter': hasSendCounter(id),
    'repeat and reconnect timers': hasAutomation(id),
    'chosen file': chosenFile(id) !== null,
    'typed lens form values': hasTypedValues(id),
    'search view cache': hasCachedView(id),
    'bufferedAmount samples (charts)': bufferedSamplesOf(id) !== undefined,
    'rate meter and user close': actionsKeep(id),
    'store connection': s.connections.some((c) => c.id === id),
    'store draft': s.drafts[id] !== undefined,
    'store runtime': s.runtime[id] !== undefined,
    'store pause': s.pausedAt[id] !== undefined,
    'store stats': s.stats[id] !== undefined,
    'store pairing rule': s.pairing[id] !== undefined,
    'store selected event': s.selectedEvent?.connectionId === id,
    'store repeat': s.repeats[id] !== undefined,
    'store sent history': s.sentHistory[id] !== undefined,
  };
}

describe('removing a connection', () => {
  it('frees its capture and every per-connection table forgets it', () => {
    const id = openLive();
    decodeIndexOf(id);
    pairingIndexFor(getLog(id), { mode: 'auto', path: '' });
    sessionOf(id);
    expect(startRepeat(id, { kind: 'payload', data: 'tick', label: 'tick' }, 1000, null)).toBeNull();
    sendTemplate(id, { format: 'text', body: 'n={{counter}}' });
    setChosenFile(id, new File(['x'], 'x.txt'));
    keepTypedValues(id, typedKey(id, 'mqtt', 'publish'), { topic: 't' });
    cachedViewIndex('test', [getLog(id)], null);
    recordBuffered(id, Date.now(), 42);
    sampleRates();
    updateDraft(id, { text: 'draft' });
    togglePause(id);
    setPairingRule(id, { mode: 'path', path: 'id' });
    selectEvent({ connectionId: id, seq: 0 });
    closeConnection(id, 4000, 'bye');

    const before = kept(id);
    // Every table really holds something of it, so the check below can fail.
    expect(Object.entries(before).filter(([, v]) => !v)).toEqual([]);

    removeConnection(id);
    expect(Object.entries(kept(id)).filter(([, v]) => v)).toEqual([]);
    expect(pageCore().ids()).not.toContain(id);
  });

  it('is the same when something else removes it through the core (a flow)', () => {
    const id = openLive();
    sessionOf(id);
    updateDraft(id, { text: 'draft' });
    pageCore().remove(id);
    expect(Object.entries(kept(id)).filter(([, v]) => v)).toEqual([]);
  });
});
