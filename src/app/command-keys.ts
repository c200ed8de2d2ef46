import { useStore } from '../store/store';
import { provideCommands } from '../components/ui/command-items';
import { isTypingTarget, matchesKeys } from '../features/shortcuts/utils/shortcuts';
import type { KeyPress } from '../features/shortcuts/utils/shortcuts';
import type { SockpitState } from '../store/store';
import { commandItems, commandsFor, runCommand } from './commands';
import type { Command } from './commands';

/**
 * The enabled command a key press means, or null. Plain keys never count
 * while typing; a dialog that is open takes the keys, except for commands
 * marked `overDialogs`.
 */
export function commandForKey(press: KeyPress, where: { typing: boolean; dialogOpen: boolean }, s: SockpitState): Command | null {
  for (const c of commandsFor(s)) {
    if (!c.keys || (where.dialogOpen && !c.overDialogs)) continue;
    if (matchesKeys(c.keys, press, where.typing) && c.enabled(s)) return c;
  }
  return null;
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.repeat || e.isComposing) return;
  const where = { typing: isTypingTarget(document.activeElement), dialogOpen: document.querySelector('dialog[open]') !== null };
  const command = commandForKey(e, where, useStore.getState());
  if (!command) return;
  e.preventDefault();
  command.run();
}

let installed = false;

/** The one keydown listener for Sockpit's shortcuts, and the registry handed to components/ui; call once at boot. */
export function installCommands(): void {
  if (installed) return;
  installed = true;
  provideCommands({ list: () => commandItems(), run: runCommand });
  window.addEventListener('keydown', onKeyDown);
}
