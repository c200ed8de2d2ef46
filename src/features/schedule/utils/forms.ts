import type { ReconnectPolicy } from '../../../store/types';

/** The repeat and auto-reconnect forms: text as typed in, checked numbers out, one error per field. */

export const MIN_REPEAT_MS = 10;
export const MAX_REPEAT_MS = 24 * 60 * 60 * 1000;
export const MAX_REPEAT_COUNT = 1_000_000;

function wholeNumber(text: string): number | null {
  const t = text.trim().replace(/[,_\s]/g, '');
  return /^\d+$/.test(t) ? Number(t) : null;
}

export type RepeatCheck =
  | { ok: true; everyMs: number; count: number | null }
  | { ok: false; field: 'every' | 'count'; error: string };

/** "Every N ms" and "times" (empty = until stopped). */
export function checkRepeat(everyText: string, countText: string): RepeatCheck {
  const every = wholeNumber(everyText);
  if (every === null) return { ok: false, field: 'every', error: 'Enter a whole number of milliseconds' };
  if (every < MIN_REPEAT_MS || every > MAX_REPEAT_MS)
    return { ok: false, field: 'every', error: `From ${MIN_REPEAT_MS} ms to ${MAX_REPEAT_MS.toLocaleString('en-US')} ms (a day)` };
  if (countText.trim() === '') return { ok: true, everyMs: every, count: null };
  const count = wholeNumber(countText);
  if (count === null) return { ok: false, field: 'count', error: 'Enter a whole number, or leave empty to repeat until stopped' };
  if (count < 1 || count > MAX_REPEAT_COUNT) return { ok: false, field: 'count', error: `From 1 to ${MAX_REPEAT_COUNT.toLocaleString('en-US')}` };
  return { ok: true, everyMs: every, count };
}

export type ReconnectCheck = { ok: true; policy: Omit<ReconnectPolicy, 'enabled'> } | { ok: false; field: 'base' | 'max' | 'attempts'; error: string };

/** First delay, longest delay (both ms) and attempts (0 or empty = no limit). */
export function checkReconnect(baseText: string, maxText: string, attemptsText: string): ReconnectCheck {
  const base = wholeNumber(baseText);
  if (base === null) return { ok: false, field: 'base', error: 'Enter a whole number of milliseconds' };
  if (base < 100 || base > 600_000) return { ok: false, field: 'base', error: 'From 100 ms to 600,000 ms (10 minutes)' };
  const max = wholeNumber(maxText);
  if (max === null) return { ok: false, field: 'max', error: 'Enter a whole number of milliseconds' };
  if (max < base) return { ok: false, field: 'max', error: `At least the first delay (${base.toLocaleString('en-US')} ms)` };
  if (max > 3_600_000) return { ok: false, field: 'max', error: 'At most 3,600,000 ms (an hour)' };
  const attempts = attemptsText.trim() === '' ? 0 : wholeNumber(attemptsText);
  if (attempts === null) return { ok: false, field: 'attempts', error: 'Enter a whole number; 0 or empty for no limit' };
  if (attempts > 10_000) return { ok: false, field: 'attempts', error: 'At most 10,000; 0 for no limit' };
  return { ok: true, policy: { baseMs: base, maxMs: max, maxAttempts: attempts } };
}
