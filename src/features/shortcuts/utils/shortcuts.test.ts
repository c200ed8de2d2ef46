import { describe, expect, it } from 'vitest';
import { ariaKeys, matchesKeys } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('matchesKeys', () => {
  it('matches plain keys when not typing, case-insensitively', () => {
    expect(matchesKeys(['N'], key('n'), false)).toBe(true);
    expect(matchesKeys(['C'], key('C'), false)).toBe(true);
    expect(matchesKeys(['/'], key('/'), false)).toBe(true);
    expect(matchesKeys(['?'], key('?'), false)).toBe(true);
    expect(matchesKeys(['N'], key('x'), false)).toBe(false);
  });

  it('never takes plain keys while typing, but Ctrl/⌘ combinations always', () => {
    expect(matchesKeys(['N'], key('n'), true)).toBe(false);
    expect(matchesKeys(['?'], key('?'), true)).toBe(false);
    expect(matchesKeys(['Ctrl', 'Enter'], key('Enter', { ctrlKey: true }), true)).toBe(true);
    expect(matchesKeys(['Ctrl', 'Enter'], key('Enter', { metaKey: true }), false)).toBe(true);
    expect(matchesKeys(['Ctrl', 'K'], key('k', { ctrlKey: true }), true)).toBe(true);
    expect(matchesKeys(['Ctrl', 'K'], key('K', { metaKey: true }), true)).toBe(true);
  });

  it('leaves browser and system combinations alone', () => {
    expect(matchesKeys(['N'], key('n', { ctrlKey: true }), false)).toBe(false);
    expect(matchesKeys(['L'], key('l', { metaKey: true }), false)).toBe(false);
    expect(matchesKeys(['C'], key('c', { altKey: true }), false)).toBe(false);
    expect(matchesKeys(['Ctrl', 'K'], key('k', { ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(matchesKeys(['Ctrl', 'Enter'], key('Enter'), false)).toBe(false);
    expect(matchesKeys(['Ctrl', 'K'], key('k'), false)).toBe(false);
  });

  it('writes keys for aria-keyshortcuts', () => {
    expect(ariaKeys(['Ctrl', 'K'])).toBe('Control+K');
    expect(ariaKeys(['?'])).toBe('?');
  });
});
