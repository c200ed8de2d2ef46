import type { RetentionLimits } from '../../../core/event-log';

export const EVENTS_RANGE = { min: 100, max: 10_000_000 } as const;
export const MIB_RANGE = { min: 1, max: 4096 } as const;
const MIB = 1024 * 1024;

export type RetentionCheck = { ok: true; limits: RetentionLimits } | { ok: false; field: 'events' | 'mib'; error: string };

function wholeNumber(text: string): number | null {
  const t = text.trim().replace(/[,_\s]/g, '');
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** Parses the settings form's two limits: events per connection and MiB of payload per connection. */
export function checkRetention(eventsText: string, mibText: string): RetentionCheck {
  const events = wholeNumber(eventsText);
  if (events === null) return { ok: false, field: 'events', error: 'Enter a whole number of events' };
  if (events < EVENTS_RANGE.min || events > EVENTS_RANGE.max)
    return { ok: false, field: 'events', error: `Between ${EVENTS_RANGE.min.toLocaleString('en-US')} and ${EVENTS_RANGE.max.toLocaleString('en-US')} events` };
  const mib = wholeNumber(mibText);
  if (mib === null) return { ok: false, field: 'mib', error: 'Enter a whole number of MiB' };
  if (mib < MIB_RANGE.min || mib > MIB_RANGE.max) return { ok: false, field: 'mib', error: `Between ${MIB_RANGE.min} and ${MIB_RANGE.max} MiB` };
  return { ok: true, limits: { maxEvents: events, maxBytes: mib * MIB } };
}

export function mibOf(bytes: number): number {
  return Math.round(bytes / MIB);
}
