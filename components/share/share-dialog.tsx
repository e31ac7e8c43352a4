"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { createShare, type CreatedShareResponse } from "@/lib/client/shares-api";
import type { CreateShareBody } from "@/lib/shares/snapshot";
import { toSharedMessages } from "@/lib/store/share-mapping";
import { EXPIRY_CHOICES, EXPIRY_OPTIONS, type ExpiryChoice } from "@/lib/shares/expiry";
import { absoluteShareUrl, firstUserMessage, shorten } from "@/lib/shares/share-text";
import { useMySharesStore } from "@/lib/store/my-shares-store";
import { useParamsStore } from "@/lib/store/params-store";
import { fillRequest } from "@/lib/prompts/fill-request";
import { usePromptSessionStore, variableValues } from "@/lib/store/prompt-session-store";
import { useConversation, useConversationStoreApi } from "../chat/conversation-context";
import { CopyButton } from "../ui/copy-button";
import { Dialog } from "../ui/dialog";
import { MySharedLinks } from "./my-shared-links";

/** "Share": snapshot the conversation and its settings into a link; list and revoke earlier links. */
export function ShareButton() {
  const [open, setOpen] = useState(false);
  const isStreaming = useConversation((s) => s.isStreaming);
  const conversation = useConversationStoreApi();
  const hasMessages = useConversation((s) => s.messages.length > 0);
  return (
    <>
      <button type="button" className="btn-quiet" onClick={() => setOpen(true)} disabled={isStreaming}>
        Share
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Share this conversation">
        <ShareForm
          canShare={hasMessages}
          description="The link shows every message, the System Message and all parameter values, read-only. Anyone with the link can open it; it never changes, and you can revoke it."
          content={() => {
            const { systemMessage, params, model } = useParamsStore.getState();
            // What the model read: {{variables}} filled as they were sent.
            const filled = fillRequest({ systemMessage, messages: conversation.getState().messages }, variableValues(usePromptSessionStore.getState()));
            return { systemMessage: filled.systemMessage, params, messages: toSharedMessages(filled.messages), ...(model ? { model } : {}) };
          }}
          title={() => shorten(firstUserMessage(conversation.getState().messages), 80) || "Untitled conversation"}
        />
        <MySharedLinks />
      </Dialog>
    </>
  );
}

export interface ShareFormProps {
  canShare: boolean;
  description: string;
  /** What the link holds, read when the link is created. */
  content(): Omit<CreateShareBody, "creatorSecret" | "expiresIn">;
  /** How "My shared links" lists it. */
  title(): string;
}

/** Creates a link to `content()` with the chosen expiry, remembers it in "My shared links" and shows it. */
export function ShareForm({ canShare, description, content, title }: ShareFormProps) {
  const [expiresIn, setExpiresIn] = useState<ExpiryChoice>("never");
  const remember = useMySharesStore((s) => s.remember);

  const share = useMutation({
    mutationFn: async () => {
      // Load the saved creator secret first: one made now would be saved over the stored links.
      if (!useMySharesStore.persist.hasHydrated()) await useMySharesStore.persist.rehydrate();
      const creatorSecret = useMySharesStore.getState().creatorSecret();
      return createShare({ creatorSecret, expiresIn, ...content() });
    },
    onSuccess: (created) => {
      remember({
        id: created.id,
        title: title(),
        createdAt: created.createdAt,
        expiresAt: created.expiresAt,
        ...(created.revokeToken ? { revokeToken: created.revokeToken } : {}),
      });
    },
  });

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        share.mutate();
      }}
    >
      <p className="text-sm text-muted">{description}</p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span>Link expires</span>
          <select className="rounded border border-line bg-bg px-2 py-1.5" value={expiresIn} onChange={(e) => setExpiresIn(e.target.value as ExpiryChoice)}>
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {EXPIRY_OPTIONS[choice].label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn-primary" disabled={!canShare || share.isPending}>
          {share.isPending ? "Creating link…" : "Create link"}
        </button>
      </div>
      {!canShare ? <p className="text-sm text-muted">Send a message first: there is nothing to share yet.</p> : null}
      {share.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {share.error.message}
        </p>
      ) : null}
      {share.data ? <CreatedLink created={share.data} /> : null}
    </form>
  );
}

function CreatedLink({ created }: { created: CreatedShareResponse }) {
  const url = absoluteShareUrl(created.id);
  return (
    <div className="space-y-2 rounded-lg border border-line p-3" role="status">
      <label className="flex flex-col gap-1 text-sm">
        <span>Share link</span>
        <input className="rounded border border-line bg-subtle px-2 py-1.5 font-mono text-sm" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <CopyButton text={url} label="Copy link" />
        <a className="btn-quiet" href={url} target="_blank" rel="noopener noreferrer">
          Open link
        </a>
        {created.reused ? <span className="text-muted">You shared this exact conversation before: same link.</span> : null}
      </div>
    </div>
  );
}
