"use client";
import { useLayoutEffect, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import type { Prices } from "@/lib/model/pricing";
import { useCapabilities } from "@/lib/hooks/use-models";
import { versionsOf } from "@/lib/tree/conversation-tree";
import { useParamsStore } from "@/lib/store/params-store";
import { useConversation, useConversationStoreApi } from "./conversation-context";
import { MessageItem } from "./message-item";
import { NearViewportChecks, NearViewportChecksContext } from "./use-near-viewport";
import { useStickToBottom } from "./use-stick-to-bottom";

/**
 * The conversation. Subscribes to the list of ids only: a streamed delta re-renders its own reply, not the list.
 * A compare column shows only what follows the shared messages (`startAt`), its numbers in its own header.
 */
export function MessageList({
  prices,
  startAt = 0,
  showStats = true,
  label = "Conversation",
  followEnd = true,
  canBranch = false,
}: {
  prices: Prices | null;
  startAt?: number;
  showStats?: boolean;
  label?: string;
  /** Keep the page scrolled to the end while it grows; a compare column scrolls its own box instead. */
  followEnd?: boolean;
  /** Offer "Branch into new conversation" (the main conversation, which History keeps). */
  canBranch?: boolean;
}) {
  const ids = useConversation(useShallow((s) => s.messages.slice(startAt).map((m) => m.id)));
  const lastReplyId = useConversation((s) => s.messages.findLast((m) => m.role === "assistant")?.id);
  const busy = useConversation((s) => s.isStreaming);
  const { regenerate, editAndResend, continueFrom, sendToolResults, showVersion, branchFrom } = useConversationStoreApi().getState();
  const wantsProbabilities = useParamsStore((s) => s.probabilities);
  const capabilities = useCapabilities();
  const probabilities = wantsProbabilities && capabilities?.logprobs !== false;
  const listRef = useRef<HTMLOListElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const conversationId = useConversation((s) => s.id);
  const keepEndInView = useStickToBottom(listRef, endRef, ids.length, followEnd, conversationId, busy);
  const [nearChecks] = useState(() => new NearViewportChecks());
  // After the replies' layout effects: the scroll settled first, then which new replies are in view.
  useLayoutEffect(() => {
    keepEndInView();
    nearChecks.check();
  });

  return (
    <>
      {/* No scroll anchoring while a reply streams: it grows at the end, and finding an anchor in a long reply cost every frame.
          Otherwise the browser keeps what is read in place as replies above it draw (see useNearViewport). */}
      <NearViewportChecksContext value={nearChecks}>
        <ol className={busy ? "space-y-3 [overflow-anchor:none]" : "space-y-3"} aria-label={label} ref={listRef}>
          {ids.map((id) => (
            <ConnectedMessage
              key={id}
              id={id}
              prices={prices}
              isLastReply={id === lastReplyId}
              busy={busy}
              showStats={showStats}
              onRegenerate={regenerate}
              onEdit={editAndResend}
              probabilities={probabilities}
              continueBlocked={id !== lastReplyId ? "Only the last reply can be continued from a chosen token." : busy ? "Wait for the current reply to finish." : undefined}
              onContinue={continueFrom}
              onToolResults={sendToolResults}
              onShowVersion={showVersion}
              onBranch={canBranch ? branchFrom : undefined}
              markdownWhenNear={followEnd}
            />
          ))}
        </ol>
      </NearViewportChecksContext>
      <div ref={endRef} />
    </>
  );
}

type ConnectedProps = Omit<Parameters<typeof MessageItem>[0], "message"> & { id: string };

function ConnectedMessage({ id, ...props }: ConnectedProps) {
  const message = useConversation((s) => s.messages.find((m) => m.id === id));
  // A function result names the call it answers; the name is in the assistant message before it.
  const callName = useConversation((s) =>
    message?.role === "tool" ? s.messages.flatMap((m) => m.toolCalls ?? []).find((c) => c.id === message.toolCallId)?.name : undefined,
  );
  // "position/count", or "" for a message with no other versions: a string, so an unchanged place re-renders nothing.
  const versions = useConversation((s) => {
    const { position, count } = versionsOf(s.tree, id);
    return count > 1 ? `${position}/${count}` : "";
  });
  const [versionPosition, versionCount] = versions ? versions.split("/").map(Number) : [];
  return message ? <MessageItem message={message} {...props} callName={callName} versionPosition={versionPosition} versionCount={versionCount} /> : null;
}
