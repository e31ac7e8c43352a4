"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { fetchShare } from "@/lib/client/shares-api";
import { fromSharedMessages } from "@/lib/store/share-mapping";
import type { MessageTree } from "@/lib/store/conversation-store";
import { useParamsStore } from "@/lib/store/params-store";
import type { SamplingParams } from "@/lib/params";
import type { ShareSnapshot } from "@/lib/shares/snapshot";
import { useConversationStoreApi } from "../chat/conversation-context";

interface Previous {
  /** With every version it had: restoring gives all of it back. */
  tree: MessageTree;
  hasMessages: boolean;
  systemMessage: string;
  params: SamplingParams;
}

export const shareIdInUrl = () => new URLSearchParams(window.location.search).get("share");


/**
 * "Open in playground" lands here as /?share=<id>: load a copy of the shared conversation and
 * its settings into the stores. What was in the playground before can be restored.
 */
export function OpenSharedConversation({ id, onComparison }: { id: string | null; onComparison(snapshot: ShareSnapshot): void }) {
  const [previous, setPrevious] = useState<Previous | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const loadedFor = useRef<string | null>(null);
  const conversationStore = useConversationStoreApi();

  const shared = useQuery({
    queryKey: ["share", id],
    queryFn: ({ signal }) => fetchShare(id!, signal),
    enabled: id !== null,
    staleTime: Infinity,
    retry: false,
  });

  useEffect(() => {
    if (!shared.data || loadedFor.current === shared.data.id) return;
    loadedFor.current = shared.data.id;
    const conversation = conversationStore.getState();
    const settings = useParamsStore.getState();
    setPrevious({ tree: conversation.tree, hasMessages: conversation.messages.length > 0, systemMessage: settings.systemMessage, params: settings.params });
    const { snapshot } = shared.data;
    // A shared comparison opens back into compare mode; the chat is left as it was.
    if (snapshot.columns) {
      onComparison(snapshot);
      window.history.replaceState(null, "", window.location.pathname);
      return;
    }
    if (snapshot.template) {
      // Prompt code loads only for a template link.
      const template = snapshot.template;
      // Read now: the address loses its query string below, before the module arrives.
      const search = new URLSearchParams(window.location.search);
      void import("./open-shared-template").then((m) => m.openSharedTemplate(snapshot, template, conversationStore, search));
      window.history.replaceState(null, "", window.location.pathname);
      return;
    }
    settings.load(snapshot.systemMessage, snapshot.params);
    const newId = () => crypto.randomUUID();
    const tree = snapshot.tree;
    // A share with its other versions opens with all of them, its shown path on screen; that code loads only then.
    if (tree) void import("@/lib/store/share-tree-mapping").then((m) => conversation.load(m.fromSharedTree(tree, newId)));
    else conversation.load(fromSharedMessages(snapshot.messages, newId));
    // A reload should show the playground, not load the share over the user's edits again.
    window.history.replaceState(null, "", window.location.pathname);
  }, [shared.data, conversationStore, onComparison]);

  if (id === null || dismissed) return null;
  if (shared.isError) {
    return (
      <div role="alert" className="flex flex-wrap items-center gap-2 rounded-lg border border-red-500/60 px-3 py-2 text-sm">
        <span>Could not open the shared conversation: {shared.error.message}</span>
        <button type="button" className="btn-quiet" onClick={() => setDismissed(true)}>
          Dismiss
        </button>
      </div>
    );
  }
  if (!shared.data) return <p className="text-sm text-muted">Opening the shared conversation…</p>;

  if (shared.data.snapshot.template) {
    return (
      <div role="status" className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-line bg-subtle px-3 py-2 text-sm">
        <span>Opened the shared prompt “{shared.data.snapshot.template.name}”: fill its variables and send. Save it to keep it in your library.</span>
        <button type="button" className="btn-quiet" onClick={() => setDismissed(true)}>
          Dismiss
        </button>
      </div>
    );
  }
  if (shared.data.snapshot.columns) {
    return (
      <div role="status" className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-line bg-subtle px-3 py-2 text-sm">
        <span>Opened a copy of a shared comparison in compare mode. Run it again or change a column; the link itself never changes.</span>
        <button type="button" className="btn-quiet" onClick={() => setDismissed(true)}>
          Dismiss
        </button>
      </div>
    );
  }

  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-lg border border-line bg-subtle px-3 py-2 text-sm">
      <span>Opened a copy of a shared conversation with its settings. Continue it or regenerate; the link itself never changes.</span>
      {previous?.hasMessages ? (
        <button
          type="button"
          className="btn-quiet"
          onClick={() => {
            useParamsStore.getState().load(previous.systemMessage, previous.params);
            conversationStore.getState().load(previous.tree);
            setDismissed(true);
          }}
        >
          Restore my previous conversation
        </button>
      ) : null}
      <button type="button" className="btn-quiet" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
