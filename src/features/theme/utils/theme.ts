import type { ThemeChoice } from '../../../store/types';

export type ResolvedTheme = 'light' | 'dark';

/** The theme to show: the user's choice, or the system's when the choice is "system" (or unset). */
export function resolveTheme(choice: ThemeChoice | undefined, systemPrefersDark: boolean): ResolvedTheme {
  if (choice === 'light' || choice === 'dark') return choice;
  return systemPrefersDark ? 'dark' : 'light';
}

/** The classes <html> carries for a theme and text size (styles in ../theme.css). */
export function rootClasses(theme: ResolvedTheme, largeText: boolean): { add: string[]; remove: string[] } {
  const add = [theme === 'light' ? 'theme-light' : 'theme-dark'];
  const remove = [theme === 'light' ? 'theme-dark' : 'theme-light'];
  (largeText ? add : remove).push('text-large');
  return { add, remove };
}
