/**
 * @deprecated The event union moved to src/core/events.ts (issue 11). This
 * re-export keeps branches written against the old path compiling; import
 * from src/core/events instead.
 */
export * from '../../core/events';
