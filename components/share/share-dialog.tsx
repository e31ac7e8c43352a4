"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useMemo, useState, type ReactNode } from "react";
import { createShare, type CreatedShareResponse } from "@/lib/client/shares-api";
import type { CreateShareBody } from "@/lib/shares/snapshot";
import { otherVersionCount, toSharedMessages } from "@/lib/store/share-mapping";
import { EXPIRY_CHOICES, EXPIRY_OPTIONS, type ExpiryChoice } from "@/lib/shares/expiry";
import { absoluteShareUrl, firstUserMessage, shorten } from "@/lib/shares/share-text";
import { useMySharesStore } from "@/lib/store/my-shares-store";
import { useParamsStore } from "@/lib/store/params-store";
import { fillRequest } from "@/lib/prompts/fill-request";
import { usePromptSessionStore, variableValues } from "@/lib/store/prompt-session-store";
import { mapMessages } from "@/lib/tree/conversation-tree";
import { useConversation, useConversationStoreApi } from "../chat/conversation-context";
import { CopyButton } from "../ui/copy-button";
import { MySharedLinks } from "./my-shared-links";

/** The Share dialog's content (components/share/share-button.tsx loads it when the page is idle). */
export function ShareConversationPanel() {
  return (
    <>
      <ShareConversationForm />
      <MySharedLinks />
    </>
  );
}

/** The conversation's form: mounted only while the dialog is open, so counting versions costs nothing while a reply streams. */
function ShareConversationForm() {
  const conversation = useConversationStoreApi();
  const hasMessages = useConversation((s) => s.messages.length > 0);
  const tree = useConversation((s) => s.tree);
  const others = useMemo(() => otherVersionCount(tree), [tree]);
  // Off by default: a link shows what is on screen unless its creator chooses to show more.
  const [includeVersions, setIncludeVersions] = useState(false);
  const hintId = useId();
  return (
    <ShareForm
      canShare={hasMessages}
      description="The link shows every message, the System Message and all parameter values, read-only. Anyone with the link can open it; it never changes, and you can revoke it."
      options={
        others > 0 ? (
          <div className="text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={includeVersions} onChange={(e) => setIncludeVersions(e.target.checked)} aria-describedby={hintId} />
              <span>
                Include other versions ({others} more {others === 1 ? "message" : "messages"})
              </span>
            </label>
            <p id={hintId} className="mt-1 text-muted">
              Off, the link holds the messages on screen. On, it holds every version an edit or a regenerate left too, with Previous and Next version on its page.
            </p>
          </div>
        ) : null
      }
      content={async () => {
        const { systemMessage, params, model } = useParamsStore.getState();
        // What the model read: {{variables}} filled as they were sent.
        const values = variableValues(usePromptSessionStore.getState());
        const filled = fillRequest({ systemMessage, messages: conversation.getState().messages }, values);
        const settings = { systemMessage: filled.systemMessage, params, ...(model ? { model } : {}) };
        if (!includeVersions || others === 0) return { ...settings, messages: toSharedMessages(filled.messages) };
        // The other versions are filled the same way as the shown ones.
        const tree = mapMessages(conversation.getState().tree, (m) => fillRequest({ systemMessage: "", messages: [m] }, values).messages[0]);
        const { toSharedConversation } = await import("@/lib/store/share-tree-mapping");
        return { ...settings, ...toSharedConversation(tree) };
      }}
      title={() => shorten(firstUserMessage(conversation.getState().messages), 80) || "Untitled conversation"}
    />
  );
}

type ShareContent = Omit<CreateShareBody, "creatorSecret" | "expiresIn">;

export interface ShareFormProps {
  canShare: boolean;
  description: string;
  /** Choices about what the link holds, shown above its expiry. */
  options?: ReactNode;
  /** What the link holds, read when the link is created (code it needs may load then). */
  content(): ShareContent | Promise<ShareContent>;
  /** How "My shared links" lists it. */
  title(): string;
}

/** Creates a link to `content()` with the chosen expiry, remembers it in "My shared links" and shows it. */
export function ShareForm({ canShare, description, options, content, title }: ShareFormProps) {
  const [expiresIn, setExpiresIn] = useState<ExpiryChoice>("never");
  const remember = useMySharesStore((s) => s.remember);

  const share = useMutation({
    mutationFn: async () => {
      // Load the saved creator secret first: one made now would be saved over the stored links.
      if (!useMySharesStore.persist.hasHydrated()) await useMySharesStore.persist.rehydrate();
      const creatorSecret = useMySharesStore.getState().creatorSecret();
      return createShare({ creatorSecret, expiresIn, ...(await content()) });
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
      {options}
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
