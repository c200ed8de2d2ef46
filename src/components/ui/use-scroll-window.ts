import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties, RefObject, UIEvent } from 'react';
import {
  atEnd as isAtEnd,
  blockBase,
  clampPosition,
  maxPosition,
  positionFromScrollTop,
  positionToShow,
  rowsPerPage,
  scrollSpace,
  scrollTopFromPosition,
  visibleRange,
  isScaled,
} from '../../lib/scroll-window';
import type { WindowGeometry } from '../../lib/scroll-window';

export interface ScrollWindowOptions {
  count: number;
  rowHeight: number;
  /** rows drawn beyond each edge of the viewport */
  overscan?: number;
  /** open at the last row and follow it while the view is there (a log) */
  followEnd?: boolean;
  /** px at the top of the scrolled element taken by a sticky header above the rows */
  inset?: number;
  /** the rows' width when they are wider than the element (it then scrolls sideways), e.g. '80ch' */
  minWidth?: string;
}

export interface ScrollWindow {
  /** the element the browser scrolls (overflow: auto) */
  ref: RefObject<HTMLDivElement | null>;
  /** the scroll space (the element styled with spaceStyle): its resize says when a new scrollTop can be set without a forced layout */
  spaceRef: RefObject<HTMLDivElement | null>;
  onScroll: (e: UIEvent<HTMLDivElement>) => void;
  /** rows [first, end) to draw */
  first: number;
  end: number;
  /** the y of row `index` inside the rows layer (stable while its block is) */
  rowTop: (index: number) => number;
  /** styles of the three nested elements: the scroll space, the viewport-fixed layer, the moving rows layer */
  spaceStyle: CSSProperties;
  layerStyle: CSSProperties;
  rowsStyle: CSSProperties;
  /** the view shows the last row */
  atEnd: boolean;
  geometry: WindowGeometry;
  position: number;
  scrollToEnd: () => void;
  scrollToIndex: (index: number, align?: 'auto' | 'start' | 'end') => void;
  /** moves the view by whole pages (PageUp/PageDown when nothing is selected) */
  scrollByPages: (pages: number) => void;
}

/**
 * A window over `count` fixed-height rows (lib/scroll-window.ts): the rows in
 * view come from the scroll position alone, with no layout reads per frame
 * (the viewport's height comes from a ResizeObserver), and a content taller
 * than the browsers allow an element to be is scaled onto a safe scroll
 * space. The position is kept here, not read back from scrollTop, so that a
 * scaled view moves by exact pixels for the wheel and the keys; a scrollTop
 * the browser reports that differs from the one set (a scrollbar drag) moves
 * the position.
 */
