"use client";
/**
 * Which conversation store the components below talk to: the playground provides one, compare
 * mode will provide one per column. Components select only what they show, so a streamed delta
 * re-renders the reply that grows and nothing else.
 */
import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { ConversationState, ConversationStore } from "@/lib/store/conversation-store";

const ConversationContext = createContext<ConversationStore | null>(null);

export function ConversationProvider({ store, children }: { store: ConversationStore; children: ReactNode }) {
  return <ConversationContext.Provider value={store}>{children}</ConversationContext.Provider>;
}

/** The store itself, for reading state in event handlers without subscribing. */
export function useConversationStoreApi(): ConversationStore {
  const store = useContext(ConversationContext);
  if (!store) throw new Error("useConversation needs a <ConversationProvider> above it.");
  return store;
}

export function useConversation<T>(selector: (state: ConversationState) => T): T {
  return useStore(useConversationStoreApi(), selector);
}
