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

  const apply = useCallback((next: number, follow: boolean) => {
    const g = geometryRef.current;
    const p = clampPosition(next, g);
    positionRef.current = p;
    setPositionState(p);
    setFollowing(follow);
    const el = ref.current;
    if (el) {
      const top = scrollTopFromPosition(p, g);
      if (Math.abs(el.scrollTop - top) >= 1) {
        setTop.current = top;
        el.scrollTop = top;
      }
    }
  }, []);

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
    return () => observer.disconnect();
  }, []);

  // Rows came or went, the viewport or the row height changed: a following view stays at the end,
  // any other keeps its place (clamped), and scrollTop is brought in line with the new scroll space.
  useLayoutEffect(() => {
    const target = followingRef.current ? maxPosition(geometry) : positionRef.current;
    apply(target, followingRef.current);
  }, [geometry, apply]);

  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      const el = e.currentTarget;
      const top = el.scrollTop;
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

  const scrollToEnd = useCallback(() => apply(maxPosition(geometryRef.current), followEnd), [apply, followEnd]);
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

  const { first, end } = visibleRange(position, geometry, overscan);
  const base = blockBase(first);
  const space = scrollSpace(geometry);
  const rowTop = useCallback((index: number) => (index - base) * rowHeight, [base, rowHeight]);
  return {
    ref,
    onScroll,
    first,
    end,
    rowTop,
    spaceStyle: { height: space, position: 'relative', width: '100%', minWidth },
    layerStyle: { position: 'sticky', top: inset, height: Math.min(viewport, space), overflow: 'hidden', width: '100%', minWidth },
    rowsStyle: { position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${base * rowHeight - position}px)` },
    atEnd: isAtEnd(position, geometry, Math.max(1, rowHeight / 2)),
    geometry,
    position,
    scrollToEnd,
    scrollToIndex,
    scrollByPages,
  };
}
