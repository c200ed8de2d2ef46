/**
 * The one event union, as the core hands it out. It is pure data and lives in
 * src/lib/events.ts so that pure code below the core (the filter matcher in
 * lib/filter/) can name it; import it from here or from there.
 */
export * from '../lib/events';
