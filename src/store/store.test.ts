import { describe, expect, it } from 'vitest';
import { writeOnChange } from './store';

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
