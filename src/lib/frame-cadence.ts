/**
 * How often the page publishes new events to the store (and so redraws the
 * rows, counters and charts). Normally every animation frame. When a flood
 * brings more events between two frames than a timeline can show at once,
 * every row on screen is new each frame and no one can read them; then the
 * page publishes at most every `FLOOD_INTERVAL_MS`, about 30 times a second,
 * and leaves the other frames' main-thread time to the sockets' reports. The
 * events are all kept and counted either way: only the drawing waits, for
 * one frame at most.
 *
 * A click or a key during a flood goes first: the frame after it paints what
 * the input changed (the Pause button reading Resume, a selected row) without
 * also drawing the flood's new rows, which wait until `INPUT_WAIT_MS` after
 * the last publish at most.
 */

/** events since the last publish from which a frame counts as part of a flood (more rows than any window shows) */
export const FLOOD_EVENTS = 128;

/**
 * bytes since the last publish from which a frame counts as part of a flood, whatever the count:
 * a few large frames a frame (1 MiB binaries at 300/s) leave the rows readable but keep every
 * core busy copying, and a redraw every frame then takes its time from receiving
 */
export const FLOOD_BYTES = 1024 * 1024;

/** the shortest time between two publishes during a flood: two frames at 60 Hz */
export const FLOOD_INTERVAL_MS = 30;

/** the longest a flood's rows wait for an input's frame: three frames at 60 Hz */
export const INPUT_WAIT_MS = 50;

/** Whether this frame's publish waits for the next frame (`input`: the user clicked or typed since the last publish; bytes: payload bytes since then). */
export function deferPublish(msSinceLastPublish: number, eventsSinceLastPublish: number, input = false, bytesSinceLastPublish = 0): boolean {
  if (eventsSinceLastPublish < FLOOD_EVENTS && bytesSinceLastPublish < FLOOD_BYTES) return false;
  if (input && msSinceLastPublish < INPUT_WAIT_MS) return true;
  return msSinceLastPublish < FLOOD_INTERVAL_MS;
}
