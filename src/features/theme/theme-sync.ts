import { useStore } from '../../store/store';
import { resolveTheme, rootClasses } from './utils/theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

let started = false;

/**
 * Keeps <html>'s theme and text-size classes in step with the preferences and,
 * for "system", with the operating system's setting. Call once at boot, before
 * the first render, so the page never flashes the wrong theme.
 */
export function startThemeSync(): void {
  if (started || typeof document === 'undefined') return;
  started = true;
  const media = typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null;
  const apply = (): void => {
    const { theme, largeText, presentation } = useStore.getState().preferences;
    // Presentation mode turns large text on for as long as it lasts.
    const { add, remove } = rootClasses(resolveTheme(theme, media?.matches ?? true), largeText === true || presentation === true);
    const root = document.documentElement;
    root.classList.remove(...remove);
    root.classList.add(...add);
  };
  apply();
  media?.addEventListener('change', apply);
  useStore.subscribe((s, prev) => {
    const a = s.preferences;
    const b = prev.preferences;
    if (a.theme !== b.theme || a.largeText !== b.largeText || a.presentation !== b.presentation) apply();
  });
}
