"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Dialog } from "../ui/dialog";

// The library (storage, import and export, versions and their diff) loads when it is first opened.
const PromptLibraryPanel = dynamic(() => import("./prompt-library-panel").then((m) => m.PromptLibraryPanel), {
  loading: () => <p className="text-sm text-muted">Loading…</p>,
});

export function PromptsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn-quiet" onClick={() => setOpen(true)}>
        Prompts
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Prompt library">
        <PromptLibraryPanel onOpened={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
