/**
 * The arithmetic of a window over fixed-height rows that scales past the
 * browsers' element-height limits (Firefox turns an element taller than
 * 17,895,696 px into 0 px; Chromium clamps at 33,554,428 px).
 *
 * Terms: the **content** is all rows stacked, `count × rowHeight` px tall;
 * the **position** is the content px at the top of the viewport (an integer,
 * so rows sit exactly one row height apart); the **scroll space** is the
 * height of the element the browser scrolls. While the content fits under
 * SAFE_SCROLL_HEIGHT the scroll space is the content and scrollTop is the
 * position; past it the scroll space is SAFE_SCROLL_HEIGHT and scrollTop maps
 * linearly onto the position, so the first, middle and last row are all
 * reachable by the scrollbar, and the rows themselves are drawn in a layer
 * fixed to the viewport at `index × rowHeight − position`.
 */

/** Well under Firefox's 17,895,696 px limit, and above any list that does not need scaling in practice. */
export const SAFE_SCROLL_HEIGHT = 8_000_000;

export interface WindowGeometry {
  count: number;
  rowHeight: number;
  /** the viewport's height in px */
  viewport: number;
  /** the largest scroll space used (tests pass a small one) */
  safeHeight?: number;
}

export function contentHeight(g: WindowGeometry): number {
  return g.count * g.rowHeight;
}

/** The height of the element the browser scrolls. */
export function scrollSpace(g: WindowGeometry): number {
  return Math.min(contentHeight(g), g.safeHeight ?? SAFE_SCROLL_HEIGHT);
}

/** Whether scrollTop and position differ (the content is taller than the scroll space). */
export function isScaled(g: WindowGeometry): boolean {
  return contentHeight(g) > scrollSpace(g);
}

/** The largest position: the last row's bottom at the viewport's bottom. */
export function maxPosition(g: WindowGeometry): number {
  return Math.max(0, contentHeight(g) - g.viewport);
}

export function maxScrollTop(g: WindowGeometry): number {
  return Math.max(0, scrollSpace(g) - g.viewport);
}

export function clampPosition(position: number, g: WindowGeometry): number {
  return Math.max(0, Math.min(maxPosition(g), Math.round(position)));
}

/** The position a scrollTop stands for. */
export function positionFromScrollTop(scrollTop: number, g: WindowGeometry): number {
  const top = Math.max(0, Math.min(maxScrollTop(g), scrollTop));
  if (!isScaled(g)) return clampPosition(top, g);
  const max = maxScrollTop(g);
  return max === 0 ? 0 : clampPosition((top / max) * maxPosition(g), g);
}

/** The scrollTop that shows a position. */
export function scrollTopFromPosition(position: number, g: WindowGeometry): number {
  const p = clampPosition(position, g);
  if (!isScaled(g)) return p;
  const max = maxPosition(g);
  return max === 0 ? 0 : (p / max) * maxScrollTop(g);
}

/** Rows [first, end) that touch the viewport at `position`, widened by `overscan` rows on each side. */
export function visibleRange(position: number, g: WindowGeometry, overscan = 0): { first: number; end: number } {
  if (g.count === 0 || g.rowHeight <= 0) return { first: 0, end: 0 };
  const p = clampPosition(position, g);
  const first = Math.floor(p / g.rowHeight);
  const end = Math.ceil((p + g.viewport) / g.rowHeight);
  return { first: Math.max(0, first - overscan), end: Math.min(g.count, Math.max(end, first + 1) + overscan) };
}

/** Whether the position shows the last row whole (within `slack` px of the end). */
export function atEnd(position: number, g: WindowGeometry, slack = 1): boolean {
  return position >= maxPosition(g) - slack;
}

/**
 * The position that brings row `index` into view: 'start' puts it at the top,
 * 'end' at the bottom, 'auto' moves as little as needed (not at all if it is
 * already whole in view).
 */
export function positionToShow(index: number, position: number, g: WindowGeometry, align: 'auto' | 'start' | 'end' = 'auto'): number {
  if (g.count === 0) return 0;
  const i = Math.max(0, Math.min(g.count - 1, index));
  const top = i * g.rowHeight;
  const bottom = top + g.rowHeight;
  if (align === 'start') return clampPosition(top, g);
  if (align === 'end') return clampPosition(bottom - g.viewport, g);
  if (top < position) return clampPosition(top, g);
  if (bottom > position + g.viewport) return clampPosition(bottom - g.viewport, g);
  return clampPosition(position, g);
}

/** How many whole rows one page (the viewport) holds, at least 1. */
export function rowsPerPage(g: WindowGeometry): number {
  return Math.max(1, Math.floor(g.viewport / g.rowHeight));
}

/**
 * Rows are drawn inside a layer that is moved as a whole; within it a row's
 * offset changes only when the block changes (every BLOCK_ROWS rows), so a
 * scroll of less than that re-renders no row.
 */
export const BLOCK_ROWS = 256;

export function blockBase(first: number): number {
  return first - (first % BLOCK_ROWS);
}
