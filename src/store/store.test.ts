import { describe, expect, it } from 'vitest';
import { createJSONStorage } from 'zustand/middleware';
import { memoOnReads } from '../lib/memo-reads';
import { persistedState, skipSameState, writeOnChange } from './store';
import type { SockpitState } from './store';

/** A Storage that counts its writes. */
function countingStorage(): Storage & { writes: number } {
  const map = new Map<string, string>();
  return {
    writes: 0,
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem(k: string, v: string) {
      this.writes += 1;
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('writeOnChange', () => {
  it('writes only when the text differs from what is stored', () => {
    const backing = countingStorage();
    const storage = writeOnChange(backing);
    void storage.setItem('sockpit', '{"a":1}');
    void storage.setItem('sockpit', '{"a":1}');
    void storage.setItem('sockpit', '{"a":1}');
    expect(backing.writes).toBe(1);
    void storage.setItem('sockpit', '{"a":2}');
    expect(backing.writes).toBe(2);
    expect(storage.getItem('sockpit')).toBe('{"a":2}');
  });

  it('writes again what another writer (another tab) changed meanwhile', () => {
    const backing = countingStorage();
    const storage = writeOnChange(backing);
    void storage.setItem('sockpit', 'mine');
    backing.setItem('sockpit', 'theirs');
    void storage.setItem('sockpit', 'mine');
    expect(backing.getItem('sockpit')).toBe('mine');
    expect(backing.writes).toBe(3);
  });

  it('removes', () => {
    const backing = countingStorage();
    const storage = writeOnChange(backing);
    void storage.setItem('sockpit', 'x');
    void storage.removeItem('sockpit');
    expect(backing.getItem('sockpit')).toBeNull();
  });
});

describe('skipSameState with the memoized persistedState', () => {
  it('neither stringifies nor reads the storage for a setState that changes nothing persisted, and writes one that does', () => {
    const backing = countingStorage();
    let reads = 0;
    const getItem = backing.getItem.bind(backing);
    backing.getItem = (k: string) => {
      reads += 1;
      return getItem(k);
    };
    const storage = skipSameState(createJSONStorage(() => writeOnChange(backing)))!;
    const partialize = memoOnReads(persistedState);
    const base = {
      connections: [],
      selectedId: null,
      drafts: {},
      form: { url: 'ws://127.0.0.1:1/x', protocols: '', binaryType: 'arraybuffer', name: '' },
      preferences: { retention: { maxEvents: 10, maxBytes: 100 } },
      runtime: {},
      filter: { text: '' },
      templates: [],
      sentHistory: [],
      scripts: [],
      environments: [],
      activeEnvironment: null,
      rememberEnvSecrets: false,
    } as unknown as SockpitState;
    void storage.setItem('sockpit', { state: partialize({ ...base }), version: 1 });
    expect(backing.writes).toBe(1);
    const readsAfterFirst = reads;
    // Per-frame runtime updates: a new state object, the persisted parts unchanged.
    for (let i = 0; i < 5; i += 1) void storage.setItem('sockpit', { state: partialize({ ...base, runtime: { [i]: {} } } as SockpitState), version: 1 });
    expect(reads).toBe(readsAfterFirst);
    expect(backing.writes).toBe(1);
    void storage.setItem('sockpit', { state: partialize({ ...base, form: { ...base.form, url: 'ws://127.0.0.1:1/y' } }), version: 1 });
    expect(backing.writes).toBe(2);
    expect(backing.getItem('sockpit')).toContain('ws://127.0.0.1:1/y');
  });
});
