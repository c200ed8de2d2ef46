import { useStore } from '../../store/store';
import { closeConnection, draftOf, selectConnection } from '../../store/actions';
import { checkCloseInput } from '../../lib/close-codes';
import type { ConnectionId } from '../../lib/ids';

/*
 * What the keyboard commands do. Controls of other features are found the
 * way a user (and the e2e tests) find them, by role, name or id, so this
 * module needs nothing from them.
 */

/** Focuses a text field and selects its text; false when `el` is not one. */
export function focusField(el: Element | null): boolean {
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

/** Closes the connection with the close panel's code and reason when they are valid, as its Close button would. */
export function closeWithDraft(id: ConnectionId): void {
  const draft = draftOf(id);
  const check = checkCloseInput(draft.closeCode, draft.closeReason);
  if (check.ok) closeConnection(id, check.code, check.code === undefined ? undefined : check.reason);
  else closeConnection(id);
}

/** Focuses the close panel's code field of the connection, its text selected (after the next render). */
export function focusCloseCode(id: ConnectionId): void {
  requestAnimationFrame(() => focusField(document.getElementById(`close-${id}-code`)));
}

export function selectNeighbour(step: -1 | 1): void {
  const { selectedId, connections } = useStore.getState();
  if (connections.length === 0) return;
  const at = connections.findIndex((c) => c.id === selectedId);
  const next = connections[at < 0 ? 0 : (at + step + connections.length) % connections.length];
  if (next) selectConnection(next.id);
}

/** Presses the composer's Send, when it may be pressed. */
export function sendFromComposer(): void {
  const send = buttonNamed(document.querySelector('section[aria-label="Composer"]'), /^Send$/);
  if (send && !send.disabled) send.click();
}

export function focusFilter(): void {
  focusField(document.querySelector('[role="search"] input[type="search"]'));
}

export function jumpToLatest(): void {
  const jump = buttonNamed(document.querySelector('main'), /^Jump to latest/);
  if (jump) {
    jump.click();
    return;
  }
  const log = document.querySelector('[role="log"]');
  if (log) log.scrollTop = log.scrollHeight;
}
