import { Suspense, useCallback, useState } from 'react';
import { lazyNamed } from '../components/ui/lazy-named';
import { useDialogOpener } from '../components/ui/dialog-openers';
import type { CommandItem } from '../components/ui/command-items';
import { commandItems, runCommand } from './commands';

// Its own chunk, fetched when the page is idle after load (or the first time the palette opens), so Ctrl+K is instant.
const loadPalette = () => import('../components/ui/command-palette').then((m) => m.CommandPalette);
const CommandPalette = lazyNamed(loadPalette);
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void loadPalette().catch(() => undefined), { timeout: 2000 });

/**
 * Where the command palette lives: mounted once, opened by Ctrl/⌘+K, the
 * "Commands" button or openDialog('commands'). Each opening lists the
 * commands as they are at that moment.
 */
export function CommandPaletteHost() {
  const [session, setSession] = useState<{ key: number; items: CommandItem[] } | null>(null);
  const open = useCallback(() => setSession((s) => ({ key: (s?.key ?? 0) + 1, items: commandItems() })), []);
  useDialogOpener('commands', open);
  if (!session) return null;
  return (
    <Suspense fallback={null}>
      <CommandPalette key={session.key} items={session.items} onRun={runCommand} />
    </Suspense>
  );
}
