import { describe, expect, it } from 'vitest';
import { checkScriptLimits } from './script-limits';
import { normalizeScriptLimits } from '../../../lib/script-limits';

describe('checkScriptLimits', () => {
  it('reads whole numbers within bounds', () => {
    expect(checkScriptLimits({ timeMs: '50', setupMs: '2,000', memoryMiB: ' 64 ' })).toEqual({ ok: true, limits: { timeMs: 50, setupMs: 2000, memoryMiB: 64 } });
  });

  it('names every field that is wrong, with its own error', () => {
    expect(checkScriptLimits({ timeMs: '0', setupMs: '1.5', memoryMiB: '4096' })).toEqual({
      ok: false,
      errors: { timeMs: 'Between 1 and 10,000 ms', setupMs: 'Enter a whole number of ms', memoryMiB: 'Between 8 and 1,024 MB' },
    });
    expect(checkScriptLimits({ timeMs: '', setupMs: '2000', memoryMiB: '64' })).toEqual({ ok: false, errors: { timeMs: 'Enter a whole number of ms' } });
  });
});

describe('normalizeScriptLimits', () => {
  it('keeps limits within bounds, refuses the rest', () => {
    expect(normalizeScriptLimits({ timeMs: 10, setupMs: 100, memoryMiB: 32 })).toEqual({ timeMs: 10, setupMs: 100, memoryMiB: 32 });
    expect(normalizeScriptLimits({ timeMs: 0, setupMs: 100, memoryMiB: 32 })).toBeNull();
    expect(normalizeScriptLimits({ timeMs: 10, setupMs: 100 })).toBeNull();
    expect(normalizeScriptLimits('fast')).toBeNull();
  });
});
