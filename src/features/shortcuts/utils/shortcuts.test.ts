import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('shortcutFor', () => {
  it('maps plain keys when not typing, case-insensitively', () => {
    expect(shortcutFor(key('n'), false)).toBe('new-connection');
    expect(shortcutFor(key('C'), false)).toBe('connect-close');
    expect(shortcutFor(key('/'), false)).toBe('focus-filter');
    expect(shortcutFor(key('j'), false)).toBe('jump-latest');
    expect(shortcutFor(key('?'), false)).toBe('help');
    expect(shortcutFor(key('x'), false)).toBeNull();
  });

  it('never takes plain keys while typing, but Ctrl/⌘+Enter always sends', () => {
    expect(shortcutFor(key('n'), true)).toBeNull();
    expect(shortcutFor(key('?'), true)).toBeNull();
    expect(shortcutFor(key('Enter', { ctrlKey: true }), true)).toBe('send');
    expect(shortcutFor(key('Enter', { metaKey: true }), false)).toBe('send');
  });

  it('leaves browser and system combinations alone', () => {
    expect(shortcutFor(key('n', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key('l', { metaKey: true }), false)).toBeNull();
    expect(shortcutFor(key('c', { altKey: true }), false)).toBeNull();
    expect(shortcutFor(key('Enter'), false)).toBeNull();
  });

  it('lists every shortcut it handles', () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
  });
});
