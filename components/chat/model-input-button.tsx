"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Dialog } from "../ui/dialog";

// The panel (and its request) loads when asked for.
const ModelInputPanel = dynamic(() => import("./model-input-panel").then((m) => m.ModelInputPanel), {
  loading: () => <p className="text-sm text-muted">Loading…</p>,
});

/** "Show model input" on a reply: the exact text the model read for it. */
export function ModelInputButton({ replyId, disabled }: { replyId: string; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn-quiet" disabled={disabled} onClick={() => setOpen(true)}>
        Show model input
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Model input">
        {open ? <ModelInputPanel replyId={replyId} /> : null}
      </Dialog>
    </>
  );
}
