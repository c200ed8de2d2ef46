import { describe, expect, it } from 'vitest';
import { checkReconnect, checkRepeat } from './forms';

describe('checkRepeat', () => {
  it('reads an interval and a count, or until stopped', () => {
    expect(checkRepeat('100', '10')).toEqual({ ok: true, everyMs: 100, count: 10 });
    expect(checkRepeat(' 1,000 ', '')).toEqual({ ok: true, everyMs: 1000, count: null });
  });

  it.each([
    ['', '1', 'every', /whole number of milliseconds/],
    ['5', '1', 'every', /From 10 ms/],
    ['1.5', '1', 'every', /whole number/],
    ['100', '0', 'count', /From 1 to/],
    ['100', 'ten', 'count', /leave empty/],
    ['100', '2000000', 'count', /1,000,000/],
  ])('refuses every=%s count=%s', (every, count, field, error) => {
    const r = checkRepeat(every, count);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.field).toBe(field);
    expect(!r.ok && r.error).toMatch(error);
  });
});

describe('checkReconnect', () => {
  it('reads the policy; empty attempts = no limit', () => {
    expect(checkReconnect('500', '30000', '')).toEqual({ ok: true, policy: { baseMs: 500, maxMs: 30000, maxAttempts: 0 } });
    expect(checkReconnect('250', '250', '5')).toEqual({ ok: true, policy: { baseMs: 250, maxMs: 250, maxAttempts: 5 } });
  });

  it('names the field that is wrong', () => {
    expect(checkReconnect('50', '1000', '0')).toMatchObject({ ok: false, field: 'base' });
    expect(checkReconnect('500', '400', '0')).toMatchObject({ ok: false, field: 'max', error: 'At least the first delay (500 ms)' });
    expect(checkReconnect('500', '1000', '-1')).toMatchObject({ ok: false, field: 'attempts' });
  });
});
