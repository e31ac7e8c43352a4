"use client";
import { Fragment, memo, useMemo, useRef, type ReactNode } from "react";
import { useVirtualRows } from "./use-virtual-rows";

/** What a row of a VirtualList is told: its place in the whole list, and the ref that measures it. */
export interface RowPlace {
  index: number;
  count: number;
  /** Goes on the row's own element (a direct child of the list: an <li> with `data-index` and `data-key`). */
  measure(element: HTMLElement | null): void;
}

interface Props<T extends { id: string }> {
  items: readonly T[];
  /** The list's accessible name. */
  label: string;
  /** Draws one item's <li> (`ref={place.measure}`, `data-index`, `data-key={item.id}`); memoise it with its state, so a render of the panel around an unchanged list draws nothing. */
  renderRow(item: T, place: RowPlace): ReactNode;
  /** A row's height before it is measured. */
  estimatePx?: number;
  /** Rows drawn beyond each edge of the dialog's view. */
  overscan?: number;
}

/**
 * A list in a dialog that draws only the rows near the dialog's view (useVirtualRows): the rows
 * not drawn stand as aria-hidden gaps of their height, and each drawn row says its place in the
 * whole list. History and the prompt library list through it.
 */
function VirtualListOf<T extends { id: string }>({ items, label, renderRow, estimatePx = 64, overscan = 8 }: Props<T>) {
  const listRef = useRef<HTMLUListElement>(null);
  const keys = useMemo(() => items.map((item) => item.id), [items]);
  const { slots, measure } = useVirtualRows({ keys, containerRef: listRef, estimatePx, overscan });
  return (
    <ul ref={listRef} className="divide-y divide-line [overflow-anchor:none]" aria-label={label}>
      {slots.map((slot) =>
        slot.kind === "gap" ? (
          <li key={slot.key} aria-hidden="true" style={{ height: slot.height }} />
        ) : (
          <Fragment key={slot.key}>{renderRow(items[slot.index], { index: slot.index, count: items.length, measure })}</Fragment>
        ),
      )}
    </ul>
  );
}

// memo loses the type parameter; this gives it back.
export const VirtualList = memo(VirtualListOf) as typeof VirtualListOf;
