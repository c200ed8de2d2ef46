import { Button } from './button';
import type { ButtonProps } from './button';
import { openDialog } from './dialog-openers';

/** Opens the command palette (mounted by src/app/command-palette-host.tsx); false when it is not mounted. */
export function openCommandPalette(): boolean {
  return openDialog('commands');
}

export type CommandPaletteButtonProps = Pick<ButtonProps, 'className' | 'variant'>;

/** The header's "Commands" button: the palette, also on Ctrl+K / ⌘K. */
export function CommandPaletteButton({ className, variant = 'ghost' }: CommandPaletteButtonProps) {
  return (
    <Button size="sm" variant={variant} className={className} aria-keyshortcuts="Control+K" title="All commands (Ctrl+K or ⌘K)" onClick={() => openCommandPalette()}>
      Commands
    </Button>
  );
}
