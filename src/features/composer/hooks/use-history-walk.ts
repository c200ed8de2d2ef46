import { useState } from 'react';
import type { ConnectionId } from '../../../lib/ids';
import { useStore } from '../../../store/store';
import { updateDraft } from '../../../store/actions';
import type { SentEntry } from '../../../store/automate-slice';
import { stepHistory } from '../utils/history-walk';

const NO_HISTORY: readonly SentEntry[] = [];

/** The draft fields that show a history entry. */
function draftOfEntry(entry: SentEntry) {
  if (entry.format === 'text') return { mode: 'text' as const, text: entry.body };
  return entry.format === 'hex' ? { mode: 'binary' as const, binaryFormat: 'hex' as const, hex: entry.body } : { mode: 'binary' as const, binaryFormat: 'base64' as const, base64: entry.body };
}

/**
 * Up/Down in an empty composer walk the sent history, as a shell does. `step`
 * returns true when it showed an entry (the key is then used up); editing the
 * shown text ends the walk.
 */
export function useHistoryWalk(connectionId: ConnectionId, textKey: 'text' | 'hex' | 'base64', current: string) {
  const history = useStore((s) => s.sentHistory[connectionId] ?? NO_HISTORY);
  const [walk, setWalk] = useState<{ index: number; shown: string } | null>(null);

  const step = (key: 'up' | 'down'): boolean => {
    const walking = walk !== null && walk.shown === current;
    if (!walking && current !== '') return false;
    const next = stepHistory(history.length, walking ? walk.index : null, key);
    if (next === undefined) return false;
    const entry = next === null ? undefined : history[history.length - 1 - next];
    if (next === null || !entry) {
      updateDraft(connectionId, { [textKey]: '' });
      setWalk(null);
      return true;
    }
    updateDraft(connectionId, draftOfEntry(entry));
    setWalk({ index: next, shown: entry.body });
    return true;
  };

  return { step, reset: () => setWalk(null) };
}
