import { describe, expect, it } from 'vitest';
import { resolveTheme, rootClasses } from './theme';

describe('resolveTheme', () => {
  it('follows the system unless the user chose', () => {
    expect(resolveTheme(undefined, true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});

describe('rootClasses', () => {
  it('sets one theme class and removes the other, and toggles large text', () => {
    expect(rootClasses('light', true)).toEqual({ add: ['theme-light', 'text-large'], remove: ['theme-dark'] });
    expect(rootClasses('dark', false)).toEqual({ add: ['theme-dark'], remove: ['theme-light', 'text-large'] });
  });
});
