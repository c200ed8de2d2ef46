/**
 * Sockpit's keyboard shortcuts: what each key does and when it applies.
 * Plain keys never fire while the user types in a field; Ctrl/⌘ combinations
 * do (that is how Send works from the message box).
 */
export type ShortcutId = 'new-connection' | 'connect-close' | 'send' | 'focus-filter' | 'jump-latest' | 'previous-connection' | 'next-connection' | 'toggle-learn' | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** as shown to the user */
  keys: string[];
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'new-connection', keys: ['N'], description: 'New connection: go to the URL field' },
  { id: 'connect-close', keys: ['C'], description: 'Connect or close the selected connection' },
  { id: 'send', keys: ['Ctrl', 'Enter'], description: 'Send the message (also ⌘ Enter; works while typing)' },
  { id: 'focus-filter', keys: ['/'], description: 'Filter the timeline' },
  { id: 'jump-latest', keys: ['J'], description: 'Jump to the latest event' },
  { id: 'previous-connection', keys: ['['], description: 'Select the previous connection' },
  { id: 'next-connection', keys: [']'], description: 'Select the next connection' },
  { id: 'toggle-learn', keys: ['L'], description: 'Teaching mode on or off' },
  { id: 'help', keys: ['?'], description: 'Show or hide this list' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const PLAIN: Readonly<Record<string, ShortcutId>> = {
  n: 'new-connection',
  c: 'connect-close',
  '/': 'focus-filter',
  j: 'jump-latest',
  '[': 'previous-connection',
  ']': 'next-connection',
  l: 'toggle-learn',
  '?': 'help',
};

/**
 * The shortcut a key press means, or null. `typing` is true when focus is in
 * a text field, select or editable element: then only Ctrl/⌘ combinations
 * count.
 */
export function shortcutFor(e: KeyPress, typing: boolean): ShortcutId | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && e.key === 'Enter') return 'send';
  if (mod || e.altKey || typing) return null;
  return PLAIN[e.key.length === 1 ? e.key.toLowerCase() : e.key] ?? null;
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
