import { describe, expect, it } from 'vitest';
import { stepHistory } from './history-walk';

describe('stepHistory', () => {
  it('walks up to the oldest and stops there', () => {
    expect(stepHistory(3, null, 'up')).toBe(0);
    expect(stepHistory(3, 0, 'up')).toBe(1);
    expect(stepHistory(3, 2, 'up')).toBeUndefined();
  });

  it('walks down to the empty composer', () => {
    expect(stepHistory(3, 2, 'down')).toBe(1);
    expect(stepHistory(3, 0, 'down')).toBeNull();
    expect(stepHistory(3, null, 'down')).toBeUndefined();
  });

  it('does nothing without history', () => {
    expect(stepHistory(0, null, 'up')).toBeUndefined();
  });
});
