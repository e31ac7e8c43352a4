"use client";
import { useCallback, useSyncExternalStore } from "react";
import { useStore } from "zustand";
import type { CompareColumn, CompareState, CompareStore } from "@/lib/store/compare-store";

export const useCompare = <T,>(store: CompareStore, selector: (state: CompareState) => T): T => useStore(store, selector);

/**
 * Which columns are streaming, as one string ("0110"): it changes only when a column starts or
 * ends, not with every streamed delta, so the toolbar re-renders only then.
 */
export function useStreamingColumns(columns: CompareColumn[]): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const unsubscribe = columns.map((c) => c.conversation.subscribe(onChange));
      return () => unsubscribe.forEach((u) => u());
    },
    [columns],
  );
  const read = useCallback(() => columns.map((c) => (c.conversation.getState().isStreaming ? "1" : "0")).join(""), [columns]);
  return useSyncExternalStore(subscribe, read, () => "");
}
