/**
 * How often the page publishes new events to the store (and so redraws the
 * rows, counters and charts). Normally every animation frame. When a flood
 * brings more events between two frames than a timeline can show at once,
 * every row on screen is new each frame and no one can read them; then the
 * page publishes at most every `FLOOD_INTERVAL_MS`, about 10 times a second,
 * and leaves the other frames' time to receiving. Drawing a publish (the rows'
 * text, style, layout and paint) costs about the same whatever the flood
 * brings, and on two cores every millisecond of it is taken from the sockets
 * and the network: measured with `npm run bench`, 10 publishes a second
 * instead of 30 raised Sockpit's rate against the bare page from 0.81 to 0.91
 * (1 KiB text) and from 0.80 to 0.89 (1 MiB binary). The events are all kept
 * and counted either way: only the drawing waits.
 *
 * A click or a key during a flood goes first: the frame after it paints what
 * the input changed (the Pause button reading Resume, a selected row) without
 * also drawing the flood's new rows, which then wait `INPUT_WAIT_MS` longer at
 * most.
 */

/** events since the last publish from which a frame counts as part of a flood (more rows than any window shows) */
export const FLOOD_EVENTS = 128;

/**
 * bytes since the last publish from which a frame counts as part of a flood, whatever the count:
 * a few large frames a frame (1 MiB binaries at 300/s) leave the rows readable but keep every
 * core busy copying, and a redraw every frame then takes its time from receiving
 */
export const FLOOD_BYTES = 1024 * 1024;

/** the shortest time between two publishes during a flood: six frames at 60 Hz (a little under, so that a frame's jitter does not make it seven) */
export const FLOOD_INTERVAL_MS = 95;

/** how much longer than the interval a flood's rows may wait for inputs' frames (keys held down repeat) */
export const INPUT_WAIT_MS = 50;

/**
 * Whether this frame's publish waits for a later frame. `input`: the user
 * clicked, pressed or typed since the previous frame; bytes: payload bytes
 * since the last publish.
 */
export function deferPublish(msSinceLastPublish: number, eventsSinceLastPublish: number, input = false, bytesSinceLastPublish = 0): boolean {
  if (eventsSinceLastPublish < FLOOD_EVENTS && bytesSinceLastPublish < FLOOD_BYTES) return false;
  if (input) return msSinceLastPublish < FLOOD_INTERVAL_MS + INPUT_WAIT_MS;
  return msSinceLastPublish < FLOOD_INTERVAL_MS;
}
