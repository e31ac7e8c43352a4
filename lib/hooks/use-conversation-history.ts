"use client";
/** React hooks over the page's History (lib/store/history): react-query data, fresh after any change in any tab. Loaded with the History dialog. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { historyOfPage } from "../store/history/conversation-history";

export const HISTORY_KEY = ["history"] as const;

function useHistory() {
  const queries = useQueryClient();
  const history = historyOfPage();
  useEffect(() => history.subscribe(() => void queries.invalidateQueries({ queryKey: HISTORY_KEY })), [queries, history]);
  return history;
}

export function useHistoryListings() {
  const history = useHistory();
  return useQuery({ queryKey: [...HISTORY_KEY, "listings"], queryFn: () => history.listings(), staleTime: Infinity });
}

/** Every conversation's text, read once a search starts. */
export function useHistoryTexts(enabled: boolean) {
  const history = useHistory();
  return useQuery({ queryKey: [...HISTORY_KEY, "texts"], queryFn: () => history.searchTexts(), staleTime: Infinity, enabled });
}

/** The title of the conversation last dropped for the history's bound, if it has not been dismissed. */
export function useDroppedConversation() {
  const history = useHistory();
  return useQuery({ queryKey: [...HISTORY_KEY, "dropped"], queryFn: async () => (await history.dropped()) ?? null, staleTime: Infinity });
}