export function useScrollWindow({ count, rowHeight, overscan = 8, followEnd = false, inset = 0, minWidth }: ScrollWindowOptions): ScrollWindow {
  const ref = useRef<HTMLDivElement | null>(null);
  const [height, setHeight] = useState(0);
  const viewport = Math.max(0, height - inset);
  const [position, setPositionState] = useState(0);
  const [following, setFollowing] = useState(followEnd);
  const geometry = useMemo<WindowGeometry>(() => ({ count, rowHeight, viewport }), [count, rowHeight, viewport]);
  const geometryRef = useRef(geometry);
  geometryRef.current = geometry;
  const positionRef = useRef(position);
  const followingRef = useRef(following);
  followingRef.current = following;
  /** the scrollTop this hook last set, so the scroll event it causes is not read as the user's */
  const setTop = useRef<number | null>(null);
  const spaceRef = useRef<HTMLDivElement | null>(null);
  /** the element's scrollTop as this hook last set or read it */
  const knownTop = useRef(0);
  /** a scrollTop to set once the new scroll space is laid out (the space's ResizeObserver) */
  const pendingTop = useRef<number | null>(null);
  const lastSpace = useRef(-1);

  const writeTop = useCallback((el: HTMLDivElement, top: number, current: number) => {
    knownTop.current = top;
    if (Math.abs(current - top) < 1) return;
    el.scrollTop = top;
    // What the browser took: it clamps a scrollTop past the element's end, e.g. when the element
    // grew a moment ago and its new height has not reached this hook yet. Setting scrollTop
    // already brought layout up to date, so reading it back forces nothing more. Its scroll
    // event is then known as this hook's own, not read as the user's scroll away from the end.
    const taken = el.scrollTop;
    knownTop.current = taken;
    setTop.current = taken;
  }, []);

  /**
   * Moves the view to `next`. `how`: 'now' sets scrollTop at once, reading it
   * first (a user's action: a forced layout is fine); 'known' compares with
   * the scrollTop last set or read instead of reading it (and waits with a
   * scrollTop that waits already); 'laid-out' waits for
   * the scroll space's ResizeObserver, which runs after the browser's own
   * layout, so following the newest row during a flood costs no forced
   * layout per frame (the rows are drawn from the position, not from
   * scrollTop, so they are right meanwhile).
   */
  const apply = useCallback(
    (next: number, follow: boolean, how: 'now' | 'known' | 'laid-out' = 'now') => {
      const g = geometryRef.current;
      const p = clampPosition(next, g);
      positionRef.current = p;
      // A view that follows the end draws at the end in the render that brings new rows (below):
      // its position needs no state of its own, and setting one would render every frame twice.
      if (!(follow && followEnd)) setPositionState(p);
      setFollowing(follow);
      const el = ref.current;
      if (!el) return;
      const top = scrollTopFromPosition(p, g);
      // A scrollTop already waits for the new space's layout: this one waits too (a write now would force that layout).
      const wait = how === 'laid-out' || (how === 'known' && pendingTop.current !== null);
      if (wait && typeof ResizeObserver !== 'undefined' && spaceRef.current) {
        pendingTop.current = top;
        return;
      }
      pendingTop.current = null;
      writeTop(el, top, how === 'known' ? knownTop.current : el.scrollTop);
    },
    [writeTop, followEnd],
  );

  // The viewport's height: once now, then whenever the element resizes.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    setHeight(el.clientHeight);
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => {
      const h = entries[entries.length - 1]?.contentRect.height;
      if (h !== undefined) setHeight(Math.round(h));
    });
    observer.observe(el);
    // The scroll space was laid out at its new height: set the scrollTop waiting for it (layout is clean here, nothing is forced).
    const space = spaceRef.current;
    const spaceObserver = new ResizeObserver(() => {
      const top = pendingTop.current;
      if (top === null) return;
      pendingTop.current = null;
      writeTop(el, top, el.scrollTop);
    });
    if (space) spaceObserver.observe(space);
    return () => {
      observer.disconnect();
      spaceObserver.disconnect();
    };
  }, [writeTop]);

  // Rows came or went, the viewport or the row height changed: a following view stays at the end,
  // any other keeps its place (clamped), and scrollTop is brought in line with the new scroll space.
  // A new scroll space height waits for its layout; the same height compares with the scrollTop known.
  useLayoutEffect(() => {
    const target = followingRef.current ? maxPosition(geometry) : positionRef.current;
    const space = scrollSpace(geometry);
    const grown = space !== lastSpace.current;
    lastSpace.current = space;
    apply(target, followingRef.current, grown ? 'laid-out' : 'known');
  }, [geometry, apply]);

  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      const el = e.currentTarget;
      const top = el.scrollTop;
      knownTop.current = top;
      const mine = setTop.current;
      setTop.current = null;
      if (mine !== null && Math.abs(top - mine) < 1.5) return;
      const g = geometryRef.current;
      const p = positionFromScrollTop(top, g);
      positionRef.current = p;
      setPositionState(p);
      // At the element's own end counts too: when the element grows (a panel below it
      // shrinks) the browser clamps scrollTop and reports it before the new height reaches
      // this hook, and a view that followed the newest row must go on following it.
      const atElementEnd = top >= el.scrollHeight - el.clientHeight - 1;
      setFollowing(followEnd && (atElementEnd || isAtEnd(p, g, Math.max(1, g.rowHeight / 2))));
    },
    [followEnd],
  );

  // A scaled view takes the wheel itself: the browser would move scrollTop, which
  // is worth many content pixels there; here the content moves by what the wheel says.
  const scaled = isScaled(geometry);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !scaled) return undefined;
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey || Math.abs(e.deltaY) < Math.abs(e.deltaX)) return;
      e.preventDefault();
      const g = geometryRef.current;
      const unit = e.deltaMode === 1 ? g.rowHeight : e.deltaMode === 2 ? g.viewport : 1;
      const p = clampPosition(positionRef.current + e.deltaY * unit, g);
      apply(p, followEnd && isAtEnd(p, g, Math.max(1, g.rowHeight / 2)));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scaled, apply, followEnd]);

  const scrollToEnd = useCallback(() => apply(maxPosition(geometryRef.current), followEnd, 'known'), [apply, followEnd]);
  const scrollToIndex = useCallback(
    (index: number, align: 'auto' | 'start' | 'end' = 'auto') => {
      const g = geometryRef.current;
      const p = positionToShow(index, positionRef.current, g, align);
      apply(p, followEnd && isAtEnd(p, g, Math.max(1, g.rowHeight / 2)));
    },
    [apply, followEnd],
  );
  const scrollByPages = useCallback(
    (pages: number) => {
      const g = geometryRef.current;
      const p = clampPosition(positionRef.current + pages * rowsPerPage(g) * g.rowHeight, g);
      apply(p, followEnd && isAtEnd(p, g, Math.max(1, g.rowHeight / 2)));
    },
    [apply, followEnd],
  );

  // Following the newest row there is nothing below to overscan, and the rows above are drawn again
  // every frame the tail moves: one row of overscan is enough (the layer is fixed to the viewport, so
  // a scroll never shows what overscan would have covered before the next render).
  // Following the end, the view is at the end of the rows of this render, not of the last one's:
  // the rows, their offset and "at the end" are right at once, with no second render after the
  // layout effect that moves the scrollTop (which waits for the scroll space's layout anyway).
  const tail = following && followEnd;
  const shown = tail ? maxPosition(geometry) : clampPosition(position, geometry);
  const { first, end } = visibleRange(shown, geometry, tail ? Math.min(1, overscan) : overscan);
  const base = blockBase(first);
  const space = scrollSpace(geometry);
  const rowTop = useCallback((index: number) => (index - base) * rowHeight, [base, rowHeight]);
  return {
    ref,
    spaceRef,
    onScroll,
    first,
    end,
    rowTop,
    spaceStyle: { height: space, position: 'relative', width: '100%', minWidth },
    // contain: the rows' style and layout stay inside the layer (a relayout boundary), not the whole document's.
    layerStyle: { position: 'sticky', top: inset, height: Math.min(viewport, space), overflow: 'hidden', width: '100%', minWidth, contain: 'strict' },
    rowsStyle: { position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${base * rowHeight - shown}px)` },
    atEnd: tail || isAtEnd(shown, geometry, Math.max(1, rowHeight / 2)),
    geometry,
    position: shown,
    scrollToEnd,
    scrollToIndex,
    scrollByPages,
  };
}
