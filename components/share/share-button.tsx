"use client";
import { useConversation } from "../chat/conversation-context";
import { LazyDialogButton } from "../ui/lazy-dialog-button";

const loadPanel = () => import("./share-dialog").then((m) => m.ShareConversationPanel);

/**
 * "Share": snapshot the conversation and its settings into a link; list and revoke earlier links.
 * The dialog's code (the form, the version mapping, the list of links) loads when the page is
 * idle, off the first load.
 */
export function ShareButton() {
  const isStreaming = useConversation((s) => s.isStreaming);
  return <LazyDialogButton label="Share" title="Share this conversation" load={loadPanel} disabled={isStreaming} />;
}
