/**
 * How a key press is matched to a command's keys as they are shown ("N",
 * "?", "Ctrl" + "Enter"). Plain keys never fire while the user types in a
 * field; Ctrl/⌘ combinations do (that is how Send works from the message
 * box, and how Ctrl+K opens the command palette from anywhere).
 */

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The modifier as shown; it means Ctrl on any system and ⌘ on a Mac. */
export const MOD = 'Ctrl';

/**
 * Whether `press` is `keys`. `keys` is the last key after any modifiers:
 * `['N']`, `['?']`, `['Ctrl', 'Enter']`. Letters match either case and Shift
 * is not looked at (it is how "?" is typed). `typing` is true when focus is
 * in a text field, select or editable element: then only Ctrl/⌘ combinations
 * count.
 */
export function matchesKeys(keys: readonly string[], press: KeyPress, typing: boolean): boolean {
  const key = keys.at(-1);
  if (key === undefined || press.altKey) return false;
  const mods = keys.slice(0, -1);
  if (mods.some((m) => m !== MOD)) return false;
  const mod = press.ctrlKey || press.metaKey;
  if (mods.length > 0 ? !mod : mod || typing) return false;
  return key.length === 1 ? press.key.toLowerCase() === key.toLowerCase() : press.key === key;
}

/** The keys as one string, for aria-keyshortcuts: ['Ctrl', 'K'] → "Control+K". */
export function ariaKeys(keys: readonly string[]): string {
  return keys.map((k) => (k === MOD ? 'Control' : k)).join('+');
}

/** Whether keys pressed in this element are typing (text inputs, textareas, selects, editable content). */
export function isTypingTarget(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return el instanceof HTMLElement ? el.isContentEditable : false;
}
