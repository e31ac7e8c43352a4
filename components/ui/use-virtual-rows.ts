"use client";
import { defaultRangeExtractor, observeElementOffset, observeElementRect, useVirtualizer, type Range, type Rect, type Virtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useState, type RefObject } from "react";

/** What a list drawing only its rows near the viewport renders, in order: a row, or the room of rows not drawn. */
export type VirtualSlot = { kind: "row"; index: number; key: string } | { kind: "gap"; key: string; height: number };

/**
 * The box the rows scroll in: the nearest one marked `data-scroll-box` (a dialog's). Marked rather
 * than found by its computed overflow, because a sideways-scrolling wrapper (overflow-x: auto)
 * computes overflow-y as auto too, and taking it for the scroller draws every row.
 */
function scrollParentOf(element: HTMLElement | null): HTMLElement | null {
  return element?.parentElement?.closest<HTMLElement>("[data-scroll-box]") ?? null;
}

/** The key of the drawn row holding the focus (a direct child of `container` with `data-key`), if any. */
function focusedRowKey(container: HTMLElement | null): string | null {
  if (!container) return null;
  let at = container.ownerDocument.activeElement;
  while (at && at.parentElement !== container) at = at.parentElement;
  return at?.getAttribute("data-key") ?? null;
}

/**
 * The box's size, except while it is not shown: a modal <dialog> is display:none until
 * showModal, which runs after the rows' layout effects. Taking that 0 would draw no row for the
 * first frame; the estimate (initialRect) stands until the box has a size.
 */
const observeShownRect = (instance: Virtualizer<HTMLElement, Element>, cb: (rect: Rect) => void) =>
  observeElementRect(instance, (rect) => {
    if (rect.height > 0) cb(rect);
  });

/**
 * The box's scroll, starting from where it is: the library otherwise keeps the offset it assumed
 * before the box was known (0) and scrolls the box there when it attaches, so rows appearing in a
 * dialog scrolled down would jump it to the top.
 */
const observeScrollFromHere = (instance: Virtualizer<HTMLElement, Element>, cb: (offset: number, isScrolling: boolean) => void) => {
  if (instance.scrollElement) cb(instance.scrollElement.scrollTop, false);
  return observeElementOffset(instance, cb);
};

/**
 * Rows drawn only near what the scrolling box shows (@tanstack/react-virtual), laid out in the
 * normal flow: a gap of the undrawn rows' height stands before, between and after the drawn ones,
 * so the rows keep their table's column widths and the box its full scroll height. Each row
 * element is a direct child of the container with `ref={measure}`, `data-index` and `data-key`
 * (its key): rows are measured as drawn, and the row holding the focus stays drawn when scrolled
 * away, so typing in it loses nothing (Tab from it then goes on to the next drawn row).
 */
export function useVirtualRows({ keys, containerRef, estimatePx, overscan }: { keys: readonly string[]; containerRef: RefObject<HTMLElement | null>; estimatePx: number; overscan: number }) {
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  // Where the rows start within the box's content: content above them (a longer list of checks) moves it.
  const [offset, setOffset] = useState(0);

  useLayoutEffect(() => {
    const box = scrollParentOf(containerRef.current);
    if (!box && process.env.NODE_ENV !== "production") console.warn("useVirtualRows: no [data-scroll-box] around the rows; only the first ones are drawn.");
    setScroller(box);
  }, [containerRef]);
  useLayoutEffect(() => {
    if (!scroller) return;
    const measure = () => {
      const container = containerRef.current;
      if (!container || scroller.clientHeight === 0) return;
      const top = container.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop;
      setOffset((was) => (Math.abs(was - top) < 1 ? was : top));
    };
    measure();
    const observer = new ResizeObserver(measure);
    for (const child of scroller.children) observer.observe(child);
    return () => observer.disconnect();
  }, [scroller, containerRef]);

  const getItemKey = useCallback((index: number) => keys[index], [keys]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const key = focusedRowKey(containerRef.current);
      const kept = key === null ? -1 : keys.indexOf(key);
      return kept < 0 || indexes.includes(kept) ? indexes : [...indexes, kept].sort((a, b) => a - b);
    },
    [keys, containerRef],
  );
  // The app has no React Compiler to skip this for; the rows get only `measureElement`, one function for the virtualizer's life.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scroller,
    estimateSize: () => estimatePx,
    overscan,
    scrollMargin: offset,
    getItemKey,
    rangeExtractor,
    observeElementRect: observeShownRect,
    observeElementOffset: observeScrollFromHere,
    // Before the box is known (and when rendered on the server): the first rows.
    initialRect: { width: 0, height: estimatePx * overscan },
  });

  const slots: VirtualSlot[] = [];
  let end = offset;
  for (const item of virtualizer.getVirtualItems()) {
    if (item.start > end + 0.5) slots.push({ kind: "gap", key: `gap-${item.index}`, height: item.start - end });
    slots.push({ kind: "row", index: item.index, key: String(item.key) });
    end = item.end;
  }
  const total = offset + virtualizer.getTotalSize();
  if (total > end + 0.5) slots.push({ kind: "gap", key: "gap-end", height: total - end });
  return { slots, measure: virtualizer.measureElement };
}
