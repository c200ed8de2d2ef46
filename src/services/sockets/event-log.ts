/**
 * @deprecated The capture log moved to src/core/event-log.ts (issue 11). This
 * re-export keeps branches written against the old path compiling; import
 * from src/core/event-log instead.
 */
export * from '../../core/event-log';
