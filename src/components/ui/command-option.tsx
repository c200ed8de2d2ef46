import { cn } from './cn';
import { Keys } from './keys';
import type { CommandItem } from './command-items';

export type CommandOptionProps = {
  id: string;
  item: CommandItem;
  active: boolean;
  /** the pointer moved onto it */
  onPoint: () => void;
  onChoose: () => void;
};

/** One command in the palette's list: its title, why it is unavailable (greyed), its keys. */
export function CommandOption({ id, item, active, onPoint, onChoose }: CommandOptionProps) {
  const disabled = item.disabledReason !== undefined;
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      aria-disabled={disabled || undefined}
      // Keeps focus in the search box: the list is driven from there.
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={active ? undefined : onPoint}
      onClick={onChoose}
      className={cn(
        'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm',
        active && 'bg-sky-900 outline-1 outline-sky-400',
        disabled ? 'text-zinc-400' : 'text-zinc-100',
      )}
    >
      <span className="min-w-0 flex-1 truncate">
        {item.title}
        {disabled ? <span className="text-xs"> — {item.disabledReason}</span> : null}
      </span>
      {item.keys ? <Keys keys={item.keys} className="shrink-0" /> : null}
    </li>
  );
}
