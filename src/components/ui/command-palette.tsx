import { useEffect, useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Dialog, useDialog } from './dialog';
import { CommandOption } from './command-option';
import { matchCommands } from './command-match';
import type { CommandItem } from './command-items';

export type CommandPaletteProps = {
  /** the commands, with what is enabled as of opening */
  items: readonly CommandItem[];
  /** runs a command; the palette has closed already, so focus can go wherever the command puts it */
  onRun: (id: string) => void;
};

const PAGE = 8;

/**
 * A modal list of commands with a search box (the ARIA combobox pattern):
 * type to narrow, ↑ ↓ Home End PageUp PageDown to move, Enter to run,
 * Escape to close. It opens when it mounts: give it a new key to open it
 * again with fresh items.
 */
export function CommandPalette({ items, onRun }: CommandPaletteProps) {
  const dialog = useDialog();
  const uid = useId();
  const [query, setQuery] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  const matches = useMemo(() => matchCommands(items, query), [items, query]);
  const activeIndex = Math.max(0, matches.findIndex((m) => m.id === activeId));
  const active = matches[activeIndex];
  const optionId = (id: string) => `${uid}-option-${id}`;

  useEffect(() => dialog.open(), [dialog]);
  useEffect(() => {
    if (active) document.getElementById(optionId(active.id))?.scrollIntoView({ block: 'nearest' });
    // optionId is derived from uid, which does not change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);

  const run = (item: CommandItem | undefined) => {
    if (!item || item.disabledReason !== undefined) return;
    dialog.close();
    onRun(item.id);
  };

  const move = (to: number) => {
    const next = matches[Math.min(matches.length - 1, Math.max(0, to))];
    if (next) setActiveId(next.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const last = matches.length - 1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex >= last ? 0 : activeIndex + 1),
      ArrowUp: () => move(activeIndex <= 0 ? last : activeIndex - 1),
      Home: () => move(0),
      End: () => move(last),
      PageDown: () => move(activeIndex + PAGE),
      PageUp: () => move(activeIndex - PAGE),
      Enter: () => run(active),
    };
    const action = keys[e.key];
    // Ctrl/⌘+K again keeps the palette (and not the browser's search box).
    if (action || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k')) e.preventDefault();
    action?.();
  };

  const listId = `${uid}-list`;
  return (
    <Dialog handle={dialog} id={`${uid}-palette`} title="Commands" hideTitle placement="top">
      <input
        role="combobox"
        aria-label="Search commands"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active ? optionId(active.id) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Type a command…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActiveId(null);
        }}
        onKeyDown={onKeyDown}
        className="w-full rounded-md border border-zinc-600 bg-zinc-950 px-3 py-2 text-sm text-zinc-100 placeholder:text-zinc-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
      />
      <ul role="listbox" id={listId} aria-label="Commands" className="-mx-1 max-h-[50vh] overflow-y-auto p-1">
        {matches.map((item) => (
          <CommandOption key={item.id} id={optionId(item.id)} item={item} active={item.id === active?.id} onPoint={() => setActiveId(item.id)} onChoose={() => run(item)} />
        ))}
      </ul>
      <p role="status" className="text-xs text-zinc-400">
        {matches.length === 0 ? 'No command matches.' : `${matches.length} ${matches.length === 1 ? 'command' : 'commands'}`}
      </p>
    </Dialog>
  );
}
