import { useStore } from '../../store/store';
import { closeConnection, draftOf, newConnection, reconnect, selectConnection } from '../../store/actions';
import { checkCloseInput } from '../../lib/close-codes';
import { assertNever } from '../../lib/assert-never';
import type { ShortcutId } from './utils/shortcuts';

/*
 * What each shortcut does. Controls of other features are found the way a
 * user (and the e2e tests) find them, by role and name, so this module needs
 * nothing from them.
 */

function focusField(el: Element | null): boolean {
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return false;
  el.focus();
  el.select();
  return true;
}

function buttonNamed(scope: ParentNode | null, name: RegExp): HTMLButtonElement | null {
  if (!scope) return null;
  for (const b of scope.querySelectorAll('button')) if (name.test((b.textContent ?? '').trim())) return b;
  return null;
}

function connectOrClose(): void {
  const { selectedId, runtime, connections } = useStore.getState();
  const config = connections.find((c) => c.id === selectedId);
  if (!config || config.source === 'import') {
    focusField(document.getElementById('new-url'));
    return;
  }
  const state = runtime[config.id]?.readyState ?? 'CLOSED';
  if (state === 'OPEN' || state === 'CONNECTING') {
    // With the close panel's code and reason when they are valid, as its Close button would.
    const draft = draftOf(config.id);
    const check = checkCloseInput(draft.closeCode, draft.closeReason);
    if (check.ok) closeConnection(config.id, check.code, check.code === undefined ? undefined : check.reason);
    else closeConnection(config.id);
  } else if (state === 'CLOSED') {
    reconnect(config.id);
  }
}

function selectNeighbour(step: -1 | 1): void {
  const { selectedId, connections } = useStore.getState();
  if (connections.length === 0) return;
  const at = connections.findIndex((c) => c.id === selectedId);
  const next = connections[at < 0 ? 0 : (at + step + connections.length) % connections.length];
  if (next) selectConnection(next.id);
}

function jumpToLatest(): void {
  const jump = buttonNamed(document.querySelector('main'), /^Jump to latest/);
  if (jump) {
    jump.click();
    return;
  }
  const log = document.querySelector('[role="log"]');
  if (log) log.scrollTop = log.scrollHeight;
}

/** Runs a shortcut; `toggleHelp` shows or hides the list. */
export function runShortcut(id: ShortcutId, toggleHelp: () => void): void {
  switch (id) {
    case 'new-connection':
      newConnection();
      return;
    case 'connect-close':
      connectOrClose();
      return;
    case 'send': {
      const send = buttonNamed(document.querySelector('section[aria-label="Composer"]'), /^Send$/);
      if (send && !send.disabled) send.click();
      return;
    }
    case 'focus-filter':
      focusField(document.querySelector('[role="search"] input[type="search"]'));
      return;
    case 'jump-latest':
      jumpToLatest();
      return;
    case 'previous-connection':
      selectNeighbour(-1);
      return;
    case 'next-connection':
      selectNeighbour(1);
      return;
    case 'toggle-learn':
      useStore.setState((s) => ({ preferences: { ...s.preferences, learn: s.preferences.learn !== true } }));
      return;
    case 'help':
      toggleHelp();
      return;
    default:
      assertNever(id, 'shortcut');
  }
}
