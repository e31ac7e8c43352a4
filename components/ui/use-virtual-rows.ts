"use client";
import { defaultRangeExtractor, useVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef, useState, type FocusEvent, type RefObject } from "react";

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

/**
 * Rows drawn only near what the scrolling box shows (@tanstack/react-virtual), laid out in the
 * normal flow: a gap of the undrawn rows' height stands before, between and after the drawn ones,
 * so the rows keep their table's column widths and the box its full scroll height. Rows are
 * measured as drawn (`measure` is their ref, with `data-index`). The row holding the focus stays
 * drawn when scrolled away, so typing in it or tabbing on from it loses nothing.
 */
export function useVirtualRows({ keys, containerRef, estimatePx, overscan }: { keys: readonly string[]; containerRef: RefObject<HTMLElement | null>; estimatePx: number; overscan: number }) {
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  // Where the rows start within the box's content: content above them (a longer list of checks) moves it.
  const [offset, setOffset] = useState(0);
  const focused = useRef<number | null>(null);

  useLayoutEffect(() => setScroller(scrollParentOf(containerRef.current)), [containerRef]);
  useLayoutEffect(() => {
    if (!scroller) return;
    const measure = () => {
      const container = containerRef.current;
      if (!container) return;
      const top = container.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      setOffset((was) => (Math.abs(was - top) < 1 ? was : top));
    };
    measure();
    const observer = new ResizeObserver(measure);
    for (const child of scroller.children) observer.observe(child);
    return () => observer.disconnect();
  }, [scroller, containerRef]);

  // The app has no React Compiler to skip this for; the rows get only `measureElement`, one function for the virtualizer's life.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scroller,
    estimateSize: () => estimatePx,
    overscan,
    scrollMargin: offset,
    getItemKey: (index) => keys[index],
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      const kept = focused.current;
      return kept === null || kept >= range.count || indexes.includes(kept) ? indexes : [...indexes, kept].sort((a, b) => a - b);
    },
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

  const focusWithin = {
    onFocus(event: FocusEvent) {
      const row = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
      focused.current = row ? Number(row.dataset.index) : null;
    },
    onBlur(event: FocusEvent) {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) focused.current = null;
    },
  };
  return { slots, measure: virtualizer.measureElement, focusWithin };
}
