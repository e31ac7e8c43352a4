"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A non-modal panel on the browser's Popover API (top layer, Escape and a click outside close it).
 * Not a modal <dialog>: making the rest of the page inert restyles all of it, which on a reply
 * of 2,000 token spans costs more than a frame (bench: probabilities). Focus moves into the
 * panel when it opens and back to where it was when it closes.
 */
export function PopoverPanel({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.showPopover();
    panel.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      if (panel.matches(":popover-open")) panel.hidePopover();
      opener?.focus({ preventScroll: true });
    };
  }, []);

  return (
    <div
      ref={ref}
      popover="auto"
      role="dialog"
      aria-labelledby={titleId}
      onToggle={(e) => e.newState === "closed" && onClose()}
      className="m-auto w-[min(48rem,calc(100vw-1.5rem))] rounded-xl border border-line bg-bg p-0 text-fg shadow-xl"
    >
      {/* data-scroll-box: where lists drawing only their visible rows find the box they scroll in. */}
      <div data-scroll-box className="max-h-[85vh] overflow-y-auto p-4">
        <div className="mb-3 flex items-center justify-between gap-2">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <button type="button" className="btn-quiet" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
