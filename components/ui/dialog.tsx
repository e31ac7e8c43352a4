"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A modal on the browser's own <dialog>: focus is trapped and restored, Escape closes, the rest
 * of the page is inert. No library needed for that anymore.
 */
export function Dialog({ open, onClose, title, children }: { open: boolean; onClose(): void; title: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      // A click on the backdrop lands on the <dialog> element itself.
      onClick={(e) => e.target === e.currentTarget && onClose()}
      className="m-auto w-[min(56rem,calc(100vw-1.5rem))] rounded-xl border border-line bg-bg p-0 text-fg shadow-xl backdrop:bg-black/50"
    >
      {open ? (
        // data-scroll-box: where lists drawing only their visible rows find the box they scroll in.
        <div data-scroll-box className="max-h-[85vh] overflow-y-auto p-4">
          <div className="mb-3 flex items-center justify-between gap-2">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <button type="button" className="btn-quiet" onClick={onClose}>
              Close
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
