import { describe, expect, it } from 'vitest';
import { checkRetention, mibOf } from './retention';

describe('checkRetention', () => {
  it('accepts whole numbers in range, with separators', () => {
    expect(checkRetention('1,000,000', '512')).toEqual({ ok: true, limits: { maxEvents: 1_000_000, maxBytes: 512 * 1024 * 1024 } });
  });
  it('names the field that is wrong', () => {
    expect(checkRetention('ten', '512')).toEqual({ ok: false, field: 'events', error: 'Enter a whole number of events' });
    expect(checkRetention('99', '512')).toMatchObject({ ok: false, field: 'events' });
    expect(checkRetention('1000', '0')).toMatchObject({ ok: false, field: 'mib', error: 'Between 1 and 4096 MiB' });
    expect(checkRetention('1000', '1.5')).toMatchObject({ ok: false, field: 'mib' });
  });
  it('converts bytes back to MiB for the form', () => {
    expect(mibOf(512 * 1024 * 1024)).toBe(512);
  });
});
