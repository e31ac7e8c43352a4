"use client";
import { useEffect } from "react";
import type { ConversationState, ConversationStore } from "@/lib/store/conversation-store";
import type { ConversationHistory } from "@/lib/store/history/conversation-history";
import { useParamsStore } from "@/lib/store/params-store";

/** Later changes (versions switched, counted tokens) are saved after the last of a burst. */
const SAVE_DELAY_MS = 600;

type Snapshot = Pick<ConversationState, "id" | "tree"> & { changedAt: number };

// The history's code (IndexedDB) loads with the first change to a conversation, not with the page,
// and is in hand by the time a reply ends: that save then starts at once, even just before a reload.
let history: ConversationHistory | undefined;
const loadHistory = () => import("@/lib/store/history/conversation-history").then((m) => (history = m.historyOfPage()));

function save({ id, tree, changedAt }: Snapshot) {
  const model = useParamsStore.getState().model;
  const conversation = { id, tree, ...(model ? { model } : {}), updatedAt: new Date(changedAt).toISOString() };
  void (history ? history.save(conversation) : loadHistory().then((h) => h.save(conversation)));
}

/**
 * Keeps the conversation in History whenever this page changes it: when a reply ends, and shortly
 * after any other change. What is due is saved at once when another conversation replaces it or
 * the page goes away.
 */
export function useAutosaveHistory(conversation: ConversationStore): void {
  useEffect(() => {
    let due: Snapshot | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      if (due) save(due);
      due = undefined;
    };
    const unsubscribe = conversation.subscribe((state, previous) => {
      if (state.id !== previous.id) flush();
      if (state.changedAt === previous.changedAt && state.isStreaming === previous.isStreaming) return;
      if (!history) void loadHistory();
      if (state.isStreaming || state.changedAt === undefined || !state.messages.length) return;
      due = { id: state.id, tree: state.tree, changedAt: state.changedAt };
      clearTimeout(timer);
      if (previous.isStreaming) flush();
      else timer = setTimeout(flush, SAVE_DELAY_MS);
    });
    window.addEventListener("pagehide", flush);
    return () => {
      flush();
      unsubscribe();
      window.removeEventListener("pagehide", flush);
    };
  }, [conversation]);
}
