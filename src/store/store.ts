import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { PersistStorage, StateStorage } from 'zustand/middleware';
import type { StateCreator } from 'zustand';
import type { ConnectionId } from '../lib/ids';
import { DEFAULT_LIMITS } from '../core/event-log';
import { withoutSecretsForStorage } from '../lib/secrets';
import { memoOnReads } from '../lib/memo-reads';
import type { ConnectionConfig, ConnectionRuntime, ConnectionStats, Draft, NewConnectionForm, Preferences } from './types';
import type { InspectSlice } from './inspect-slice';
import { createInspectSlice, persistedInspect } from './inspect-slice';
import type { AutomateSlice } from './automate-slice';
import { createAutomateSlice, persistedAutomate } from './automate-slice';
import type { ScriptsSlice } from './scripts-slice';
import { createScriptsSlice, persistedScripts } from './scripts-slice';
import type { EnvironmentsSlice } from './environments-slice';
import { createEnvironmentsSlice, persistedEnvironments } from './environments-slice';


export interface ConnectionsSlice {
  connections: ConnectionConfig[];
  selectedId: ConnectionId | null;
}

export interface DraftsSlice {
  drafts: Partial<Record<ConnectionId, Draft>>;
  form: NewConnectionForm;
}

export interface PreferencesSlice {
  preferences: Preferences;
}

export interface RuntimeSlice {
  runtime: Partial<Record<ConnectionId, ConnectionRuntime>>;
  /** per connection, the log end frozen by Pause (the timeline shows events before it) */
  pausedAt: Partial<Record<ConnectionId, number>>;
  stats: Partial<Record<ConnectionId, ConnectionStats>>;
  /** the playground server's base URL (ws://host:port) when `npm start` serves this page; null on a hosted page */
  playground: string | null;
}

export type SockpitState = ConnectionsSlice & DraftsSlice & PreferencesSlice & RuntimeSlice & InspectSlice & AutomateSlice & ScriptsSlice & EnvironmentsSlice;


const createConnectionsSlice: StateCreator<SockpitState, [], [], ConnectionsSlice> = () => ({
  connections: [],
  selectedId: null,
});

const createDraftsSlice: StateCreator<SockpitState, [], [], DraftsSlice> = () => ({
  drafts: {},
  form: { url: '', protocols: '', binaryType: 'arraybuffer', name: '' },
});

const createPreferencesSlice: StateCreator<SockpitState, [], [], PreferencesSlice> = () => ({
  preferences: { retention: DEFAULT_LIMITS },
});

const createRuntimeSlice: StateCreator<SockpitState, [], [], RuntimeSlice> = () => ({
  runtime: {},
  pausedAt: {},
  stats: {},
  playground: null,
});

export const STORAGE_KEY = 'sockpit';

/** What `persist` keeps in localStorage: configs, drafts, preferences, saved messages, scripts, environments; never captured traffic. */
export function persistedState(s: SockpitState) {
  return {
    // Imported timelines live in memory only: their events are not stored.
    // Credentials in URLs are kept only when the user ticked "Remember secrets".
    connections: s.connections.filter((c) => c.source !== 'import').map(withoutSecretsForStorage),
    selectedId: s.connections.some((c) => c.id === s.selectedId && c.source !== 'import') ? s.selectedId : null,
    drafts: s.drafts,
    form: withoutSecretsForStorage(s.form),
    preferences: s.preferences,
    ...persistedInspect(s),
    ...persistedAutomate(s),
    ...persistedScripts(s),
    ...persistedEnvironments(s),
  };
}

/**
 * localStorage, written only when the text to store differs from what is
 * stored: `persist` writes on every setState, and the socket service's
 * per-frame setState (counters, readyState) changes nothing persisted; each
 * write is a synchronous storage commit on the main thread, once a frame
 * during a flood. Reading back is from the renderer's own copy, cheap.
 */
export function writeOnChange(storage: Storage): StateStorage {
  return {
    getItem: (name) => storage.getItem(name),
    setItem: (name, value) => {
      if (storage.getItem(name) !== value) storage.setItem(name, value);
    },
    removeItem: (name) => storage.removeItem(name),
  };
}

/**
 * Skips a write of the very state object written last. With `persistedState`
 * memoized on what it reads, a setState that changes nothing persisted (the
 * socket service's per-frame counters and readyState) hands `persist` the
 * same object, and this skips its JSON.stringify and the storage read that
 * `writeOnChange` would compare with.
 */
export function skipSameState<S>(inner: PersistStorage<S> | undefined): PersistStorage<S> | undefined {
  if (!inner) return undefined;
  let last: unknown = undefined;
  return {
    getItem: (name) => inner.getItem(name),
    setItem: (name, value) => {
      if (value.state === last) return undefined;
      last = value.state;
      return inner.setItem(name, value);
    },
    removeItem: (name) => {
      last = undefined;
      return inner.removeItem(name);
    },
  };
}

/**
 * The one store, composed from slices, with middleware at the root only.
 * `persist` keeps configs, drafts and preferences; captured traffic and live
 * socket facts stay in memory.
 */
export const useStore = create<SockpitState>()(
  persist(
    (...a) => ({
      ...createConnectionsSlice(...a),
      ...createDraftsSlice(...a),
      ...createPreferencesSlice(...a),
      ...createRuntimeSlice(...a),
      ...createInspectSlice(),
      ...createAutomateSlice(),
      ...createScriptsSlice(),
      ...createEnvironmentsSlice(),
    }),
    {
      name: STORAGE_KEY,
      version: 1,
      storage: skipSameState(createJSONStorage(() => writeOnChange(localStorage))),
      partialize: memoOnReads(persistedState),
    },
  ),
);
