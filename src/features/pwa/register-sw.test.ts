import { describe, expect, it } from 'vitest';
import { shouldRegister } from './register-sw';

describe('shouldRegister', () => {
  it('registers for people, skips for automated browsers unless ?sw, and ?nosw removes it', () => {
    expect(shouldRegister('', false)).toBe('register');
    expect(shouldRegister('', true)).toBe('skip');
    expect(shouldRegister('?sw', true)).toBe('register');
    expect(shouldRegister('?nosw', false)).toBe('unregister');
    expect(shouldRegister('?a=1&nosw=1', true)).toBe('unregister');
  });
});
