import { useStore } from '../../store/store';
import type { ThemeChoice } from '../../store/types';

export function setTheme(theme: ThemeChoice): void {
  useStore.setState((s) => ({ preferences: { ...s.preferences, theme } }));
}

export function setLargeText(largeText: boolean): void {
  useStore.setState((s) => ({ preferences: { ...s.preferences, largeText } }));
}
