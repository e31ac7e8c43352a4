"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { useConversation } from "../chat/conversation-context";
import { Dialog } from "../ui/dialog";

// The library's storage loads when the dialog first opens, not with the page.
const SavePromptForm = dynamic(() => import("./save-prompt-form").then((m) => m.SavePromptForm), {
  loading: () => <p className="text-sm text-muted">Loading…</p>,
});

/** "Save prompt": the page as a new prompt, or as the next version of the prompt that is open. */
export function SavePromptButton() {
  const [open, setOpen] = useState(false);
  const isStreaming = useConversation((s) => s.isStreaming);
  return (
    <>
      <button type="button" className="btn-quiet" onClick={() => setOpen(true)} disabled={isStreaming}>
        Save prompt
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Save prompt">
        <SavePromptForm />
      </Dialog>
    </>
  );
}
