import { useStore } from '../../../store/store';
import type { ThemeChoice } from '../../../store/types';
import { RadioGroup } from '../../../components/ui/radio-group';
import { Button } from '../../../components/ui/button';
import { setLargeText, setTheme } from '../actions';

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Theme (system default, light, dark) and large text for projectors; both remembered. */
export function ThemeControls() {
  const theme = useStore((s) => s.preferences.theme ?? 'system');
  const largeText = useStore((s) => s.preferences.largeText === true);
  return (
    <div className="flex items-center gap-2">
      <RadioGroup legend="Theme" name="theme" options={THEMES} value={theme} onChange={setTheme} />
      <Button size="sm" variant={largeText ? 'primary' : 'ghost'} aria-pressed={largeText} onClick={() => setLargeText(!largeText)} title="Larger text, for projectors">
        Large text
      </Button>
    </div>
  );
}
