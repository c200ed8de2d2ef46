import { describe, expect, it } from 'vitest';
import {
  SAFE_SCROLL_HEIGHT,
  atEnd,
  blockBase,
  isScaled,
  maxPosition,
  maxScrollTop,
  positionFromScrollTop,
  positionToShow,
  rowsPerPage,
  scrollSpace,
  scrollTopFromPosition,
  visibleRange,
} from './scroll-window';

const small = { count: 100, rowHeight: 20, viewport: 200 };
const huge = { count: 10_000_000, rowHeight: 26, viewport: 600 };

describe('unscaled window (content fits)', () => {
  it('scrolls the content itself: scrollTop is the position', () => {
    expect(isScaled(small)).toBe(false);
    expect(scrollSpace(small)).toBe(2000);
    expect(maxPosition(small)).toBe(1800);
    expect(positionFromScrollTop(430, small)).toBe(430);
    expect(scrollTopFromPosition(430, small)).toBe(430);
  });

  it('shows the rows touching the viewport, with overscan clamped to the list', () => {
    expect(visibleRange(0, small)).toEqual({ first: 0, end: 10 });
    expect(visibleRange(10, small)).toEqual({ first: 0, end: 11 });
    expect(visibleRange(1800, small, 3)).toEqual({ first: 87, end: 100 });
    expect(visibleRange(0, { ...small, count: 0 })).toEqual({ first: 0, end: 0 });
  });

  it('a list shorter than the viewport has nowhere to scroll', () => {
    const g = { count: 3, rowHeight: 20, viewport: 200 };
    expect(maxPosition(g)).toBe(0);
    expect(maxScrollTop(g)).toBe(0);
    expect(visibleRange(0, g)).toEqual({ first: 0, end: 3 });
    expect(atEnd(0, g)).toBe(true);
  });

  it('clamps out-of-range scrollTops and positions', () => {
    expect(positionFromScrollTop(-50, small)).toBe(0);
    expect(positionFromScrollTop(99_999, small)).toBe(1800);
    expect(scrollTopFromPosition(99_999, small)).toBe(1800);
  });
});

describe('scaled window (10,000,000 rows of 26 px = 260,000,000 px)', () => {
  it('keeps the scroll space under the safe height, well under Firefox’s 17,895,696 px', () => {
    expect(isScaled(huge)).toBe(true);
    expect(scrollSpace(huge)).toBe(SAFE_SCROLL_HEIGHT);
    expect(SAFE_SCROLL_HEIGHT).toBeLessThan(17_895_696);
  });

  it('maps the ends of the scrollbar to the first and the last row', () => {
    expect(positionFromScrollTop(0, huge)).toBe(0);
    expect(visibleRange(positionFromScrollTop(0, huge), huge).first).toBe(0);
    const end = positionFromScrollTop(maxScrollTop(huge), huge);
    expect(end).toBe(maxPosition(huge));
    expect(visibleRange(end, huge).end).toBe(10_000_000);
    expect(atEnd(end, huge)).toBe(true);
  });

  it('maps the middle of the scrollbar to the middle row', () => {
    const mid = positionFromScrollTop(maxScrollTop(huge) / 2, huge);
    const { first } = visibleRange(mid, huge);
    expect(Math.abs(first - 5_000_000)).toBeLessThan(20);
  });

  it('round-trips a position through scrollTop within one scroll pixel’s worth of content', () => {
    const perPx = maxPosition(huge) / maxScrollTop(huge);
    for (const p of [0, 1234, 77_777_777, maxPosition(huge)]) {
      const back = positionFromScrollTop(scrollTopFromPosition(p, huge), huge);
      expect(Math.abs(back - p)).toBeLessThanOrEqual(1);
      // and a whole-pixel scrollTop (what browsers keep) is off by less than one pixel's worth
      const rounded = positionFromScrollTop(Math.round(scrollTopFromPosition(p, huge)), huge);
      expect(Math.abs(rounded - p)).toBeLessThanOrEqual(perPx);
    }
  });

  it('positions are whole pixels, so rows are exactly one row height apart', () => {
    expect(Number.isInteger(positionFromScrollTop(3_999_999.5, huge))).toBe(true);
  });

  it('a small safe height scales a small list the same way (the tests’ way to check the seams)', () => {
    const g = { count: 1000, rowHeight: 10, viewport: 100, safeHeight: 1000 };
    expect(isScaled(g)).toBe(true);
    expect(scrollSpace(g)).toBe(1000);
    expect(positionFromScrollTop(900, g)).toBe(9900);
    expect(positionFromScrollTop(450, g)).toBe(4950);
  });
});

describe('bringing a row into view', () => {
  it('auto moves as little as needed, and not at all for a row in view', () => {
    expect(positionToShow(5, 0, small)).toBe(0);
    expect(positionToShow(10, 0, small)).toBe(20);
    expect(positionToShow(2, 100, small)).toBe(40);
    expect(positionToShow(150, 0, small)).toBe(1800);
  });

  it('start and end align the row to the top or the bottom', () => {
    expect(positionToShow(50, 0, small, 'start')).toBe(1000);
    expect(positionToShow(50, 0, small, 'end')).toBe(820);
    expect(positionToShow(0, 500, small, 'end')).toBe(0);
  });

  it('reaches the last of 10,000,000 rows', () => {
    const p = positionToShow(9_999_999, 0, huge);
    expect(p).toBe(maxPosition(huge));
    expect(visibleRange(p, huge).end).toBe(10_000_000);
  });

  it('a page is the whole rows the viewport holds', () => {
    expect(rowsPerPage(small)).toBe(10);
    expect(rowsPerPage({ count: 5, rowHeight: 26, viewport: 10 })).toBe(1);
  });

  it('rows move between blocks only every BLOCK_ROWS rows', () => {
    expect(blockBase(0)).toBe(0);
    expect(blockBase(255)).toBe(0);
    expect(blockBase(256)).toBe(256);
    expect(blockBase(9_999_999)).toBe(9_999_872);
  });
});
