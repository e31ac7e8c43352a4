"use client";
import { useState } from "react";
import type { CompareStore } from "@/lib/store/compare-store";
import { toSharedMessages } from "@/lib/store/share-mapping";
import { firstUserMessage, shorten } from "@/lib/shares/share-text";
import { ShareForm } from "../share/share-dialog";
import { Dialog } from "../ui/dialog";

/** Shares the comparison: the shared messages, and every column's settings and replies after them. */
export function ShareComparisonButton({ store, disabled }: { store: CompareStore; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const content = () => {
    const { base, columns, systemMessage, model, effectiveParams } = store.getState();
    return {
      systemMessage,
      params: effectiveParams(columns[0].id),
      messages: toSharedMessages(base),
      columns: columns.map((c) => ({ params: effectiveParams(c.id), messages: toSharedMessages(c.conversation.getState().messages.slice(base.length)) })),
      ...(model ? { model } : {}),
    };
  };
  const hasReplies = () => {
    const { base, columns } = store.getState();
    return columns.some((c) => c.conversation.getState().messages.length > base.length);
  };
  return (
    <>
      <button type="button" className="btn-quiet border border-line" onClick={() => setOpen(true)} disabled={disabled}>
        Share comparison
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Share this comparison">
        {open ? (
          <ShareForm
            canShare={hasReplies()}
            description="The link shows every column with its parameters, replies and numbers, read-only, and opens back into compare mode. Anyone with the link can open it; it never changes, and you can revoke it."
            content={content}
            title={() => {
              const { base, columns } = store.getState();
              const prompt = firstUserMessage([...base, ...columns[0].conversation.getState().messages]);
              return `Comparison: ${shorten(prompt, 68) || "untitled"}`;
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}
