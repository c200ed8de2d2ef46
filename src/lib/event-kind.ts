/**
 * Compact storage tag of an event: the log and the wire between the socket host
 * and the page keep events as columns (kind, time, size, data) to avoid one
 * object per event on the hot path.
 */
export const Kind = {
  Connecting: 0,
  Open: 1,
  InText: 2,
  InBinary: 3,
  OutText: 4,
  OutBinary: 5,
  Error: 6,
  Close: 7,
  Note: 8,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];
