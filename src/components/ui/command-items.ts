/**
 * Commands as menus, the command palette and the shortcuts list show them.
 * The commands themselves (what is enabled when, what runs) are defined in
 * src/app/commands.ts, which composes the features; it hands them down here
 * with `provideCommands`, so a feature's component can list them without
 * importing the app.
 */
export interface CommandItem {
  id: string;
  title: string;
  /** as shown: ['Ctrl', 'K'] is Ctrl+K, or ⌘K on a Mac */
  keys?: readonly string[];
  /** the sentence the shortcuts list shows for the keys; the title when absent */
  description?: string;
  group?: string;
  /** why it cannot run now; absent when it can */
  disabledReason?: string;
}

export interface CommandSource {
  /** every command, with what is enabled right now */
  list(): CommandItem[];
  /** runs the command if it is enabled; false when it is unknown or disabled */
  run(id: string): boolean;
}

let source: CommandSource = { list: () => [], run: () => false };

export function provideCommands(next: CommandSource): void {
  source = next;
}

export function listCommands(): CommandItem[] {
  return source.list();
}

export function runCommand(id: string): boolean {
  return source.run(id);
}

/** One row per distinct key combination, in the order the commands come: what the shortcuts list shows. */
export function shortcutRows(items: readonly CommandItem[]): { keys: readonly string[]; text: string }[] {
  const rows = new Map<string, { keys: readonly string[]; text: string }>();
  for (const item of items) {
    if (!item.keys || item.keys.length === 0) continue;
    const at = item.keys.join('+');
    if (!rows.has(at)) rows.set(at, { keys: item.keys, text: item.description ?? item.title });
  }
  return [...rows.values()];
}
